// One in-app confirmation dialog for the whole lab (a styled, keyboard-friendly replacement for
// window.confirm). Stores call askConfirm(); ConfirmDialog.vue renders the open request.
import { reactive, readonly } from 'vue'

export interface ConfirmRequest {
  title: string
  message: string
  confirmLabel: string
  cancelLabel: string
}

const state = reactive({
  open: false,
  title: '',
  message: '',
  confirmLabel: 'OK',
  cancelLabel: 'Cancel'
})
let pending: ((accepted: boolean) => void) | null = null

export function askConfirm(
  request: Partial<ConfirmRequest> & { message: string }
): Promise<boolean> {
  // A newer question replaces an unanswered one; the older caller hears "no".
  pending?.(false)
  state.title = request.title ?? 'Are you sure?'
  state.message = request.message
  state.confirmLabel = request.confirmLabel ?? 'OK'
  state.cancelLabel = request.cancelLabel ?? 'Cancel'
  state.open = true
  return new Promise((resolve) => {
    pending = resolve
  })
}

export function answerConfirm(accepted: boolean): void {
  const resolve = pending
  pending = null
  state.open = false
  resolve?.(accepted)
}

export const confirmState = readonly(state)
