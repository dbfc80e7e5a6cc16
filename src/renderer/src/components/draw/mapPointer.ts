// The boundary map's pointer, as the first screen carries it: the marks plugin's slot and a
// watch that loads the gestures (mapGestures.ts: drawing, erasing, choosing the Inside view's
// sample) once draw mode or the Inside view is first used; until then the map is as it was.
import { onBeforeUnmount, watch, type Ref, type ShallowRef } from 'vue'
import type { Chart, Plugin } from 'chart.js'
import { insidePick } from '../inside/insidePick'
import { drawMode } from './drawMode'
import type { MapGestures } from './mapGestures'

export function useMapPointer(
  canvas: Ref<HTMLCanvasElement | null>,
  chart: ShallowRef<Chart<'scatter'> | null>
): { marks: Plugin<'scatter'> } {
  let gestures: MapGestures | null = null
  let disposed = false
  const marks: Plugin<'scatter'> = {
    id: 'nnlabMapMarks',
    afterDatasetsDraw: (c) => gestures?.drawMarks(c)
  }
  watch(
    () => drawMode.active || insidePick.enabled,
    (wanted) => {
      if (!wanted || gestures) return
      void import('./mapGestures').then(({ createMapGestures }) => {
        if (disposed || gestures) return
        gestures = createMapGestures(canvas, chart)
        chart.value?.draw()
      })
    },
    { immediate: true }
  )
  onBeforeUnmount(() => {
    disposed = true
    gestures?.dispose()
  })
  return { marks }
}
