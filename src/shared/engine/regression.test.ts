// The regression problem type (issue 16) against independent computations: TF Playground's
// datasets re-made from NumPy's RandomState, one training step's loss and gradients in NumPy,
// scikit-learn's MLPRegressor trained from the same start, and its r2_score and
// mean_squared_error on the result. The engine must agree to rounding.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { generateDataset, isRegressionDataset, gaussMixTarget, planeTarget } from './datasets'
import { backpropGradient, gradcheck } from './gradcheck'
import { initParams } from './init'
import { rSquared, squaredErrorStep } from './losses'
import { predict } from './network'
import { RandomState } from './rng'
import { validateNetworkSpec } from './spec'
import { TrainingRun } from './train'
import type { Dataset, DatasetSpec, NetworkSpec } from './types'
import { regressionConfig } from '../session/testRuns'

const python = '/usr/bin/python3'
function hasModules(modules: string): boolean {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', `import ${modules}`]), true)
  } catch {
    return false
  }
}
const hasNumpy = hasModules('numpy')
const hasSklearn = hasModules('numpy, sklearn')

function runPython(script: string, input: unknown): unknown {
  const out = execFileSync(python, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(out)
}

// TF Playground's regressPlane / regressGaussian (src/dataset.ts), written again in Python from
// its source, drawing x, y, noiseX, noiseY per point from RandomState(seed).uniform(-6, 6).
const PLAYGROUND_DATA = `
import json, sys, math
import numpy as np
d = json.load(sys.stdin)
u = np.random.RandomState(d['seed']).uniform(-6, 6, 4 * d['n']).reshape(-1, 4)
def plane(x, y):
    return (x + y) / 10  # d3 linear scale [-10, 10] -> [-1, 1]
bumps = [(-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1)]
def gauss(x, y):
    label = 0
    for cx, cy, sign in bumps:
        dist = math.sqrt((x - cx) ** 2 + (y - cy) ** 2)
        v = sign * min(1, max(0, 1 - dist / 2))  # scale [0, 2] -> [1, 0], clamped
        if abs(v) > abs(label):
            label = v
    return label
f = plane if d['kind'] == 'plane' else gauss
noise = d['noise']
targets = [f(a + c * noise, b + e * noise) for a, b, c, e in u]
print(json.dumps({'x': u[:, :2].ravel().tolist(), 'y': targets}))
`

describe('regression datasets', () => {
  for (const kind of ['plane', 'gauss-mix'] as const) {
    it.skipIf(!hasNumpy)(`${kind} is TF Playground's generator on NumPy's RandomState`, () => {
      const spec: DatasetSpec = {
        kind,
        samples: 200,
        noise: 0.3,
        seed: 5,
        testFraction: 0,
        classes: 2
      }
      const data = generateDataset(spec, new RandomState(5))
      const py = runPython(PLAYGROUND_DATA, { kind, n: 200, noise: 0.3, seed: 5 }) as {
        x: number[]
        y: number[]
      }
      expect(isRegressionDataset(kind)).toBe(true)
      expect(data.count).toBe(200)
      expect([...data.x]).toEqual(py.x)
      const targets = data.targets as Float64Array
      targets.forEach((t, i) => expect(t).toBeCloseTo(py.y[i], 14))
      // Labels are the targets' sign classes, for views that draw classes.
      data.labels.forEach((l, i) => expect(l).toBe(targets[i] > 0 ? 1 : 0))
    })
  }

  it('the targets have the shapes TF Playground gives them', () => {
    expect(planeTarget(6, 6)).toBeCloseTo(1.2, 15)
    expect(planeTarget(-3, 1)).toBeCloseTo(-0.2, 15)
    expect(gaussMixTarget(-4, 2.5)).toBe(1)
    expect(gaussMixTarget(0, 2.5)).toBe(-1)
    expect(gaussMixTarget(1, 2.5)).toBeCloseTo(-0.5, 15)
    expect(gaussMixTarget(0, 0)).toBe(0)
    expect(isRegressionDataset('circles')).toBe(false)
  })

  it('the split keeps each point with its target', () => {
    const run = TrainingRun.create(regressionConfig('plane', { dataset: { testFraction: 0.25 } }))
    expect(run.test.count).toBe(30)
    for (const part of [run.train, run.test]) {
      const t = part.targets as Float64Array
      expect(t.length).toBe(part.count)
      // Noise 0.1 moves the point the target is read at by at most 0.6 per axis.
      for (let i = 0; i < part.count; i++) {
        expect(Math.abs(t[i] - planeTarget(part.x[2 * i], part.x[2 * i + 1]))).toBeLessThan(0.121)
      }
    }
  })
})

describe('the regression head', () => {
  it('a linear output needs exactly 1 neuron and real targets', () => {
    const spec = regressionConfig('plane').network
    expect(validateNetworkSpec(spec)).toBeNull()
    expect(validateNetworkSpec({ ...spec, layerSizes: [2, 6, 4, 2] })).toMatch(/exactly 1 linear/)
    expect(() =>
      TrainingRun.create(regressionConfig('plane', { dataset: { kind: 'circles' } }))
    ).toThrow(/real-valued targets/)
    expect(() =>
      TrainingRun.create(regressionConfig('plane', { network: { output: 'sigmoid' } }))
    ).toThrow(/regression network/)
  })

  it('R² follows scikit-learn for constant targets (1 when exact, else 0)', () => {
    const y = new Float64Array([2, 2, 2])
    expect(rSquared(new Float64Array([2, 2, 2]), y, 3)).toBe(1)
    expect(rSquared(new Float64Array([2, 2, 3]), y, 3)).toBe(0)
  })

  for (const output of ['linear'] as const) {
    for (const activation of ['tanh', 'relu', 'sigmoid'] as const) {
      it(`gradcheck: ${activation} hidden, ${output} output, with L2`, () => {
        const spec: NetworkSpec = {
          layerSizes: [2, 5, 3, 1],
          activations: [activation, activation],
          output,
          init: 'xavier'
        }
        const rng = new RandomState(4)
        const data = generateDataset(
          { kind: 'gauss-mix', samples: 40, noise: 0, seed: 4, testFraction: 0, classes: 2 },
          rng
        )
        const small: Dataset = { ...data, x: data.x.map((v) => v / 6) }
        const params = initParams(spec, new RandomState(9))
        params.biases.forEach((b, l) => b.forEach((_, i) => (b[i] = 0.1 + 0.05 * ((i + l) % 3))))
        const h = activation === 'relu' ? 1e-5 : 1e-4
        const result = gradcheck(spec, params, small, { l2: 0.01, h })
        expect(result.checked).toBe(2 * 5 + 5 + 5 * 3 + 3 + 3 + 1)
        expect(result.maxRelativeError).toBeLessThan(1e-6)
      })
    }
  }
})

// One full-batch step in NumPy: forward, ½·MSE, delta = ŷ − y, backward, gradients.
const NUMPY_STEP = `
import json, sys
import numpy as np
d = json.load(sys.stdin)
X = np.array(d['x']).reshape(-1, 2)
y = np.array(d['y']).reshape(-1, 1)
W = [np.array(w).reshape(k, j) for w, k, j in zip(d['weights'], d['sizes'][:-1], d['sizes'][1:])]
b = [np.array(v).reshape(1, -1) for v in d['biases']]
a, zs = [X], []
for l in range(len(W)):
    z = a[-1] @ W[l] + b[l]
    zs.append(z)
    a.append(np.tanh(z) if l < len(W) - 1 else z)
loss = 0.5 * np.mean((a[-1] - y) ** 2)
delta = a[-1] - y
gW, gb = [None] * len(W), [None] * len(W)
for l in range(len(W) - 1, -1, -1):
    gW[l] = a[l].T @ delta / X.shape[0]
    gb[l] = delta.mean(axis=0)
    if l > 0:
        delta = (delta @ W[l].T) * (1 - np.tanh(zs[l - 1]) ** 2)
print(json.dumps({'loss': float(loss), 'gW': [g.ravel().tolist() for g in gW], 'gb': [g.ravel().tolist() for g in gb]}))
`

// scikit-learn's MLPRegressor from the engine's starting weights: plain full-batch SGD (no
// momentum, no L2, no shuffling), one partial_fit per epoch; then its r2_score and
// mean_squared_error of the final predictions.
const SKLEARN_FIT = `
import json, sys, warnings
import numpy as np
from sklearn.neural_network import MLPRegressor
from sklearn.metrics import r2_score, mean_squared_error
warnings.simplefilter('ignore')
d = json.load(sys.stdin)
X = np.array(d['x']).reshape(-1, 2)
y = np.array(d['y'])
m = MLPRegressor(hidden_layer_sizes=tuple(d['sizes'][1:-1]), activation='tanh', solver='sgd',
                 learning_rate_init=d['lr'], learning_rate='constant', momentum=0.0,
                 nesterovs_momentum=False, alpha=0.0, batch_size=X.shape[0], shuffle=False,
                 random_state=0)
m.partial_fit(X, y)  # builds the layers; the weights are replaced next
for l, (w, v) in enumerate(zip(d['weights'], d['biases'])):
    m.coefs_[l][...] = np.array(w).reshape(m.coefs_[l].shape)
    m.intercepts_[l][...] = np.array(v)
m.loss_curve_ = []
for _ in range(d['epochs']):
    m.partial_fit(X, y)
p = m.predict(X)
print(json.dumps({'losses': m.loss_curve_, 'weights': [c.ravel().tolist() for c in m.coefs_],
                  'r2': r2_score(y, p), 'mse': mean_squared_error(y, p), 'p': p.tolist()}))
`

describe('regression training against NumPy and scikit-learn', () => {
  it.skipIf(!hasNumpy)('one step: ½·MSE and every gradient equal NumPy’s', () => {
    const run = TrainingRun.create(regressionConfig('gauss-mix'))
    const spec = run.config.network
    const py = runPython(NUMPY_STEP, {
      x: [...run.train.x],
      y: [...(run.train.targets as Float64Array)],
      sizes: spec.layerSizes,
      weights: run.params.weights.map((w) => [...w]),
      biases: run.params.biases.map((v) => [...v])
    }) as { loss: number; gW: number[][]; gb: number[][] }
    const grad = backpropGradient(spec, run.params, run.train)
    grad.weights.forEach((g, l) => g.forEach((v, i) => expect(v).toBeCloseTo(py.gW[l][i], 13)))
    grad.biases.forEach((g, l) => g.forEach((v, i) => expect(v).toBeCloseTo(py.gb[l][i], 13)))
    const stats = run.trainEpoch()
    expect(stats.loss).toBeCloseTo(py.loss, 14)
  })

  it.skipIf(!hasSklearn)(
    'MLPRegressor from the same start: the same losses, weights, R² and MSE',
    () => {
      const config = regressionConfig('plane', { dataset: { samples: 150 } })
      const run = TrainingRun.create(config)
      const epochs = 60
      const py = runPython(SKLEARN_FIT, {
        x: [...run.train.x],
        y: [...(run.train.targets as Float64Array)],
        sizes: config.network.layerSizes,
        lr: config.training.optimizer.learningRate,
        weights: run.params.weights.map((w) => [...w]),
        biases: run.params.biases.map((v) => [...v]),
        epochs
      }) as { losses: number[]; weights: number[][]; r2: number; mse: number; p: number[] }
      const history = Array.from({ length: epochs }, () => run.trainEpoch())
      history.forEach((h, e) => expect(h.loss).toBeCloseTo(py.losses[e], 12))
      run.params.weights.forEach((w, l) =>
        w.forEach((v, i) => expect(v).toBeCloseTo(py.weights[l][i], 11))
      )
      const evaluated = run.evaluate(run.train)
      expect(evaluated.accuracy).toBeCloseTo(py.r2, 11)
      expect(2 * evaluated.loss).toBeCloseTo(py.mse, 12)
      const p = predict(config.network, run.params, run.train.x, run.train.count)
      p.forEach((v, i) => expect(v).toBeCloseTo(py.p[i], 11))
      // The fit is real: a plane is learnt well within 60 epochs.
      expect(py.r2).toBeGreaterThan(0.5)
    }
  )
})

describe('regression runs', () => {
  it('learns the plane: R² above 0.9, and each epoch’s R² is the score before its update', () => {
    const run = TrainingRun.create(
      regressionConfig('plane', {
        optimizer: { kind: 'adam', learningRate: 0.02 },
        dataset: { testFraction: 0.2 }
      })
    )
    const before = run.evaluate(run.train)
    const first = run.trainEpoch()
    expect(first.accuracy).toBe(before.accuracy)
    expect(first.loss).toBe(before.loss)
    for (let e = 0; e < 300; e++) run.trainEpoch()
    const last = run.history[run.history.length - 1]
    expect(last.accuracy).toBeGreaterThan(0.9)
    expect(last.testAccuracy).toBeGreaterThan(0.9)
  })

  it('mini-batches: the epoch’s R² is 1 − Σ batch residuals² / the targets’ spread', () => {
    const run = TrainingRun.create(regressionConfig('gauss-mix', { training: { batchSize: 32 } }))
    const t = run.train.targets as Float64Array
    const mean = t.reduce((s, v) => s + v, 0) / t.length
    const total = t.reduce((s, v) => s + (v - mean) ** 2, 0)
    const stats = run.trainEpoch()
    // loss = ½·MSE of the batches, so Σ residuals² = 2·loss·n.
    expect(stats.accuracy).toBeCloseTo(1 - (2 * stats.loss * run.train.count) / total, 12)
  })

  it('the map shows predicted values (classes 1) and the snapshot restores bit for bit', () => {
    const run = TrainingRun.create(regressionConfig('plane'))
    for (let e = 0; e < 5; e++) run.trainEpoch()
    const grid = run.boundaryGrid(8, 8)
    expect(grid.classes).toBe(1)
    const copy = TrainingRun.restore(run.snapshot())
    expect(copy.train.targets).toEqual(run.train.targets)
    for (let e = 0; e < 5; e++) expect(copy.trainEpoch()).toEqual(run.trainEpoch())
    const scratch = new Float64Array(3)
    const delta = new Float64Array(3)
    const r = squaredErrorStep(
      new Float64Array([1, 2, 3]),
      new Float64Array([1, 1, 1]),
      3,
      scratch,
      delta
    )
    expect([...delta]).toEqual([0, 1, 2])
    expect(r.loss).toBe(5 / 6)
    expect(r.residualSquares).toBe(5)
  })
})
