// Hidden space (as ConvNetJS's classify2d shows it): the data and the input plane's grid lines
// carried through the network to one hidden layer and drawn in two of its coordinates — two
// chosen units' activations, or the layer's first two principal components over the training
// points — so a learner sees how the layer has bent the plane to pull the classes apart.
import { dataBounds } from './datasets'
import { createBuffers, forEachChunk, PREDICT_CHUNK } from './network'
import type { Dataset, GridBounds, NetworkParams, NetworkSpec } from './types'

export interface HiddenSpaceOptions {
  /** Hidden layer index (0 = the first hidden layer). */
  layer: number
  /** Two unit indices of that layer, or null for its first two principal components. */
  units: [number, number] | null
  /** Grid lines per direction over the data's plane (the plot area of the boundary map). */
  lines?: number
  /** Points along each grid line. */
  pointsPerLine?: number
  bounds?: GridBounds
}

export interface HiddenSpace {
  /** Training points in the two coordinates: count × 2. */
  points: Float64Array
  labels: Int32Array
  /** Grid lines: first the lines of constant x₂ (horizontal in the input), then of constant x₁;
   *  each pointsPerLine × 2 coordinates. */
  lines: Float64Array[]
  /** How the coordinates are made: 'units' (activations of units[0], units[1]) or 'pca'. */
  axes: 'units' | 'pca'
  /** For 'pca': the share of the layer's variance each component explains. */
  explained?: [number, number]
}

/** The hidden layer's activations for `count` points (count × J). */
function activations(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  layer: number
): Float64Array {
  const J = spec.layerSizes[layer + 1]
  const out = new Float64Array(count * J)
  const buf = createBuffers(spec, Math.min(Math.max(count, 1), PREDICT_CHUNK))
  forEachChunk(spec, params, x, count, buf, layer, (start, n, a) => {
    out.set(a.subarray(0, n * J), start * J)
  })
  return out
}

/** The two leading eigenvectors of a symmetric J×J matrix (power iteration with deflation), each
 *  signed so its largest component is positive (the picture does not flip between frames). */
export function leadingEigenvectors(
  cov: Float64Array,
  J: number
): { vectors: [Float64Array, Float64Array]; values: [number, number] } {
  const m = cov.slice()
  const vectors: Float64Array[] = []
  const values: number[] = []
  for (let k = 0; k < 2; k++) {
    let v = new Float64Array(J)
    for (let i = 0; i < J; i++) v[i] = 1 / Math.sqrt(J) + i * 1e-3
    let lambda = 0
    for (let iter = 0; iter < 500; iter++) {
      const w = new Float64Array(J)
      for (let i = 0; i < J; i++) {
        let s = 0
        for (let j = 0; j < J; j++) s += m[i * J + j] * v[j]
        w[i] = s
      }
      const norm = Math.hypot(...w)
      if (norm === 0) break
      for (let i = 0; i < J; i++) w[i] /= norm
      let change = 0
      for (let i = 0; i < J; i++) change = Math.max(change, Math.abs(w[i] - v[i]))
      v = w
      lambda = norm
      if (change < 1e-12) break
    }
    let big = 0
    for (let i = 0; i < J; i++) if (Math.abs(v[i]) > Math.abs(v[big])) big = i
    if (v[big] < 0) for (let i = 0; i < J; i++) v[i] = -v[i]
    vectors.push(v)
    values.push(lambda)
    for (let i = 0; i < J; i++) for (let j = 0; j < J; j++) m[i * J + j] -= lambda * v[i] * v[j]
  }
  return { vectors: [vectors[0], vectors[1]], values: [values[0], values[1]] }
}

export function hiddenSpace(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  options: HiddenSpaceOptions
): HiddenSpace {
  const hidden = spec.layerSizes.length - 2
  const { layer, units } = options
  if (!Number.isInteger(layer) || layer < 0 || layer >= hidden)
    throw new RangeError(`There is no hidden layer ${layer + 1}.`)
  const J = spec.layerSizes[layer + 1]
  if (units && units.some((u) => !Number.isInteger(u) || u < 0 || u >= J))
    throw new RangeError(`Hidden layer ${layer + 1} has ${J} units.`)
  if (!units && J < 2) throw new RangeError('Principal components need a layer of 2 units or more.')
  const lineCount = options.lines ?? 13
  const along = options.pointsPerLine ?? 60
  const b = options.bounds ?? dataBounds(data)

  // Every grid-line point, then the data, through the network at once.
  const linePoints = 2 * lineCount * along
  const x = new Float64Array((linePoints + data.count) * 2)
  let p = 0
  for (let dir = 0; dir < 2; dir++) {
    for (let l = 0; l < lineCount; l++) {
      const fixed = l / (lineCount - 1)
      for (let t = 0; t < along; t++) {
        const moving = t / (along - 1)
        const u = dir === 0 ? moving : fixed
        const v = dir === 0 ? fixed : moving
        x[p++] = b.xMin + u * (b.xMax - b.xMin)
        x[p++] = b.yMin + v * (b.yMax - b.yMin)
      }
    }
  }
  x.set(data.x.subarray(0, data.count * 2), p)
  const count = linePoints + data.count
  const a = activations(spec, params, x, count, layer)

  let project: (i: number, out: Float64Array, at: number) => void
  let explained: [number, number] | undefined
  if (units) {
    const [u0, u1] = units
    project = (i, out, at) => {
      out[at] = a[i * J + u0]
      out[at + 1] = a[i * J + u1]
    }
  } else {
    // Principal components of the training points' activations.
    const mean = new Float64Array(J)
    for (let n = 0; n < data.count; n++)
      for (let j = 0; j < J; j++) mean[j] += a[(linePoints + n) * J + j]
    for (let j = 0; j < J; j++) mean[j] /= Math.max(1, data.count)
    const cov = new Float64Array(J * J)
    for (let n = 0; n < data.count; n++) {
      const row = (linePoints + n) * J
      for (let i = 0; i < J; i++) {
        const di = a[row + i] - mean[i]
        for (let j = 0; j < J; j++) cov[i * J + j] += di * (a[row + j] - mean[j])
      }
    }
    for (let i = 0; i < J * J; i++) cov[i] /= Math.max(1, data.count - 1)
    let total = 0
    for (let i = 0; i < J; i++) total += cov[i * J + i]
    const { vectors, values } = leadingEigenvectors(cov, J)
    explained = total > 0 ? [values[0] / total, values[1] / total] : [0, 0]
    const [e0, e1] = vectors
    project = (i, out, at) => {
      let s0 = 0
      let s1 = 0
      for (let j = 0; j < J; j++) {
        const d = a[i * J + j] - mean[j]
        s0 += d * e0[j]
        s1 += d * e1[j]
      }
      out[at] = s0
      out[at + 1] = s1
    }
  }

  const lines: Float64Array[] = []
  for (let l = 0; l < 2 * lineCount; l++) {
    const line = new Float64Array(along * 2)
    for (let t = 0; t < along; t++) project(l * along + t, line, 2 * t)
    lines.push(line)
  }
  const points = new Float64Array(data.count * 2)
  for (let n = 0; n < data.count; n++) project(linePoints + n, points, 2 * n)
  const result: HiddenSpace = {
    points,
    labels: data.labels.slice(0, data.count),
    lines,
    axes: units ? 'units' : 'pca'
  }
  if (explained) result.explained = explained
  return result
}
