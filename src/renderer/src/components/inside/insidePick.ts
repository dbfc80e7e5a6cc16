// The Inside view's chosen sample as a training-point index, shared with the lab's boundary map:
// once the Inside view has been opened, clicking a training point on the map chooses it there
// (components/draw/mapPointer.ts), as the Inside view's own point map and Row field do.
import { reactive } from 'vue'

export const insidePick = reactive({
  /** The Inside view has been opened: map clicks choose its sample from now on. */
  enabled: false,
  /** Index of the chosen point in the run's training points, or null. */
  point: null as number | null
})
