// What to draw of a large dataset. Canvas charts cannot draw 1,000,000 points per frame (nor
// would the learner see more than a solid blob), so the scatter layers draw a deterministic,
// class-stratified share: each class keeps its share of the points, spread evenly through the
// file's order, and the same data always gives the same picture. The legend says how many.
import type { Dataset } from '@shared/engine/types'

/** Most points a scatter (boundary map, exported figure) draws, train and test together. */
export const MAX_DRAWN_POINTS = 5000

/** Up to `max` points of `data`: every class keeps round(max·share) points (at least one when it
 *  has any), taken evenly spaced through its rows. Returns `data` itself when it is small enough. */
export function drawnSubset(data: Dataset, max: number): Dataset {
  if (data.count <= max) return data
  const classes = Math.max(data.classes, 1)
  const perClass = new Array<number>(classes).fill(0)
  for (let i = 0; i < data.count; i++) perClass[data.labels[i]]++
  const quota = perClass.map((n) => (n === 0 ? 0 : Math.max(1, Math.round((max * n) / data.count))))
  const kept = quota.reduce((sum, q) => sum + q, 0)
  const x = new Float64Array(2 * kept)
  const labels = new Int32Array(kept)
  const seen = new Array<number>(classes).fill(0)
  let out = 0
  for (let i = 0; i < data.count; i++) {
    const c = data.labels[i]
    const k = seen[c]++
    // Member k of its class is kept when it starts a new one of the quota's even steps.
    if (Math.floor(((k + 1) * quota[c]) / perClass[c]) > Math.floor((k * quota[c]) / perClass[c])) {
      x[2 * out] = data.x[2 * i]
      x[2 * out + 1] = data.x[2 * i + 1]
      labels[out] = c
      out++
    }
  }
  return { x, labels, count: out, classes: data.classes }
}

/** Splits a drawing budget between the train and test sets in proportion to their sizes. */
export function drawBudget(trainCount: number, testCount: number, max = MAX_DRAWN_POINTS) {
  const total = trainCount + testCount
  if (total <= max) return { train: trainCount, test: testCount }
  const test = Math.round((max * testCount) / total)
  return { train: max - test, test }
}
