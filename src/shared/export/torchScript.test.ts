// The PyTorch export, run by Debian's python3-torch: its predictions equal the engine's to 1e-12,
// and train() continues the run as the engine would (same optimizer, memory and shuffles).
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { predict, pythonFixed, SEED_NOTEBOOK, TrainingRun } from '../engine'
import type { RunSnapshot } from '../engine'
import { base64ToFloat64, float64ToBase64 } from '../session/binaryArrays'
import { regressionConfig, SMALL_RUNS, trainedSnapshot, type RunChanges } from '../session/testRuns'
import { torchScript } from './torchScript'

const PYTHON = '/usr/bin/python3'
const probe = spawnSync(PYTHON, ['-c', 'import torch, numpy'], { encoding: 'utf8' })
const torchProblem =
  probe.error !== undefined
    ? `${PYTHON} is not available (${probe.error.message})`
    : probe.status !== 0
      ? `PyTorch (python3-torch) is not importable by ${PYTHON}`
      : null
if (torchProblem) console.log(`Skipping the PyTorch export checks: ${torchProblem}.`)

const dir = mkdtempSync(join(tmpdir(), 'nnlab-torch-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function seedSnapshot(): RunSnapshot {
  const run = TrainingRun.create(SEED_NOTEBOOK)
  for (let i = 0; i < 300; i++) run.trainEpoch()
  return run.snapshot()
}

/** Regression runs (linear output, ½·MSE): plane with full-batch SGD and a test split, and
 *  gauss-mix with Adam, L2 and mini-batches (NumPy's shuffles). */
function regressionSnapshot(
  kind: 'plane' | 'gauss-mix',
  training: Pick<RunChanges, 'training' | 'optimizer'>,
  epochs: number
): RunSnapshot {
  const config = regressionConfig(kind, {
    dataset: { samples: 80, seed: 11, testFraction: 0.25 },
    network: { layerSizes: [2, 5, 3, 1], activations: ['tanh', 'relu'] },
    ...training
  })
  const run = TrainingRun.create(config)
  for (let i = 0; i < epochs; i++) run.trainEpoch()
  return run.snapshot()
}

const REGRESSION_CASES = [
  { name: 'regression plane sgd full batch', snapshot: regressionSnapshot('plane', {}, 40) },
  {
    name: 'regression gauss-mix adam l2 mini-batches',
    snapshot: regressionSnapshot(
      'gauss-mix',
      { optimizer: { kind: 'adam', learningRate: 0.01 }, training: { batchSize: 16, l2: 0.001 } },
      25
    )
  }
]

const CASES = [
  { name: 'seed notebook after 300 epochs', snapshot: seedSnapshot() },
  ...SMALL_RUNS.map((run) => ({ name: run.name, snapshot: trainedSnapshot(run) })),
  ...REGRESSION_CASES
]
const MORE_EPOCHS = 3

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
    history = module.train(job['epochs'])
    out.append({'p': base64.b64encode(p.tobytes()).decode(), 'history': history,
                'sequential': type(module.model).__name__, 'dtype': str(module.model[0].weight.dtype)})
json.dump(out, sys.stdout)
`

describe('torchScript run by PyTorch', () => {
  it.skipIf(torchProblem !== null)(
    `predicts what the engine predicts (1e-12) and trains on like it${torchProblem ? ` — skipped: ${torchProblem}` : ''}`,
    () => {
      const jobs = CASES.map((c, i) => {
        const path = join(dir, `model_${i}.py`)
        writeFileSync(path, torchScript(c.snapshot))
        return { path, x: float64ToBase64(probePoints(c.snapshot)), epochs: MORE_EPOCHS }
      })
      const run = spawnSync(PYTHON, ['-c', DRIVER], {
        input: JSON.stringify(jobs),
        encoding: 'utf8',
        timeout: 300_000
      })
      expect(run.stderr).toBe('')
      const results = JSON.parse(run.stdout) as {
        p: string
        history: [number, number][]
        sequential: string
        dtype: string
      }[]
      CASES.forEach(({ name, snapshot }, i) => {
        const r = results[i]
        expect(r.sequential).toBe('Sequential')
        expect(r.dtype).toBe('torch.float64')
        const x = probePoints(snapshot)
        const expected = predict(snapshot.config.network, snapshot.params, x, x.length / 2)
        const got = base64ToFloat64(r.p) ?? new Float64Array(0)
        expect(got.length).toBe(expected.length)
        let worst = 0
        for (let k = 0; k < got.length; k++) worst = Math.max(worst, Math.abs(got[k] - expected[k]))
        expect(worst, name).toBeLessThanOrEqual(1e-12)
        // Going on: the engine's next epochs, from the same snapshot.
        const engine = TrainingRun.restore(snapshot)
        let lossGap = 0
        for (let e = 0; e < MORE_EPOCHS; e++) {
          const stats = engine.trainEpoch()
          const [loss, accuracy] = r.history[e]
          lossGap = Math.max(lossGap, Math.abs(loss - stats.loss) / Math.abs(stats.loss))
          // Accuracy counts points (exact); a regression run's R² sums squares (rounding).
          if (snapshot.config.network.output === 'linear')
            expect(
              Math.abs(accuracy - stats.accuracy),
              `${name}, epoch ${stats.epoch}`
            ).toBeLessThan(1e-9)
          else expect(accuracy, `${name}, epoch ${stats.epoch}`).toBe(stats.accuracy)
        }
        console.log(
          `${name}: worst prediction gap ${worst.toExponential(2)}, loss gap ${lossGap.toExponential(2)}`
        )
        expect(lossGap, name).toBeLessThan(1e-9)
      })
    },
    300_000
  )
})

describe('torchScript of a regression model, run as a script', () => {
  it.skipIf(torchProblem !== null)(
    `prints the engine's MSE and R² on train and test, and --predict the engine's value${torchProblem ? ` — skipped: ${torchProblem}` : ''}`,
    () => {
      const { snapshot } = REGRESSION_CASES[0]
      const path = join(dir, 'regression_main.py')
      writeFileSync(path, torchScript(snapshot))
      const engine = TrainingRun.restore(snapshot)
      const train = engine.evaluate(snapshot.train)
      const test = engine.evaluate(snapshot.test)
      const printed = spawnSync(PYTHON, [path], { encoding: 'utf8', timeout: 120_000 })
      expect(printed.stderr).toBe('')
      const fixed = (x: number): string => pythonFixed(x, 4)
      expect(printed.stdout).toContain(
        `Training MSE: ${fixed(2 * train.loss)} | R²: ${fixed(train.accuracy)} (${snapshot.train.count} points)`
      )
      expect(printed.stdout).toContain(
        `Test MSE: ${fixed(2 * test.loss)} | R²: ${fixed(test.accuracy)} (${snapshot.test.count} points)`
      )
      const one = spawnSync(PYTHON, [path, '--predict', '1.5', '-2'], { encoding: 'utf8' })
      expect(one.stderr).toBe('')
      const value = predict(
        snapshot.config.network,
        snapshot.params,
        Float64Array.from([1.5, -2]),
        1
      )[0]
      expect(Number(one.stdout.trim())).toBeCloseTo(value, 5)
    },
    120_000
  )
})
