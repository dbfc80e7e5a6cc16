// The one owner of a chart's life: its canvas ref, creating the chart once the canvas is in the
// page, rebuilding it when the OS switches light/dark (the theme's colours are baked into a
// chart's options), and destroying it on unmount so no Chart.js instance outlives its canvas.
// Updates stay with the caller: `chart.value` is the live chart between creations.
//
// A chart is created in a task of its own just after the mount that put its canvas in the page,
// not inside it (unless `inMount`): creating the curves' Chart.js charts (layout, scales, first
// draw) was about a third of the app's mount, one long task before the first paint and before
// the trainer's first run could be shown (issue 14, fast start). The canvas is empty for that
// one task.
import { onBeforeUnmount, onMounted, shallowRef, useTemplateRef, type ShallowRef } from 'vue'
import { readChartTheme, watchColorScheme, type ChartTheme } from '../charts/setup'

/** What a chart must offer: Chart.js charts do, and so does a hand-drawn canvas painter. */
export interface DisposableChart {
  destroy(): void
}

export interface UseChart<C extends DisposableChart> {
  /** The `<canvas>` whose template ref is the key given to useChart. */
  canvas: Readonly<ShallowRef<HTMLCanvasElement | null>>
  /** The current chart; null before mount, after unmount and when the canvas is missing. */
  chart: ShallowRef<C | null>
  /** Destroys the chart and creates it again with the current theme (after option changes that
   *  Chart.js cannot take as an update). */
  rebuild(): void
}

/** `canvasKey` names the canvas's template ref (`<canvas ref="lossCanvas">` → 'lossCanvas'). */
export function useChart<C extends DisposableChart>(
  canvasKey: string,
  create: (canvas: HTMLCanvasElement, theme: ChartTheme) => C,
  options: {
    onCreated?: (chart: C) => void
    /** Create the chart inside the mount instead of in the task after it. */
    inMount?: boolean
  } = {}
): UseChart<C> {
  const canvas = useTemplateRef<HTMLCanvasElement>(canvasKey)
  const chart = shallowRef<C | null>(null) as ShallowRef<C | null>
  let stopSchemeWatch: () => void = () => {}
  let creation: ReturnType<typeof setTimeout> | null = null

  function destroy(): void {
    chart.value?.destroy()
    chart.value = null
  }

  function rebuild(): void {
    destroy()
    if (!canvas.value) return
    const created = create(canvas.value, readChartTheme())
    chart.value = created
    options.onCreated?.(created)
  }

  onMounted(() => {
    if (options.inMount) rebuild()
    else
      creation = setTimeout(() => {
        creation = null
        rebuild()
      }, 0)
    stopSchemeWatch = watchColorScheme(rebuild)
  })
  onBeforeUnmount(() => {
    if (creation !== null) clearTimeout(creation)
    creation = null
    stopSchemeWatch()
    destroy()
  })

  return { canvas, chart, rebuild }
}
