// The lab's one colour module: class colours, the diverging map, the multi-class blend and the
// line colours, read by the live charts (boundaryPlugin, setup.ts, the components) and by the
// exported figures alike, so a PNG looks like the screen. No other file writes these colours
// (colormap.test.ts scans the renderer's sources for copies).
//
// The reference is the seed notebook: points `c='blue'` / `c='red'` over
// `contourf(..., cmap='RdBu_r', alpha=0.8)`. Pure #0000ff / #ff0000 glare and sit far from the
// map's own hues, so class 0 is a deep blue and class 1 matplotlib's tab:red; further classes
// (spirals, gaussians) follow matplotlib's tab10 order. The map is matplotlib's RdBu_r itself.
// The colour-blind-safe variant ('colorblind', a preference) uses Okabe & Ito's eight colours
// ("Color Universal Design", 2008) for the classes and ColorBrewer's PuOr, reversed (purple for
// P = 0, orange for P = 1; marked colour-blind safe by ColorBrewer) for the diverging map.
// The active palette is one reactive value: every default below reads it, so the screen and
// the exported figures switch together, and templates that call classColor() re-render.
import { shallowRef } from 'vue'
import type { BoundaryGrid } from '@shared/engine/types'

export type Rgb = readonly [number, number, number]

export interface Palette {
  /** Point colours by class index (class k uses classes[k % length]). */
  readonly classes: readonly string[]
  /** Anchors of the diverging map from P = 0 (class 0's side) through 0.5 to P = 1 (class 1's). */
  readonly diverging: readonly string[]
}

/** matplotlib's RdBu anchors (ColorBrewer), reversed: 0 → dark blue, 0.5 → near white, 1 → dark red. */
const RDBU_R: readonly string[] = [
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

export const PALETTES = {
  standard: {
    classes: [
      '#1f4fd8',
      '#d62728',
      '#2ca02c',
      '#ff7f0e',
      '#9467bd',
      '#8c564b',
      '#e377c2',
      '#17becf'
    ],
    diverging: RDBU_R
  },
  colorblind: {
    // Okabe–Ito: blue, vermillion, bluish green, orange, reddish purple, sky blue, yellow, black.
    classes: [
      '#0072b2',
      '#d55e00',
      '#009e73',
      '#e69f00',
      '#cc79a7',
      '#56b4e9',
      '#f0e442',
      '#000000'
    ],
    // ColorBrewer PuOr (11 classes), reversed: 0 → dark purple, 0.5 → near white, 1 → dark orange.
    diverging: [
      '#2d004b',
      '#542788',
      '#8073ac',
      '#b2abd2',
      '#d8daeb',
      '#f7f7f7',
      '#fee0b6',
      '#fdb863',
      '#e08214',
      '#b35806',
      '#7f3b08'
    ]
  }
} as const satisfies Record<string, Palette>

export type PaletteName = keyof typeof PALETTES

/** What each palette is called in the lab's menu. */
export const PALETTE_LABELS: Record<PaletteName, string> = {
  standard: 'Standard colours',
  colorblind: 'Colour-blind safe'
}

export function isPaletteName(value: unknown): value is PaletteName {
  return typeof value === 'string' && Object.hasOwn(PALETTES, value)
}

export const DEFAULT_PALETTE: Palette = PALETTES.standard

const activePaletteName = shallowRef<PaletteName>('standard')

/** Chooses the palette of the screen and of every export from now on (the preferences store
 *  calls this with the learner's choice). */
export function setActivePalette(name: PaletteName): void {
  activePaletteName.value = name
}

/** The palette in use (reactive: a render or watcher that reads it follows a change). */
export function activePalette(): Palette {
  return PALETTES[activePaletteName.value]
}

/** Line colours of the training charts (screen and export): train and test series, and the
 *  lighter variants the screen uses on a dark background. */
export const SERIES_COLORS = {
  light: { train: '#1f4fd8', test: '#ff7f0e' },
  dark: { train: '#7c9dff', test: '#f0a04b' }
} as const

/** Pinned runs' curves overlaid on the live run's (compare runs): the active palette's class
 *  colours after the two the live lines resemble (class 0's blue, class 3's orange), so the
 *  colour-blind palette gives Okabe–Ito lines. */
const PINNED_RUN_CLASS_INDICES = [1, 2, 4, 5, 6, 7] as const

/** On a dark background a near-black class colour (Okabe–Ito's black) is drawn light grey. */
const DARK_BACKGROUND_STAND_IN = '#d0d4dc'

export function pinnedRunColor(
  index: number,
  palette: Palette = activePalette(),
  darkBackground = false
): string {
  const slot = PINNED_RUN_CLASS_INDICES[index % PINNED_RUN_CLASS_INDICES.length]
  const color = palette.classes[slot % palette.classes.length]
  const [r, g, b] = hexToRgb(color)
  return darkBackground && r + g + b < 90 ? DARK_BACKGROUND_STAND_IN : color
}

/** The two curves of a function plot (the notebook's 'b-' and 'r--'): f and f′. */
export const FUNCTION_COLORS = {
  f: DEFAULT_PALETTE.classes[0],
  derivative: DEFAULT_PALETTE.classes[1]
} as const

export function hexToRgb(hex: string): Rgb {
  const value = parseInt(hex.slice(1), 16)
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255]
}

export function classColor(index: number, palette: Palette = activePalette()): string {
  return palette.classes[index % palette.classes.length]
}

/** Link and node colours of the network diagram: positive blue, negative red (the map's sides). */
export function weightColors(palette: Palette = activePalette()): {
  positive: string
  negative: string
  positiveBias: string
  negativeBias: string
} {
  const d = palette.diverging
  return {
    positive: d[1],
    negative: d[d.length - 3],
    positiveBias: d[4],
    negativeBias: d[d.length - 5]
  }
}

/** A CSS gradient of the diverging map, left (P = 0) to right (P = 1), for the colour bar. */
export function divergingGradientCss(palette: Palette = activePalette()): string {
  return `linear-gradient(to right, ${palette.diverging.join(', ')})`
}

// 1001 entries: every anchor (multiples of 0.1) and 0.5 land on an entry exactly.
const LUT_SIZE = 1001
const lutCache = new Map<Palette, Uint8Array>()

function divergingLut(palette: Palette): Uint8Array {
  const cached = lutCache.get(palette)
  if (cached) return cached
  const anchors = palette.diverging.map(hexToRgb)
  const lut = new Uint8Array(LUT_SIZE * 3)
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * (anchors.length - 1)
    const low = Math.min(Math.floor(t), anchors.length - 2)
    const f = t - low
    for (let k = 0; k < 3; k++) {
      lut[i * 3 + k] = Math.round(anchors[low][k] * (1 - f) + anchors[low + 1][k] * f)
    }
  }
  lutCache.set(palette, lut)
  return lut
}

/** The diverging map's colour of a value in [0, 1] (clamped; NaN counts as 0.5). */
export function divergingColor(p: number, palette: Palette = activePalette()): Rgb {
  const lut = divergingLut(palette)
  const clamped = Number.isNaN(p) ? 0.5 : Math.min(1, Math.max(0, p))
  const i = Math.round(clamped * (LUT_SIZE - 1)) * 3
  return [lut[i], lut[i + 1], lut[i + 2]]
}

/** RdBu_r colour of a probability in [0, 1]. */
export function rdbuR(p: number): Rgb {
  return divergingColor(p, PALETTES.standard)
}

/** Opacity of the boundary map over the plot, on screen and in figures (the notebook's
 *  `contourf(..., alpha=0.8)`). */
export const MAP_ALPHA = 0.8

/** Where a discretized binary map sits on the diverging map: clearly one side, not the darkest. */
const HARD_LOW = 0.2
const HARD_HIGH = 0.8

export interface PaintOptions {
  /** Snap to the predicted class instead of shading by probability. */
  discretize: boolean
  /** Opacity of the map (the notebook's contourf uses alpha 0.8). */
  alpha: number
  palette?: Palette
  /** A regression map (grid.classes 1: predicted values): the value drawn at the map's ends,
   *  ±valueLimit (regressionValueLimit of the targets); 1 when not given. */
  valueLimit?: number
}

/** The value scale of a regression map and its points: symmetric about 0 (white), from
 *  −limit (class 0's side of the diverging map) to +limit, the largest |target| rounded up to a
 *  round step (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 times a power of ten; fine enough that the
 *  targets use most of the colours, the plane's ±1.2 all of them), so the legend's ends are round
 *  numbers and the map does not flicker as the predictions move (TF Playground's regression maps
 *  use a fixed −1 … 1). */
const VALUE_SCALE_STEPS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10] as const

export function regressionValueLimit(
  ...targets: readonly (ArrayLike<number> | undefined)[]
): number {
  let largest = 0
  for (const values of targets) {
    if (!values) continue
    for (let i = 0; i < values.length; i++) {
      const v = Math.abs(values[i])
      if (Number.isFinite(v) && v > largest) largest = v
    }
  }
  if (largest === 0) return 1
  const decade = 10 ** Math.floor(Math.log10(largest))
  for (const step of VALUE_SCALE_STEPS)
    if (step * decade >= largest * (1 - 1e-12)) return step * decade
  return 10 * decade
}

/** A value-scale end as the legends print it: at most 3 significant digits, no trailing zeros. */
export function formatScaleValue(value: number): string {
  return String(Number(value.toPrecision(3)))
}

/** The diverging map's colour of a regression value on the ±limit scale (0 is the map's white
 *  middle; values beyond the ends take the end colours; NaN is white). */
export function valueColor(value: number, limit: number, palette: Palette = activePalette()): Rgb {
  return divergingColor(0.5 + value / (2 * (limit > 0 ? limit : 1)), palette)
}

/** A CSS colour of valueColor, for points and legends. */
export function valueColorCss(
  value: number,
  limit: number,
  palette: Palette = activePalette()
): string {
  const [r, g, b] = valueColor(value, limit, palette)
  return `rgb(${r}, ${g}, ${b})`
}

/** Fills `out` (RGBA, width × height of the grid) with the map's colours: regression maps
 *  (classes 1) by predicted value on the ±valueLimit scale, binary maps on the diverging map by
 *  P(class 1), k-class maps as the class colours mixed by probability and
 *  lightened towards white where the model is unsure (so the points on top stay visible). */
export function paintGrid(grid: BoundaryGrid, options: PaintOptions, out: Uint8ClampedArray): void {
  const palette = options.palette ?? activePalette()
  const pixels = grid.width * grid.height
  const alpha = Math.round(Math.min(1, Math.max(0, options.alpha)) * 255)
  if (grid.classes === 1 && grid.values.length === pixels) {
    // Regression: the predicted value on the ±limit scale; discretized, only its sign.
    const limit = options.valueLimit ?? 1
    for (let i = 0; i < pixels; i++) {
      const v = grid.values[i]
      const [r, g, b] = options.discretize
        ? divergingColor(v >= 0 ? HARD_HIGH : HARD_LOW, palette)
        : valueColor(v, limit, palette)
      out[i * 4] = r
      out[i * 4 + 1] = g
      out[i * 4 + 2] = b
      out[i * 4 + 3] = alpha
    }
    return
  }
  if (grid.classes <= 2 && grid.values.length === pixels) {
    // divergingColor's lookup written out: this loop runs over 40,000 cells 30 times a second
    // while training, and one array per cell was most of its cost (issue 14).
    const lut = divergingLut(palette)
    const values = grid.values
    for (let i = 0; i < pixels; i++) {
      let p = values[i]
      if (options.discretize) p = p >= 0.5 ? HARD_HIGH : HARD_LOW
      const clamped = Number.isNaN(p) ? 0.5 : Math.min(1, Math.max(0, p))
      const at = Math.round(clamped * (LUT_SIZE - 1)) * 3
      const o = i * 4
      out[o] = lut[at]
      out[o + 1] = lut[at + 1]
      out[o + 2] = lut[at + 2]
      out[o + 3] = alpha
    }
    return
  }
  const k = grid.classes
  const colors = palette.classes.map(hexToRgb)
  for (let i = 0; i < pixels; i++) {
    let best = 0
    for (let j = 1; j < k; j++) if (grid.values[i * k + j] > grid.values[i * k + best]) best = j
    let r = 0
    let g = 0
    let b = 0
    for (let j = 0; j < k; j++) {
      const w = options.discretize ? (j === best ? 1 : 0) : grid.values[i * k + j]
      const c = colors[j % colors.length]
      r += w * c[0]
      g += w * c[1]
      b += w * c[2]
    }
    const confidence = options.discretize ? 0.55 : 0.35 + 0.5 * grid.values[i * k + best]
    out[i * 4] = Math.round(255 + (r - 255) * confidence)
    out[i * 4 + 1] = Math.round(255 + (g - 255) * confidence)
    out[i * 4 + 2] = Math.round(255 + (b - 255) * confidence)
    out[i * 4 + 3] = alpha
  }
}

/** Paints `grid` into `canvas` (the page's, or a worker's OffscreenCanvas), which takes the
 *  grid's size: the boundary map's grid layer, painted by either thread (gridPainter.ts). */
export function paintGridOnCanvas(
  canvas: HTMLCanvasElement | OffscreenCanvas,
  grid: BoundaryGrid,
  options: PaintOptions
): void {
  if (canvas.width !== grid.width || canvas.height !== grid.height) {
    canvas.width = grid.width
    canvas.height = grid.height
  }
  const context = canvas.getContext('2d') as
    CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null
  if (!context) return
  const data = context.createImageData(grid.width, grid.height)
  paintGrid(grid, options, data.data)
  context.putImageData(data, 0, 0)
}

/** Composites RGBA pixels over white in place and makes them opaque (what a canvas does when it
 *  draws the map on a white plot, as the notebook's figure does). */
export function overWhite(rgba: Uint8ClampedArray): Uint8ClampedArray {
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] / 255
    rgba[i] = Math.round(255 + (rgba[i] - 255) * a)
    rgba[i + 1] = Math.round(255 + (rgba[i + 1] - 255) * a)
    rgba[i + 2] = Math.round(255 + (rgba[i + 2] - 255) * a)
    rgba[i + 3] = 255
  }
  return rgba
}

/** Marks on the network diagram for units the training meters flag: a ReLU unit that never
 *  fires (dead) and a sigmoid/tanh unit stuck where its slope is ~0 (saturated). */
export const UNIT_MARK_COLORS = {
  dead: '#7f7f7f',
  saturated: DEFAULT_PALETTE.classes[3]
} as const

/** Iso-loss lines over the loss landscape's red map. */
export const LANDSCAPE_CONTOUR_COLOR = 'rgba(60, 20, 20, 0.55)'

/** One colour per weight matrix in the gradient-flow charts: the palette in order, mixed 40%
 *  towards white on a dark background (as SERIES_COLORS.dark lightens the curves). */
export function layerColor(
  layer: number,
  dark = false,
  palette: Palette = DEFAULT_PALETTE
): string {
  const hex = palette.classes[layer % palette.classes.length]
  if (!dark) return hex
  const [r, g, b] = hexToRgb(hex).map((c) => Math.round(c + (255 - c) * 0.4))
  return `rgb(${r}, ${g}, ${b})`
}

/** The sequential map of the sweep's heat map (low → high loss): matplotlib's viridis at nine
 *  even steps (`viridis(i / 8)`), perceptually even and readable with any colour vision, so both
 *  palettes share it. Only the anchors live here (the first screen carries this module); the
 *  sweep's lazy chunk interpolates them (components/sweep/heatmap.ts). */
export const SEQUENTIAL: readonly string[] = [
  '#440154',
  '#472d7b',
  '#3b528b',
  '#2c728e',
  '#21918c',
  '#28ae80',
  '#5ec962',
  '#addc30',
  '#fde725'
]

/** A sweep cell that has no loss to show (diverged: NaN or infinite). */
export const NO_VALUE_COLOR = '#9a9a9a'
