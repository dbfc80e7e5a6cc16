// @vitest-environment happy-dom
// The tab rows' keyboard model (WAI-ARIA tabs): the selected tab is the one Tab stop; the keys
// move in a wrapping row.
import { describe, expect, it } from 'vitest'
import { syncRovingTabindex, tabForKey } from './useTabList'

function row(selected: number, count = 3): HTMLElement {
  const list = document.createElement('div')
  list.setAttribute('role', 'tablist')
  for (let i = 0; i < count; i++) {
    const tab = document.createElement('button')
    tab.setAttribute('role', 'tab')
    tab.setAttribute('aria-selected', String(i === selected))
    list.append(tab)
  }
  return list
}

describe('tab rows', () => {
  it('the selected tab is the only Tab stop, the first one when none is selected', () => {
    const list = row(2)
    syncRovingTabindex(list)
    expect([...list.children].map((t) => (t as HTMLElement).tabIndex)).toEqual([-1, -1, 0])
    const none = row(-1)
    syncRovingTabindex(none)
    expect([...none.children].map((t) => (t as HTMLElement).tabIndex)).toEqual([0, -1, -1])
  })

  it('Left/Right wrap, Home/End go to the ends, other keys do nothing', () => {
    const tabs = [...row(0).children] as HTMLElement[]
    expect(tabForKey(tabs, 0, 'ArrowRight')).toBe(1)
    expect(tabForKey(tabs, 2, 'ArrowRight')).toBe(0)
    expect(tabForKey(tabs, 0, 'ArrowLeft')).toBe(2)
    expect(tabForKey(tabs, 1, 'Home')).toBe(0)
    expect(tabForKey(tabs, 1, 'End')).toBe(2)
    expect(tabForKey(tabs, 1, 'ArrowDown')).toBeNull()
    expect(tabForKey([], 0, 'ArrowRight')).toBeNull()
  })
})
