// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { usePreferencesStore } from './preferences'

describe('preferences store', () => {
  beforeEach(() => {
    localStorage.clear()
    setActivePinia(createPinia())
  })

  it('defaults to test points shown, smooth map, linear loss, live view', () => {
    const preferences = usePreferencesStore()
    expect(preferences.showTestPoints).toBe(true)
    expect(preferences.discretize).toBe(false)
    expect(preferences.lossScale).toBe('linear')
    expect(preferences.liveView).toBe(true)
    expect(preferences.view).toBe('lab')
  })

  it('survives a restart through localStorage, and ignores a corrupt entry', async () => {
    const first = usePreferencesStore()
    first.discretize = true
    first.lossScale = 'log'
    first.liveView = false
    await nextTick()
    setActivePinia(createPinia())
    const second = usePreferencesStore()
    expect(second.discretize).toBe(true)
    expect(second.lossScale).toBe('log')
    expect(second.liveView).toBe(false)

    localStorage.setItem('nnlab:preferences', '{not json')
    setActivePinia(createPinia())
    expect(usePreferencesStore().lossScale).toBe('linear')
  })

  it('keeps the palette and the speed, applies the palette, and ignores unknown values', async () => {
    const { activePalette } = await import('../charts/colormap')
    const first = usePreferencesStore()
    expect(first.palette).toBe('standard')
    expect(first.speed).toBe('max')
    first.palette = 'colorblind'
    first.speed = 5
    await nextTick()
    expect(activePalette().classes[0]).toBe('#0072b2')
    setActivePinia(createPinia())
    const second = usePreferencesStore()
    expect(second.palette).toBe('colorblind')
    expect(second.speed).toBe(5)

    localStorage.setItem('nnlab:preferences', JSON.stringify({ palette: 'neon', speed: 7 }))
    setActivePinia(createPinia())
    const third = usePreferencesStore()
    expect(third.palette).toBe('standard')
    expect(third.speed).toBe('max')
    expect(activePalette().classes[0]).toBe('#1f4fd8')
  })
})
