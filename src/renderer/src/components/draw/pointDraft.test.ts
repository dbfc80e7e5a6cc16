// The drawn points: adding, erasing (a point, a drag's path), the map's hit test, and what a
// draft becomes as a dataset. The erase and hit tests are checked against NumPy on random points.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { RandomState } from '@shared/engine'
import { MAX_CLASSES } from '@shared/engine/limits'
import type { Dataset } from '@shared/engine/types'
import { nearestPoint } from './hitTest'
import { PointDraft, signClass } from './pointDraft'

const PYTHON = '/usr/bin/python3'

function dataset(points: Array<[number, number, number]>, targets?: number[]): Dataset {
  const data: Dataset = {
    x: Float64Array.from(points.flatMap(([x, y]) => [x, y])),
    labels: Int32Array.from(points.map((p) => p[2])),
    count: points.length,
    classes: Math.max(2, ...points.map((p) => p[2] + 1))
  }
  if (targets) data.targets = Float64Array.from(targets)
  return data
}

describe('PointDraft', () => {
  it('adds points of the chosen class and grows past its first capacity', () => {
    const draft = new PointDraft('classes', 2)
    for (let i = 0; i < 5; i++) expect(draft.add(i, -i, i % 3)).toBe(true)
    const view = draft.view()
    expect(view.count).toBe(5)
    expect(Array.from(view.x)).toEqual([0, -0, 1, -1, 2, -2, 3, -3, 4, -4])
    expect(Array.from(view.labels)).toEqual([0, 1, 2, 0, 1])
    expect(view.classes).toBe(3)
    expect(view.targets).toBeUndefined()
    expect(draft.classCounts()).toEqual([2, 2, 1])
  })

  it('keeps a class within the limits and refuses non-numbers', () => {
    const draft = new PointDraft('classes')
    draft.add(0, 0, MAX_CLASSES + 3)
    expect(draft.view().labels[0]).toBe(MAX_CLASSES - 1)
    expect(draft.add(NaN, 0, 0)).toBe(false)
    expect(draft.add(0, 0, Infinity)).toBe(false)
    expect(draft.count).toBe(1)
  })

  it('gives value points their target and its sign class', () => {
    const draft = new PointDraft('values')
    draft.add(1, 1, 2.5)
    draft.add(2, 2, -0.25)
    draft.add(3, 3, 0)
    const view = draft.view()
    expect(Array.from(view.targets ?? [])).toEqual([2.5, -0.25, 0])
    expect(Array.from(view.labels)).toEqual([1, 0, 0])
    expect(view.classes).toBe(2)
    expect([signClass(0.1), signClass(0), signClass(-3)]).toEqual([1, 0, 0])
  })

  it('erases the points inside the eraser and keeps the others in order', () => {
    const draft = PointDraft.from(
      dataset([
        [0, 0, 0],
        [0.5, 0, 1],
        [2, 0, 0],
        [0, 0.9, 1],
        [0, 1.1, 0]
      ]),
      'classes'
    )
    // Radii 1 along x and y: (0, 0), (0.5, 0) and (0, 0.9) are inside; (0, 1.1) and (2, 0) not.
    expect(draft.eraseNear(0, 0, 1, 1)).toBe(3)
    expect(Array.from(draft.view().x)).toEqual([2, 0, 0, 1.1])
    expect(Array.from(draft.view().labels)).toEqual([0, 0])
    // An elliptic eraser: wide along x, thin along y.
    const wide = PointDraft.from(
      dataset([
        [1.5, 0, 0],
        [0, 0.3, 1]
      ]),
      'classes'
    )
    expect(wide.eraseNear(0, 0, 2, 0.2)).toBe(1)
    expect(Array.from(wide.view().x)).toEqual([0, 0.3])
  })

  it('erases along a fast drag with no gaps between pointer events', () => {
    const points: Array<[number, number, number]> = []
    for (let i = 0; i <= 20; i++) points.push([i / 2, 0, 0])
    points.push([5, 3, 1])
    const draft = PointDraft.from(dataset(points), 'classes')
    // One pointer move from x = 0 to x = 10: every point on the path goes, the one above stays.
    expect(draft.eraseAlong(0, 0, 10, 0, 0.3, 0.3)).toBe(21)
    expect(Array.from(draft.view().x)).toEqual([5, 3])
  })

  it('starts from a dataset: its points, its targets, or its classes as ±1 values', () => {
    const classes = dataset([
      [0, 0, 0],
      [1, 1, 1],
      [2, 2, 2]
    ])
    const asValues = PointDraft.from(classes, 'values').view()
    expect(Array.from(asValues.targets ?? [])).toEqual([-1, 1, -1])
    expect(Array.from(asValues.labels)).toEqual([0, 1, 0])
    const regression = dataset(
      [
        [0, 0, 1],
        [1, 1, 0]
      ],
      [0.7, -2]
    )
    const back = PointDraft.from(regression, 'values').view()
    expect(Array.from(back.targets ?? [])).toEqual([0.7, -2])
    const asClasses = PointDraft.from(regression, 'classes').view()
    expect(asClasses.targets).toBeUndefined()
    expect(Array.from(asClasses.labels)).toEqual([1, 0])
    expect(PointDraft.from(null, 'classes').count).toBe(0)
  })

  it('becomes a dataset copy, or says why it cannot yet', () => {
    const draft = new PointDraft('classes')
    expect(draft.toDataset()).toBe('Draw at least two points.')
    draft.add(0, 0, 1)
    draft.add(1, 0, 1)
    expect(draft.toDataset()).toBe('Draw points of at least two classes.')
    draft.add(2, 0, 0)
    const data = draft.toDataset()
    if (typeof data === 'string') throw new Error(data)
    expect(data).toMatchObject({ count: 3, classes: 2 })
    expect(Array.from(data.labels)).toEqual([1, 1, 0])
    draft.add(3, 3, 0)
    expect(data.count).toBe(3)
    expect(data.x.length).toBe(6)
    const values = new PointDraft('values')
    values.add(0, 0, 3)
    values.add(1, 1, 3)
    const regression = values.toDataset()
    if (typeof regression === 'string') throw new Error(regression)
    expect(Array.from(regression.targets ?? [])).toEqual([3, 3])
  })
})

describe('nearestPoint and eraseNear against NumPy', () => {
  it('pick the same point and erase the same points as a NumPy computation', () => {
    const rng = new RandomState(5)
    const n = 400
    const x = rng.uniform(-3, 3, 2 * n)
    const probes = Array.from(rng.uniform(-3, 3, 40))
    const rx = 0.35
    const ry = 0.2
    const script = `
import json, sys
import numpy as np
d = json.load(sys.stdin)
x = np.array(d['x']).reshape(-1, 2)
out = []
for cx, cy in np.array(d['probes']).reshape(-1, 2):
    r = ((x[:, 0] - cx) / d['rx']) ** 2 + ((x[:, 1] - cy) / d['ry']) ** 2
    inside = np.flatnonzero(r <= 1)
    nearest = int(inside[np.argmin(r[inside])]) if inside.size else -1
    out.append({'nearest': nearest, 'kept': int(np.sum(r > 1))})
print(json.dumps(out))
`
    const run = spawnSync(PYTHON, ['-c', script], {
      input: JSON.stringify({ x: Array.from(x), probes, rx, ry }),
      encoding: 'utf8'
    })
    expect(run.stderr, 'NumPy for /usr/bin/python3 (npm test provisions it)').toBe('')
    const expected = JSON.parse(run.stdout) as Array<{ nearest: number; kept: number }>
    const labels = new Int32Array(n)
    let hits = 0
    expected.forEach((want, k) => {
      const [cx, cy] = [probes[2 * k], probes[2 * k + 1]]
      expect(nearestPoint(x, n, cx, cy, rx, ry)).toBe(want.nearest)
      if (want.nearest >= 0) hits++
      const draft = PointDraft.from({ x, labels, count: n, classes: 2 }, 'classes')
      draft.eraseNear(cx, cy, rx, ry)
      expect(draft.count).toBe(want.kept)
    })
    // The probes both hit and miss, so both answers are checked.
    expect(hits).toBeGreaterThan(5)
    expect(hits).toBeLessThan(40)
  })
})
