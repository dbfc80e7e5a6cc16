// Hidden-layer activation functions, each written beside its derivative (as the notebook does).
// The network's hot loops inline the same formulas per layer (see kernels.ts); these scalar
// versions are the readable reference and what gradcheck and the inspection tools use.
import type { ActivationName } from './types'

export interface ActivationFunction {
  /** a = f(z) */
  f(z: number): number
  /** da/dz at z */
  df(z: number): number
  /** One line for learners. */
  doc: string
}

/** Slope of leaky ReLU for negative inputs. */
export const LEAKY_RELU_SLOPE = 0.01

/** σ(z) = 1 / (1 + e^(−z)), input clipped to ±500 as the notebook does so exp cannot overflow. */
export function sigmoid(z: number): number {
  const c = z < -500 ? -500 : z > 500 ? 500 : z
  return 1 / (1 + Math.exp(-c))
}

export const ACTIVATION_FUNCTIONS: Record<ActivationName, ActivationFunction> = {
  sigmoid: {
    f: sigmoid,
    df(z) {
      const s = sigmoid(z)
      return s * (1 - s)
    },
    doc: 'σ(z) = 1 / (1 + e^(−z)); squashes to (0, 1); derivative σ(z)·(1 − σ(z))'
  },
  relu: {
    f: (z) => (z > 0 ? z : 0),
    df: (z) => (z > 0 ? 1 : 0),
    doc: 'ReLU(z) = max(0, z); derivative 1 where z > 0, else 0'
  },
  tanh: {
    f: (z) => Math.tanh(z),
    df(z) {
      const t = Math.tanh(z)
      return 1 - t * t
    },
    doc: 'tanh(z); squashes to (−1, 1); derivative 1 − tanh²(z)'
  },
  'leaky-relu': {
    f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
    doc: 'leaky ReLU(z) = z if z > 0, else 0.01·z; derivative 1 or 0.01'
  },
  linear: {
    f: (z) => z,
    df: () => 1,
    doc: 'linear(z) = z; no non-linearity (stacked linear layers stay linear); derivative 1'
  }
}
