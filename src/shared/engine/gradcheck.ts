// Gradient check: backprop's gradient against five-point central differences of the objective
// (data loss + L1/L2 penalty) for chosen parameters. A relative error near 1e-8 or below
// means backprop is right; 1e-3 means a bug (or a ReLU kink straddled by ±h).
import { outputDelta, softmaxCrossEntropy, squaredErrorStep } from './losses'
import { backward, createBuffers, forward, type BatchBuffers } from './network'
import { outputSize } from './spec'
import { addPenaltyGradient, penalty } from './optimizers'
import type { Dataset, NetworkParams, NetworkSpec } from './types'

export interface GradcheckOptions {
  l1?: number
  l2?: number
  /** Step of the central difference (default 1e-3). */
  h?: number
  /** Check at most this many parameters, evenly strided over all of them (default: all). */
  maxChecks?: number
}

/** Binary cross-entropy without the notebook's ε, from the logits: −log σ(z) = log(1 + e^(−z)).
 *  Backprop's p − y is the exact derivative of this; the ε-guarded loss the notebook reports
 *  differs from it by about 1e-8, which would swamp a 1e-6 check of small gradients. */
function exactBinaryCrossEntropy(z: Float64Array, labels: Int32Array, count: number): number {
  let sum = 0
  for (let i = 0; i < count; i++) {
    const s = labels[i] === 1 ? z[i] : -z[i]
    // log(1 + e^(−s)) computed without overflow for either sign of s
    sum += s > 0 ? Math.log1p(Math.exp(-s)) : -s + Math.log1p(Math.exp(s))
  }
  return sum / count
}

/** ½·mean((ŷ − y)²), summed straight (independent of the training step's NumPy-order sum). */
function halfMeanSquaredError(p: Float64Array, targets: Float64Array, count: number): number {
  let sum = 0
  for (let i = 0; i < count; i++) sum += (p[i] - targets[i]) ** 2
  return (0.5 * sum) / count
}

/** The objective backprop differentiates: mean data loss (exact BCE, softmax CE, or ½·MSE for a
 *  linear output) + l1·Σ|w| + l2/2·Σw².
 *  `buffers` (for data.count rows) lets many evaluations share one set. */
export function objective(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  l1 = 0,
  l2 = 0,
  buffers?: BatchBuffers
): number {
  const buf = buffers ?? createBuffers(spec, data.count)
  forward(spec, params, data.x, data.count, buf)
  const L = spec.layerSizes.length - 1
  const loss = data.targets
    ? halfMeanSquaredError(buf.a[L - 1], data.targets, data.count)
    : spec.output === 'sigmoid'
      ? exactBinaryCrossEntropy(buf.z[L - 1], data.labels, data.count)
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
  if (data.targets) squaredErrorStep(p, data.targets, data.count, buf.scratch, buf.delta[L - 1])
  else outputDelta(p, data.labels, data.count, outputSize(spec), buf.delta[L - 1])
  backward(spec, params, data.x, data.count, buf)
  for (let l = 0; l < L; l++) addPenaltyGradient(params.weights[l], buf.gradW[l], l1, l2)
  return { weights: buf.gradW, biases: buf.gradB }
}

/** One checked parameter: where it is, both derivatives and their relative error. */
export interface GradcheckRow {
  /** 'W' (weights[layer][row·J + col]) or 'b' (biases[layer][col], row 0). */
  kind: 'W' | 'b'
  layer: number
  row: number
  col: number
  value: number
  numeric: number
  backprop: number
  relativeError: number
}

export function gradcheck(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset,
  options: GradcheckOptions = {}
): { maxRelativeError: number; checked: number; rows: GradcheckRow[] } {
  const l1 = options.l1 ?? 0
  const l2 = options.l2 ?? 0
  const h = options.h ?? 1e-3
  const grad = backpropGradient(spec, params, data, l1, l2)
  const arrays = [...params.weights, ...params.biases]
  const grads = [...grad.weights, ...grad.biases]
  const total = arrays.reduce((s, a) => s + a.length, 0)
  const stride = Math.max(1, Math.ceil(total / (options.maxChecks ?? total)))
  let maxRelativeError = 0
  let checked = 0
  let flat = 0
  const rows: GradcheckRow[] = []
  const L = params.weights.length
  for (let a = 0; a < arrays.length; a++) {
    const arr = arrays[a]
    for (let i = 0; i < arr.length; i++, flat++) {
      if (flat % stride !== 0) continue
      const saved = arr[i]
      const at = (offset: number): number => {
        arr[i] = saved + offset
        return objective(spec, params, data, l1, l2)
      }
      // Five-point central difference: truncation error O(h⁴), so h can be large enough that
      // rounding in the loss (~1e-16) stays far below the tolerance even for small gradients.
      const numeric = (8 * (at(h) - at(-h)) - (at(2 * h) - at(-2 * h))) / (12 * h)
      arr[i] = saved
      const analytic = grads[a][i]
      const scale = Math.max(Math.abs(numeric), Math.abs(analytic))
      // Both essentially zero (e.g. a dead ReLU unit): nothing to compare.
      const err = scale < 1e-10 ? 0 : Math.abs(numeric - analytic) / scale
      if (err > maxRelativeError) maxRelativeError = err
      checked++
      const layer = a % L
      const J = spec.layerSizes[layer + 1]
      rows.push({
        kind: a < L ? 'W' : 'b',
        layer,
        row: a < L ? Math.floor(i / J) : 0,
        col: a < L ? i % J : i,
        value: saved,
        numeric,
        backprop: analytic,
        relativeError: err
      })
    }
  }
  return { maxRelativeError, checked, rows }
}
