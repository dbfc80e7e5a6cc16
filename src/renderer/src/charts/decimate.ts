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
