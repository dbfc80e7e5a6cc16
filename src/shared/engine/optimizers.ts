// Parameter updates. Each optimizer sees the averaged gradient g of one weight or bias array
// (with L1/L2 already added for weights) and changes the array in place.
//   sgd:      p ← p − lr·g                                    (the notebook)
//   momentum: v ← μ·v − lr·g;  p ← p + v
//   adam:     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t+1
//             p ← p − lr·m̂ / (√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ)
// Optimizer memory slots follow the parameter order: weights[0..L−1], then biases[0..L−1].
import type { NetworkParams, OptimizerConfig, OptimizerName, OptimizerState } from './types'

export function createOptimizerState(kind: OptimizerName, params: NetworkParams): OptimizerState {
  const arrays = [...params.weights, ...params.biases]
  return {
    step: 0,
    m: kind === 'sgd' ? [] : arrays.map((a) => new Float64Array(a.length)),
    v: kind === 'adam' ? arrays.map((a) => new Float64Array(a.length)) : []
  }
}

/** Adds the penalty gradients to g for a weight array: L2 rate·w (from rate/2·Σw²) and
 *  L1 rate·sign(w) (from rate·Σ|w|). */
export function addPenaltyGradient(w: Float64Array, g: Float64Array, l1: number, l2: number): void {
  if (l1 === 0 && l2 === 0) return
  for (let i = 0; i < w.length; i++) {
    const wi = w[i]
    g[i] += l2 * wi + l1 * (wi > 0 ? 1 : wi < 0 ? -1 : 0)
  }
}

/** The penalty term added to the objective: l1·Σ|w| + l2/2·Σw² over all weight matrices. */
export function penalty(weights: Float64Array[], l1: number, l2: number): number {
  if (l1 === 0 && l2 === 0) return 0
  let abs = 0
  let sq = 0
  for (const w of weights) {
    for (let i = 0; i < w.length; i++) {
      abs += Math.abs(w[i])
      sq += w[i] * w[i]
    }
  }
  return l1 * abs + 0.5 * l2 * sq
}

/** Call once per update (per batch) before the per-array steps: advances Adam's t. */
export function beginStep(state: OptimizerState): void {
  state.step++
}

/** Updates one parameter array p with its gradient g. */
export function applyUpdate(
  config: OptimizerConfig,
  state: OptimizerState,
  slot: number,
  p: Float64Array,
  g: Float64Array
): void {
  const lr = config.learningRate
  const n = p.length
  if (config.kind === 'sgd') {
    for (let i = 0; i < n; i++) p[i] -= lr * g[i]
  } else if (config.kind === 'momentum') {
    const v = state.m[slot]
    const mu = config.momentum
    for (let i = 0; i < n; i++) {
      v[i] = mu * v[i] - lr * g[i]
      p[i] += v[i]
    }
  } else {
    const m = state.m[slot]
    const v = state.v[slot]
    const b1 = config.beta1
    const b2 = config.beta2
    const eps = config.epsilon
    const c1 = 1 - Math.pow(b1, state.step)
    const c2 = 1 - Math.pow(b2, state.step)
    for (let i = 0; i < n; i++) {
      const gi = g[i]
      m[i] = b1 * m[i] + (1 - b1) * gi
      v[i] = b2 * v[i] + (1 - b2) * gi * gi
      p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps)
    }
  }
}
