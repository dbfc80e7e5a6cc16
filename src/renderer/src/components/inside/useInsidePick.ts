// Keeps the Inside view's sample row and the shared chosen point (insidePick.ts) in step: a point
// chosen on the lab's boundary map becomes the row that traces it, and a row chosen in the view
// becomes the map's chosen point. Opening the view turns map picking on.
import { onMounted, ref, watch, type Ref, type ShallowRef } from 'vue'
import type { EpochTrace } from '@shared/engine'
import { insidePick } from './insidePick'

/** Returns the chosen point when the traced batch does not hold it (a mini-batch, or a batch
 *  longer than the trace keeps), else null. */
export function useInsidePick(
  trace: ShallowRef<EpochTrace | null>,
  sampleRow: Ref<number>
): Ref<number | null> {
  const missing = ref<number | null>(null)

  function follow(): void {
    const t = trace.value
    const point = insidePick.point
    if (!t || point === null) {
      missing.value = null
      return
    }
    const row = t.rows.indexOf(point)
    missing.value = row >= 0 ? null : point
    if (row >= 0) sampleRow.value = row
  }

  watch([trace, () => insidePick.point], follow, { immediate: true })
  watch(sampleRow, (row) => {
    const t = trace.value
    if (t && row >= 0 && row < t.rows.length) insidePick.point = t.rows[row]
  })
  onMounted(() => (insidePick.enabled = true))
  return missing
}
