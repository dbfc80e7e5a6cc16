// Labelled 2-D point sets. Every generator draws from the run's RandomState, so a seed gives the
// same points everywhere. `makeCircles` is the notebook's function, call for call.
import {
  MAX_CLASSES,
  MAX_NOISE,
  MAX_SAMPLES,
  MIN_CLASSES,
  MIN_SAMPLES,
  TEST_FRACTION_BELOW
} from './limits'
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

/** Gathers rows `order[i]` of (x, labels and, for regression points, targets) into a new dataset. */
function takeRows(
  x: Float64Array,
  labels: Int32Array,
  order: ArrayLike<number>,
  classes: number,
  targets?: Float64Array
): Dataset {
  const count = order.length
  const outX = new Float64Array(count * 2)
  const outLabels = new Int32Array(count)
  const outTargets = targets ? new Float64Array(count) : undefined
  for (let i = 0; i < count; i++) {
    const r = order[i]
    outX[2 * i] = x[2 * r]
    outX[2 * i + 1] = x[2 * r + 1]
    outLabels[i] = labels[r]
    if (outTargets && targets) outTargets[i] = targets[r]
  }
  const data: Dataset = { x: outX, labels: outLabels, count, classes }
  if (outTargets) data.targets = outTargets
  return data
}

/** The sign class of each target (1 where it is above 0): what views that draw classes show. */
export function signLabels(targets: Float64Array): Int32Array {
  const labels = new Int32Array(targets.length)
  for (let i = 0; i < targets.length; i++) labels[i] = targets[i] > 0 ? 1 : 0
  return labels
}

/** TF Playground's half-width of the regression square: points are U(−6, 6)². */
const REGRESSION_RADIUS = 6

/** TF Playground's regression sampling, seeded: per point x, y, noiseX, noiseY drawn in that
 *  order as U(−6, 6) (one uniform(−6, 6, 4n) call), the target read at (x + noise·noiseX,
 *  y + noise·noiseY) while the point stays at (x, y). */
function makeRegression(
  rng: RandomState,
  n: number,
  noise: number,
  target: (x: number, y: number) => number
): Dataset {
  const u = rng.uniform(-REGRESSION_RADIUS, REGRESSION_RADIUS, 4 * n)
  const x = new Float64Array(2 * n)
  const targets = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    x[2 * i] = u[4 * i]
    x[2 * i + 1] = u[4 * i + 1]
    targets[i] = target(u[4 * i] + u[4 * i + 2] * noise, u[4 * i + 1] + u[4 * i + 3] * noise)
  }
  return { x, labels: signLabels(targets), count: n, classes: 2, targets }
}

/** TF Playground's regressPlane: y = (x1 + x2) / 10, in −1.2 … 1.2 over the square. */
export function planeTarget(x1: number, x2: number): number {
  return (x1 + x2) / 10
}

/** TF Playground's six bumps (centre x, centre y, sign). */
const GAUSS_MIX_BUMPS: readonly (readonly [number, number, number])[] = [
  [-4, 2.5, 1],
  [0, 2.5, -1],
  [4, 2.5, 1],
  [-4, -2.5, -1],
  [0, -2.5, 1],
  [4, -2.5, -1]
]

/** TF Playground's regressGaussian: each bump gives sign·clamp(1 − d/2, 0, 1) at distance d from
 *  its centre; the target is the one largest in absolute value (0 far from every bump). */
export function gaussMixTarget(x1: number, x2: number): number {
  let target = 0
  for (const [cx, cy, sign] of GAUSS_MIX_BUMPS) {
    const d = Math.hypot(x1 - cx, x2 - cy)
    const value = sign * Math.min(1, Math.max(0, 1 - d / 2))
    if (Math.abs(value) > Math.abs(target)) target = value
  }
  return target
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

export interface GeneratedDatasetEntry {
  /** The points for a valid spec, drawn from rng. */
  generate(rng: RandomState, spec: DatasetSpec): Dataset
  /** True when the learner chooses the number of classes (the spiral's arms); otherwise 2. */
  choosesClasses: boolean
  /** True for the regression datasets: real-valued targets, a linear output (absent: classes). */
  regression?: boolean
  /** Buttons and menus: 'Circles'. */
  label: string
  /** One line for learners. */
  doc: string
}

// `satisfies` keeps the literal keys (GeneratedDatasetKind) and makes the compiler check every
// field. Imported points (kind 'csv') come from a file, not a generator: CSV_DATASET below.
export const DATASETS_REGISTRY = {
  circles: {
    generate: (rng, spec) => makeCircles(rng, spec.samples, spec.noise),
    choosesClasses: false,
    label: 'Circles',
    doc: 'Two concentric rings, the notebook’s data: class 0 inside, class 1 outside.'
  },
  xor: {
    generate: (rng, spec) => makeXor(rng, spec.samples, spec.noise),
    choosesClasses: false,
    label: 'XOR',
    doc: 'Four quadrants where opposite corners share a class: no straight line separates them.'
  },
  gauss: {
    generate: (rng, spec) => makeGauss(rng, spec.samples, spec.noise),
    choosesClasses: false,
    label: 'Gaussians',
    doc: 'Two Gaussian blobs: a single straight line nearly separates them.'
  },
  spiral: {
    generate: (rng, spec) => makeSpiral(rng, spec.samples, spec.noise, spec.classes),
    choosesClasses: true,
    label: 'Spiral',
    doc: 'Interleaved spiral arms, one class per arm: hard for small networks.'
  },
  moons: {
    generate: (rng, spec) => makeMoons(rng, spec.samples, spec.noise),
    choosesClasses: false,
    label: 'Moons',
    doc: 'Two interleaving half-moons.'
  },
  plane: {
    generate: (rng, spec) => makeRegression(rng, spec.samples, spec.noise, planeTarget),
    choosesClasses: false,
    regression: true,
    label: 'Plane',
    doc: 'Regression: a real number that rises linearly across the plane, y = (x1 + x2) / 10.'
  },
  'gauss-mix': {
    generate: (rng, spec) => makeRegression(rng, spec.samples, spec.noise, gaussMixTarget),
    choosesClasses: false,
    regression: true,
    label: 'Gaussian mix',
    doc: 'Regression: six bumps of height +1 or −1; the value to predict is the strongest bump.'
  }
} satisfies Record<string, GeneratedDatasetEntry>

export const CSV_DATASET = {
  label: 'CSV data',
  doc: 'Points you imported from a CSV file (x1, x2, label).'
}

export type GeneratedDatasetKind = keyof typeof DATASETS_REGISTRY
export type DatasetKind = GeneratedDatasetKind | 'csv'
export const GENERATED_DATASETS = Object.keys(DATASETS_REGISTRY) as readonly GeneratedDatasetKind[]

/** True when a generated kind's points are real-valued targets (the regression problem type);
 *  imported points say so themselves (Dataset.targets). */
export function isRegressionDataset(kind: DatasetKind): boolean {
  if (kind === 'csv') return false
  const entry: GeneratedDatasetEntry = DATASETS_REGISTRY[kind]
  return entry.regression === true
}

/** The name shown for any kind, imported points included. */
export function datasetLabel(kind: DatasetKind): string {
  return kind === 'csv' ? CSV_DATASET.label : DATASETS_REGISTRY[kind].label
}

/** The learner's line for any kind, imported points included. */
export function datasetDoc(kind: DatasetKind): string {
  return kind === 'csv' ? CSV_DATASET.doc : DATASETS_REGISTRY[kind].doc
}

/** A sentence saying what is wrong with a generated-dataset spec, or null. */
export function validateDatasetSpec(spec: DatasetSpec): string | null {
  if (spec.kind === 'csv') return null
  if (!Number.isInteger(spec.samples) || spec.samples < MIN_SAMPLES || spec.samples > MAX_SAMPLES) {
    return `The number of points must be a whole number from ${MIN_SAMPLES} to ${MAX_SAMPLES}.`
  }
  if (!Number.isFinite(spec.noise) || spec.noise < 0 || spec.noise > MAX_NOISE) {
    return `Noise must be a number from 0 to ${MAX_NOISE}.`
  }
  if (!(spec.testFraction >= 0 && spec.testFraction < TEST_FRACTION_BELOW)) {
    return `The test fraction must be at least 0 and less than ${TEST_FRACTION_BELOW}.`
  }
  if (DATASETS_REGISTRY[spec.kind].choosesClasses) {
    if (
      !Number.isInteger(spec.classes) ||
      spec.classes < MIN_CLASSES ||
      spec.classes > MAX_CLASSES
    ) {
      return `A spiral has ${MIN_CLASSES} to ${MAX_CLASSES} arms.`
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
  if (spec.kind === 'csv') {
    throw new DatasetError('CSV points come from a file, not from a generator.')
  }
  return DATASETS_REGISTRY[spec.kind].generate(rng, spec)
}

/** Holds out round(count·testFraction) points (chosen by a permutation) as the test set; the
 *  rest, in permutation order, are the training set. Draws nothing when testFraction is 0, or
 *  when the points carry their own split (an exported CSV's split column) with exactly that many
 *  test points: then the file's train and test rows are the sets, in the file's order. */
export function splitDataset(
  data: Dataset,
  testFraction: number,
  rng: RandomState
): { train: Dataset; test: Dataset } {
  const { train, test } = splitPoints(data, testFraction, rng)
  return { train: withNamesOf(data, train), test: withNamesOf(data, test) }
}

/** `part` with the column and class names of the points it was taken from. */
function withNamesOf(source: Dataset, part: Dataset): Dataset {
  if (source.inputNames) part.inputNames = [source.inputNames[0], source.inputNames[1]]
  if (source.classNames) part.classNames = [...source.classNames]
  return part
}

function splitPoints(
  data: Dataset,
  testFraction: number,
  rng: RandomState
): { train: Dataset; test: Dataset } {
  const own = data.split
  if (own && splitTestCount(own, data.count) === testCountFor(data.count, testFraction)) {
    const trainRows: number[] = []
    const testRows: number[] = []
    for (let i = 0; i < data.count; i++) (own[i] ? testRows : trainRows).push(i)
    return {
      train: takeRows(data.x, data.labels, Int32Array.from(trainRows), data.classes, data.targets),
      test: takeRows(data.x, data.labels, Int32Array.from(testRows), data.classes, data.targets)
    }
  }
  if (!(testFraction > 0)) {
    const empty: Dataset = {
      x: new Float64Array(0),
      labels: new Int32Array(0),
      count: 0,
      classes: data.classes
    }
    if (data.targets) empty.targets = new Float64Array(0)
    return {
      train: takeRows(data.x, data.labels, identity(data.count), data.classes, data.targets),
      test: empty
    }
  }
  const perm = rng.permutation(data.count)
  const testCount = testCountFor(data.count, testFraction)
  return {
    test: takeRows(data.x, data.labels, perm.subarray(0, testCount), data.classes, data.targets),
    train: takeRows(data.x, data.labels, perm.subarray(testCount), data.classes, data.targets)
  }
}

/** How many of `count` points a test fraction holds out (at least one point stays to train on). */
function testCountFor(count: number, testFraction: number): number {
  return testFraction > 0 ? Math.min(count - 1, Math.round(count * testFraction)) : 0
}

function splitTestCount(split: Uint8Array, count: number): number {
  let tests = 0
  for (let i = 0; i < count; i++) tests += split[i]
  return tests
}

/** The test fraction that makes splitDataset keep the points' own split (0 without one). */
export function ownTestFraction(data: Dataset): number {
  return data.split ? splitTestCount(data.split, data.count) / data.count : 0
}

function identity(n: number): Int32Array {
  const a = new Int32Array(n)
  for (let i = 0; i < n; i++) a[i] = i
  return a
}

/** Two sets' points as one (train and test: the plot covers both, an imported run is re-split
 *  from all of them). */
export function mergeDatasets(a: Dataset, b: Dataset): Dataset {
  const x = new Float64Array((a.count + b.count) * 2)
  x.set(a.x.subarray(0, a.count * 2))
  x.set(b.x.subarray(0, b.count * 2), a.count * 2)
  const labels = new Int32Array(a.count + b.count)
  labels.set(a.labels.subarray(0, a.count))
  labels.set(b.labels.subarray(0, b.count), a.count)
  const merged: Dataset = {
    x,
    labels,
    count: a.count + b.count,
    classes: Math.max(a.classes, b.classes)
  }
  if (a.targets && b.targets) {
    merged.targets = new Float64Array(a.count + b.count)
    merged.targets.set(a.targets.subarray(0, a.count))
    merged.targets.set(b.targets.subarray(0, b.count), a.count)
  }
  return withNamesOf(a, merged)
}

/** dataBounds of train and test together, without copying a large dataset to merge it. */
export function boundsOfBoth(train: Dataset, test: Dataset): GridBounds {
  if (test.count === 0) return dataBounds(train)
  if (train.count === 0) return dataBounds(test)
  const a = dataBounds(train)
  const b = dataBounds(test)
  return {
    xMin: Math.min(a.xMin, b.xMin),
    xMax: Math.max(a.xMax, b.xMax),
    yMin: Math.min(a.yMin, b.yMin),
    yMax: Math.max(a.yMax, b.yMax)
  }
}

/** The pixel centres of a width×height grid over `bounds`, in image order (row 0 at yMax): the
 *  points every boundary map is evaluated at. */
export function gridPoints(bounds: GridBounds, width: number, height: number): Float64Array {
  const x = new Float64Array(width * height * 2)
  const dx = (bounds.xMax - bounds.xMin) / width
  const dy = (bounds.yMax - bounds.yMin) / height
  for (let r = 0; r < height; r++) {
    const y = bounds.yMax - (r + 0.5) * dy
    for (let c = 0; c < width; c++) {
      const i = (r * width + c) * 2
      x[i] = bounds.xMin + (c + 0.5) * dx
      x[i + 1] = y
    }
  }
  return x
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
