import { describe, expect, it } from 'vitest'
import type { Dataset } from '@shared/engine/types'
import { drawBudget, drawnSubset, MAX_DRAWN_POINTS } from './subsample'

function dataset(count: number, labelOf: (i: number) => number, classes = 2): Dataset {
  const x = new Float64Array(2 * count)
  const labels = new Int32Array(count)
  for (let i = 0; i < count; i++) {
    x[2 * i] = i
    x[2 * i + 1] = -i
    labels[i] = labelOf(i)
  }
  return { x, labels, count, classes }
}

describe('drawnSubset', () => {
  it('returns small datasets as they are', () => {
    const data = dataset(100, (i) => i % 2)
    expect(drawnSubset(data, 100)).toBe(data)
  })

  it('keeps each class’s share, spread through the rows, the same every time', () => {
    // 900,000 of class 0 then 100,000 of class 1 (a file sorted by class).
    const data = dataset(1_000_000, (i) => (i < 900_000 ? 0 : 1))
    const drawn = drawnSubset(data, 5000)
    expect(drawn.count).toBe(5000)
    let ones = 0
    for (let i = 0; i < drawn.count; i++) ones += drawn.labels[i]
    expect(ones).toBe(500)
    // Evenly spread: the first and last kept rows of class 0 are near its ends.
    expect(drawn.x[0]).toBeLessThan(200)
    expect(drawn.x[2 * 4499]).toBeGreaterThan(899_000)
    // Points keep their own coordinates.
    for (let i = 0; i < drawn.count; i++) expect(drawn.x[2 * i + 1]).toBe(-drawn.x[2 * i])
    expect(Array.from(drawnSubset(data, 5000).x)).toEqual(Array.from(drawn.x))
  })

  it('keeps at least one point of a rare class', () => {
    const data = dataset(100_000, (i) => (i === 77_777 ? 2 : i % 2), 3)
    const drawn = drawnSubset(data, 1000)
    expect(Array.from(drawn.labels)).toContain(2)
    expect(drawn.count).toBe(1001)
  })
})

describe('drawBudget', () => {
  it('shares the budget by size and draws everything when it fits', () => {
    expect(drawBudget(300, 100)).toEqual({ train: 300, test: 100 })
    expect(drawBudget(800_000, 200_000)).toEqual({ train: 4000, test: 1000 })
    const { train, test } = drawBudget(999_999, 1)
    expect(train + test).toBe(MAX_DRAWN_POINTS)
  })
})
