// The optimizers' updates measured for the training meters (meters.ts): each does what its
// OPTIMIZERS_REGISTRY update does, operation for operation (optimizers.test.ts checks that p, m
// and v come out identical), and on the way adds Σ(p_after − p_before)² to change[0], Σp_before²
// to change[1] and Σg² to change[2], so that ‖dW‖ and ‖ΔW‖/‖W‖ cost no copy of W and no second
// pass over W or its gradient. Kept apart from the registry so the renderer's first screen
// (which reads the registry's labels) does not carry them; `satisfies` makes a new optimizer
// without its measured update a compile error.
import { type OptimizerName } from './optimizers'
import type { OptimizerConfig, OptimizerState } from './types'

type MeasuredUpdate = (
  config: OptimizerConfig,
  step: number,
  p: Float64Array,
  g: Float64Array,
  m: Float64Array,
  v: Float64Array,
  change: Float64Array
) => void

const MEASURED_UPDATES = {
  sgd(config, _step, p, g, _m, _v, change) {
    const lr = config.learningRate
    let moved = 0
    let size = 0
    let grad = 0
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]
      const before = p[i]
      const after = before - lr * gi
      p[i] = after
      grad += gi * gi
      const d = after - before
      moved += d * d
      size += before * before
    }
    change[0] += moved
    change[1] += size
    change[2] += grad
  },
  momentum(config, _step, p, g, v, _v, change) {
    const lr = config.learningRate
    const mu = config.momentum
    let moved = 0
    let size = 0
    let grad = 0
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]
      const velocity = mu * v[i] - lr * gi
      grad += gi * gi
      v[i] = velocity
      const before = p[i]
      const after = before + velocity
      p[i] = after
      const d = after - before
      moved += d * d
      size += before * before
    }
    change[0] += moved
    change[1] += size
    change[2] += grad
  },
  adam(config, step, p, g, m, v, change) {
    const lr = config.learningRate
    const b1 = config.beta1
    const b2 = config.beta2
    const eps = config.epsilon
    const c1 = 1 - Math.pow(b1, step)
    const c2 = 1 - Math.pow(b2, step)
    let moved = 0
    let size = 0
    let grad = 0
    for (let i = 0; i < p.length; i++) {
      const gi = g[i]
      const mi = b1 * m[i] + (1 - b1) * gi
      const vi = b2 * v[i] + (1 - b2) * gi * gi
      grad += gi * gi
      m[i] = mi
      v[i] = vi
      const before = p[i]
      const after = before - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps)
      p[i] = after
      const d = after - before
      moved += d * d
      size += before * before
    }
    change[0] += moved
    change[1] += size
    change[2] += grad
  }
} satisfies Record<OptimizerName, MeasuredUpdate>

const NO_MEMORY = new Float64Array(0)

/** applyUpdate (optimizers.ts), measuring the change for the meters (see the file comment). */
export function applyMeasuredUpdate(
  config: OptimizerConfig,
  state: OptimizerState,
  slot: number,
  p: Float64Array,
  g: Float64Array,
  change: Float64Array
): void {
  const m = state.m[slot] ?? NO_MEMORY
  const v = state.v[slot] ?? NO_MEMORY
  MEASURED_UPDATES[config.kind](config, state.step, p, g, m, v, change)
}
