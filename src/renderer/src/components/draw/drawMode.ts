// What the first screen knows of draw mode (the boundary map, the Data panel's Draw button): on
// or off, the points to show, and the tool a pointer uses. Draw mode itself (stores/drawing.ts,
// the draft, the toolbar) loads when the learner first presses Draw.
import { shallowReactive } from 'vue'
import type { Dataset } from '@shared/engine/types'

export interface DrawTool {
  addAt(x: number, y: number): void
  eraseAlong(x0: number, y0: number, x1: number, y1: number, rx: number, ry: number): void
}

export const drawMode = shallowReactive<{
  active: boolean
  /** The points being drawn (the map shows them instead of the run's while drawing). */
  points: Dataset | null
  tool: DrawTool | null
  /** Where the pointer is on the plane while drawing (the toolbar's readout), or null. */
  pointer: { x: number; y: number } | null
}>({ active: false, points: null, tool: null, pointer: null })

/** The Draw button: loads draw mode on first use, then turns it on or off. */
export async function toggleDrawMode(): Promise<void> {
  // The map's gestures load with the store, so the first click on the map is never missed.
  const [{ useDrawingStore }] = await Promise.all([
    import('../../stores/drawing'),
    import('./mapGestures')
  ])
  useDrawingStore().toggle()
}
