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
  // The arrays read once: `data` may be a store's reactive object, and a property read through
  // its proxy on each of 1,000,000 rows is most of this function's cost.
  const { count, labels: allLabels, x: allX, targets: allTargets } = data
  const classes = Math.max(data.classes, 1)
  const perClass = new Int32Array(classes)
  for (let i = 0; i < count; i++) perClass[allLabels[i]]++
  // Class c keeps its members number ⌈j·step⌉, j = 0 … quota − 1: one comparison per point
  // (this runs over every point of a 1,000,000-point import, so it must be cheap).
  const step = new Float64Array(classes)
  const nextAt = new Float64Array(classes)
  let kept = 0
  for (let c = 0; c < classes; c++) {
    const n = perClass[c]
    const quota = n === 0 ? 0 : Math.max(1, Math.round((max * n) / count))
    step[c] = quota > 0 ? n / quota : Infinity
    nextAt[c] = quota > 0 ? 0 : Infinity
    kept += quota
  }
  const x = new Float64Array(2 * kept)
  const labels = new Int32Array(kept)
  const targets = allTargets ? new Float64Array(kept) : undefined
  const seen = new Int32Array(classes)
  let out = 0
  for (let i = 0; i < count; i++) {
    const c = allLabels[i]
    const k = seen[c]++
    if (k < nextAt[c]) continue
    nextAt[c] += step[c]
    x[2 * out] = allX[2 * i]
    x[2 * out + 1] = allX[2 * i + 1]
    labels[out] = c
    if (targets && allTargets) targets[out] = allTargets[i]
    out++
  }
  const subset: Dataset = { x, labels, count: out, classes: data.classes }
  // Regression points keep their targets (the map colours them by value).
  if (targets) subset.targets = targets.subarray(0, out)
  return subset
}

/** Splits a drawing budget between the train and test sets in proportion to their sizes. */
export function drawBudget(trainCount: number, testCount: number, max = MAX_DRAWN_POINTS) {
  const total = trainCount + testCount
  if (total <= max) return { train: trainCount, test: testCount }
  const test = Math.round((max * testCount) / total)
  return { train: max - test, test }
}
