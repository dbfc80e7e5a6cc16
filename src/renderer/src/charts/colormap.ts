// Colours for the decision boundary: matplotlib's `RdBu_r` (the notebook's contourf cmap) for
// binary models, and per-class colours blended by probability for k-class models.
import type { BoundaryGrid } from '@shared/engine/types'

export type Rgb = readonly [number, number, number]

/** matplotlib's RdBu anchors (ColorBrewer), reversed: 0 → dark blue, 0.5 → near white, 1 → dark red. */
const RDBU_R_ANCHORS: readonly string[] = [
  '#053061',
  '#2166ac',
  '#4393c3',
  '#92c5de',
  '#d1e5f0',
  '#f7f7f7',
  '#fddbc7',
  '#f4a582',
  '#d6604d',
  '#b2182b',
  '#67001f'
]

/** Point colours: blue class 0 and red class 1 as in the notebook, then distinct hues for spirals. */
export const CLASS_COLORS: readonly string[] = [
  '#1f4fe0',
  '#e0262b',
  '#1a9850',
  '#f08c00',
  '#7b3fbf',
  '#0f9fb0',
  '#8c564b',
  '#d6409f'
]

export function hexToRgb(hex: string): Rgb {
  const value = parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

function buildRdBuR(size: number): Uint8Array {
  const anchors = RDBU_R_ANCHORS.map(hexToRgb)
  const lut = new Uint8Array(size * 3)
  for (let i = 0; i < size; i++) {
    const t = (i / (size - 1)) * (anchors.length - 1)
    const low = Math.min(Math.floor(t), anchors.length - 2)
    const f = t - low
    for (let k = 0; k < 3; k++) {
      lut[i * 3 + k] = Math.round(anchors[low][k] * (1 - f) + anchors[low + 1][k] * f)
    }
  }
  return lut
}

// 1001 entries: every anchor (multiples of 0.1) and 0.5 land on an entry exactly.
const LUT_SIZE = 1001
const RDBU_R = buildRdBuR(LUT_SIZE)

/** RdBu_r colour of a probability in [0, 1]. */
export function rdbuR(p: number): Rgb {
  const clamped = Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0.5
  const i = Math.round(clamped * (LUT_SIZE - 1)) * 3
  return [RDBU_R[i], RDBU_R[i + 1], RDBU_R[i + 2]]
}

export interface PaintOptions {
  /** Snap to the predicted class instead of shading by probability. */
  discretize: boolean
  /** Opacity of the map (the notebook's contourf uses alpha 0.8). */
  alpha: number
}

/** Fills `out` (RGBA, width × height of the grid) with the map's colours. */
export function paintGrid(grid: BoundaryGrid, options: PaintOptions, out: Uint8ClampedArray): void {
  const pixels = grid.width * grid.height
  const alpha = Math.round(Math.min(1, Math.max(0, options.alpha)) * 255)
  if (grid.classes <= 2 && grid.values.length === pixels) {
    for (let i = 0; i < pixels; i++) {
      let p = grid.values[i]
      if (options.discretize) p = p >= 0.5 ? 0.82 : 0.18
      const [r, g, b] = rdbuR(p)
      out[i * 4] = r
      out[i * 4 + 1] = g
      out[i * 4 + 2] = b
      out[i * 4 + 3] = alpha
    }
    return
  }
  const k = grid.classes
  const palette = CLASS_COLORS.map(hexToRgb)
  for (let i = 0; i < pixels; i++) {
    let best = 0
    for (let j = 1; j < k; j++) if (grid.values[i * k + j] > grid.values[i * k + best]) best = j
    let r = 0
    let g = 0
    let b = 0
    for (let j = 0; j < k; j++) {
      const w = options.discretize ? (j === best ? 1 : 0) : grid.values[i * k + j]
      const c = palette[j % palette.length]
      r += w * c[0]
      g += w * c[1]
      b += w * c[2]
    }
    // Lighten towards white so the points on top stay visible; confident regions stay saturated.
    const confidence = options.discretize ? 0.55 : 0.35 + 0.5 * grid.values[i * k + best]
    out[i * 4] = Math.round(255 + (r - 255) * confidence)
    out[i * 4 + 1] = Math.round(255 + (g - 255) * confidence)
    out[i * 4 + 2] = Math.round(255 + (b - 255) * confidence)
    out[i * 4 + 3] = alpha
  }
}
