// Inverted dropout on hidden layers while training. Each step's forward pass draws, for every
// hidden layer whose rate p > 0 (in layer order), one uniform u per row and neuron (row-major)
// with the run's RandomState (NumPy's random_sample), keeps the neuron where u ≥ p and scales
// kept activations by 1/(1 − p), so the expected activation is unchanged and evaluation, the
// boundary map, predict and the exports use the plain network. In the run's RNG order the draws
// come after the epoch's mini-batch permutation, batch by batch; a run with dropout off (the
// seed-notebook preset) draws nothing, so it consumes NumPy's stream exactly as before.
import { ACTIVATIONS_REGISTRY } from './activations'
import type { RandomState } from './rng'
import type { NetworkSpec } from './types'

/** One factor per row and neuron of each hidden layer (0 or 1/(1 − p)); null = no dropout there. */
export type DropoutMasks = (Float64Array | null)[]

/** True when some hidden layer has a rate above 0. */
export function hasDropout(rates: readonly number[] | undefined): boolean {
  return !!rates && rates.some((p) => p > 0)
}

/** A sentence when the rates do not fit the network, or null. */
export function validateDropout(
  rates: readonly number[],
  hiddenLayers: number,
  below: number
): string | null {
  if (rates.length !== hiddenLayers) {
    return `Dropout needs one rate per hidden layer (${hiddenLayers}), not ${rates.length}.`
  }
  if (rates.some((p) => !(p >= 0 && p < below))) {
    return `Dropout rates must be at least 0 and below ${below}.`
  }
  return null
}

/** Fills (allocating when needed) the masks for `count` rows, drawing from rng in layer order. */
export function drawDropoutMasks(
  spec: NetworkSpec,
  rates: readonly number[],
  count: number,
  rng: RandomState,
  masks: DropoutMasks
): DropoutMasks {
  const hidden = spec.layerSizes.length - 2
  for (let l = 0; l < hidden; l++) {
    const p = rates[l] ?? 0
    if (!(p > 0)) {
      masks[l] = null
      continue
    }
    const len = count * spec.layerSizes[l + 1]
    let mask = masks[l]
    if (!mask || mask.length < len) mask = masks[l] = new Float64Array(len)
    const keep = 1 / (1 - p)
    for (let i = 0; i < len; i++) mask[i] = rng.random() >= p ? keep : 0
  }
  masks.length = hidden
  return masks
}

/** a ⊙ mask, after the layer's activation (forward pass). */
export function applyMask(a: Float64Array, mask: Float64Array, len: number): void {
  for (let i = 0; i < len; i++) a[i] = a[i] * mask[i]
}

/** The backward step through a dropped layer: prev holds dL/da (delta @ Wᵀ); it becomes
 *  dL/dz = dL/da ⊙ mask ⊙ f′(z). f′ from the unmasked z, as the registry defines it. */
export function maskedDerivative(
  spec: NetworkSpec,
  layer: number,
  prev: Float64Array,
  z: Float64Array,
  mask: Float64Array,
  len: number
): void {
  const df = ACTIVATIONS_REGISTRY[spec.activations[layer]].df
  for (let i = 0; i < len; i++) prev[i] = prev[i] * mask[i] * df(z[i])
}
