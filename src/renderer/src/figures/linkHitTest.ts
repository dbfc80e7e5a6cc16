// Which link of the network diagram is under the pointer: the weight editor's hover and click
// (components/network/ParameterEditor.vue). Links are the straight segments drawNetwork draws
// between neuron centres (networkDrawing.ts layoutNetwork).
import type { NetworkLayout } from './networkDrawing'

export interface LinkRef {
  /** The weight layer: 0 = inputs → first hidden layer. */
  layer: number
  /** The neuron it reads (in column `layer`). */
  from: number
  /** The neuron it feeds (in column `layer + 1`). */
  to: number
}

/** The link nearest to (x, y) within `reach` pixels (perpendicular distance), or null. Only the
 *  column gap the point lies in is searched; the ends near the neurons belong to the neurons. */
export function linkAt(layout: NetworkLayout, x: number, y: number, reach = 4): LinkRef | null {
  const columns = layout.columns
  for (let layer = 0; layer < columns.length - 1; layer++) {
    const a = columns[layer]
    const b = columns[layer + 1]
    if (x <= a.x + a.radius || x >= b.x - b.radius) continue
    const t = (x - a.x) / (b.x - a.x)
    const dx = b.x - a.x
    let best: LinkRef | null = null
    let bestDistance = reach
    for (let from = 0; from < a.ys.length; from++) {
      const y0 = a.ys[from]
      for (let to = 0; to < b.ys.length; to++) {
        const dy = b.ys[to] - y0
        // Vertical gap to the segment at x, scaled to the perpendicular distance.
        const d = Math.abs(y - (y0 + t * dy)) / Math.sqrt(1 + (dy / dx) ** 2)
        if (d < bestDistance) {
          bestDistance = d
          best = { layer, from, to }
        }
      }
    }
    return best
  }
  return null
}
