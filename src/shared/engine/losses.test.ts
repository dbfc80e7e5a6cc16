import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { afterAll, describe, expect, it } from 'vitest'
import { binaryStep, crossEntropyFromLogTerms, softmaxCrossEntropy } from './losses'
import { SEED_NOTEBOOK } from './presets'
import { TrainingRun } from './train'
import type { RunConfig } from './types'
import { getKernelBackend, setKernelBackend } from './wasmKernels'

const python = '/usr/bin/python3'
const hasNumpy = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import numpy']), true)
  } catch {
    return false
  }
})()

/** A run whose output is pushed to certainty: every output bias is ±1000, so p is exactly 1 (or
 *  the softmax puts all mass on the label's class) for every point. */
function saturatedRun(output: 'sigmoid' | 'softmax'): TrainingRun {
  const config: RunConfig = {
    ...SEED_NOTEBOOK,
    dataset: { ...SEED_NOTEBOOK.dataset, samples: 60 },
    network:
      output === 'sigmoid'
        ? SEED_NOTEBOOK.network
        : { ...SEED_NOTEBOOK.network, layerSizes: [2, 16, 8, 2], output: 'softmax' }
  }
  const run = TrainingRun.create(config)
  const last = run.params.weights.length - 1
  run.params.weights[last].fill(0)
  return run
}

describe('cross-entropy is never below 0', () => {
  const initialBackend = getKernelBackend()
  afterAll(() => setKernelBackend(initialBackend))

  it('clamps the ε artefact (−log(1 + ε) ≈ −1e-8) and −0 to +0, and keeps NaN', () => {
    // Two certain, right predictions: each log term is log(1 + 1e-8) > 0.
    const p = Float64Array.of(1, 0)
    const { loss } = binaryStep(p, Int32Array.of(1, 0), 2, new Float64Array(2), new Float64Array(2))
    expect(Object.is(loss, 0)).toBe(true)
    expect(Object.is(crossEntropyFromLogTerms(Float64Array.of(0, 0), 2), 0)).toBe(true)
    expect(crossEntropyFromLogTerms(Float64Array.of(-0.5, -1.5), 2)).toBe(1)
    expect(crossEntropyFromLogTerms(Float64Array.of(NaN), 1)).toBeNaN()
    // Softmax: the label's logit far above the others gives log-softmax = −0 for every row.
    const z = Float64Array.of(800, 0, 0, 800)
    const ce = softmaxCrossEntropy(z, Int32Array.of(0, 1), 2, 2, new Float64Array(2))
    expect(Object.is(ce, 0)).toBe(true)
  })

  for (const backend of ['js', 'wasm'] as const) {
    it(`a saturated network reports a loss of exactly 0, not -0.0000 (${backend} kernels)`, () => {
      setKernelBackend(backend)
      const binary = saturatedRun('sigmoid')
      const lastBias = binary.params.biases[binary.params.biases.length - 1]
      // Label every point 1 and push p to 1: the notebook's formula gives −log(1 + 1e-8).
      binary.train.labels.fill(1)
      lastBias[0] = 1000
      expect(Object.is(binary.evaluate(binary.train).loss, 0)).toBe(true)
      expect(Object.is(binary.trainEpoch().loss, 0)).toBe(true)

      const softmax = saturatedRun('softmax')
      const bias = softmax.params.biases[softmax.params.biases.length - 1]
      softmax.train.labels.fill(1)
      bias[0] = -1000
      bias[1] = 1000
      expect(Object.is(softmax.evaluate(softmax.train).loss, 0)).toBe(true)
    })
  }

  // Never a silent skip: `npm test` provisions NumPy first.
  it('equals NumPy where NumPy is ≥ 0, and is 0 where NumPy goes negative', () => {
    expect(hasNumpy, `NumPy is missing under ${python}: apt-get install python3-numpy`).toBe(true)
    const p = [0.3, 0.9, 1e-12, 1 - 1e-12, 0.5, 1, 0]
    const y = [1, 0, 0, 1, 1, 1, 0]
    const cases = [
      { p: p.slice(0, 5), y: y.slice(0, 5) },
      { p: p.slice(5), y: y.slice(5) }
    ]
    const script = `import json, sys
import numpy as np
eps = 1e-8
out = []
for c in json.loads(sys.argv[1]):
    p = np.array(c['p']); y = np.array(c['y'])
    out.append(float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))))
print(json.dumps([repr(v) for v in out]))`
    const numpy = (
      JSON.parse(
        execFileSync(python, ['-c', script, JSON.stringify(cases)], { encoding: 'utf8' })
      ) as string[]
    ).map(Number)
    const ours = cases.map(
      (c) =>
        binaryStep(
          Float64Array.from(c.p),
          Int32Array.from(c.y),
          c.p.length,
          new Float64Array(c.p.length),
          new Float64Array(c.p.length)
        ).loss
    )
    expect(numpy[0]).toBeGreaterThan(0)
    expect(Math.abs(ours[0] - numpy[0]) / numpy[0]).toBeLessThan(1e-14)
    expect(numpy[1]).toBeLessThan(0) // the notebook's formula prints -0.0000 here
    expect(Object.is(ours[1], 0)).toBe(true)
  })
})
