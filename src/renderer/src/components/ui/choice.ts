// The lab's one question dialog (a styled, keyboard-friendly replacement for window.confirm):
// a title, a sentence and two or more answers. Stores call askChoice() (or askConfirm(), its
// yes/no shorthand) and await the answer; ChoiceDialog.vue, mounted once, shows the open question.
import { reactive, readonly } from 'vue'

export interface ChoiceOption<A extends string> {
  answer: A
  label: string
  /** Tooltip saying what the answer does. */
  title?: string
  /** The main answer is 'primary'; one that throws work away is 'danger'. */
  kind?: 'primary' | 'danger' | 'primary danger'
}

export interface ChoiceRequest<A extends string> {
  /** Names the dialog for tests and styling: `${id}-dialog`, and `${id}-${answer}` per button. */
  id: string
  title: string
  message: string
  /** The answers, in the order they are shown. */
  options: readonly ChoiceOption<A>[]
  /** The answer given by Escape, by a click beside the dialog, or when a newer question replaces
   *  this one: always the one that changes nothing. */
  dismiss: A
  /** The answer that has the focus when the dialog opens. */
  focus: A
  /** Whether a click on the backdrop dismisses (a plain confirmation: yes; a question whose
   *  answers all matter, such as unsaved changes: no). */
  dismissOnBackdrop?: boolean
}

const state = reactive<{ open: boolean; request: ChoiceRequest<string> | null }>({
  open: false,
  request: null
})
let pending: ((answer: string) => void) | null = null

export function askChoice<A extends string>(request: ChoiceRequest<A>): Promise<A> {
  // A newer question replaces an unanswered one; the older caller hears its dismiss answer.
  if (state.request) answerChoice(state.request.dismiss)
  state.request = request
  state.open = true
  return new Promise<A>((resolve) => {
    pending = resolve as (answer: string) => void
  })
}

export function answerChoice(answer: string): void {
  const resolve = pending
  pending = null
  state.open = false
  state.request = null
  resolve?.(answer)
}

/** The open question (readonly): what ChoiceDialog shows and what tests look at. */
export const choiceState = readonly(state)

/** A yes/no question: true when the learner accepts. */
export function askConfirm(request: {
  message: string
  title?: string
  confirmLabel?: string
  cancelLabel?: string
}): Promise<boolean> {
  return askChoice({
    id: 'confirm',
    title: request.title ?? 'Are you sure?',
    message: request.message,
    options: [
      {
        answer: 'cancel',
        label: request.cancelLabel ?? 'Cancel',
        title: 'Leave everything as it was.'
      },
      {
        answer: 'accept',
        label: request.confirmLabel ?? 'OK',
        title: 'Go ahead with the change.',
        kind: 'primary danger'
      }
    ],
    dismiss: 'cancel',
    focus: 'cancel',
    dismissOnBackdrop: true
  }).then((answer) => answer === 'accept')
}
