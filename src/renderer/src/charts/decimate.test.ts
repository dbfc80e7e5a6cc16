import { describe, expect, it } from 'vitest'
import { decimateMinMax, decimateSeries, LiveSeries, type CurvePoint } from './decimate'

function curve(n: number, f: (i: number) => number): CurvePoint[] {
  return Array.from({ length: n }, (_, i) => ({ x: i + 1, y: f(i) }))
}

describe('decimateMinMax', () => {
  it('returns short curves unchanged', () => {
    const points = curve(100, (i) => i)
    expect(decimateMinMax(points, 400)).toEqual(points)
  })

  it('reduces 100,000 points to the budget, keeping ends, order and extremes', () => {
    const points = curve(100_000, (i) => Math.exp(-i / 20_000) + (i === 54_321 ? 5 : 0))
    const reduced = decimateMinMax(points, 2000)
    expect(reduced.length).toBeLessThanOrEqual(2000)
    expect(reduced.length).toBeGreaterThan(1000)
    expect(reduced[0]).toEqual(points[0])
    expect(reduced.at(-1)).toEqual(points.at(-1))
    for (let i = 1; i < reduced.length; i++) expect(reduced[i].x).toBeGreaterThan(reduced[i - 1].x)
    // A one-epoch spike survives.
    expect(reduced.some((p) => p.x === 54_322)).toBe(true)
    expect(Math.min(...reduced.map((p) => p.y))).toBe(Math.min(...points.map((p) => p.y)))
  })
})

describe('decimateSeries', () => {
  it('skips missing and non-positive values on request, and agrees with decimateMinMax', () => {
    const ys = [0.5, undefined, Number.NaN, 0, 0.25, 0.125]
    const kept = decimateSeries(
      ys.length,
      (i) => i + 1,
      (i) => ys[i],
      100,
      true
    )
    expect(kept).toEqual([
      { x: 1, y: 0.5 },
      { x: 5, y: 0.25 },
      { x: 6, y: 0.125 }
    ])
    const points = curve(50_000, (i) => Math.sin(i / 300))
    expect(
      decimateSeries(
        points.length,
        (i) => points[i].x,
        (i) => points[i].y,
        1000
      )
    ).toEqual(decimateMinMax(points, 1000))
  })
})

describe('LiveSeries', () => {
  const loss = (i: number) => 1 / (1 + i / 50) + (i === 61_234 ? 5 : 0)

  it('keeps at most maxPoints, in x order, with the ends and every spike', () => {
    const series = new LiveSeries(1600)
    for (let i = 1; i <= 100_000; i++) series.push(i, loss(i))
    const data = series.data()
    expect(series.count).toBe(100_000)
    expect(data.length).toBeLessThanOrEqual(1600)
    expect(data.length).toBeGreaterThan(400)
    for (let k = 1; k < data.length; k++) expect(data[k].x).toBeGreaterThan(data[k - 1].x)
    expect(data[0]).toEqual({ x: 1, y: loss(1) })
    expect(data.at(-1)).toEqual({ x: 100_000, y: loss(100_000) })
    expect(data).toContainEqual({ x: 61_234, y: loss(61_234) })
  })

  it('fed in pieces, equals the same points fed at once (refreshes cost only new points)', () => {
    const whole = new LiveSeries(400)
    const pieces = new LiveSeries(400)
    for (let i = 1; i <= 12_345; i++) whole.push(i, Math.sin(i / 300))
    for (let i = 1; i <= 12_345; i++) {
      pieces.push(i, Math.sin(i / 300))
      if (i % 97 === 0) pieces.data()
    }
    expect(pieces.data()).toEqual(whole.data())
  })

  it('short curves are drawn point for point; a log axis skips y ≤ 0 and NaN', () => {
    const series = new LiveSeries(1600, true)
    const ys = [0.5, 0, 0.25, Number.NaN, undefined, 0.125]
    ys.forEach((y, i) => series.push(i + 1, y))
    expect(series.data()).toEqual([
      { x: 1, y: 0.5 },
      { x: 3, y: 0.25 },
      { x: 6, y: 0.125 }
    ])
    series.clear()
    expect(series.data()).toEqual([])
    expect(series.count).toBe(0)
  })
})
