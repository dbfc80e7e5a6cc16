// Engineered input features (TensorFlow Playground's seven): each a function of the raw point
// (x1, x2), computed before the first layer. They are part of the model: training, evaluation,
// the boundary map, predict and every export apply the same transform, so a network with
// features is still a plain function of (x1, x2). Where the inputs enter the network:
// network.ts forward(), through featureInput() below. (Input standardisation, when a run has
// it, comes first: raw → standardised → features → network.)

import type { NetworkSpec } from './types'
import { standardizeInto } from './standardize'

export interface FeatureEntry {
  /** The feature of one point. */
  of(x1: number, x2: number): number
  /** A NumPy expression of the columns `x1` and `x2` (exports). */
  numpy: string
  /** Menus, the diagram's input column: 'x1²'. */
  label: string
  /** One line for learners. */
  doc: string
}

export const FEATURES_REGISTRY = {
  x1: { of: (x1) => x1, numpy: 'x1', label: 'x1', doc: 'the first coordinate' },
  x2: { of: (_x1, x2) => x2, numpy: 'x2', label: 'x2', doc: 'the second coordinate' },
  'x1^2': {
    of: (x1) => x1 * x1,
    numpy: 'x1 * x1',
    label: 'x1²',
    doc: 'the first coordinate squared'
  },
  'x2^2': {
    of: (_x1, x2) => x2 * x2,
    numpy: 'x2 * x2',
    label: 'x2²',
    doc: 'the second coordinate squared'
  },
  x1x2: {
    of: (x1, x2) => x1 * x2,
    numpy: 'x1 * x2',
    label: 'x1·x2',
    doc: 'the product of the coordinates (a feature cross)'
  },
  'sin(x1)': {
    of: (x1) => Math.sin(x1),
    numpy: 'np.sin(x1)',
    label: 'sin x1',
    doc: 'the sine of the first coordinate'
  },
  'sin(x2)': {
    of: (_x1, x2) => Math.sin(x2),
    numpy: 'np.sin(x2)',
    label: 'sin x2',
    doc: 'the sine of the second coordinate'
  }
} satisfies Record<string, FeatureEntry>

export type FeatureName = keyof typeof FEATURES_REGISTRY

/** The registry's names in its order. */
export const FEATURES = Object.keys(FEATURES_REGISTRY) as readonly FeatureName[]

/** The raw inputs (x1, x2), which need no transform. */
export const RAW_FEATURES: readonly FeatureName[] = ['x1', 'x2']

/** True when `features` is absent or exactly [x1, x2]: the network reads the points as they are. */
export function isRawInput(features: readonly FeatureName[] | undefined): boolean {
  return !features || (features.length === 2 && features[0] === 'x1' && features[1] === 'x2')
}

/** A sentence when the feature list is not usable, or null. */
export function validateFeatures(features: readonly string[], inputSize: number): string | null {
  if (features.length === 0) return 'Choose at least one input feature.'
  for (const f of features) {
    if (!(FEATURES as readonly string[]).includes(f)) return `Unknown input feature "${f}".`
  }
  if (new Set(features).size !== features.length) return 'Each input feature can be used once.'
  if (inputSize !== features.length) {
    return `The input layer has ${inputSize} neurons but ${features.length} input features are chosen; they must match.`
  }
  return null
}

/** The features of `count` points (x: count×2) into out (count × features.length), row-major. */
export function computeFeatures(
  features: readonly FeatureName[],
  x: Float64Array,
  count: number,
  out: Float64Array
): Float64Array {
  const F = features.length
  const fns = features.map((f) => FEATURES_REGISTRY[f].of)
  for (let n = 0; n < count; n++) {
    const x1 = x[2 * n]
    const x2 = x[2 * n + 1]
    for (let j = 0; j < F; j++) out[n * F + j] = fns[j](x1, x2)
  }
  return out
}

/** True when the first layer reads the points exactly as given: raw inputs, no standardisation. */
export function readsRawPoints(spec: Pick<NetworkSpec, 'features' | 'standardize'>): boolean {
  return isRawInput(spec.features) && !spec.standardize
}

/** What the first layer reads for these `count` points: x itself for raw, unstandardised inputs,
 *  else the standardised points (standardize.ts) and/or their features in `scratch` (grown when
 *  too small; the caller keeps the returned buffer). */
export function featureInput(
  spec: Pick<NetworkSpec, 'features' | 'standardize'>,
  x: Float64Array,
  count: number,
  scratch: Float64Array | null
): Float64Array {
  if (readsRawPoints(spec)) return x
  const features = isRawInput(spec.features) ? null : (spec.features ?? null)
  const width = features ? features.length : 2
  // Standardised points and features side by side in one buffer: [count×2 | count×F].
  const need = count * width + (spec.standardize && features ? count * 2 : 0)
  const out = scratch && scratch.length >= need ? scratch : new Float64Array(need)
  let points = x
  if (spec.standardize) {
    points = features ? out.subarray(count * width, count * width + count * 2) : out
    standardizeInto(spec.standardize, x, count, points)
  }
  if (features) computeFeatures(features, points, count, out)
  return out
}
