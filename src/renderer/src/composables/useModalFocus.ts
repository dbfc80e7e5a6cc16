// Modal focus: while a dialog or drawer is open, Tab and Shift+Tab cycle through its own
// controls, and when it closes focus goes back to whatever had it before it opened (the button
// that opened it, usually), so a keyboard user never loses their place.
import { nextTick, onBeforeUnmount, watch, type Ref } from 'vue'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])'
].join(',')

/** The elements Tab can reach inside `container`, in document order. */
export function focusableIn(container: HTMLElement): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0
  )
}

/** Moves focus to the next (or previous) focusable element of `container`, wrapping around.
 *  Returns true when it handled the key. Exported for tests. */
export function cycleFocus(container: HTMLElement, backwards: boolean): boolean {
  const items = focusableIn(container)
  if (items.length === 0) {
    container.focus()
    return true
  }
  const active = document.activeElement as HTMLElement | null
  const index = active ? items.indexOf(active) : -1
  const first = items[0]
  const last = items[items.length - 1]
  if (backwards && (index <= 0 || !container.contains(active))) {
    last.focus()
    return true
  }
  if (!backwards && (index === items.length - 1 || !container.contains(active))) {
    first.focus()
    return true
  }
  return false // the browser's own Tab moves within the container
}

/**
 * Keeps focus inside `container` while `isOpen()` is true and returns it on close.
 * `initial` picks the element to focus on open (default: the first focusable one).
 */
export function useModalFocus(
  container: Ref<HTMLElement | null>,
  isOpen: () => boolean,
  initial?: () => HTMLElement | null | undefined
): void {
  let returnTo: HTMLElement | null = null

  function onKeydown(event: KeyboardEvent): void {
    const el = container.value
    if (!el || event.key !== 'Tab' || !isOpen()) return
    if (cycleFocus(el, event.shiftKey)) event.preventDefault()
  }

  watch(
    isOpen,
    async (open) => {
      if (open) {
        const active = document.activeElement
        returnTo = active instanceof HTMLElement && active !== document.body ? active : null
        document.addEventListener('keydown', onKeydown, true)
        await nextTick()
        const el = container.value
        if (!el || el.contains(document.activeElement)) return
        const target = initial?.() ?? focusableIn(el)[0] ?? el
        target.focus()
      } else {
        document.removeEventListener('keydown', onKeydown, true)
        const target = returnTo
        returnTo = null
        await nextTick()
        // Only when focus was left nowhere in particular (the dialog's button vanished with it).
        const active = document.activeElement
        const lost = active === null || active === document.body || !active.isConnected
        if (target?.isConnected && lost) target.focus()
      }
    },
    { immediate: true }
  )

  onBeforeUnmount(() => document.removeEventListener('keydown', onKeydown, true))
}
