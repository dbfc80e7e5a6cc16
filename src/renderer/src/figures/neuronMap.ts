// One neuron's output map as pixels: the network diagram draws it live, so it lives apart from
// the figure code (which computes maps with the engine and loads with the first export).
import type { BoundaryGrid } from '@shared/engine/types'
import { divergingColor } from '../charts/colormap'

/** RGBA pixels of one neuron's output map. Output probabilities use the boundary's scale as is;
 *  other activations are scaled by their largest magnitude, so 0 is white, positive red and
 *  negative blue whatever the range (a ReLU neuron shows white where it is off). */
export function neuronRgba(grid: BoundaryGrid, isProbability: boolean): Uint8ClampedArray {
  const n = grid.width * grid.height
  let maxAbs = 0
  if (!isProbability) {
    for (let i = 0; i < n; i++) {
      const v = Math.abs(grid.values[i])
      if (Number.isFinite(v) && v > maxAbs) maxAbs = v
    }
  }
  const rgba = new Uint8ClampedArray(n * 4)
  for (let i = 0; i < n; i++) {
    const v = grid.values[i]
    const p = isProbability ? v : maxAbs > 0 ? 0.5 + (0.5 * v) / maxAbs : 0.5
    const rgb = divergingColor(p)
    rgba[i * 4] = rgb[0]
    rgba[i * 4 + 1] = rgb[1]
    rgba[i * 4 + 2] = rgb[2]
    rgba[i * 4 + 3] = 255
  }
  return rgba
}
