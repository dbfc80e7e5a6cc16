// The network diagram: layers as columns of neurons, links as lines whose width follows |weight|
// and whose colour is the weight's sign. One drawing routine serves the live NetworkDiagram
// (an on-screen canvas) and the exported PNG. Large layers stay readable because only the
// strongest links of each layer pair are drawn (8 layers × 128 neurons = 114,688 links otherwise).
import { ACTIVATIONS_REGISTRY } from '@shared/engine/activations'
import type { Dataset, NetworkParams, NetworkSpec, OutputKind } from '@shared/engine/types'
import { weightColors } from '../charts/colormap'
import { ellipsize, FIGURE_STYLE, font, type PlotStyle } from './plotStyle'

const WEIGHT_COLORS = weightColors()

/** Links drawn per layer pair at most: the strongest by |weight|. */
export const DEFAULT_LINK_CAP = 600

export interface NeuronColumn {
  x: number
  ys: number[]
  radius: number
}

export interface NetworkLayout {
  width: number
  height: number
  columns: NeuronColumn[]
  /** Baseline of the layer captions under the columns. */
  captionY: number
}

export interface NeuronRef {
  /** Column in the diagram: 0 = inputs, 1 = first hidden layer, … last = output. */
  column: number
  index: number
}

/** Names written beside the outer columns: the input columns' names (left of the input
 *  neurons) and the classes (right of the output neurons), for data that has names. */
export interface UnitNames {
  inputs: readonly string[] | null
  outputs: readonly string[] | null
}

/** The unit names of a network trained on `data`: an imported file's input column names (when
 *  the network takes the two raw inputs) and its class names on the output units (softmax: one
 *  per class; sigmoid: the one unit is P(second class)). Generated data has none. */
export function unitNamesFor(
  data: Pick<Dataset, 'inputNames' | 'classNames'> | null | undefined,
  spec: NetworkSpec
): UnitNames {
  const sizes = spec.layerSizes
  const inputs = data?.inputNames && sizes[0] === 2 ? [...data.inputNames] : null
  const classNames = data?.classNames
  const outputSize = sizes[sizes.length - 1]
  let outputs: string[] | null = null
  if (classNames && spec.output === 'softmax' && classNames.length === outputSize) {
    outputs = [...classNames]
  } else if (classNames && spec.output === 'sigmoid' && outputSize === 1 && classNames[1]) {
    outputs = [`P(${classNames[1]})`]
  }
  return { inputs, outputs }
}

/** The hovered neuron's ring and the Inside view's chosen link (near Okabe–Ito orange). */
export const HIGHLIGHT_COLOR = '#f0a000'

/** Room the side labels take at most, as a share of the diagram's width. */
const MAX_LABEL_SHARE = 0.18

/** Widths (CSS pixels) to keep free left and right of the outer columns for the unit names. */
export function unitNameRoom(
  ctx: CanvasRenderingContext2D,
  names: UnitNames,
  width: number,
  style: PlotStyle = FIGURE_STYLE
): { left: number; right: number } {
  ctx.save()
  ctx.font = font(style, style.fontSize)
  const widest = (labels: readonly string[] | null): number =>
    labels ? Math.max(0, ...labels.map((label) => ctx.measureText(label).width)) : 0
  const cap = width * MAX_LABEL_SHARE
  const room = {
    left: Math.min(cap, widest(names.inputs)),
    right: Math.min(cap, widest(names.outputs))
  }
  ctx.restore()
  return room
}

/** Places each layer's neurons evenly in its column, leaving room for captions below (and for
 *  unit names beside the outer columns when `labelRoom` asks for it). */
export function layoutNetwork(
  sizes: number[],
  width: number,
  height: number,
  style: PlotStyle = FIGURE_STYLE,
  labelRoom: { left: number; right: number } = { left: 0, right: 0 }
): NetworkLayout {
  const fs = style.fontSize
  const captionSpace = fs * 3.2
  const top = fs
  const bottom = Math.max(top + 10, height - captionSpace)
  // Room for the widest caption ('Output 1 · sigmoid') centred under the outer columns, and
  // for the unit names beside them (a neuron's radius is at most 0.9 fs, plus a gap).
  // A narrow diagram (the Inside view's) keeps at most 15 % a side: its captions go compact.
  const marginX = Math.min(Math.max(fs * 5.4, width * 0.06), width * 0.15)
  const side = (room: number): number => (room > 0 ? Math.max(marginX, room + fs * 2) : marginX)
  const left = side(labelRoom.left)
  const right = side(labelRoom.right)
  const columns = sizes.map((size, i) => {
    const x =
      sizes.length === 1 ? width / 2 : left + ((width - left - right) * i) / (sizes.length - 1)
    const spacing = (bottom - top) / Math.max(1, size)
    const radius = Math.max(1.2, Math.min(fs * 0.9, spacing * 0.38))
    const used = spacing * size
    const start = top + (bottom - top - used) / 2 + spacing / 2
    const ys = Array.from({ length: size }, (_, j) => start + j * spacing)
    return { x, ys, radius }
  })
  return { width, height, columns, captionY: height - captionSpace / 2 }
}

/** Indices (into a weight matrix) of its `cap` largest-magnitude entries, strongest first.
 *  A typed-array sort of the magnitudes finds the cut-off (fast, native), so only the few kept
 *  links are ordered with a comparator. */
export function strongestLinks(weights: Float64Array, cap: number): Int32Array {
  const n = weights.length
  const magnitude = (i: number): number => {
    const v = Math.abs(weights[i])
    return Number.isNaN(v) ? -1 : v
  }
  let kept: number[]
  if (n <= cap) {
    kept = Array.from({ length: n }, (_, i) => i)
  } else {
    const sorted = new Float64Array(n)
    for (let i = 0; i < n; i++) sorted[i] = magnitude(i)
    sorted.sort()
    const threshold = sorted[n - cap]
    kept = []
    for (let i = 0; i < n; i++) if (magnitude(i) > threshold) kept.push(i)
    for (let i = 0; i < n && kept.length < cap; i++) if (magnitude(i) === threshold) kept.push(i)
  }
  kept.sort((a, b) => magnitude(b) - magnitude(a))
  return Int32Array.from(kept)
}

/** The neuron under the point (x, y), or null. */
export function hitTest(layout: NetworkLayout, x: number, y: number): NeuronRef | null {
  for (let column = 0; column < layout.columns.length; column++) {
    const c = layout.columns[column]
    const reach = Math.max(c.radius + 3, 6)
    if (Math.abs(x - c.x) > reach) continue
    let best = -1
    let bestDistance = Infinity
    for (let j = 0; j < c.ys.length; j++) {
      const d = Math.abs(y - c.ys[j])
      if (d < bestDistance) {
        bestDistance = d
        best = j
      }
    }
    if (best >= 0 && bestDistance <= reach) return { column, index: best }
  }
  return null
}

export interface NetworkDrawOptions {
  linkCap?: number
  highlight?: NeuronRef | null
  style?: PlotStyle
  /** Colours for on-screen themes; the exported figure uses the light defaults. */
  nodeFill?: string
  nodeStroke?: string
  /** Input and class names beside the outer columns (unitNamesFor). */
  unitNames?: UnitNames
}

export interface NetworkDrawResult {
  drawnLinks: number
  totalLinks: number
}

/** The output head's short captions; hidden layers use their registry entry's shortLabel. */
const SHORT_OUTPUT: Record<OutputKind, string> = { sigmoid: 'sigm', softmax: 'soft', linear: 'lin' }

/** Two lines for narrow columns: the size, then the activation's whole name, or its short
 *  label where the whole name would run into the next column. */
function compactCaption(spec: NetworkSpec, column: number): [string, string, string] {
  const last = spec.layerSizes.length - 1
  const size = String(spec.layerSizes[column])
  if (column === 0) return [size, 'input', 'input']
  if (column === last) return [size, spec.output, SHORT_OUTPUT[spec.output]]
  const entry = ACTIVATIONS_REGISTRY[spec.activations[column - 1]]
  return [size, entry.inlineName, entry.shortLabel]
}

function layerCaption(spec: NetworkSpec, column: number): string {
  const last = spec.layerSizes.length - 1
  const size = spec.layerSizes[column]
  if (column === 0) return `Input ${size}`
  if (column === last) return `Output ${size} · ${spec.output}`
  return `Hidden ${size} · ${spec.activations[column - 1] ?? ''}`
}

function drawUnitNames(
  ctx: CanvasRenderingContext2D,
  layout: NetworkLayout,
  names: UnitNames,
  style: PlotStyle
): void {
  const fs = style.fontSize
  const first = layout.columns[0]
  const last = layout.columns[layout.columns.length - 1]
  ctx.fillStyle = style.text
  ctx.font = font(style, fs)
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'right'
  names.inputs?.forEach((label, j) => {
    const y = first.ys[j]
    const x = first.x - first.radius - fs * 0.5
    if (y !== undefined) ctx.fillText(ellipsize(ctx, label, x - 2), x, y)
  })
  ctx.textAlign = 'left'
  names.outputs?.forEach((label, j) => {
    const y = last.ys[j]
    const x = last.x + last.radius + fs * 0.5
    if (y !== undefined) ctx.fillText(ellipsize(ctx, label, layout.width - x - 2), x, y)
  })
}

/** Draws links (strongest first on top), neurons and captions. Params may be null before the
 *  trainer has answered: neurons are drawn alone then. */
export function drawNetwork(
  ctx: CanvasRenderingContext2D,
  layout: NetworkLayout,
  spec: NetworkSpec,
  params: NetworkParams | null,
  options: NetworkDrawOptions = {}
): NetworkDrawResult {
  const style = options.style ?? FIGURE_STYLE
  const cap = options.linkCap ?? DEFAULT_LINK_CAP
  let maxAbs = 0
  let totalLinks = 0
  let drawnLinks = 0
  const weights = params?.weights ?? []
  for (const w of weights) {
    totalLinks += w.length
    for (let i = 0; i < w.length; i++) maxAbs = Math.max(maxAbs, Math.abs(w[i]))
  }
  ctx.save()
  ctx.lineCap = 'round'
  for (let layer = 0; layer < weights.length && layer + 1 < layout.columns.length; layer++) {
    const w = weights[layer]
    const from = layout.columns[layer]
    const to = layout.columns[layer + 1]
    const fanOut = to.ys.length
    const links = strongestLinks(w, cap)
    // Weakest first so the strong links end on top.
    for (let k = links.length - 1; k >= 0; k--) {
      const index = links[k]
      const value = w[index]
      if (!Number.isFinite(value)) continue
      const strength = maxAbs > 0 ? Math.abs(value) / maxAbs : 0
      const i = Math.floor(index / fanOut)
      const j = index % fanOut
      if (i >= from.ys.length || j >= to.ys.length) continue
      ctx.strokeStyle = value >= 0 ? WEIGHT_COLORS.positive : WEIGHT_COLORS.negative
      ctx.globalAlpha = 0.2 + 0.8 * strength
      ctx.lineWidth = 0.4 + strength * Math.min(5, (from.radius + to.radius) * 0.6 + 1)
      ctx.beginPath()
      ctx.moveTo(from.x, from.ys[i])
      ctx.lineTo(to.x, to.ys[j])
      ctx.stroke()
      drawnLinks++
    }
  }
  ctx.globalAlpha = 1

  layout.columns.forEach((column, c) => {
    const biases = c > 0 ? params?.biases[c - 1] : undefined
    column.ys.forEach((y, j) => {
      ctx.beginPath()
      ctx.arc(column.x, y, column.radius, 0, Math.PI * 2)
      const bias = biases?.[j] ?? 0
      // A neuron's fill hints at its bias: blue positive, red negative, plain when zero.
      ctx.fillStyle =
        bias > 1e-9
          ? WEIGHT_COLORS.positiveBias
          : bias < -1e-9
            ? WEIGHT_COLORS.negativeBias
            : (options.nodeFill ?? '#ffffff')
      ctx.fill()
      if (column.radius >= 2) {
        ctx.strokeStyle = options.nodeStroke ?? '#555555'
        ctx.lineWidth = 1
        ctx.stroke()
      }
    })
  })

  if (options.highlight) {
    const column = layout.columns[options.highlight.column]
    const y = column?.ys[options.highlight.index]
    if (column && y !== undefined) {
      ctx.beginPath()
      ctx.arc(column.x, y, Math.max(column.radius + 2, 5), 0, Math.PI * 2)
      ctx.strokeStyle = HIGHLIGHT_COLOR
      ctx.lineWidth = 2.5
      ctx.stroke()
    }
  }

  ctx.fillStyle = style.text
  ctx.font = font(style, style.fontSize)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  const columns = layout.columns
  const spacing = columns.length > 1 ? Math.abs(columns[1].x - columns[0].x) : layout.width
  const captions = columns.map((_, c) => layerCaption(spec, c))
  const fits = captions.every((caption) => ctx.measureText(caption).width <= spacing * 0.92)
  columns.forEach((column, c) => {
    if (fits) {
      ctx.fillText(captions[c], column.x, layout.captionY)
    } else {
      // Narrow columns (many layers): the size above a short activation name.
      const [size, name, short] = compactCaption(spec, c)
      const activation = ctx.measureText(name).width <= spacing * 0.92 ? name : short
      const lineGap = style.fontSize * 0.62
      ctx.fillText(size, column.x, layout.captionY - lineGap)
      ctx.fillText(activation, column.x, layout.captionY + lineGap)
    }
  })
  if (options.unitNames && columns.length > 1) drawUnitNames(ctx, layout, options.unitNames, style)
  ctx.restore()
  return { drawnLinks, totalLinks }
}
