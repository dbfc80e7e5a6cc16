// Weight initialisation: the registry of schemes, and the draw for a whole network. Draw order
// matters for seed fidelity: the notebook draws each layer's whole fanIn×fanOut matrix with one
// randn call, layer by layer, in row-major order.
import type { NetworkParams, NetworkSpec } from './types'
import type { RandomState } from './rng'

export interface InitEntry {
  /** One layer's fanIn×fanOut weights, row-major, drawn from rng. */
  draw(fanIn: number, fanOut: number, rng: RandomState): Float64Array
  /** Menus: 'He (√(2/fan-in))'. */
  label: string
  /** Inside a figure's caption or a sentence: 'He'. */
  inlineName: string
  /** The distribution, as a formula. */
  formula: string
  /** One line for learners. */
  doc: string
}

/** Half-width of the 'uniform' scheme: small weights in [−0.05, 0.05]. */
export const SMALL_UNIFORM_LIMIT = 0.05

/** randn(fanIn·fanOut)·scale. NumPy evaluates `np.sqrt(2 / fan_in)` once and multiplies every
 *  element by it, so the scale is one number. */
function scaledNormal(size: number, scale: number, rng: RandomState): Float64Array {
  const w = rng.randn(size)
  for (let i = 0; i < size; i++) w[i] = w[i] * scale
  return w
}

// `satisfies` keeps the literal keys (InitName) and makes the compiler check every field.
export const INITS_REGISTRY = {
  he: {
    draw: (fanIn, fanOut, rng) => scaledNormal(fanIn * fanOut, Math.sqrt(2 / fanIn), rng),
    label: 'He  (√(2/fan-in))',
    inlineName: 'He',
    formula: 'randn · √(2 / fan-in)',
    doc: 'He: normal weights scaled by √(2/fan-in), the notebook’s choice; suits ReLU layers.'
  },
  xavier: {
    draw: (fanIn, fanOut, rng) =>
      scaledNormal(fanIn * fanOut, Math.sqrt(2 / (fanIn + fanOut)), rng),
    label: 'Xavier',
    inlineName: 'Xavier',
    formula: 'randn · √(2 / (fan-in + fan-out))',
    doc: 'Xavier/Glorot: normal weights scaled by √(2/(fan-in + fan-out)); suits tanh and sigmoid.'
  },
  uniform: {
    draw: (fanIn, fanOut, rng) =>
      rng.uniform(-SMALL_UNIFORM_LIMIT, SMALL_UNIFORM_LIMIT, fanIn * fanOut),
    label: 'Uniform',
    inlineName: 'uniform',
    formula: `U(−${SMALL_UNIFORM_LIMIT}, ${SMALL_UNIFORM_LIMIT})`,
    doc: `Small uniform weights in [−${SMALL_UNIFORM_LIMIT}, ${SMALL_UNIFORM_LIMIT}]: deep networks start with vanishing signals.`
  }
} satisfies Record<string, InitEntry>

export type InitName = keyof typeof INITS_REGISTRY
export const INITS = Object.keys(INITS_REGISTRY) as readonly InitName[]

/** One layer's weights under the given scheme. */
export function initWeights(
  init: InitName,
  fanIn: number,
  fanOut: number,
  rng: RandomState
): Float64Array {
  return INITS_REGISTRY[init].draw(fanIn, fanOut, rng)
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
