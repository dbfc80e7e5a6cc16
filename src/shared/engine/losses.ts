// Output heads and their losses. Binary: one sigmoid unit + binary cross-entropy with the
// notebook's epsilon inside the logs. k classes: softmax + cross-entropy (log-softmax form,
// so no epsilon is needed). For both, dL/dz at the output is simply p − y (per sample, before
// averaging), which is what backprop starts from.
import { numpyMean } from './numeric'

/** The notebook's epsilon: keeps log() finite when a prediction is exactly 0 or 1. */
export const BCE_EPSILON = 1e-8

/** −mean of the per-sample log terms, never below 0. A cross-entropy cannot be negative, but the
 *  notebook's ε inside the logs makes a point predicted with certainty add log(1 + ε) ≈ +1e-8, so
 *  a near-perfect fit averages to about −1e-8 (shown as "-0.0000"); and −mean of zeros is −0.
 *  Clamping the reported loss at +0 changes nothing else: the gradient is p − y either way. */
export function crossEntropyFromLogTerms(logTerms: Float64Array, count: number): number {
  return Math.max(0, -numpyMean(logTerms, count))
}

/** Row-wise softmax of a count×k matrix, max-shifted so exp cannot overflow. */
export function softmaxOutput(z: Float64Array, out: Float64Array, count: number, k: number): void {
  for (let n = 0; n < count; n++) {
    const o = n * k
    let max = -Infinity
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j]
    let sum = 0
    for (let j = 0; j < k; j++) {
      const e = Math.exp(z[o + j] - max)
      out[o + j] = e
      sum += e
    }
    for (let j = 0; j < k; j++) out[o + j] /= sum
  }
}

/** The sigmoid head after the forward pass, in one pass over the rows: the binary cross-entropy
 *  −mean(y·log(p + ε) + (1 − y)·log(1 − p + ε)) summed as NumPy's mean sums (`scratch` holds the
 *  count terms), the number of rows classified right (as accuracy) and delta = p − y (as
 *  outputDelta). With y ∈ {0, 1} one of the two terms is 0·log(…), and each log is finite (its
 *  argument is at least ε), so adding that ±0 never changes the other term: skipping it is exact
 *  and halves the logs. The loss is clamped at 0 (crossEntropyFromLogTerms). */
export function binaryStep(
  p: Float64Array,
  labels: Int32Array,
  count: number,
  scratch: Float64Array,
  delta: Float64Array
): { loss: number; correct: number } {
  let correct = 0
  for (let i = 0; i < count; i++) {
    const pi = p[i]
    const y = labels[i]
    if (y === 1) {
      scratch[i] = Math.log(pi + BCE_EPSILON)
      if (pi > 0.5) correct++
    } else {
      scratch[i] = Math.log(1 - pi + BCE_EPSILON)
      if (!(pi > 0.5) && y === 0) correct++
    }
    delta[i] = pi - y
  }
  return { loss: crossEntropyFromLogTerms(scratch, count), correct }
}

/** −mean(log softmax(z)[label]) computed from the logits for accuracy in the tails. */
export function softmaxCrossEntropy(
  z: Float64Array,
  labels: Int32Array,
  count: number,
  k: number,
  scratch: Float64Array
): number {
  for (let n = 0; n < count; n++) {
    const o = n * k
    let max = -Infinity
    for (let j = 0; j < k; j++) if (z[o + j] > max) max = z[o + j]
    let sum = 0
    for (let j = 0; j < k; j++) sum += Math.exp(z[o + j] - max)
    scratch[n] = z[o + labels[n]] - max - Math.log(sum)
  }
  return crossEntropyFromLogTerms(scratch, count)
}

/** Fraction of rows classified right: p > 0.5 ⇔ class 1 (binary), else argmax (k classes). */
export function accuracy(p: Float64Array, labels: Int32Array, count: number, k: number): number {
  let correct = 0
  if (k === 1) {
    for (let i = 0; i < count; i++) if ((p[i] > 0.5 ? 1 : 0) === labels[i]) correct++
  } else {
    for (let n = 0; n < count; n++) {
      const o = n * k
      let best = 0
      for (let j = 1; j < k; j++) if (p[o + j] > p[o + best]) best = j
      if (best === labels[n]) correct++
    }
  }
  return correct / count
}

/** dL/dz per sample at the output, before the 1/m average: p − one-hot(label). */
export function outputDelta(
  p: Float64Array,
  labels: Int32Array,
  count: number,
  k: number,
  delta: Float64Array
): void {
  if (k === 1) {
    for (let i = 0; i < count; i++) delta[i] = p[i] - labels[i]
  } else {
    for (let n = 0; n < count; n++) {
      const o = n * k
      for (let j = 0; j < k; j++) delta[o + j] = p[o + j] - (labels[n] === j ? 1 : 0)
    }
  }
}

/** The regression head (one linear unit) after the forward pass, in one pass over the rows:
 *  the loss ½·mean((ŷ − y)²) summed as NumPy's mean sums (`scratch` holds the count squared
 *  residuals), their sum (the residual sum of squares, for R²) and delta = ŷ − y: with the ½
 *  the derivative of the loss per row is ŷ − y, the same form as sigmoid + BCE. */
export function squaredErrorStep(
  p: Float64Array,
  targets: Float64Array,
  count: number,
  scratch: Float64Array,
  delta: Float64Array
): { loss: number; residualSquares: number } {
  let sse = 0
  for (let i = 0; i < count; i++) {
    const r = p[i] - targets[i]
    delta[i] = r
    scratch[i] = r * r
    sse += r * r
  }
  return { loss: 0.5 * numpyMean(scratch, count), residualSquares: sse }
}

/** Σ (y − mean y)² over the rows: R²'s denominator. */
export function totalSumOfSquares(targets: Float64Array, count: number): number {
  if (count === 0) return 0
  let mean = 0
  for (let i = 0; i < count; i++) mean += targets[i]
  mean /= count
  let ss = 0
  for (let i = 0; i < count; i++) ss += (targets[i] - mean) ** 2
  return ss
}

/** R² = 1 − SS_res / SS_tot, as scikit-learn's r2_score: constant targets give 1 for a perfect
 *  fit and 0 otherwise (never ±∞ or NaN). */
export function rSquaredOf(residualSquares: number, totalSquares: number): number {
  if (totalSquares === 0) return residualSquares === 0 ? 1 : 0
  return 1 - residualSquares / totalSquares
}

/** R² of predictions `p` against `targets`. */
export function rSquared(p: Float64Array, targets: Float64Array, count: number): number {
  let sse = 0
  for (let i = 0; i < count; i++) sse += (p[i] - targets[i]) ** 2
  return rSquaredOf(sse, totalSumOfSquares(targets, count))
}
