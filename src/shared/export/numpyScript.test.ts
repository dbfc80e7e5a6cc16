// The exported script, run by the real Python + NumPy, must predict what the engine predicts.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  ACTIVATIONS,
  ACTIVATIONS_REGISTRY,
  predict,
  pythonPercent,
  SEED_NOTEBOOK,
  TrainingRun
} from '../engine'
import type { RunSnapshot } from '../engine'
import { base64ToFloat64, float64ToBase64 } from '../session/binaryArrays'
import { SMALL_RUNS, trainedSnapshot } from '../session/testRuns'
import { numpyScript } from './numpyScript'

const PYTHON = '/usr/bin/python3'
const probe = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' })
const numpyProblem =
  probe.error !== undefined
    ? `${PYTHON} is not available (${probe.error.message})`
    : probe.status !== 0
      ? `NumPy is not installed for ${PYTHON}`
      : null

const dir = mkdtempSync(join(tmpdir(), 'nnlab-numpy-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function seedSnapshot(): RunSnapshot {
  const run = TrainingRun.create(SEED_NOTEBOOK)
  for (let i = 0; i < 300; i++) run.trainEpoch()
  return run.snapshot()
}

const CASES: { name: string; snapshot: RunSnapshot }[] = [
  { name: 'seed notebook after 300 epochs', snapshot: seedSnapshot() },
  ...SMALL_RUNS.map((run) => ({ name: run.name, snapshot: trainedSnapshot(run) }))
]

/** The session's points plus a grid reaching far outside them (sigmoid clipping, softmax tails). */
function probePoints(snapshot: RunSnapshot): Float64Array {
  const grid: number[] = []
  for (const x of [-300, -4, -1.5, 0, 0.25, 2, 7, 300])
    for (const y of [-50, -1, 0, 0.5, 3, 50]) grid.push(x, y)
  return Float64Array.from([...snapshot.train.x, ...snapshot.test.x, ...grid])
}

const DRIVER = `
import base64, importlib.util, json, sys
import numpy as np
out = []
for job in json.load(sys.stdin):
    spec = importlib.util.spec_from_file_location('exported', job['path'])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    X = np.frombuffer(base64.b64decode(job['x']), dtype='<f8').reshape(-1, 2)
    p = np.asarray(module.predict(X), dtype='<f8')
    out.append({
        'shape': list(p.shape),
        'p': base64.b64encode(p.tobytes()).decode(),
        'weights': [base64.b64encode(np.ascontiguousarray(W, dtype='<f8').tobytes()).decode() for W in module.WEIGHTS],
        'biases': [base64.b64encode(np.ascontiguousarray(b, dtype='<f8').tobytes()).decode() for b in module.BIASES],
    })
json.dump(out, sys.stdout)
`

describe('numpyScript run by NumPy', () => {
  // Never a silent skip: `npm test` provisions NumPy first (scripts/provision.mjs).
  it('has NumPy to run the scripts', () => {
    expect(numpyProblem, 'run `node scripts/provision.mjs` (npm test does)').toBeNull()
  })
  const paths = CASES.map((c, i) => {
    const path = join(dir, `model_${i}.py`)
    writeFileSync(path, numpyScript(c.snapshot))
    return path
  })

  it('embeds the exact weights and predicts what the engine predicts (to 1e-12)', () => {
    const jobs = CASES.map((c, i) => ({
      path: paths[i],
      x: float64ToBase64(probePoints(c.snapshot))
    }))
    const run = spawnSync(PYTHON, ['-c', DRIVER], { input: JSON.stringify(jobs), encoding: 'utf8' })
    expect(run.stderr).toBe('')
    const results = JSON.parse(run.stdout) as {
      shape: number[]
      p: string
      weights: string[]
      biases: string[]
    }[]
    CASES.forEach(({ snapshot }, i) => {
      const { network } = snapshot.config
      const result = results[i]
      expect(result.weights).toEqual(snapshot.params.weights.map(float64ToBase64))
      expect(result.biases).toEqual(snapshot.params.biases.map(float64ToBase64))

      const x = probePoints(snapshot)
      const count = x.length / 2
      const expected = predict(network, snapshot.params, x, count)
      const outputs = network.layerSizes[network.layerSizes.length - 1]
      expect(result.shape).toEqual(outputs === 1 ? [count] : [count, outputs])
      const got = base64ToFloat64(result.p) ?? new Float64Array(0)
      expect(got.length).toBe(expected.length)
      let worst = 0
      for (let k = 0; k < got.length; k++) worst = Math.max(worst, Math.abs(got[k] - expected[k]))
      expect(worst).toBeLessThanOrEqual(1e-12)
    })
  })

  it('prints the accuracy on the session data when run as a script', () => {
    CASES.forEach(({ snapshot }, i) => {
      const run = spawnSync(PYTHON, [paths[i]], { encoding: 'utf8' })
      expect(run.stderr).toBe('')
      const engine = TrainingRun.restore(snapshot)
      const lines = [
        `Training accuracy: ${pythonPercent(engine.evaluate(snapshot.train).accuracy)} (${snapshot.train.count} points)`
      ]
      if (snapshot.test.count > 0) {
        lines.push(
          `Test accuracy: ${pythonPercent(engine.evaluate(snapshot.test).accuracy)} (${snapshot.test.count} points)`
        )
      }
      expect(run.stdout).toBe(lines.join('\n') + '\n')
    })
  })
})

describe('numpyScript activations', () => {
  // Each registry entry's NumPy source, run by NumPy, is the engine's f (np.tanh and Math.tanh may
  // round differently in the last place).
  const Z = [-600, -3, -1, -0.01, 0, 0.01, 0.5, 2, 600]
  const ACTIVATIONS_DRIVER = `
import json, runpy, sys
model = runpy.run_path(sys.argv[1])
import numpy as np
z = np.array(json.loads(sys.argv[2]), dtype=np.float64)
json.dump({name: list(map(float, f(z))) for name, f in model['ACTIVATIONS'].items()}, sys.stdout)
`

  it('lists exactly the registry’s activations, each computing its f', () => {
    expect(numpyProblem).toBeNull()
    const path = join(dir, 'activations.py')
    writeFileSync(path, numpyScript(CASES[0].snapshot))
    const run = spawnSync(PYTHON, ['-c', ACTIVATIONS_DRIVER, path, JSON.stringify(Z)], {
      encoding: 'utf8'
    })
    expect(run.stderr).toBe('')
    const values = JSON.parse(run.stdout) as Record<string, number[]>
    expect(Object.keys(values)).toEqual([...ACTIVATIONS])
    for (const name of ACTIVATIONS) {
      const f = ACTIVATIONS_REGISTRY[name].f
      values[name].forEach((v, i) => expect(v, `${name}(${Z[i]})`).toBeCloseTo(f(Z[i]), 15))
    }
  })
})
