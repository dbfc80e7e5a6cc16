// Labelled 2-D point sets. Every generator draws from the run's RandomState, so a seed gives the
// same points everywhere. `makeCircles` is the notebook's function, call for call.
import type { RandomState } from './rng'
import type { Dataset, DatasetSpec, GridBounds } from './types'

export class DatasetError extends Error {
  /** 1-based line of the CSV text the problem is on, when there is one. */
  line?: number
  constructor(message: string, line?: number) {
    super(message)
    this.name = 'DatasetError'
    if (line !== undefined) this.line = line
  }
}

/** Most classes a dataset may have (spiral arms, CSV labels). */
export const MAX_CLASSES = 8
/** Most points a dataset may have. */
export const MAX_SAMPLES = 100_000

/** Gathers rows `order[i]` of (x, labels) into a new dataset. */
function takeRows(
  x: Float64Array,
  labels: Int32Array,
  order: ArrayLike<number>,
  classes: number
): Dataset {
  const count = order.length
  const outX = new Float64Array(count * 2)
  const outLabels = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    const r = order[i]
    outX[2 * i] = x[2 * r]
    outX[2 * i + 1] = x[2 * r + 1]
    outLabels[i] = labels[r]
  }
  return { x: outX, labels: outLabels, count, classes }
}

/** The notebook's make_circles(n, noise): inner circle radius 1 (class 0), outer radius 3
 *  (class 1), angles U(0, 2π), radii 1 + N(0,1)·noise and 3 + N(0,1)·noise, then shuffled.
 *  For odd n the notebook's code would fail on the shuffle; we shuffle the 2·⌊n/2⌋ points made. */
export function makeCircles(rng: RandomState, n: number, noise: number): Dataset {
  const half = Math.floor(n / 2)
  const t = rng.uniform(0, 2 * Math.PI, n)
  const rInner = rng.randn(half)
  for (let i = 0; i < half; i++) rInner[i] = 1 + rInner[i] * noise
  const rOuter = rng.randn(half)
  for (let i = 0; i < half; i++) rOuter[i] = 3 + rOuter[i] * noise
  const x = new Float64Array(4 * half)
  const labels = new Int32Array(2 * half)
  for (let i = 0; i < half; i++) {
    x[2 * i] = rInner[i] * Math.cos(t[i])
    x[2 * i + 1] = rInner[i] * Math.sin(t[i])
    const o = half + i
    x[2 * o] = rOuter[i] * Math.cos(t[half + i])
    x[2 * o + 1] = rOuter[i] * Math.sin(t[half + i])
    labels[o] = 1
  }
  const idx = rng.permutation(n === 2 * half ? n : 2 * half)
  return takeRows(x, labels, idx, 2)
}

/** XOR: points U(−1, 1)², class 1 where x1·x2 > 0, then jittered by N(0, noise). */
function makeXor(rng: RandomState, n: number, noise: number): Dataset {
  const x = rng.uniform(-1, 1, 2 * n)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) labels[i] = x[2 * i] * x[2 * i + 1] > 0 ? 1 : 0
  const jitter = rng.randn(2 * n)
  for (let i = 0; i < 2 * n; i++) x[i] += jitter[i] * noise
  return { x, labels, count: n, classes: 2 }
}

/** Two Gaussian blobs centred at (−1, −1) (class 0) and (1, 1) (class 1), std 0.5 + noise. */
function makeGauss(rng: RandomState, n: number, noise: number): Dataset {
  const std = 0.5 + noise
  const g = rng.randn(2 * n)
  const x = new Float64Array(2 * n)
  const labels = new Int32Array(n)
  for (let i = 0; i < n; i++) {
    const label = i < n / 2 ? 0 : 1
    const centre = label === 0 ? -1 : 1
    x[2 * i] = centre + g[2 * i] * std
    x[2 * i + 1] = centre + g[2 * i + 1] * std
    labels[i] = label
  }
  return takeRows(x, labels, rng.permutation(n), 2)
}

/** k interleaved spiral arms: arm c's i-th point at radius r = i/perArm·3 and angle
 *  2πc/k + 1.75π·(i/perArm) + N(0, 1)·noise·2 (radians), then shuffled. */
function makeSpiral(rng: RandomState, n: number, noise: number, arms: number): Dataset {
  const x = new Float64Array(2 * n)
  const labels = new Int32Array(n)
  const jitter = rng.randn(n)
  let row = 0
  for (let c = 0; c < arms; c++) {
    const perArm = Math.floor(n / arms) + (c < n % arms ? 1 : 0)
    for (let i = 0; i < perArm; i++) {
      const frac = perArm > 1 ? i / (perArm - 1) : 0
      const radius = 0.2 + 2.8 * frac
      const angle = (2 * Math.PI * c) / arms + 1.75 * Math.PI * frac + jitter[row] * noise * 2
      x[2 * row] = radius * Math.cos(angle)
      x[2 * row + 1] = radius * Math.sin(angle)
      labels[row] = c
      row++
    }
  }
  return takeRows(x, labels, rng.permutation(n), arms)
}

/** Two interleaving half circles (as scikit-learn's make_moons), jittered by N(0, noise). */
function makeMoons(rng: RandomState, n: number, noise: number): Dataset {
  const outer = Math.ceil(n / 2)
  const inner = n - outer
  const x = new Float64Array(2 * n)
  const labels = new Int32Array(n)
  for (let i = 0; i < outer; i++) {
    const t = outer > 1 ? (Math.PI * i) / (outer - 1) : 0
    x[2 * i] = Math.cos(t)
    x[2 * i + 1] = Math.sin(t)
  }
  for (let i = 0; i < inner; i++) {
    const t = inner > 1 ? (Math.PI * i) / (inner - 1) : 0
    const r = outer + i
    x[2 * r] = 1 - Math.cos(t)
    x[2 * r + 1] = 0.5 - Math.sin(t)
    labels[r] = 1
  }
  const jitter = rng.randn(2 * n)
  for (let i = 0; i < 2 * n; i++) x[i] += jitter[i] * noise
  return takeRows(x, labels, rng.permutation(n), 2)
}

/** A sentence saying what is wrong with a generated-dataset spec, or null. */
export function validateDatasetSpec(spec: DatasetSpec): string | null {
  if (spec.kind === 'csv') return null
  if (!Number.isInteger(spec.samples) || spec.samples < 4 || spec.samples > MAX_SAMPLES) {
    return `The number of points must be a whole number from 4 to ${MAX_SAMPLES}.`
  }
  if (!Number.isFinite(spec.noise) || spec.noise < 0 || spec.noise > 5) {
    return 'Noise must be a number from 0 to 5.'
  }
  if (!(spec.testFraction >= 0 && spec.testFraction < 1)) {
    return 'The test fraction must be at least 0 and less than 1.'
  }
  if (spec.kind === 'spiral') {
    if (!Number.isInteger(spec.classes) || spec.classes < 2 || spec.classes > MAX_CLASSES) {
      return `A spiral has 2 to ${MAX_CLASSES} arms.`
    }
  } else if (spec.classes !== 2) {
    return `The ${spec.kind} dataset has 2 classes.`
  }
  return null
}

/** Builds any generated dataset from its spec (throws DatasetError for csv or a bad spec). */
export function generateDataset(spec: DatasetSpec, rng: RandomState): Dataset {
  const problem = validateDatasetSpec(spec)
  if (problem) throw new DatasetError(problem)
  switch (spec.kind) {
    case 'circles':
      return makeCircles(rng, spec.samples, spec.noise)
    case 'xor':
      return makeXor(rng, spec.samples, spec.noise)
    case 'gauss':
      return makeGauss(rng, spec.samples, spec.noise)
    case 'spiral':
      return makeSpiral(rng, spec.samples, spec.noise, spec.classes)
    case 'moons':
      return makeMoons(rng, spec.samples, spec.noise)
    case 'csv':
      throw new DatasetError('CSV points come from a file, not from a generator.')
  }
}

/** Holds out round(count·testFraction) points (chosen by a permutation) as the test set; the
 *  rest, in permutation order, are the training set. Draws nothing when testFraction is 0. */
export function splitDataset(
  data: Dataset,
  testFraction: number,
  rng: RandomState
): { train: Dataset; test: Dataset } {
  if (!(testFraction > 0)) {
    const empty: Dataset = {
      x: new Float64Array(0),
      labels: new Int32Array(0),
      count: 0,
      classes: data.classes
    }
    return { train: takeRows(data.x, data.labels, identity(data.count), data.classes), test: empty }
  }
  const perm = rng.permutation(data.count)
  const testCount = Math.min(data.count - 1, Math.round(data.count * testFraction))
  return {
    test: takeRows(data.x, data.labels, perm.subarray(0, testCount), data.classes),
    train: takeRows(data.x, data.labels, perm.subarray(testCount), data.classes)
  }
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  return a
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/

/** Rows `x1,x2,label` (label a class index 0..7); a first line that is not numbers is taken as
 *  a header; blank lines are skipped. Throws DatasetError naming the line of the first bad row. */
export function parseCsvDataset(text: string): Dataset {
  const lines = text.split(/\r\n|\n|\r/)
  const xs: number[] = []
  const labels: number[] = []
  let seenRow = false
  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1
    const line = lines[i].trim()
    if (line === '') continue
    const cells = line.split(',').map((c) => c.trim())
    if (!seenRow) {
      seenRow = true
      if (!cells.some((c) => NUMBER.test(c))) continue // header
    }
    if (cells.length !== 3) {
      throw new DatasetError(
        `Line ${lineNo}: expected 3 values (x1,x2,label) but found ${cells.length}.`,
        lineNo
      )
    }
    for (let c = 0; c < 2; c++) {
      if (!NUMBER.test(cells[c]) || !Number.isFinite(Number(cells[c]))) {
        throw new DatasetError(`Line ${lineNo}: "${cells[c]}" is not a number.`, lineNo)
      }
    }
    const label = Number(cells[2])
    if (!NUMBER.test(cells[2]) || !Number.isInteger(label) || label < 0 || label >= MAX_CLASSES) {
      throw new DatasetError(
        `Line ${lineNo}: the label "${cells[2]}" must be a class number from 0 to ${MAX_CLASSES - 1}.`,
        lineNo
      )
    }
    xs.push(Number(cells[0]), Number(cells[1]))
    labels.push(label)
    if (labels.length > MAX_SAMPLES) {
      throw new DatasetError(
        `Line ${lineNo}: the file has more than ${MAX_SAMPLES} points.`,
        lineNo
      )
    }
  }
  if (labels.length === 0) throw new DatasetError('The file has no data rows (x1,x2,label).')
  let classes = 2
  for (const l of labels) if (l + 1 > classes) classes = l + 1
  return {
    x: Float64Array.from(xs),
    labels: Int32Array.from(labels),
    count: labels.length,
    classes
  }
}

/** The notebook's plot area: data min − 1 … max + 1 on each axis. */
export function dataBounds(data: Dataset): GridBounds {
  if (data.count === 0) return { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  for (let i = 0; i < data.count; i++) {
    const px = data.x[2 * i]
    const py = data.x[2 * i + 1]
    if (px < xMin) xMin = px
    if (px > xMax) xMax = px
    if (py < yMin) yMin = py
    if (py > yMax) yMax = py
  }
  return { xMin: xMin - 1, xMax: xMax + 1, yMin: yMin - 1, yMax: yMax + 1 }
}
