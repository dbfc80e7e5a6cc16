// The network's shape: how many parameters and outputs a spec has, and whether the lab accepts
// it. No numbers are computed here (that is network.ts).
import type { NetworkSpec } from './types'
import { ACTIVATIONS, INITS } from './types'
import { MAX_HIDDEN_LAYERS, MAX_LAYER_SIZE } from './limits'
import { validateFeatures } from './features'
import { validateStandardization } from './standardize'

/** Weights and biases in total: Σ fanIn·fanOut + fanOut (193 for [2, 16, 8, 1]). */
export function parameterCount(spec: NetworkSpec): number {
  let total = 0
  const s = spec.layerSizes
  for (let i = 0; i < s.length - 1; i++) total += s[i] * s[i + 1] + s[i + 1]
  return total
}

/** What a run learns: classes (a sigmoid or softmax head) or a real number (a linear head). */
export const PROBLEM_TYPES = ['classification', 'regression'] as const
export type ProblemType = (typeof PROBLEM_TYPES)[number]

/** True for the regression problem type: one linear output unit predicting a real target. */
export function isRegression(spec: Pick<NetworkSpec, 'output'>): boolean {
  return spec.output === 'linear'
}

/** Number of outputs the head produces: 1 for sigmoid or linear, k for softmax. */
export function outputSize(spec: NetworkSpec): number {
  return spec.layerSizes[spec.layerSizes.length - 1]
}

/** A sentence saying what is wrong with the spec, or null when it is fine. */
export function validateNetworkSpec(spec: NetworkSpec): string | null {
  const sizes = spec.layerSizes
  if (!Array.isArray(sizes) || sizes.length < 2) {
    return 'A network needs at least an input layer and an output layer.'
  }
  if (sizes.length - 2 > MAX_HIDDEN_LAYERS) {
    return `A network can have at most ${MAX_HIDDEN_LAYERS} hidden layers.`
  }
  for (let i = 0; i < sizes.length; i++) {
    const n = sizes[i]
    if (!Number.isInteger(n) || n < 1) {
      return `Layer ${i + 1} has ${n} neurons; every layer needs a whole number of at least 1.`
    }
    if (n > MAX_LAYER_SIZE) {
      return `Layer ${i + 1} has ${n} neurons; the most a layer can have is ${MAX_LAYER_SIZE}.`
    }
  }
  if (spec.features !== undefined) {
    const problem = validateFeatures(spec.features, sizes[0])
    if (problem) return problem
  } else if (sizes[0] !== 2) {
    return `The input layer must have 2 neurons (x1, x2), not ${sizes[0]}.`
  }
  if (spec.standardize !== undefined) {
    const problem = validateStandardization(spec.standardize)
    if (problem) return problem
  }
  const out = sizes[sizes.length - 1]
  if (spec.output === 'sigmoid' && out !== 1) {
    return `A sigmoid output has exactly 1 neuron, not ${out}.`
  }
  if (spec.output === 'softmax' && out < 2) {
    return 'A softmax output needs one neuron per class, so at least 2.'
  }
  if (spec.output === 'linear' && out !== 1) {
    return `A regression network has exactly 1 linear output neuron, not ${out}.`
  }
  if (spec.output !== 'sigmoid' && spec.output !== 'softmax' && spec.output !== 'linear') {
    return `Unknown output "${String(spec.output)}"; use sigmoid, softmax or linear.`
  }
  if (!Array.isArray(spec.activations) || spec.activations.length !== sizes.length - 2) {
    return `Give one activation per hidden layer (${sizes.length - 2}).`
  }
  for (const a of spec.activations) {
    if (!ACTIVATIONS.includes(a)) return `Unknown activation "${String(a)}".`
  }
  if (!INITS.includes(spec.init)) return `Unknown initialisation "${String(spec.init)}".`
  return null
}
