// Colours shared by the live views and the exported figures, so a PNG looks like the screen.
// The boundary map uses matplotlib's RdBu_r (the notebook's `cmap='RdBu_r'`): P(class 1) = 0 is
// dark blue, 0.5 is near white, 1 is dark red.

export type Rgb = [number, number, number]

/** ColorBrewer RdBu, reversed (blue → white → red), the 11 anchor colours matplotlib interpolates. */
const RDBU_R: Rgb[] = [
  [0x05, 0x30, 0x61],
  [0x21, 0x66, 0xac],
  [0x43, 0x93, 0xc3],
  [0x92, 0xc5, 0xde],
  [0xd1, 0xe5, 0xf0],
  [0xf7, 0xf7, 0xf7],
  [0xfd, 0xdb, 0xc7],
  [0xf4, 0xa5, 0x82],
  [0xd6, 0x60, 0x4d],
  [0xb2, 0x18, 0x2b],
  [0x67, 0x00, 0x1f]
]

/** Colour of probability p (clamped to [0, 1]; NaN counts as 0.5) on the RdBu_r scale. */
export function rdbuR(p: number): Rgb {
  const t = Number.isNaN(p) ? 0.5 : Math.min(1, Math.max(0, p))
  const position = t * (RDBU_R.length - 1)
  const low = Math.min(RDBU_R.length - 2, Math.floor(position))
  const f = position - low
  const a = RDBU_R[low]
  const b = RDBU_R[low + 1]
  return [
    Math.round(a[0] + (b[0] - a[0]) * f),
    Math.round(a[1] + (b[1] - a[1]) * f),
    Math.round(a[2] + (b[2] - a[2]) * f)
  ]
}

/** Class colours for points: the notebook's blue class 0 and red class 1, then distinct hues. */
export const CLASS_COLORS: readonly string[] = [
  '#1f4fd8',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf'
]

/** Lighter tints of the class colours, used to paint multi-class probability maps. */
const CLASS_TINTS: Rgb[] = [
  [0x43, 0x93, 0xc3],
  [0xd6, 0x60, 0x4d],
  [0x7f, 0xc9, 0x7f],
  [0xfd, 0xb4, 0x62],
  [0xbc, 0x80, 0xbd],
  [0xc4, 0x9c, 0x94],
  [0xf7, 0xb6, 0xd2],
  [0x9e, 0xda, 0xe5]
]

export function classColor(index: number): string {
  return CLASS_COLORS[index % CLASS_COLORS.length]
}

/** Colour of a k-class probability vector: the tints mixed by probability (a confident region
 *  shows its class tint, an undecided one a muddy mix). */
export function mixClassColors(
  probabilities: ArrayLike<number>,
  offset: number,
  classes: number
): Rgb {
  let r = 0
  let g = 0
  let b = 0
  for (let j = 0; j < classes; j++) {
    const p = probabilities[offset + j]
    const tint = CLASS_TINTS[j % CLASS_TINTS.length]
    r += p * tint[0]
    g += p * tint[1]
    b += p * tint[2]
  }
  return [Math.round(r), Math.round(g), Math.round(b)]
}

/** Link colours of the network diagram: positive weights blue, negative red (as TF Playground). */
export const POSITIVE_WEIGHT = '#2166ac'
export const NEGATIVE_WEIGHT = '#d6604d'
