// The confusion matrix of a network's predictions on labelled points: rows are the true classes,
// columns the predicted ones, by the engine's own rule (losses.ts accuracy(): p > 0.5 ⇔ class 1
// for a sigmoid head, the first largest probability for softmax), so its diagonal over the count
// is the accuracy the lab shows. The trainer computes it ('analyze' kind 'confusion'): predicting
// a million points takes seconds, which the window's thread must not spend.
import { predict } from './network'
import type { Dataset, NetworkParams, NetworkSpec } from './types'

export interface ConfusionMatrix {
  /** Classes (rows and columns). */
  classes: number
  /** counts[true][predicted] */
  counts: number[][]
  total: number
  correct: number
}

/** The predicted class of each point (the engine's rule). */
export function predictedClasses(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset
): Int32Array {
  const out = new Int32Array(data.count)
  if (data.count === 0) return out
  const p = predict(spec, params, data.x, data.count)
  const k = p.length / data.count
  if (k === 1) {
    for (let i = 0; i < data.count; i++) out[i] = p[i] > 0.5 ? 1 : 0
    return out
  }
  for (let n = 0; n < data.count; n++) {
    const o = n * k
    let best = 0
    for (let j = 1; j < k; j++) if (p[o + j] > p[o + best]) best = j
    out[n] = best
  }
  return out
}

/** Counts true × predicted classes over `classes` classes. */
export function countConfusion(
  labels: ArrayLike<number>,
  predicted: ArrayLike<number>,
  classes: number
): ConfusionMatrix {
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0))
  let correct = 0
  for (let i = 0; i < labels.length; i++) {
    counts[labels[i]][predicted[i]]++
    if (labels[i] === predicted[i]) correct++
  }
  return { classes, counts, total: labels.length, correct }
}

export function confusionMatrix(
  spec: NetworkSpec,
  params: NetworkParams,
  data: Dataset
): ConfusionMatrix {
  const predicted = predictedClasses(spec, params, data)
  return countConfusion(data.labels.subarray(0, data.count), predicted, Math.max(2, data.classes))
}

/** A row's counts as percentages of its true class (the row sum); null for an empty row. */
export function rowPercentages(row: readonly number[]): (number | null)[] {
  const sum = row.reduce((a, b) => a + b, 0)
  return row.map((c) => (sum === 0 ? null : (100 * c) / sum))
}
