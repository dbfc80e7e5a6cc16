// Parameter updates. Each optimizer sees the averaged gradient g of one weight or bias array
// (with L1/L2 already added for weights) and changes the array in place.
//   sgd:      p ← p − lr·g                                    (the notebook)
//   momentum: v ← μ·v − lr·g;  p ← p + v
//   adam:     m ← β1·m + (1−β1)·g;  v ← β2·v + (1−β2)·g²;  t ← t+1
//             p ← p − lr·m̂ / (√v̂ + ε) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ)
// Optimizer memory slots follow the parameter order: weights[0..L−1], then biases[0..L−1].
import type { NetworkParams, OptimizerConfig, OptimizerState } from './types'

export interface OptimizerEntry {
  /** How many memory arrays per parameter array it keeps: 0 (sgd), 1 (m), 2 (m and v). */
  moments: 0 | 1 | 2
  /** Updates p in place from its gradient g; m and v are this array's memory slots (empty
   *  arrays when the optimizer keeps none); step is the update count t (Adam's bias correction). */
  update(
    config: OptimizerConfig,
    step: number,
    p: Float64Array,
    g: Float64Array,
    m: Float64Array,
    v: Float64Array
  ): void
  /** Menus: 'Gradient descent (SGD)'. */
  label: string
  /** Inside a figure's caption: 'SGD'. */
  inlineName: string
  /** One line for learners. */
  doc: string
}

const NO_MEMORY = new Float64Array(0)

// `satisfies` keeps the literal keys (OptimizerName) and makes the compiler check every field.
export const OPTIMIZERS_REGISTRY = {
  sgd: {
    moments: 0,
    update(config, _step, p, g) {
      const lr = config.learningRate
      for (let i = 0; i < p.length; i++) p[i] -= lr * g[i]
    },
    label: 'Gradient descent (SGD)',
    inlineName: 'SGD',
    doc: 'Plain gradient descent, the notebook’s: each weight steps against its gradient, p ← p − lr·g.'
  },
  momentum: {
    moments: 1,
    update(config, _step, p, g, v) {
      const lr = config.learningRate
      const mu = config.momentum
      for (let i = 0; i < p.length; i++) {
        v[i] = mu * v[i] - lr * g[i]
        p[i] += v[i]
      }
    },
    label: 'Momentum',
    inlineName: 'Momentum',
    doc: 'Momentum: a velocity v ← μ·v − lr·g accumulates past steps and p ← p + v, so steps speed up along steady slopes.'
  },
  adam: {
    moments: 2,
    update(config, step, p, g, m, v) {
      const lr = config.learningRate
      const b1 = config.beta1
      const b2 = config.beta2
      const eps = config.epsilon
      const c1 = 1 - Math.pow(b1, step)
      const c2 = 1 - Math.pow(b2, step)
      for (let i = 0; i < p.length; i++) {
        const gi = g[i]
        m[i] = b1 * m[i] + (1 - b1) * gi
        v[i] = b2 * v[i] + (1 - b2) * gi * gi
        p[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + eps)
      }
    },
    label: 'Adam',
    inlineName: 'Adam',
    doc: 'Adam: running means of the gradient and of its square give each weight its own step size, lr·m̂ / (√v̂ + ε).'
  }
} satisfies Record<string, OptimizerEntry>

export type OptimizerName = keyof typeof OPTIMIZERS_REGISTRY
export const OPTIMIZERS = Object.keys(OPTIMIZERS_REGISTRY) as readonly OptimizerName[]

export function createOptimizerState(kind: OptimizerName, params: NetworkParams): OptimizerState {
  const arrays = [...params.weights, ...params.biases]
  const moments = OPTIMIZERS_REGISTRY[kind].moments
  return {
    step: 0,
    m: moments >= 1 ? arrays.map((a) => new Float64Array(a.length)) : [],
    v: moments >= 2 ? arrays.map((a) => new Float64Array(a.length)) : []
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
  const m = state.m[slot] ?? NO_MEMORY
  const v = state.v[slot] ?? NO_MEMORY
  OPTIMIZERS_REGISTRY[config.kind].update(config, state.step, p, g, m, v)
}
