// Weight initialisation. Draw order matters for seed fidelity: the notebook draws each layer's
// whole fanIn×fanOut matrix with one randn call, layer by layer, in row-major order.
import type { InitName, NetworkParams, NetworkSpec } from './types'
import type { RandomState } from './rng'

/** Half-width of the 'uniform' scheme: small weights in [−0.05, 0.05]. */
export const SMALL_UNIFORM_LIMIT = 0.05

/** One layer's weights: He = randn·√(2/fanIn) (notebook), Xavier/Glorot = randn·√(2/(fanIn+fanOut)),
 *  small uniform = U(−0.05, 0.05). */
export function initWeights(
  init: InitName,
  fanIn: number,
  fanOut: number,
  rng: RandomState
): Float64Array {
  const size = fanIn * fanOut
  if (init === 'uniform') return rng.uniform(-SMALL_UNIFORM_LIMIT, SMALL_UNIFORM_LIMIT, size)
  const w = rng.randn(size)
  // NumPy evaluates `np.sqrt(2 / fan_in)` once and multiplies every element by it.
  const scale = init === 'he' ? Math.sqrt(2 / fanIn) : Math.sqrt(2 / (fanIn + fanOut))
  for (let i = 0; i < size; i++) w[i] = w[i] * scale
  return w
}

export function initParams(spec: NetworkSpec, rng: RandomState): NetworkParams {
  const weights: Float64Array[] = []
  const biases: Float64Array[] = []
  const sizes = spec.layerSizes
  for (let i = 0; i < sizes.length - 1; i++) {
    weights.push(initWeights(spec.init, sizes[i], sizes[i + 1], rng))
    biases.push(new Float64Array(sizes[i + 1]))
  }
  return { weights, biases }
}
