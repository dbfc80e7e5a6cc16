// The points a learner draws on the boundary map (issue 16, "Drawing the data"): a growable set
// of labelled points (class labels, or real-valued targets for a regression network), with the
// hit tests the map's pointer needs. Pure: no Vue, no DOM, so it is unit-tested on its own.
import { MAX_CLASSES, MAX_CSV_POINTS } from '@shared/engine/limits'
import type { Dataset } from '@shared/engine/types'

export { nearestPoint } from './hitTest'

/** How a drawn point is marked: one of the classes, or a target value (regression). */
export type DraftProblem = 'classes' | 'values'

/** The sign class of a regression target, as Dataset.labels holds it (1 where y > 0). */
export function signClass(target: number): number {
  return target > 0 ? 1 : 0
}

export class PointDraft {
  private xs: Float64Array
  private ls: Int32Array
  private ts: Float64Array
  count = 0

  constructor(
    readonly problem: DraftProblem,
    capacity = 64
  ) {
    this.xs = new Float64Array(2 * capacity)
    this.ls = new Int32Array(capacity)
    this.ts = new Float64Array(capacity)
  }

  /** A draft holding `data`'s points (its targets make it a regression draft). */
  static from(data: Dataset | null, problem: DraftProblem): PointDraft {
    const draft = new PointDraft(problem, Math.max(64, data?.count ?? 0))
    if (!data) return draft
    draft.xs.set(data.x.subarray(0, 2 * data.count))
    draft.ls.set(data.labels.subarray(0, data.count))
    if (data.targets) draft.ts.set(data.targets.subarray(0, data.count))
    else if (problem === 'values') {
      // Class points drawn on as values: class 1 becomes +1, the other classes −1.
      for (let i = 0; i < data.count; i++) draft.ts[i] = data.labels[i] === 1 ? 1 : -1
    }
    if (problem === 'values') {
      for (let i = 0; i < data.count; i++) draft.ls[i] = signClass(draft.ts[i])
    }
    draft.count = data.count
    return draft
  }

  /** Adds a point; false when the draft already holds MAX_CSV_POINTS (a run's most points). */
  add(px: number, py: number, mark: number): boolean {
    if (this.count >= MAX_CSV_POINTS) return false
    if (!Number.isFinite(px) || !Number.isFinite(py) || !Number.isFinite(mark)) return false
    if (this.count === this.ls.length) this.grow()
    const i = this.count++
    this.xs[2 * i] = px
    this.xs[2 * i + 1] = py
    if (this.problem === 'values') {
      this.ts[i] = mark
      this.ls[i] = signClass(mark)
    } else {
      this.ls[i] = Math.min(MAX_CLASSES - 1, Math.max(0, Math.round(mark)))
    }
    return true
  }

  /** Removes every point inside the ellipse (rx, ry) around (cx, cy); returns how many went.
   *  The others keep their order. */
  eraseNear(cx: number, cy: number, rx: number, ry: number): number {
    let kept = 0
    for (let i = 0; i < this.count; i++) {
      const dx = (this.xs[2 * i] - cx) / rx
      const dy = (this.xs[2 * i + 1] - cy) / ry
      if (dx * dx + dy * dy <= 1) continue
      if (kept !== i) {
        this.xs[2 * kept] = this.xs[2 * i]
        this.xs[2 * kept + 1] = this.xs[2 * i + 1]
        this.ls[kept] = this.ls[i]
        this.ts[kept] = this.ts[i]
      }
      kept++
    }
    const removed = this.count - kept
    this.count = kept
    return removed
  }

  /** Erases along the segment from (x0, y0) to (x1, y1), in steps of half the radius, so a fast
   *  drag leaves no gaps; returns how many points went. */
  eraseAlong(x0: number, y0: number, x1: number, y1: number, rx: number, ry: number): number {
    const steps = Math.max(1, Math.ceil(Math.hypot((x1 - x0) / rx, (y1 - y0) / ry) * 2))
    let removed = 0
    for (let s = 1; s <= steps; s++) {
      const f = s / steps
      removed += this.eraseNear(x0 + (x1 - x0) * f, y0 + (y1 - y0) * f, rx, ry)
    }
    return removed
  }

  /** How many points each class has (classes: the labels' range, at least `atLeast`). */
  classCounts(atLeast = 2): number[] {
    let classes = atLeast
    for (let i = 0; i < this.count; i++) classes = Math.max(classes, this.ls[i] + 1)
    const counts = new Array<number>(classes).fill(0)
    for (let i = 0; i < this.count; i++) counts[this.ls[i]]++
    return counts
  }

  /** The points as they are now, without copying (for drawing; changes with the draft). */
  view(): Dataset {
    const view: Dataset = {
      x: this.xs.subarray(0, 2 * this.count),
      labels: this.ls.subarray(0, this.count),
      count: this.count,
      classes: this.problem === 'values' ? 2 : this.classCounts().length
    }
    if (this.problem === 'values') view.targets = this.ts.subarray(0, this.count)
    return view
  }

  /** A copy to train on, or a sentence saying why these points cannot make a run yet. */
  toDataset(): Dataset | string {
    if (this.count < 2) return 'Draw at least two points.'
    if (this.problem === 'classes') {
      const used = this.classCounts().filter((n) => n > 0).length
      if (used < 2) return 'Draw points of at least two classes.'
    }
    const view = this.view()
    const data: Dataset = {
      x: view.x.slice(),
      labels: view.labels.slice(),
      count: view.count,
      classes: view.classes
    }
    if (view.targets) data.targets = view.targets.slice()
    return data
  }

  private grow(): void {
    const capacity = Math.min(MAX_CSV_POINTS, this.ls.length * 2)
    const xs = new Float64Array(2 * capacity)
    const ls = new Int32Array(capacity)
    const ts = new Float64Array(capacity)
    xs.set(this.xs)
    ls.set(this.ls)
    ts.set(this.ts)
    this.xs = xs
    this.ls = ls
    this.ts = ts
  }
}
