// Input standardisation against scikit-learn's StandardScaler, and where the engine applies it.
import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from './presets'
import { forward, createBuffers, predict } from './network'
import { TrainingRun } from './train'
import { computeFeatures } from './features'
import { fitStandardization, standardizeInto, validateStandardization } from './standardize'
import { validateNetworkSpec } from './spec'
import type { Dataset, NetworkSpec, RunConfig } from './types'
import { RandomState } from './rng'

const PYTHON = '/usr/bin/python3'

/** StandardScaler().fit(X) for each X: mean_, scale_ and transform(X), computed by scikit-learn. */
function sklearnScalers(
  sets: number[][][]
): { mean: number[]; scale: number[]; transformed: number[][] }[] {
  const script = `
import json, sys
import numpy as np
from sklearn.preprocessing import StandardScaler
out = []
for X in json.load(sys.stdin):
    X = np.asarray(X, dtype=np.float64)
    s = StandardScaler().fit(X)
    out.append({'mean': s.mean_.tolist(), 'scale': s.scale_.tolist(), 'transformed': s.transform(X).tolist()})
print(json.dumps(out))
`
  const run = spawnSync(PYTHON, ['-c', script], { input: JSON.stringify(sets), encoding: 'utf8' })
  expect(run.stderr, 'scikit-learn for /usr/bin/python3 (npm test provisions it)').toBe('')
  return JSON.parse(run.stdout) as { mean: number[]; scale: number[]; transformed: number[][] }[]
}

function points(rows: number[][]): Dataset {
  return {
    x: Float64Array.from(rows.flat()),
    labels: new Int32Array(rows.length),
    count: rows.length,
    classes: 2
  }
}

function randomRows(seed: number, n: number, offsets: [number, number], scales: [number, number]) {
  const rng = new RandomState(seed)
  const g = rng.randn(2 * n)
  return Array.from({ length: n }, (_, i) => [
    offsets[0] + scales[0] * g[2 * i],
    offsets[1] + scales[1] * g[2 * i + 1]
  ])
}

const SETS: [string, number[][]][] = [
  ['unit-scale points', randomRows(1, 50, [0, 0], [1, 1])],
  ['far from 0, in very different units', randomRows(2, 200, [5e4, -3], [1000, 0.01])],
  ['a constant column', [...randomRows(3, 20, [0, 0], [2, 1])].map((r) => [r[0], 7.25])],
  ['a column of zeros', randomRows(4, 10, [1, 0], [1, 0])],
  ['one point', [[3.5, -2]]],
  [
    'integers',
    [
      [1, 10],
      [2, 20],
      [3, 30],
      [4, 45]
    ]
  ]
]

describe('fitStandardization is scikit-learn StandardScaler (population std, ddof=0)', () => {
  const reference = sklearnScalers(SETS.map(([, rows]) => rows))
  SETS.forEach(([name, rows], i) => {
    it(name, () => {
      const fitted = fitStandardization(points(rows))
      const ref = reference[i]
      for (let j = 0; j < 2; j++) {
        expect(fitted.mean[j]).toBeCloseTo(ref.mean[j], 9)
        expect(Math.abs(fitted.mean[j] - ref.mean[j])).toBeLessThanOrEqual(
          1e-13 * Math.max(1, Math.abs(ref.mean[j]))
        )
        expect(Math.abs(fitted.scale[j] - ref.scale[j])).toBeLessThanOrEqual(1e-12 * ref.scale[j])
      }
      expect(validateStandardization(fitted)).toBeNull()
      const out = standardizeInto(
        fitted,
        points(rows).x,
        rows.length,
        new Float64Array(rows.length * 2)
      )
      ref.transformed
        .flat()
        .forEach((v, k) => expect(Math.abs(out[k] - v)).toBeLessThanOrEqual(1e-9))
    })
  })

  it('a constant column keeps scale 1 (only centred), never a division by 0', () => {
    const fitted = fitStandardization(points(SETS[2][1]))
    expect(fitted.scale[1]).toBe(1)
    expect(fitted.mean[1]).toBe(7.25)
  })
})

describe('validateNetworkSpec refuses an unusable transform', () => {
  const spec = (standardize: NetworkSpec['standardize']): NetworkSpec => ({
    ...SEED_NOTEBOOK.network,
    standardize
  })
  it('a zero or negative scale, a NaN mean', () => {
    expect(validateNetworkSpec(spec({ mean: [0, 0], scale: [1, 0] }))).toMatch(/scale of input 2/)
    expect(validateNetworkSpec(spec({ mean: [0, 0], scale: [-1, 1] }))).toMatch(/scale of input 1/)
    expect(validateNetworkSpec(spec({ mean: [NaN, 0], scale: [1, 1] }))).toMatch(/mean of input 1/)
    expect(validateNetworkSpec(spec({ mean: [1, 2], scale: [3, 4] }))).toBeNull()
  })
})

describe('the engine applies the transform where the inputs enter', () => {
  const standardised = (config: RunConfig): RunConfig => ({
    ...config,
    dataset: { ...config.dataset, standardize: true }
  })

  it('TrainingRun.create fits it on the training points only (the test points are not used)', () => {
    const config = standardised({
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, kind: 'moons', samples: 80, testFraction: 0.25 }
    })
    const run = TrainingRun.create(config)
    const fitted = run.config.network.standardize
    expect(fitted).toEqual(fitStandardization(run.train))
    expect(fitted).not.toEqual(
      fitStandardization({
        ...run.train,
        x: Float64Array.from([...run.train.x, ...run.test.x]),
        count: run.train.count + run.test.count
      })
    )
    // Without the request there is no transform, even when the network spec brought one along.
    const plain = TrainingRun.create({
      ...config,
      dataset: { ...config.dataset, standardize: false },
      network: { ...config.network, standardize: fitted }
    })
    expect(plain.config.network.standardize).toBeUndefined()
  })

  it('a standardised network on raw points = the same weights on standardised points', () => {
    const config = standardised({
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, samples: 60 },
      network: {
        ...SEED_NOTEBOOK.network,
        features: ['x1', 'x2', 'x1^2', 'x1x2'],
        layerSizes: [4, 8, 1],
        activations: ['tanh']
      }
    })
    const run = TrainingRun.create(config)
    for (let i = 0; i < 5; i++) run.trainEpoch()
    const spec = run.config.network
    const s = spec.standardize
    if (!s) throw new Error('no transform fitted')
    const n = run.train.count
    const z = standardizeInto(s, run.train.x, n, new Float64Array(2 * n))
    // The reference: features of the standardised points, fed to a network without a transform.
    const plainSpec: NetworkSpec = { ...spec, standardize: undefined }
    const viaTransform = predict(spec, run.params, run.train.x, n)
    const direct = predict(plainSpec, run.params, z, n)
    expect(Array.from(viaTransform)).toEqual(Array.from(direct))
    const buf = createBuffers(spec, n)
    forward(spec, run.params, run.train.x, n, buf)
    const features = computeFeatures(spec.features ?? [], z, n, new Float64Array(4 * n))
    expect(Array.from(buf.features?.subarray(0, 4 * n) ?? [])).toEqual(Array.from(features))
    // The boundary map reads the plane in the original units through the same transform.
    const grid = run.boundaryGrid(4, 3, { xMin: -1, xMax: 1, yMin: -0.5, yMax: 0.5 })
    const centres: number[] = []
    for (let r = 0; r < 3; r++)
      for (let c = 0; c < 4; c++) centres.push(-1 + (c + 0.5) * 0.5, 0.5 - (r + 0.5) / 3)
    const p = predict(spec, run.params, Float64Array.from(centres), 12)
    Array.from(grid.values).forEach((v, k) => expect(v).toBeCloseTo(p[k], 6))
  })

  it('restore keeps the fitted transform (a snapshot is the model)', () => {
    const run = TrainingRun.create(standardised(SEED_NOTEBOOK))
    run.trainEpoch()
    const again = TrainingRun.restore(run.snapshot())
    expect(again.config.network.standardize).toEqual(run.config.network.standardize)
    expect(again.evaluate(again.train)).toEqual(run.evaluate(run.train))
  })
})
