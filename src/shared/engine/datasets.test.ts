import { describe, expect, it } from 'vitest'
import {
  dataBounds,
  DatasetError,
  generateDataset,
  isRegressionDataset,
  makeCircles,
  ownTestFraction,
  splitDataset,
  validateDatasetSpec
} from './datasets'

import { RandomState } from './rng'
import type { Dataset, DatasetSpec } from './types'
import { GENERATED_DATASETS } from './types'

/** Points (x1, x2, label) as a dataset; `split` marks test rows with 1. */
function points(rows: [number, number, number][], split?: number[]): Dataset {
  const data: Dataset = {
    x: Float64Array.from(rows.flatMap(([a, b]) => [a, b])),
    labels: Int32Array.from(rows, (r) => r[2]),
    count: rows.length,
    classes: 2
  }
  if (split) data.split = Uint8Array.from(split)
  return data
}

const base: DatasetSpec = {
  kind: 'circles',
  samples: 200,
  noise: 0.1,
  seed: 1,
  testFraction: 0,
  classes: 2
}

function classCounts(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0)
  for (const l of labels) counts[l]++
  return counts
}

describe('generated datasets', () => {
  for (const kind of GENERATED_DATASETS) {
    it(`${kind}: right size, balanced classes, finite points, same seed → same points`, () => {
      const spec: DatasetSpec = {
        ...base,
        kind,
        classes: kind === 'spiral' ? 3 : 2,
        samples: 301 - (kind === 'circles' ? 1 : 0)
      }
      const a = generateDataset(spec, new RandomState(7))
      const b = generateDataset(spec, new RandomState(7))
      const c = generateDataset(spec, new RandomState(8))
      expect(a.count).toBe(spec.samples)
      expect(a.x).toHaveLength(2 * a.count)
      expect(a.classes).toBe(spec.classes)
      // Regression targets' sign classes follow the function (regression.test.ts checks them).
      const counts = classCounts(a.labels, a.classes)
      if (!isRegressionDataset(kind))
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(
          kind === 'xor' ? 60 : 1
        )
      expect(a.x.every(Number.isFinite)).toBe(true)
      expect(Array.from(a.x)).toEqual(Array.from(b.x))
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x))
      // Shuffled: labels are not sorted into blocks.
      expect(Array.from(a.labels)).not.toEqual(Array.from(a.labels).sort())
    })
  }

  it('circles: class 0 near radius 1, class 1 near radius 3', () => {
    const d = makeCircles(new RandomState(42), 400, 0.15)
    for (let i = 0; i < d.count; i++) {
      const r = Math.hypot(d.x[2 * i], d.x[2 * i + 1])
      expect(Math.abs(r - (d.labels[i] === 0 ? 1 : 3))).toBeLessThan(0.15 * 5)
    }
  })

  it('xor labels follow the quadrant when there is no noise', () => {
    const d = generateDataset({ ...base, kind: 'xor', noise: 0 }, new RandomState(3))
    for (let i = 0; i < d.count; i++)
      expect(d.labels[i]).toBe(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1 : 0)
  })

  it('rejects bad specs with a sentence', () => {
    expect(validateDatasetSpec({ ...base, samples: 2 })).toMatch(/points/)
    expect(validateDatasetSpec({ ...base, kind: 'spiral', classes: 9 })).toMatch(/arms/)
    expect(validateDatasetSpec({ ...base, testFraction: 1 })).toMatch(/test fraction/)
    expect(() => generateDataset({ ...base, noise: -1 }, new RandomState(1))).toThrow(DatasetError)
  })
})

describe('splitDataset', () => {
  it('holds out round(n·f) distinct points and keeps every point once', () => {
    const d = generateDataset(base, new RandomState(5))
    const { train, test } = splitDataset(d, 0.25, new RandomState(9))
    expect(test.count).toBe(50)
    expect(train.count).toBe(150)
    const key = (x: Float64Array, i: number): string => `${x[2 * i]},${x[2 * i + 1]}`
    const all = new Set<string>()
    for (let i = 0; i < train.count; i++) all.add(key(train.x, i))
    for (let i = 0; i < test.count; i++) all.add(key(test.x, i))
    expect(all.size).toBe(200)
  })

  it('uses the points’ own split while the fraction asks for that many test points', () => {
    const data = points(
      [
        [1, 1, 0],
        [2, 2, 1],
        [3, 3, 0],
        [4, 4, 1],
        [5, 5, 0]
      ],
      [0, 1, 0, 1, 0]
    )
    const rng = new RandomState(3)
    const before = rng.getState()
    const own = splitDataset(data, ownTestFraction(data), rng)
    expect(Array.from(own.train.x)).toEqual([1, 1, 3, 3, 5, 5])
    expect(Array.from(own.test.x)).toEqual([2, 2, 4, 4])
    expect(rng.getState()).toEqual(before) // no permutation drawn
    // Another fraction (the learner moved the slider) is a fresh random split of all points.
    const other = splitDataset(data, 0.2, rng)
    expect(other.test.count).toBe(1)
    expect(other.train.count + other.test.count).toBe(5)
  })

  it('draws nothing and keeps the order with testFraction 0 (the notebook)', () => {
    const d = generateDataset(base, new RandomState(5))
    const rng = new RandomState(9)
    const { train, test } = splitDataset(d, 0, rng)
    expect(test.count).toBe(0)
    expect(Array.from(train.x)).toEqual(Array.from(d.x))
    expect(rng.randomUint32()).toBe(new RandomState(9).randomUint32())
  })
})

describe('dataBounds', () => {
  it('is min − 1 … max + 1 on each axis, as the notebook plots', () => {
    const d = points([
      [0, 5, 0],
      [-2, 1, 1],
      [3, -4, 0]
    ])
    expect(dataBounds(d)).toEqual({ xMin: -3, xMax: 4, yMin: -5, yMax: 6 })
  })
})
