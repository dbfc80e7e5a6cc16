// One input feature's values over the map's plane as pixels (the diverging map: blue negative,
// red positive, white 0, scaled by the largest magnitude): the thumbnails of the Input features
// menu and of the network diagram's input column.
import type { GridBounds } from '@shared/engine/types'
import { FEATURES_REGISTRY, type FeatureName } from '@shared/engine/features'
import { divergingColor } from '../charts/colormap'

/** The plane before any data is there. */
export const DEFAULT_FEATURE_BOUNDS: GridBounds = { xMin: -3, xMax: 3, yMin: -3, yMax: 3 }

/** size × size RGBA pixels, row 0 at the top (x2 largest), pixel centres sampled. */
export function featureRgba(
  name: FeatureName,
  bounds: GridBounds,
  size: number
): Uint8ClampedArray {
  const of = FEATURES_REGISTRY[name].of
  const values = new Float64Array(size * size)
  let largest = 0
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = bounds.xMin + ((c + 0.5) / size) * (bounds.xMax - bounds.xMin)
      const y = bounds.yMax - ((r + 0.5) / size) * (bounds.yMax - bounds.yMin)
      const v = of(x, y)
      values[r * size + c] = v
      largest = Math.max(largest, Math.abs(v))
    }
  }
  const rgba = new Uint8ClampedArray(size * size * 4)
  for (let i = 0; i < values.length; i++) {
    const [red, green, blue] = divergingColor(0.5 + (0.5 * values[i]) / (largest || 1))
    rgba.set([red, green, blue, 255], i * 4)
  }
  return rgba
}

/** Paints the feature's map into a canvas of size × size pixels. */
export function paintFeature(
  canvas: HTMLCanvasElement,
  name: FeatureName,
  bounds: GridBounds,
  size: number
): void {
  const ctx = canvas.getContext('2d')
  if (!ctx) return
  const image = ctx.createImageData(size, size)
  image.data.set(featureRgba(name, bounds, size))
  ctx.putImageData(image, 0, 0)
}
