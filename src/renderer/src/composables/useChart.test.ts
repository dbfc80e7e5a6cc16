// @vitest-environment happy-dom
/* eslint-disable vue/one-component-per-file -- the harness: a parent that can unmount the chart component */
import { describe, expect, it, vi } from 'vitest'
import { defineComponent, h, nextTick, ref } from 'vue'
import { mount } from '@vue/test-utils'
import type { ChartTheme } from '../charts/setup'
import { useChart } from './useChart'

// The OS theme switch is driven by hand: watchColorScheme hands its callback to the test.
const scheme = vi.hoisted(() => ({ listeners: new Set<() => void>() }))
vi.mock('../charts/setup', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../charts/setup')>()),
  watchColorScheme: (onChange: () => void) => {
    scheme.listeners.add(onChange)
    return () => scheme.listeners.delete(onChange)
  }
}))

interface FakeChart {
  canvas: HTMLCanvasElement
  theme: ChartTheme
  destroyed: boolean
  destroy(): void
}

function harness() {
  const created: FakeChart[] = []
  const onCreated = vi.fn()
  const show = ref(true)
  const Child = defineComponent({
    setup() {
      const { chart, rebuild } = useChart(
        'plot',
        (canvas, theme) => {
          const fake: FakeChart = {
            canvas,
            theme,
            destroyed: false,
            destroy() {
              this.destroyed = true
            }
          }
          created.push(fake)
          return fake
        },
        { onCreated }
      )
      return { chart, rebuild }
    },
    render: () => h('canvas', { ref: 'plot' })
  })
  const Parent = defineComponent({
    setup: () => () => (show.value ? h(Child) : null)
  })
  const wrapper = mount(Parent, { attachTo: document.body })
  const child = () =>
    wrapper.findComponent(Child).vm as unknown as {
      chart: FakeChart | null
      rebuild(): void
    }
  return { created, onCreated, show, wrapper, child }
}

/** Lets a task queued now (setTimeout 0) run. */
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

describe('useChart', () => {
  it('creates the chart once, on the mounted canvas, with the theme, in a task after the mount', async () => {
    const { created, onCreated, wrapper, child } = harness()
    // Not inside the mount's task: the page can paint first.
    expect(created).toHaveLength(0)
    expect(child().chart).toBeNull()
    await nextTask()
    expect(created).toHaveLength(1)
    expect(created[0].canvas).toBe(wrapper.find('canvas').element)
    expect(created[0].theme.text).toBeTruthy()
    expect(child().chart).toBe(created[0])
    expect(onCreated).toHaveBeenCalledExactlyOnceWith(created[0])
    wrapper.unmount()
  })

  it('rebuilds on a theme change: the old chart destroyed, a new one in its place', async () => {
    const { created, onCreated, wrapper, child } = harness()
    await nextTask()
    expect(scheme.listeners.size).toBe(1)
    for (const listener of scheme.listeners) listener()
    expect(created).toHaveLength(2)
    expect(created[0].destroyed).toBe(true)
    expect(created[1].destroyed).toBe(false)
    expect(child().chart).toBe(created[1])
    expect(onCreated).toHaveBeenCalledTimes(2)
    child().rebuild()
    expect(created).toHaveLength(3)
    expect(created[1].destroyed).toBe(true)
    wrapper.unmount()
  })

  it('destroys the chart and stops watching the theme on unmount', async () => {
    const { created, show, wrapper } = harness()
    await nextTask()
    show.value = false
    await nextTick()
    expect(created).toHaveLength(1)
    expect(created[0].destroyed).toBe(true)
    expect(scheme.listeners.size).toBe(0)
    wrapper.unmount()
  })

  it('inMount creates the chart inside the mount', () => {
    const created: unknown[] = []
    const Child = defineComponent({
      setup() {
        useChart('plot', () => (created.push(1), { destroy() {} }), { inMount: true })
      },
      render: () => h('canvas', { ref: 'plot' })
    })
    const wrapper = mount(Child, { attachTo: document.body })
    expect(created).toHaveLength(1)
    wrapper.unmount()
  })

  it('an unmount before the chart was created creates none', async () => {
    const { created, show, wrapper } = harness()
    show.value = false
    await nextTick()
    await nextTask()
    expect(created).toHaveLength(0)
    expect(scheme.listeners.size).toBe(0)
    wrapper.unmount()
  })
})
