// A menu button's keyboard and pointer behaviour (the WAI-ARIA menu button pattern): opening
// focuses the first item, ArrowUp/ArrowDown/Home/End move between the items (role="menuitem"),
// Escape closes from anywhere and gives focus back to the button, a click outside closes.
// Panels that are not menus (fields inside) get the same Escape, focus return and outside click
// with `items: false`.
import { nextTick, onBeforeUnmount, onMounted, ref, watch, type Ref } from 'vue'

export interface PopupMenu {
  open: Ref<boolean>
  toggle(): void
  close(options?: { restoreFocus?: boolean }): void
  /** Bind to the popup's @keydown: arrow keys between menu items. */
  onMenuKeydown(event: KeyboardEvent): void
}

/** The enabled menu items in `menu`, in order. */
export function menuItems(menu: HTMLElement): HTMLElement[] {
  return Array.from(
    menu.querySelectorAll<HTMLElement>(
      '[role="menuitem"]:not([disabled]):not([aria-disabled="true"])'
    )
  )
}

/** The item that `key` moves to from `current` (wrapping), or null for any other key. */
export function nextMenuItem(
  items: HTMLElement[],
  current: Element | null,
  key: string
): HTMLElement | null {
  if (items.length === 0) return null
  const index = items.findIndex((item) => item === current)
  if (key === 'Home') return items[0]
  if (key === 'End') return items[items.length - 1]
  if (key === 'ArrowDown') return items[(index + 1) % items.length]
  if (key === 'ArrowUp') return items[(index - 1 + items.length) % items.length]
  return null
}

export function usePopupMenu(
  root: Ref<HTMLElement | null>,
  trigger: Ref<HTMLElement | null>,
  menu: Ref<HTMLElement | null>,
  options: { items: boolean; onOpen?: () => unknown } = { items: true }
): PopupMenu {
  const open = ref(false)

  function close({ restoreFocus = true } = {}): void {
    if (!open.value) return
    open.value = false
    if (restoreFocus) trigger.value?.focus()
  }

  function toggle(): void {
    if (open.value) close()
    else open.value = true
  }

  function onMenuKeydown(event: KeyboardEvent): void {
    if (!options.items || !menu.value) return
    const target = event.target as HTMLElement | null
    // Typing in a field inside the menu (the session note) keeps its own arrow keys.
    if (target && ['TEXTAREA', 'INPUT', 'SELECT'].includes(target.tagName)) return
    const next = nextMenuItem(menuItems(menu.value), document.activeElement, event.key)
    if (!next) return
    event.preventDefault()
    next.focus()
  }

  function onDocumentKeydown(event: KeyboardEvent): void {
    if (event.key !== 'Escape' || !open.value) return
    event.preventDefault()
    event.stopPropagation()
    close()
  }

  function onOutsidePointer(event: MouseEvent): void {
    if (open.value && root.value && !root.value.contains(event.target as Node)) {
      close({ restoreFocus: false })
    }
  }

  watch(open, async (isOpen) => {
    if (!isOpen) return
    await options.onOpen?.()
    await nextTick()
    const el = menu.value
    if (!el) return
    const first = options.items ? menuItems(el)[0] : null
    ;(first ?? el).focus()
  })

  onMounted(() => {
    document.addEventListener('mousedown', onOutsidePointer)
    document.addEventListener('keydown', onDocumentKeydown)
  })
  onBeforeUnmount(() => {
    document.removeEventListener('mousedown', onOutsidePointer)
    document.removeEventListener('keydown', onDocumentKeydown)
  })

  return { open, toggle, close, onMenuKeydown }
}
