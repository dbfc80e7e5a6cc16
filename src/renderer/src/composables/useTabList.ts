// The WAI-ARIA tabs pattern for every tab row of the lab (the view tabs in App.vue with
// InsideViewTab.vue, the Learn drawer's tabs): put `v-tab-list` on the element with
// role="tablist". Its [role="tab"] buttons get a roving tabindex (the selected tab is the one Tab
// stop, the others -1, kept in step with aria-selected), and Left/Right/Home/End move to the
// previous/next/first/last tab and select it (a click: selection follows focus).
import type { Directive } from 'vue'

const TAB = '[role="tab"]'

function tabsOf(list: HTMLElement): HTMLElement[] {
  return Array.from(list.querySelectorAll<HTMLElement>(TAB)).filter(
    (tab) => !(tab as HTMLButtonElement).disabled
  )
}

/** The selected tab is the row's Tab stop (the first one when none is selected). */
export function syncRovingTabindex(list: HTMLElement): void {
  const tabs = tabsOf(list)
  const selected = tabs.find((tab) => tab.getAttribute('aria-selected') === 'true') ?? tabs[0]
  for (const tab of tabs) tab.tabIndex = tab === selected ? 0 : -1
}

/** The tab a key moves to from `current`, or null for other keys (wraps at both ends). */
export function tabForKey(tabs: HTMLElement[], current: number, key: string): number | null {
  const n = tabs.length
  if (n === 0) return null
  if (key === 'ArrowRight') return (current + 1) % n
  if (key === 'ArrowLeft') return (current - 1 + n) % n
  if (key === 'Home') return 0
  if (key === 'End') return n - 1
  return null
}

function onKeydown(this: HTMLElement, event: KeyboardEvent): void {
  if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return
  const tabs = tabsOf(this)
  const current = tabs.indexOf(event.target as HTMLElement)
  if (current < 0) return
  const next = tabForKey(tabs, current, event.key)
  if (next === null) return
  event.preventDefault()
  tabs[next].focus()
  tabs[next].click()
  syncRovingTabindex(this)
}

const observers = new WeakMap<HTMLElement, MutationObserver>()

export const vTabList: Directive<HTMLElement> = {
  mounted(el) {
    el.addEventListener('keydown', onKeydown)
    syncRovingTabindex(el)
    // aria-selected can change from outside (a menu, a shortcut, another component's state).
    const observer = new MutationObserver(() => syncRovingTabindex(el))
    observer.observe(el, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-selected', 'disabled']
    })
    observers.set(el, observer)
  },
  beforeUnmount(el) {
    el.removeEventListener('keydown', onKeydown)
    observers.get(el)?.disconnect()
    observers.delete(el)
  }
}
