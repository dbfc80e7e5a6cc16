// The loss landscape around the current weights (Li, Xu, Taylor, Studer & Goldstein 2018,
// "Visualizing the Loss Landscape of Neural Nets"): two random directions δ, η in weight space,
// each filter-normalised — for a dense layer a "filter" is one neuron's incoming weights (a
// column of W), scaled to the norm of the same column of W; biases get no direction, as in the
// paper — and the training loss at θ + α·δ + β·η over a grid of (α, β). Recent weights of the
// run are projected onto (δ, η) by least squares, so the optimizer's path can be drawn on it.
import { objective } from './gradcheck'
import { createBuffers } from './network'
import { RandomState } from './rng'
import type { Dataset, NetworkParams, NetworkSpec } from './types'

export interface LandscapeOptions {
  /** Grid points per side (odd keeps θ itself on the grid). */
  resolution?: number
  /** α and β run over [−span, span]. */
  span?: number
  /** Seed of the random directions (fixed: the same run shows the same slice). */
  seed?: number
  /** Weights to project onto the plane (e.g. the recent path), oldest first. */
  path?: NetworkParams[]
  l1?: number
  l2?: number
}

export interface Landscape {
  resolution: number
  span: number
  /** resolution × resolution losses, row-major: row r is β = −span + r·step (bottom to top),
   *  column c is α = −span + c·step. */
  losses: Float64Array
  /** The loss at θ (α = β = 0). */
  center: number
  /** The path's (α, β) coordinates, 2 per weight set. */
  path: Float64Array
}

/** A random direction with each neuron's incoming weights scaled to that neuron's weight norm. */
export function filterNormalizedDirection(
  spec: NetworkSpec,
  params: NetworkParams,
  rng: RandomState
): Float64Array[] {
  return params.weights.map((w, l) => {
    const K = spec.layerSizes[l]
    const J = spec.layerSizes[l + 1]
    const d = rng.randn(K * J)
    for (let j = 0; j < J; j++) {
      let dn = 0
      let wn = 0
      for (let k = 0; k < K; k++) {
        dn += d[k * J + j] ** 2
        wn += w[k * J + j] ** 2
      }
      const scale = dn > 0 ? Math.sqrt(wn / dn) : 0
      for (let k = 0; k < K; k++) d[k * J + j] *= scale
    }
    return d
  })
}

function dot(a: Float64Array[], b: Float64Array[]): number {
  let s = 0
  for (let l = 0; l < a.length; l++) for (let i = 0; i < a[l].length; i++) s += a[l][i] * b[l][i]
  return s
}

export function lossLandscape(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  options: LandscapeOptions = {}
): Landscape {
  const resolution = options.resolution ?? 31
  const span = options.span ?? 1
  const rng = new RandomState(options.seed ?? 0)
  const delta = filterNormalizedDirection(spec, params, rng)
  const eta = filterNormalizedDirection(spec, params, rng)
  const probe: NetworkParams = {
    weights: params.weights.map((w) => w.slice()),
    biases: params.biases.map((b) => b.slice())
  }
  const losses = new Float64Array(resolution * resolution)
  const buf = createBuffers(spec, Math.max(1, data.count))
  const step = resolution > 1 ? (2 * span) / (resolution - 1) : 0
  for (let r = 0; r < resolution; r++) {
    const beta = -span + r * step
    for (let c = 0; c < resolution; c++) {
      const alpha = -span + c * step
      for (let l = 0; l < params.weights.length; l++) {
        const w = params.weights[l]
        const pw = probe.weights[l]
        for (let i = 0; i < w.length; i++) pw[i] = w[i] + alpha * delta[l][i] + beta * eta[l][i]
      }
      losses[r * resolution + c] = objective(spec, probe, data, options.l1, options.l2, buf)
    }
  }
  // Least squares: θ_t − θ ≈ α·δ + β·η (δ and η are nearly, not exactly, orthogonal).
  const dd = dot(delta, delta)
  const de = dot(delta, eta)
  const ee = dot(eta, eta)
  const det = dd * ee - de * de
  const path = options.path ?? []
  const coords = new Float64Array(path.length * 2)
  path.forEach((p, t) => {
    const diff = p.weights.map((w, l) => {
      const out = new Float64Array(w.length)
      for (let i = 0; i < w.length; i++) out[i] = w[i] - params.weights[l][i]
      return out
    })
    const pd = dot(diff, delta)
    const pe = dot(diff, eta)
    coords[2 * t] = det !== 0 ? (ee * pd - de * pe) / det : 0
    coords[2 * t + 1] = det !== 0 ? (dd * pe - de * pd) / det : 0
  })
  const center = objective(spec, params, data, options.l1, options.l2, buf)
  return { resolution, span, losses, center, path: coords }
}
