// Keeps long curves cheap to draw: 100,000 epochs become at most a few thousand points, keeping
// each bucket's first, minimum, maximum and last values so spikes and the curve's end survive.

export interface CurvePoint {
  x: number
  y: number
}

/** Reduces `points` (sorted by x) to at most about `maxPoints`. Returns the input when short. */
export function decimateMinMax(points: readonly CurvePoint[], maxPoints: number): CurvePoint[] {
  if (points.length <= maxPoints || maxPoints < 8) return points.slice()
  const buckets = Math.floor(maxPoints / 4)
  const size = points.length / buckets
  const out: CurvePoint[] = []
  for (let bucket = 0; bucket < buckets; bucket++) {
    const start = Math.floor(bucket * size)
    const end = Math.min(points.length, Math.floor((bucket + 1) * size))
    if (end <= start) continue
    let minIndex = start
    let maxIndex = start
    for (let i = start + 1; i < end; i++) {
      if (points[i].y < points[minIndex].y) minIndex = i
      if (points[i].y > points[maxIndex].y) maxIndex = i
    }
    // Emit in x order so the line does not zig-zag backwards.
    const picks = [...new Set([start, minIndex, maxIndex, end - 1])].sort((a, b) => a - b)
    for (const i of picks) out.push(points[i])
  }
  return out
}
