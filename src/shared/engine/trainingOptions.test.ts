// Learning-rate schedules, dropout and engineered features against an independent NumPy
// re-computation of the training loop: the same starting weights, data and RNG state, then
// NumPy's own random_sample for the dropout masks, its own feature columns and the schedule's
// Python formula for each epoch's rate.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACTIVATIONS_REGISTRY } from './activations'
import { FEATURES_REGISTRY, computeFeatures, type FeatureName } from './features'
import { SEED_NOTEBOOK } from './presets'
import {
  LR_SCHEDULES,
  parseSchedule,
  pythonScheduleExpression,
  scheduledRate,
  validateSchedule,
  type LrSchedule
} from './schedules'
import { TrainingRun } from './train'
import type { RunConfig, RunSnapshot } from './types'

const python = '/usr/bin/python3'
const hasNumpy = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import numpy']), true)
  } catch {
    return false
  }
})()

function runPython(script: string, input: unknown): unknown {
  const out = execFileSync(python, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024
  })
  return JSON.parse(out)
}

const SCHEDULES: LrSchedule[] = [
  { kind: 'constant' },
  { kind: 'step', every: 7, factor: 0.5 },
  { kind: 'exp', gamma: 0.97 },
  { kind: 'cosine', period: 25, minRate: 0.001 }
]

function config(change: (c: RunConfig) => void): RunConfig {
  const c: RunConfig = structuredClone(SEED_NOTEBOOK)
  c.dataset.samples = 60
  c.network.layerSizes = [2, 6, 5, 1]
  c.network.activations = ['relu', 'tanh']
  c.training.epochLimit = 40
  change(c)
  return c
}

/** NumPy's training loop: full batch, sigmoid + BCE head, SGD, L2, dropout masks from
 *  random_sample, the schedule's Python rate. Returns the weights and biases after `epochs`. */
const NUMPY_LOOP = `
import json, math, sys, base64
import numpy as np
def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))
d = json.load(sys.stdin)
X = np.array(d['x']).reshape(-1, 2)
y = np.array(d['labels'], dtype=float).reshape(-1, 1)
x1, x2 = X[:, 0], X[:, 1]
if d['features']:
    X = np.stack([eval(f) for f in d['features']], axis=1)
W = [np.array(w).reshape(k, j) for w, k, j in zip(d['weights'], d['sizes'][:-1], d['sizes'][1:])]
b = [np.array(v).reshape(1, -1) for v in d['biases']]
acts = [eval(a) for a in d['acts']]
dacts = [eval(a) for a in d['dacts']]
rng = np.random.RandomState()
rng.set_state(('MT19937', np.array(d['key'], dtype=np.uint32), d['pos'], d['hasGauss'], d['gauss']))
lr0, l2, rates = d['lr'], d['l2'], d['dropout']
masks_seen = []
for epoch in range(d['epochs']):
    lr = eval(d['schedule'])
    a, zs, masks = [X], [], []
    for l in range(len(W)):
        z = a[-1] @ W[l] + b[l]
        zs.append(z)
        if l < len(W) - 1:
            h = acts[l](z)
            p = rates[l] if rates else 0
            m = (rng.random_sample(h.shape) >= p) / (1 - p) if p > 0 else None
            masks.append(m)
            a.append(h * m if m is not None else h)
        else:
            a.append(sigmoid(z))
    if epoch == 0:
        masks_seen = [m.tolist() if m is not None else None for m in masks]
    m_rows = X.shape[0]
    delta = a[-1] - y
    for l in range(len(W) - 1, -1, -1):
        gW = a[l].T @ delta / m_rows + l2 * W[l]
        gb = delta.mean(axis=0, keepdims=True)
        if l > 0:
            back = delta @ W[l].T
            if masks[l - 1] is not None:
                back = back * masks[l - 1]
            delta = back * dacts[l - 1](zs[l - 1])
        W[l] = W[l] - lr * gW
        b[l] = b[l] - lr * gb
print(json.dumps({'weights': [w.ravel().tolist() for w in W], 'biases': [v.ravel().tolist() for v in b], 'masks': masks_seen}))
`

const DERIVATIVES: Record<string, string> = {
  relu: 'lambda z: (z > 0).astype(float)',
  tanh: 'lambda z: 1 - np.tanh(z) ** 2',
  gelu: `lambda z: 0.5 * (1 + np.tanh(${Math.sqrt(2 / Math.PI)} * (z + 0.044715 * z**3))) + 0.5 * z * (1 - np.tanh(${Math.sqrt(2 / Math.PI)} * (z + 0.044715 * z**3)) ** 2) * ${Math.sqrt(2 / Math.PI)} * (1 + 3 * 0.044715 * z * z)`,
  elu: 'lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))'
}

function numpyTrain(
  start: RunSnapshot,
  epochs: number
): {
  weights: number[][]
  biases: number[][]
  masks: (number[][] | null)[]
} {
  const c = start.config
  return runPython(NUMPY_LOOP, {
    x: [...start.train.x],
    labels: [...start.train.labels],
    features: c.network.features?.map((f) => FEATURES_REGISTRY[f].numpy) ?? null,
    sizes: c.network.layerSizes,
    weights: start.params.weights.map((w) => [...w]),
    biases: start.params.biases.map((v) => [...v]),
    acts: c.network.activations.map((a) => ACTIVATIONS_REGISTRY[a].numpy),
    dacts: c.network.activations.map((a) => DERIVATIVES[a]),
    key: [...start.rng.key],
    pos: start.rng.pos,
    hasGauss: start.rng.hasGauss ? 1 : 0,
    gauss: start.rng.gauss,
    lr: c.training.optimizer.learningRate,
    l2: c.training.l2,
    dropout: c.training.dropout ?? null,
    schedule: pythonScheduleExpression(c.training.lrSchedule ?? { kind: 'constant' }).replace(
      /\blr\b/g,
      'lr0'
    ),
    epochs
  }) as { weights: number[][]; biases: number[][]; masks: (number[][] | null)[] }
}

function expectClose(actual: Float64Array[], expected: number[][], tol: number): void {
  expect(actual.length).toBe(expected.length)
  actual.forEach((a, i) => {
    expect(a.length).toBe(expected[i].length)
    a.forEach((v, j) => expect(Math.abs(v - expected[i][j])).toBeLessThan(tol))
  })
}

describe('learning-rate schedules', () => {
  it('each rate is the formula: step halves every K, exp decays by γ, cosine reaches lr_min at T', () => {
    expect(scheduledRate(0.1, 0)).toBe(0.1)
    expect(scheduledRate(0.1, 13, { kind: 'step', every: 7, factor: 0.5 })).toBe(0.05)
    expect(scheduledRate(0.1, 14, { kind: 'step', every: 7, factor: 0.5 })).toBe(0.025)
    expect(scheduledRate(0.2, 3, { kind: 'exp', gamma: 0.5 })).toBe(0.025)
    const cosine: LrSchedule = { kind: 'cosine', period: 10, minRate: 0.01 }
    expect(scheduledRate(0.1, 0, cosine)).toBe(0.1)
    expect(scheduledRate(0.1, 5, cosine)).toBeCloseTo(0.055, 15)
    expect(scheduledRate(0.1, 10, cosine)).toBeCloseTo(0.01, 15)
    expect(scheduledRate(0.1, 500, cosine)).toBeCloseTo(0.01, 15)
  })

  it('parses the CLI spelling and explains a bad one', () => {
    expect(parseSchedule('step:100:0.5')).toEqual({ kind: 'step', every: 100, factor: 0.5 })
    expect(parseSchedule('exp:0.99')).toEqual({ kind: 'exp', gamma: 0.99 })
    expect(parseSchedule('cosine:2000:0.001')).toEqual({
      kind: 'cosine',
      period: 2000,
      minRate: 0.001
    })
    expect(parseSchedule('constant')).toEqual({ kind: 'constant' })
    expect(parseSchedule('step:100')).toMatch(/step:K:F/)
    expect(parseSchedule('warm')).toMatch(/one of constant, step:K:F, exp:G, cosine:T:LRMIN/)
    expect(validateSchedule({ kind: 'step', every: 0, factor: 0.5 }, 0.1)).toMatch(/interval K/)
    expect(validateSchedule({ kind: 'exp', gamma: 1.5 }, 0.1)).toMatch(/γ/)
    expect(validateSchedule({ kind: 'cosine', period: 10, minRate: 0.5 }, 0.1)).toMatch(
      /lowest rate/
    )
  })

  it.skipIf(!hasNumpy)('Python evaluates each exported formula to the same rates', () => {
    const epochs = Array.from({ length: 60 }, (_, e) => e)
    for (const s of SCHEDULES) {
      const py = runPython(
        `import json, math, sys\nlr = 0.1\nprint(json.dumps([${pythonScheduleExpression(s)} for epoch in json.load(sys.stdin)]))`,
        epochs
      ) as number[]
      epochs.forEach((e) => expect(scheduledRate(0.1, e, s)).toBeCloseTo(py[e], 15))
    }
    expect(LR_SCHEDULES).toEqual(['constant', 'step', 'exp', 'cosine'])
  })
})

describe.skipIf(!hasNumpy)('training with schedules, dropout and features = NumPy', () => {
  const cases: [string, (c: RunConfig) => void][] = [
    ['step schedule', (c) => (c.training.lrSchedule = SCHEDULES[1])],
    [
      'cosine schedule + L2',
      (c) => ((c.training.lrSchedule = SCHEDULES[3]), (c.training.l2 = 0.01))
    ],
    ['dropout 0.3, 0.5', (c) => (c.training.dropout = [0.3, 0.5])],
    [
      'dropout on a GELU layer, exp schedule',
      (c) => {
        c.network.activations = ['gelu', 'elu']
        c.training.dropout = [0, 0.4]
        c.training.lrSchedule = SCHEDULES[2]
      }
    ],
    [
      'all seven features',
      (c) => {
        c.network.features = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin(x1)', 'sin(x2)']
        c.network.layerSizes = [7, 6, 5, 1]
      }
    ],
    [
      'x1² and x2² only, with dropout',
      (c) => {
        c.network.features = ['x1^2', 'x2^2']
        c.training.dropout = [0.2, 0]
      }
    ]
  ]
  for (const [name, change] of cases) {
    it(name, () => {
      const run = TrainingRun.create(config(change))
      const start = run.snapshot()
      for (let e = 0; e < 40; e++) run.trainEpoch()
      const ref = numpyTrain(start, 40)
      expectClose(run.params.weights, ref.weights, 1e-10)
      expectClose(run.params.biases, ref.biases, 1e-10)
      // The run learned something: the weights moved.
      expect(run.params.weights[0][0]).not.toBe(start.params.weights[0][0])
    })
  }
})

describe('dropout masks come from the run’s seed', () => {
  const withDropout = config((c) => (c.training.dropout = [0.5, 0.25]))

  it('the same settings give the same run, another seed another one', () => {
    const a = TrainingRun.create(withDropout)
    const b = TrainingRun.create(withDropout)
    const c = TrainingRun.create({ ...withDropout, dataset: { ...withDropout.dataset, seed: 7 } })
    for (let e = 0; e < 10; e++) [a, b, c].forEach((r) => r.trainEpoch())
    expect(a.params.weights).toEqual(b.params.weights)
    expect(a.history).toEqual(b.history)
    expect(a.params.weights[1]).not.toEqual(c.params.weights[1])
  })

  it.skipIf(!hasNumpy)('epoch 1 uses the masks NumPy draws from the same state', () => {
    const run = TrainingRun.create(withDropout)
    const start = run.snapshot()
    const ref = numpyTrain(start, 1)
    run.trainEpoch()
    expectClose(run.params.weights, ref.weights, 1e-12)
    // Half of the first layer's units dropped, scaled by 2 where kept.
    const mask = ref.masks[0]!.flat()
    expect(new Set(mask)).toEqual(new Set([0, 2]))
    expect(Math.abs(mask.filter((v) => v === 0).length / mask.length - 0.5)).toBeLessThan(0.1)
  })

  it('rates of 0 draw nothing: the seed notebook run is unchanged, bit for bit', () => {
    const plain = TrainingRun.create(SEED_NOTEBOOK)
    const zero = TrainingRun.create({
      ...SEED_NOTEBOOK,
      training: { ...SEED_NOTEBOOK.training, dropout: [0, 0], lrSchedule: { kind: 'constant' } }
    })
    for (let e = 0; e < 50; e++) [plain, zero].forEach((r) => r.trainEpoch())
    expect(zero.params).toEqual(plain.params)
    expect(zero.snapshot().rng).toEqual(plain.snapshot().rng)
  })

  it('evaluation and the map do not drop: evaluate() is the same before and after a draw', () => {
    const run = TrainingRun.create(withDropout)
    run.trainEpoch()
    const first = run.evaluate(run.train)
    const second = run.evaluate(run.train)
    expect(second).toEqual(first)
    const grid = run.boundaryGrid(8, 8)
    expect(run.boundaryGrid(8, 8).values).toEqual(grid.values)
  })

  it('refuses rates that do not fit the network', () => {
    expect(() => TrainingRun.create(config((c) => (c.training.dropout = [0.5])))).toThrow(
      /one rate per hidden layer \(2\)/
    )
    expect(() => TrainingRun.create(config((c) => (c.training.dropout = [1, 0])))).toThrow(
      /below 1/
    )
  })
})

describe('engineered features', () => {
  it('computes each feature of each point', () => {
    const names: FeatureName[] = ['x1', 'x2', 'x1^2', 'x2^2', 'x1x2', 'sin(x1)', 'sin(x2)']
    const out = computeFeatures(names, Float64Array.of(0.5, -2), 1, new Float64Array(7))
    expect([...out]).toEqual([0.5, -2, 0.25, 4, -1, Math.sin(0.5), Math.sin(-2)])
  })

  it('the network’s input width must match the features', () => {
    expect(() =>
      TrainingRun.create(config((c) => (c.network.features = ['x1', 'x1^2', 'x2'])))
    ).toThrow(/input layer has 2 neurons but 3 input features/)
  })

  it('predict and the boundary map apply the transform', () => {
    const run = TrainingRun.create(
      config((c) => {
        c.network.features = ['x1^2', 'x2^2', 'x1x2']
        c.network.layerSizes = [3, 6, 5, 1]
      })
    )
    for (let e = 0; e < 5; e++) run.trainEpoch()
    const grid = run.boundaryGrid(4, 3)
    const b = grid.bounds
    const dx = (b.xMax - b.xMin) / 4
    const dy = (b.yMax - b.yMin) / 3
    const x = Float64Array.of(b.xMin + 0.5 * dx, b.yMax - 0.5 * dy)
    const p = run.evaluate({ x, labels: Int32Array.of(1), count: 1, classes: 2 })
    // evaluate's loss for label 1 is −log p (plus ε): p from it matches the map's first pixel.
    expect(Math.exp(-p.loss)).toBeCloseTo(grid.values[0], 5)
  })
})
