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

describe('numpyScript: standardised inputs and names', () => {
  const named = SMALL_RUNS.find((r) => r.name.startsWith('imported csv with names, standardised'))
  const featured = SMALL_RUNS.find((r) => r.name === 'moons standardised, with features')
  if (!named || !featured) throw new Error('the standardised test runs are missing')
  const runs = [named, featured].map((r) => trainedSnapshot(r))

  // scikit-learn fits its own StandardScaler on the script's TRAIN_X; the script's predict(raw X)
  // must equal the engine's network WITHOUT a transform run on sklearn's transform(X).
  const SCALER_DRIVER = `
import base64, importlib.util, json, sys
import numpy as np
from sklearn.preprocessing import StandardScaler
out = []
for job in json.load(sys.stdin):
    spec = importlib.util.spec_from_file_location('exported', job['path'])
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    scaler = StandardScaler().fit(module.TRAIN_X)
    X = np.frombuffer(base64.b64decode(job['x']), dtype='<f8').reshape(-1, 2)
    out.append({
        'mean': np.abs(scaler.mean_ - module.INPUT_MEAN).max() / np.abs(scaler.mean_).max(),
        'scale': np.abs(scaler.scale_ - module.INPUT_SCALE).max() / scaler.scale_.max(),
        'z': base64.b64encode(np.ascontiguousarray(scaler.transform(X), dtype='<f8').tobytes()).decode(),
        'p': base64.b64encode(np.asarray(module.predict(X), dtype='<f8').tobytes()).decode(),
        'inputs': module.INPUT_NAMES,
        'classes': module.CLASS_NAMES,
        'names': module.predicted_name(X),
    })
json.dump(out, sys.stdout)
`

  it("fits the training points like StandardScaler and predicts as the engine does on sklearn's standardised points", () => {
    expect(numpyProblem).toBeNull()
    const jobs = runs.map((snapshot, i) => {
      const path = join(dir, `standardised_${i}.py`)
      writeFileSync(path, numpyScript(snapshot))
      return { path, x: float64ToBase64(probePoints(snapshot)) }
    })
    const run = spawnSync(PYTHON, ['-c', SCALER_DRIVER], {
      input: JSON.stringify(jobs),
      encoding: 'utf8'
    })
    expect(run.stderr).toBe('')
    const results = JSON.parse(run.stdout) as {
      mean: number
      scale: number
      z: string
      p: string
      inputs: string[]
      classes: string[]
      names: string[]
    }[]
    runs.forEach((snapshot, i) => {
      const r = results[i]
      expect(r.mean).toBeLessThanOrEqual(1e-13)
      expect(r.scale).toBeLessThanOrEqual(1e-12)
      const { standardize: _fitted, ...plain } = snapshot.config.network
      const z = base64ToFloat64(r.z) ?? new Float64Array(0)
      const count = z.length / 2
      const expected = predict(plain, snapshot.params, z, count)
      const got = base64ToFloat64(r.p) ?? new Float64Array(0)
      let worst = 0
      for (let k = 0; k < got.length; k++) worst = Math.max(worst, Math.abs(got[k] - expected[k]))
      expect(worst).toBeLessThanOrEqual(1e-9)
      // Names: the file's columns and classes, or x1, x2 and class numbers for generated points.
      const k = plain.layerSizes[plain.layerSizes.length - 1]
      const engineClass = (row: number): number =>
        k === 1 ? Number(expected[row] > 0.5) : argmax(expected.subarray(row * k, (row + 1) * k))
      expect(r.names).toEqual(
        Array.from({ length: count }, (_, row) => r.classes[engineClass(row)])
      )
    })
    expect(results[0].inputs).toEqual(['income', 'ratio'])
    expect(results[0].classes).toEqual(['low', 'mid', 'high'])
    expect(results[1].inputs).toEqual(['x1', 'x2'])
    expect(results[1].classes).toEqual(['0', '1'])
  })

  it('says where the scaler comes from, and --predict prints the class by name', () => {
    const snapshot = runs[0]
    const text = numpyScript(snapshot)
    expect(text).toContain(
      `population standard deviation (ddof=0; 1 for a constant column) of the ${snapshot.train.count}`
    )
    expect(text).toContain('INPUT_MEAN = np.array([')
    const path = join(dir, 'standardised_predict.py')
    writeFileSync(path, text)
    const point = [snapshot.train.x[0], snapshot.train.x[1]]
    const run = spawnSync(PYTHON, [path, '--predict', String(point[0]), String(point[1])], {
      encoding: 'utf8'
    })
    expect(run.stderr).toBe('')
    const p = predict(snapshot.config.network, snapshot.params, Float64Array.from(point), 1)
    const names = ['low', 'mid', 'high']
    expect(run.stdout).toBe(
      [names[argmax(p)], ...names.map((name, j) => `  ${name}: ${p[j].toFixed(4)}`)].join('\n') +
        '\n'
    )
  })
})

function argmax(values: ArrayLike<number>): number {
  let best = 0
  for (let j = 1; j < values.length; j++) if (values[j] > values[best]) best = j
  return best
}
