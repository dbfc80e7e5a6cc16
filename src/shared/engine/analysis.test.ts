// The analysis views' numbers (hidden space, loss landscape) against NumPy computing them
// independently (fixtures/analysis_reference.py), on the seed run after 150 epochs.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { hiddenSpace } from './hiddenSpace'
import { filterNormalizedDirection, lossLandscape } from './landscape'
import { RandomState } from './rng'
import { SEED_NOTEBOOK } from './presets'
import { TrainingRun } from './train'

const PYTHON = '/usr/bin/python3'
const SCRIPT = join(import.meta.dirname, 'fixtures', 'analysis_reference.py')

interface Reference {
  points: number[]
  explained: [number, number]
  losses: number[]
}

function worstRelative(actual: ArrayLike<number>, expected: number[], floor: number): number {
  expect(actual.length).toBe(expected.length)
  let worst = 0
  for (let i = 0; i < expected.length; i++) {
    const err = Math.abs(actual[i] - expected[i]) / Math.max(Math.abs(expected[i]), floor)
    worst = Math.max(worst, err)
  }
  return worst
}

describe('analysis views against NumPy', () => {
  const run = TrainingRun.create(SEED_NOTEBOOK)
  for (let i = 0; i < 150; i++) run.trainEpoch()
  const spec = run.config.network
  const layer = 1
  const resolution = 9
  const span = 1
  const ran = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({
      layers: spec.layerSizes,
      x: Array.from(run.train.x),
      y: Array.from(run.train.labels),
      weights: run.params.weights.map((w) => Array.from(w)),
      biases: run.params.biases.map((b) => Array.from(b)),
      layer,
      resolution,
      span
    }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  const reference = ran.status === 0 ? (JSON.parse(ran.stdout) as Reference) : null

  it('NumPy ran', () => {
    expect(ran.stderr).toBe('')
    expect(reference).not.toBeNull()
  })

  it('hidden space: the points in the layer’s first two principal components', () => {
    const space = hiddenSpace(spec, run.params, run.train, { layer, units: null })
    expect(space.axes).toBe('pca')
    expect(worstRelative(space.points, reference!.points, 1e-3)).toBeLessThan(1e-6)
    expect(worstRelative(space.explained!, reference!.explained, 1e-3)).toBeLessThan(1e-9)
  })

  it('hidden space: two chosen units are those units’ activations', () => {
    const space = hiddenSpace(spec, run.params, run.train, { layer: 0, units: [3, 5] })
    const J = spec.layerSizes[1]
    const w = run.params.weights[0]
    const b = run.params.biases[0]
    for (let n = 0; n < run.train.count; n += 37) {
      for (const [axis, unit] of [
        [0, 3],
        [1, 5]
      ]) {
        const z = run.train.x[2 * n] * w[unit] + run.train.x[2 * n + 1] * w[J + unit] + b[unit]
        expect(space.points[2 * n + axis]).toBeCloseTo(Math.max(0, z), 12)
      }
    }
    // 13 + 13 grid lines of 60 points each.
    expect(space.lines).toHaveLength(26)
    expect(space.lines[0]).toHaveLength(120)
  })

  it('loss landscape: the loss over the filter-normalised plane', () => {
    const landscape = lossLandscape(spec, run.params, run.train, { resolution, span })
    expect(worstRelative(landscape.losses, reference!.losses, 1e-12)).toBeLessThan(1e-9)
    expect(landscape.center).toBeCloseTo(landscape.losses[(resolution * resolution - 1) / 2], 12)
  })

  it('loss landscape: weights at θ + 0.3·δ − 0.2·η project to (0.3, −0.2)', () => {
    const rng = new RandomState(0)
    const delta = filterNormalizedDirection(spec, run.params, rng)
    const eta = filterNormalizedDirection(spec, run.params, rng)
    const onPlane = {
      weights: run.params.weights.map((w, l) =>
        w.map((v, i) => v + 0.3 * delta[l][i] - 0.2 * eta[l][i])
      ),
      biases: run.params.biases
    }
    const { path } = lossLandscape(spec, run.params, run.train, {
      resolution: 3,
      span,
      path: [onPlane, run.params]
    })
    expect(Array.from(path).map((v) => Number(v.toFixed(10)))).toEqual([0.3, -0.2, 0, 0])
  })
})
