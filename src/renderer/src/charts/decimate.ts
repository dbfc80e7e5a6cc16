// Keeps long curves cheap to draw: 100,000 epochs become at most a few thousand points, keeping
// each bucket's first, minimum, maximum and last values so spikes and the curve's end survive.

export interface CurvePoint {
  x: number
  y: number
}

/** Reduces `points` (sorted by x) to at most about `maxPoints`. Returns a copy when short. */
export function decimateMinMax(points: readonly CurvePoint[], maxPoints: number): CurvePoint[] {
  return decimateSeries(
    points.length,
    (i) => points[i].x,
    (i) => points[i].y,
    maxPoints
  )
}

/** The same reduction straight from a record array through accessors, so a redraw does not
 *  first build 100,000 point objects. Indices whose `yAt` is undefined or not finite are skipped
 *  (a log axis also skips y ≤ 0 by passing `positiveOnly`). */
export function decimateSeries(
  count: number,
  xAt: (i: number) => number,
  yAt: (i: number) => number | undefined,
  maxPoints: number,
  positiveOnly = false
): CurvePoint[] {
  const valid = (y: number | undefined): y is number =>
    y !== undefined && Number.isFinite(y) && (!positiveOnly || y > 0)
  const out: CurvePoint[] = []
  if (count <= maxPoints || maxPoints < 8) {
    for (let i = 0; i < count; i++) {
      const y = yAt(i)
      if (valid(y)) out.push({ x: xAt(i), y })
    }
    return out
  }
  const buckets = Math.floor(maxPoints / 4)
  const size = count / buckets
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = Math.floor(bucket * size)
    const end = Math.min(count, Math.floor((bucket + 1) * size))
    let first = -1
    let last = -1
    let minIndex = -1
    let maxIndex = -1
    let minY = Infinity
    let maxY = -Infinity
    for (let i = start; i < end; i++) {
      const y = yAt(i)
      if (!valid(y)) continue
      if (first < 0) first = i
      last = i
      if (y < minY) {
        minY = y
        minIndex = i
      }
      if (y > maxY) {
        maxY = y
        maxIndex = i
      }
    }
    if (first < 0) continue
    // Emit in x order so the line does not zig-zag backwards.
    const picks = [...new Set([first, minIndex, maxIndex, last])].sort((a, b) => a - b)
    for (const i of picks) out.push({ x: xAt(i), y: yAt(i) as number })
  }
  return out
}

interface Bucket {
  first: CurvePoint
  min: CurvePoint
  max: CurvePoint
  last: CurvePoint
}

/** A curve that grows one epoch at a time, decimated incrementally: each new point updates the
 *  newest bucket only, so a refresh costs the new epochs, not the whole history. Buckets span a
 *  power-of-two number of source points; when there are too many, neighbours merge pairwise
 *  (first, min, max and last merge exactly), so the drawn curve keeps every spike. */
export class LiveSeries {
  private buckets: Bucket[] = []
  private span = 1
  /** Source points seen (valid or not) and how many of them the newest bucket covers. */
  private seen = 0
  private inNewest = 0
  private points: CurvePoint[] | null = []

  constructor(
    private readonly maxPoints: number,
    private readonly positiveOnly = false
  ) {}

  /** Source points consumed so far. */
  get count(): number {
    return this.seen
  }

  clear(): void {
    this.buckets = []
    this.span = 1
    this.seen = 0
    this.inNewest = 0
    this.points = []
  }

  push(x: number, y: number | undefined): void {
    this.seen++
    const valid = y !== undefined && Number.isFinite(y) && (!this.positiveOnly || (y as number) > 0)
    const newest = this.buckets[this.buckets.length - 1]
    const point = valid ? { x, y: y as number } : null
    if (newest && this.inNewest < this.span) {
      this.inNewest++
      if (!point) return
      if (Number.isNaN(newest.first.y)) newest.first = point
      newest.last = point
      if (point.y < newest.min.y) newest.min = point
      if (point.y > newest.max.y) newest.max = point
      this.points = null
      return
    }
    if (this.buckets.length * 4 >= this.maxPoints) this.mergePairs()
    const blank = { x, y: NaN }
    this.buckets.push(
      point ? { first: point, min: point, max: point, last: point } : emptyBucket(blank)
    )
    this.inNewest = 1
    this.points = null
  }

  /** The decimated curve, in x order (cached until the next push). */
  data(): CurvePoint[] {
    if (this.points) return this.points
    const out: CurvePoint[] = []
    for (const b of this.buckets) {
      if (Number.isNaN(b.first.y)) continue
      const picks = [b.first, b.min, b.max, b.last].sort((p, q) => p.x - q.x)
      let previous: CurvePoint | null = null
      for (const p of picks) {
        if (p !== previous) out.push(p)
        previous = p
      }
    }
    this.points = out
    return out
  }

  private mergePairs(): void {
    const merged: Bucket[] = []
    for (let i = 0; i < this.buckets.length; i += 2) {
      const a = this.buckets[i]
      const b = this.buckets[i + 1]
      merged.push(b ? mergeBuckets(a, b) : a)
    }
    // An odd count leaves the newest bucket half-filled at the new span.
    this.inNewest = this.buckets.length % 2 === 1 ? this.inNewest : this.span * 2
    this.span *= 2
    this.buckets = merged
  }
}

function emptyBucket(blank: CurvePoint): Bucket {
  return {
    first: blank,
    min: { x: blank.x, y: Infinity },
    max: { x: blank.x, y: -Infinity },
    last: blank
  }
}

function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  if (Number.isNaN(a.first.y)) return b
  if (Number.isNaN(b.first.y)) return a
  return {
    first: a.first,
    last: b.last,
    min: b.min.y < a.min.y ? b.min : a.min,
    max: b.max.y > a.max.y ? b.max : a.max
  }
}
