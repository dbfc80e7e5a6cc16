// The exported notebook, validated by nbformat and run top to bottom by nbclient (a real Jupyter
// kernel), must print the app's Training log: the engine's formatEpochLine over the same run.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import {
  formatFinalAccuracy,
  formatFinalRegression,
  formatNetworkLines,
  formatRunEpochLine,
  isRegression,
  ownTestFraction,
  pythonFixed,
  SEED_NOTEBOOK,
  SEED_NOTEBOOK_PRINT_EVERY,
  TrainingRun
} from '../engine'
import type { Dataset, RunConfig, RunSnapshot } from '../engine'
import { regressionConfig, withChanges } from '../session/testRuns'
import { base64ToFloat64 } from '../session/binaryArrays'
import { importCsv } from '../import'
import { logIntervalFor, notebookExport, runStart, usesNotebookData } from './notebook'

const PYTHON = '/usr/bin/python3'
const RUNNER = fileURLToPath(new URL('./fixtures/run_notebook.py', import.meta.url))
const SEED_FIXTURE = fileURLToPath(
  new URL('../engine/fixtures/seed_notebook_reference.json', import.meta.url)
)

const probe = spawnSync(PYTHON, ['-c', 'import nbformat, nbclient, ipykernel, matplotlib'], {
  encoding: 'utf8'
})
const jupyterProblem =
  probe.error !== undefined
    ? `${PYTHON} is not available (${probe.error.message})`
    : probe.status !== 0
      ? `nbformat, nbclient, ipykernel or matplotlib is missing for ${PYTHON}`
      : null

const dir = mkdtempSync(join(tmpdir(), 'nnlab-notebook-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** Three classes on three rings, 90 points: a CSV import. */
const CSV_TEXT = [
  'x1,x2,label',
  ...Array.from({ length: 90 }, (_, i) => {
    const angle = (i / 90) * 2 * Math.PI * 7
    const r = [0.5, 1.5, 2.5][i % 3] + 0.1 * Math.sin(i * 1.7)
    return `${r * Math.cos(angle)},${r * Math.sin(angle)},${i % 3}`
  })
].join('\n')

/** The same rings far from the origin and in other units per column (x1 in the thousands, x2 in
 *  thousandths), so the network only learns them standardised. */
const FAR_CSV_TEXT = [
  'width,depth,label',
  ...CSV_TEXT.split('\n')
    .slice(1)
    .map((row) => {
      const [a, b, label] = row.split(',').map(Number)
      return `${1000 + 200 * a},${0.05 + 0.001 * b},${label}`
    })
].join('\n')

/** A real-valued target of two columns in their own units: a regression import (real labels). */
const PRICE_CSV_TEXT = [
  'area,age,price',
  ...Array.from({ length: 80 }, (_, i) => {
    const area = 40 + ((i * 37) % 160)
    const age = (i * 13) % 50
    const price = 2 * area - 3 * age + 15 * Math.sin(i * 0.9) + 0.25
    return `${area},${age},${price}`
  })
].join('\n')

/** The rings with the file's own split column (every fifth row a test point), as `nn-lab export
 *  data` writes it: the engine keeps that split and draws no permutation for it. */
const SPLIT_CSV = importCsv(
  CSV_TEXT.split('\n')
    .map((row, i) => (i === 0 ? `${row},split` : `${row},${i % 5 === 0 ? 'test' : 'train'}`))
    .join('\n')
).data

interface Case {
  name: string
  config: RunConfig
  data?: Dataset
  epochs: number
  /** Plots the notebook shows (default 3: activations, the data, loss curve + map). */
  images?: number
}

const CASES: Case[] = [
  { name: 'the seed preset', config: SEED_NOTEBOOK, epochs: 2000 },
  {
    name: 'spiral softmax, Adam, mini-batches, test split',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 240, noise: 0.1, classes: 3, testFraction: 0.2, seed: 5 },
      network: {
        layerSizes: [2, 16, 16, 3],
        activations: ['relu', 'leaky-relu'],
        output: 'softmax',
        init: 'xavier'
      },
      training: { batchSize: 32, epochLimit: 300 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    }),
    epochs: 300
  },
  {
    name: 'xor, momentum, L2, tanh',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'xor', samples: 200, noise: 0.2, seed: 9 },
      network: { layerSizes: [2, 8, 8, 1], activations: ['tanh', 'tanh'], init: 'uniform' },
      training: { l2: 0.001, epochLimit: 400 },
      optimizer: { kind: 'momentum', learningRate: 0.05, momentum: 0.9 }
    }),
    epochs: 400
  },
  {
    name: 'a CSV import, test split, L1, sigmoid + linear layers, mini-batches',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'csv', samples: 90, classes: 3, testFraction: 0.25, seed: 11 },
      network: {
        layerSizes: [2, 12, 6, 3],
        activations: ['sigmoid', 'linear'],
        output: 'softmax',
        init: 'he'
      },
      training: { batchSize: 10, l1: 0.0005, epochLimit: 150 },
      optimizer: { kind: 'sgd', learningRate: 0.3 }
    }),
    data: importCsv(CSV_TEXT).data,
    epochs: 150
  },
  {
    name: "circles with mini-batches, on the notebook's own code path",
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { samples: 300, noise: 0.2, seed: 123 },
      training: { batchSize: 64, epochLimit: 100 }
    }),
    epochs: 100
  },
  {
    name: 'circles with input features, dropout and a step schedule (the notebook’s data code)',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { samples: 200, noise: 0.15, seed: 21 },
      network: {
        layerSizes: [5, 8, 6, 1],
        activations: ['relu', 'tanh'],
        features: ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2']
      },
      training: {
        batchSize: 32,
        epochLimit: 120,
        dropout: [0.25, 0.1],
        lrSchedule: { kind: 'step', every: 40, factor: 0.5 }
      }
    }),
    epochs: 120
  },
  {
    name: 'spiral softmax with sin features, dropout on one layer, Adam and a cosine schedule',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 150, noise: 0.1, classes: 3, testFraction: 0.2, seed: 4 },
      network: {
        layerSizes: [4, 12, 8, 3],
        activations: ['gelu', 'swish'],
        output: 'softmax',
        init: 'xavier',
        features: ['x1', 'x2', 'sin(x1)', 'sin(x2)']
      },
      training: {
        batchSize: 'full',
        epochLimit: 150,
        dropout: [0, 0.3],
        lrSchedule: { kind: 'cosine', period: 100, minRate: 0.001 }
      },
      optimizer: { kind: 'adam', learningRate: 0.02 }
    }),
    epochs: 150
  },
  {
    name: 'xor, momentum, an exponential schedule, the x1·x2 feature alone',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'xor', samples: 120, noise: 0.2, seed: 8 },
      network: {
        layerSizes: [1, 6, 1],
        activations: ['elu'],
        init: 'uniform',
        features: ['x1x2']
      },
      training: { epochLimit: 100, lrSchedule: { kind: 'exp', gamma: 0.98 } },
      optimizer: { kind: 'momentum', learningRate: 0.1, momentum: 0.8 }
    }),
    epochs: 100
  },
  {
    name: 'regression: plane, test split, Adam, mini-batches',
    config: regressionConfig('plane', {
      dataset: { samples: 160, noise: 0.2, seed: 17, testFraction: 0.25 },
      network: { layerSizes: [2, 8, 6, 1], activations: ['tanh', 'relu'] },
      training: { batchSize: 16, epochLimit: 200 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    }),
    epochs: 200
  },
  {
    name: 'regression: gauss-mix, momentum, L2, full batch',
    config: regressionConfig('gauss-mix', {
      dataset: { samples: 150, noise: 0, seed: 3, testFraction: 0.2 },
      network: { layerSizes: [2, 10, 1], activations: ['tanh'] },
      training: { l2: 0.0005, epochLimit: 300 },
      optimizer: { kind: 'momentum', learningRate: 0.01, momentum: 0.9 }
    }),
    epochs: 300
  },
  {
    name: 'a standardised CSV import (classes), test split, mini-batches',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: {
        kind: 'csv',
        samples: 90,
        classes: 3,
        testFraction: 0.2,
        seed: 12,
        standardize: true
      },
      network: {
        layerSizes: [2, 12, 8, 3],
        activations: ['relu', 'tanh'],
        output: 'softmax',
        init: 'xavier'
      },
      training: { batchSize: 16, epochLimit: 150 },
      optimizer: { kind: 'adam', learningRate: 0.02 }
    }),
    data: importCsv(FAR_CSV_TEXT).data,
    epochs: 150
  },
  {
    name: 'a standardised regression import, test split, Adam, input features',
    config: regressionConfig('plane', {
      dataset: { kind: 'csv', samples: 80, testFraction: 0.25, seed: 6, standardize: true },
      network: {
        layerSizes: [3, 8, 1],
        activations: ['tanh'],
        features: ['x1', 'x2', 'x1x2']
      },
      training: { batchSize: 20, epochLimit: 200 },
      optimizer: { kind: 'adam', learningRate: 0.02 }
    }),
    data: importCsv(PRICE_CSV_TEXT).data,
    epochs: 200
  },
  {
    name: 'a CSV import with its own split column, mini-batches',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: {
        kind: 'csv',
        samples: 90,
        classes: 3,
        testFraction: ownTestFraction(SPLIT_CSV),
        seed: 4
      },
      network: { layerSizes: [2, 10, 3], activations: ['tanh'], output: 'softmax' },
      training: { batchSize: 15, epochLimit: 100 },
      optimizer: { kind: 'momentum', learningRate: 0.05, momentum: 0.9 }
    }),
    data: SPLIT_CSV,
    epochs: 100
  },
  {
    name: 'softmax without hidden layers (no activation to plot), standardised',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 90, classes: 3, seed: 2, standardize: true },
      network: { layerSizes: [2, 3], activations: [], output: 'softmax', init: 'xavier' },
      training: { epochLimit: 40 }
    }),
    epochs: 40,
    images: 2
  },
  {
    name: 'standardised circles on the notebook’s own data code',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { samples: 200, noise: 0.1, seed: 31, standardize: true },
      training: { epochLimit: 100 }
    }),
    epochs: 100
  }
]

/** The app's run of a case: its snapshot, and the Training log the app shows. */
function appRun(c: Case): { snapshot: RunSnapshot; log: string[]; printEvery: number } {
  const run = TrainingRun.create(c.config, c.data)
  const printEvery = logIntervalFor(c.config.training.epochLimit)
  const log = formatNetworkLines(c.config.network)
  // The Training log's lines (stores/training.ts): a regression run shows loss, MSE and R².
  const regression = isRegression(c.config.network)
  for (let e = 0; e < c.epochs; e++) {
    const stats = run.trainEpoch()
    if (stats.epoch % printEvery === 0)
      log.push(formatRunEpochLine(regression, stats.epoch, stats.loss, stats.accuracy))
  }
  const final = run.evaluate(run.train)
  log.push(
    regression
      ? formatFinalRegression(final.loss, final.accuracy)
      : formatFinalAccuracy(final.accuracy)
  )
  return { snapshot: run.snapshot(), log, printEvery }
}

// Appended to the notebook by the test: the trained weights, to compare with the engine's, and
// scikit-learn's own figures (independent of the notebook's code) for what the learner reads: the
// standardisation the notebook embeds (StandardScaler fitted on its training points) and a
// regression's final MSE and R² (mean_squared_error, r2_score of its predictions).
const READ_WEIGHTS = `import base64 as _b64, json as _json
print('WEIGHTS ' + _json.dumps([_b64.b64encode(np.ascontiguousarray(w, dtype='<f8').tobytes()).decode() for w in nn.weights]))
_check = {}
if 'INPUT_MEAN' in globals():
    from sklearn.preprocessing import StandardScaler as _Scaler
    _fit = _Scaler().fit(X)
    _check['scaler'] = {'mean': _fit.mean_.tolist(), 'scale': _fit.scale_.tolist(),
                        'embedded': [INPUT_MEAN.tolist(), INPUT_SCALE.tolist()]}
if 'r_squared' in globals():
    from sklearn.metrics import mean_squared_error as _mse, r2_score as _r2
    _p = nn.forward(X).ravel()
    _check['mse'] = float(_mse(y.ravel(), _p))
    _check['r2'] = float(_r2(y.ravel(), _p))
print('CHECK ' + _json.dumps(_check))`

interface IndependentCheck {
  scaler?: { mean: number[]; scale: number[]; embedded: [number[], number[]] }
  mse?: number
  r2?: number
}

interface Executed {
  cells: string[]
  stderr: string
  errors: string[]
  images: number
}

function execute(path: string): Executed {
  const result = spawnSync(PYTHON, [RUNNER, path, READ_WEIGHTS], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 600_000
  })
  expect(result.stderr).toBe('')
  return JSON.parse(result.stdout) as Executed
}

describe('notebookExport', () => {
  it('uses the notebook’s own code exactly for even circles runs with He init and no test split', () => {
    expect(usesNotebookData(SEED_NOTEBOOK)).toBe(true)
    expect(usesNotebookData(CASES[4].config)).toBe(true)
    expect(usesNotebookData(CASES[5].config)).toBe(true)
    expect(usesNotebookData(CASES[14].config)).toBe(true)
    for (const c of [...CASES.slice(1, 4), ...CASES.slice(6, 14)])
      expect(usesNotebookData(c.config)).toBe(false)
    const odd = withChanges(SEED_NOTEBOOK, { dataset: { samples: 401 } })
    expect(usesNotebookData(odd)).toBe(false)
  })

  it('rebuilds epoch 0 of an imported run from its split points', () => {
    const c = CASES[3]
    const { snapshot } = appRun(c)
    const start = runStart(snapshot).snapshot()
    const fresh = TrainingRun.create(c.config, c.data).snapshot()
    expect(start.params).toEqual(fresh.params)
    expect(Array.from(start.rng.key)).toEqual(Array.from(fresh.rng.key))
  })

  it('rebuilds epoch 0 of an import split by its own split column (no permutation drawn)', () => {
    const c = CASES[12]
    expect(SPLIT_CSV.split).toBeDefined()
    const { snapshot } = appRun(c)
    expect(snapshot.test.count).toBe(18)
    const start = runStart(snapshot).snapshot()
    const fresh = TrainingRun.create(c.config, c.data).snapshot()
    expect(start.params).toEqual(fresh.params)
    expect(Array.from(start.rng.key)).toEqual(Array.from(fresh.rng.key))
    expect(start.rng.pos).toBe(fresh.rng.pos)
    const text = notebookExport(snapshot, { printEvery: 10 })
    expect(text).toContain('whose split column marks 18 of them as test points')
  })

  it('says in a sentence when the points are not the ones the settings make', () => {
    const { snapshot } = appRun({ ...CASES[2], epochs: 1 })
    snapshot.train.x[0] += 1
    expect(() => notebookExport(snapshot, { printEvery: 1 })).toThrow(
      /not the ones its settings make/
    )
  })

  it('is an nbformat 4 notebook whose cells follow the seed notebook', () => {
    const { snapshot } = appRun({ ...CASES[0], epochs: 3 })
    const nb = JSON.parse(notebookExport(snapshot, { printEvery: 200 })) as {
      nbformat: number
      cells: { cell_type: string; source: string[] }[]
    }
    expect(nb.nbformat).toBe(4)
    const text = nb.cells.map((cell) => cell.source.join(''))
    expect(text.some((t) => t.includes('np.random.seed(42)'))).toBe(true)
    expect(text.some((t) => t.includes('X, y = make_circles(400, noise=0.15)'))).toBe(true)
    expect(text.some((t) => t.includes('np.sqrt(2 / layer_sizes[i])'))).toBe(true)
    expect(text.some((t) => t.includes('## Step 4: Visualize Results'))).toBe(true)
  })
})

describe('notebookExport run by Jupyter (nbformat + nbclient)', () => {
  // Never a silent skip: `npm test` provisions Jupyter first (scripts/provision.mjs).
  it('has Jupyter and matplotlib to run the notebooks', () => {
    expect(jupyterProblem, 'run `node scripts/provision.mjs` (npm test does)').toBeNull()
  })

  for (const c of CASES) {
    it(`prints the app's Training log line for line: ${c.name}`, () => {
      expect(jupyterProblem, 'run `node scripts/provision.mjs` (npm test does)').toBeNull()
      const { snapshot, log, printEvery } = appRun(c)
      const path = join(dir, `${c.name.replace(/\W+/g, '_')}.ipynb`)
      writeFileSync(path, notebookExport(snapshot, { printEvery, name: c.name }))
      const out = execute(path)
      expect(out.errors).toEqual([])
      expect(out.images).toBe(c.images ?? 3) // activations, the data, loss curve + the map
      const [weightsCell, checkLine] = out.cells[out.cells.length - 1].trimEnd().split('\n')
      const check = JSON.parse(checkLine.replace(/^CHECK /, '')) as IndependentCheck
      const printed = out.cells.slice(0, -1).join('').trimEnd().split('\n')
      if (c.config === SEED_NOTEBOOK) {
        // Exactly the seed notebook's whole printout (setup, shapes, network, 10 lines, final).
        const seed = JSON.parse(readFileSync(SEED_FIXTURE, 'utf8')) as { printed: string[] }
        expect(printEvery).toBe(SEED_NOTEBOOK_PRINT_EVERY)
        expect(printed).toEqual(seed.printed)
      }
      // From the network lines on, the app's log (the notebook's blank line before the final
      // accuracy is its print's leading '\n').
      const fromNetwork = printed.slice(printed.findIndex((l) => l.startsWith('Network:')))
      expect(fromNetwork.filter((l) => l !== '')).toEqual(log)
      expect(fromNetwork[fromNetwork.length - 2]).toBe('')
      // The trained weights agree with the engine's to rounding (BLAS sums in another order).
      const weights = JSON.parse(weightsCell.replace(/^WEIGHTS /, '')) as string[]
      let worst = 0
      weights.forEach((w, l) => {
        const got = base64ToFloat64(w) ?? new Float64Array(0)
        expect(got.length).toBe(snapshot.params.weights[l].length)
        got.forEach(
          (v, i) => (worst = Math.max(worst, Math.abs(v - snapshot.params.weights[l][i])))
        )
      })
      console.log(`${c.name}: largest weight difference from the engine ${worst.toExponential(2)}`)
      expect(worst).toBeLessThan(1e-12)
      // What scikit-learn makes of the same points and weights.
      const fitted = snapshot.config.network.standardize
      expect(check.scaler !== undefined).toBe(fitted !== undefined)
      if (check.scaler && fitted) {
        expect(check.scaler.embedded).toEqual([fitted.mean, fitted.scale]) // exactly the engine's
        for (let j = 0; j < 2; j++) {
          expect(check.scaler.mean[j]).toBeCloseTo(fitted.mean[j], 10)
          expect(Math.abs(check.scaler.scale[j] / fitted.scale[j] - 1)).toBeLessThan(1e-12)
        }
      }
      expect(check.r2 !== undefined).toBe(isRegression(c.config.network))
      if (check.mse !== undefined && check.r2 !== undefined) {
        expect(log[log.length - 1]).toBe(
          `🎯 Final MSE: ${pythonFixed(check.mse, 4)} | R²: ${pythonFixed(check.r2, 4)}`
        )
        const final = TrainingRun.restore(snapshot).evaluate(snapshot.train)
        expect(Math.abs(check.mse - 2 * final.loss)).toBeLessThan(1e-12)
        expect(Math.abs(check.r2 - final.accuracy)).toBeLessThan(1e-12)
      }
    }, 600_000)
  }
})

describe('the training options beyond the seed notebook', () => {
  it('writes the feature transform, the dropout masks and the schedule only when the run uses them', () => {
    const text = (c: Case): string => {
      const { snapshot, printEvery } = appRun({ ...c, epochs: 1 })
      return notebookExport(snapshot, { printEvery })
    }
    const plain = text(CASES[0])
    expect(plain).not.toContain('input_features')
    expect(plain).not.toContain('DROPOUT')
    expect(plain).not.toContain('learning_rate(')
    const all = text(CASES[5])
    expect(all).toContain('np.stack([x1, x2, x1 * x1, x2 * x2, x1 * x2], axis=1)')
    expect(all).toContain('DROPOUT = [0.25, 0.1]')
    expect(all).toContain('np.random.random_sample((X.shape[0], size)) >= p')
    expect(all).toContain('lr * 0.5 ** (epoch // 40)')
    expect(all).toContain('input features x1, x2, x1², x2², x1·x2')
    expect(text(CASES[6])).toContain('import math')
  })
})
