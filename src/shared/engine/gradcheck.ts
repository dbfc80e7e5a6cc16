// Gradient check: backprop's gradient against central differences of the objective
// (data loss + L1/L2 penalty) for chosen parameters. A relative error near 1e-8 or below
// means backprop is right; 1e-3 means a bug (or a ReLU kink straddled by ±h).
import { binaryCrossEntropy, outputDelta, softmaxCrossEntropy } from './losses'
import { backward, createBuffers, forward, outputSize } from './network'
import { addPenaltyGradient, penalty } from './optimizers'
import type { Dataset, NetworkParams, NetworkSpec } from './types'

export interface GradcheckOptions {
  l1?: number
  l2?: number
  /** Step of the central difference (default 1e-5). */
  h?: number
  /** Check at most this many parameters, evenly strided over all of them (default: all). */
  maxChecks?: number
}

/** The objective training minimises: mean data loss + l1·Σ|w| + l2/2·Σw². */
export function objective(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  l1 = 0,
  l2 = 0
): number {
  const buf = createBuffers(spec, data.count)
  const p = forward(spec, params, data.x, data.count, buf)
  const L = spec.layerSizes.length - 1
  const loss =
    spec.output === 'sigmoid'
      ? binaryCrossEntropy(p, data.labels, data.count, buf.scratch)
      : softmaxCrossEntropy(buf.z[L - 1], data.labels, data.count, outputSize(spec), buf.scratch)
  return loss + penalty(params.weights, l1, l2)
}

/** Backprop's gradient of the objective: weights then biases, as in NetworkParams. */
export function backpropGradient(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  l1 = 0,
  l2 = 0
): NetworkParams {
  const buf = createBuffers(spec, data.count)
  const p = forward(spec, params, data.x, data.count, buf)
  const L = spec.layerSizes.length - 1
  outputDelta(p, data.labels, data.count, outputSize(spec), buf.delta[L - 1])
  backward(spec, params, data.x, data.count, buf)
  for (let l = 0; l < L; l++) addPenaltyGradient(params.weights[l], buf.gradW[l], l1, l2)
  return { weights: buf.gradW, biases: buf.gradB }
}

export function gradcheck(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  options: GradcheckOptions = {}
): { maxRelativeError: number; checked: number } {
  const l1 = options.l1 ?? 0
  const l2 = options.l2 ?? 0
  const h = options.h ?? 1e-5
  const grad = backpropGradient(spec, params, data, l1, l2)
  const arrays = [...params.weights, ...params.biases]
  const grads = [...grad.weights, ...grad.biases]
  const total = arrays.reduce((s, a) => s + a.length, 0)
  const stride = Math.max(1, Math.ceil(total / (options.maxChecks ?? total)))
  let maxRelativeError = 0
  let checked = 0
  let flat = 0
  for (let a = 0; a < arrays.length; a++) {
    const arr = arrays[a]
    for (let i = 0; i < arr.length; i++, flat++) {
      if (flat % stride !== 0) continue
      const saved = arr[i]
      arr[i] = saved + h
      const plus = objective(spec, params, data, l1, l2)
      arr[i] = saved - h
      const minus = objective(spec, params, data, l1, l2)
      arr[i] = saved
      const numeric = (plus - minus) / (2 * h)
      const analytic = grads[a][i]
      const scale = Math.max(Math.abs(numeric), Math.abs(analytic))
      // Both essentially zero (e.g. a dead ReLU unit): nothing to compare.
      const err = scale < 1e-10 ? 0 : Math.abs(numeric - analytic) / scale
      if (err > maxRelativeError) maxRelativeError = err
      checked++
    }
  }
  return { maxRelativeError, checked }
}
