// Small, varied training runs for the session and export tests: every dataset family, both output
// heads, every optimizer, full and mini batches, with and without held-out points, imported CSV.
// And the one regression run config of the engine's and the exports' regression tests.
import { DEFAULT_OPTIMIZER, SEED_NOTEBOOK, TrainingRun } from '../engine'
import type { Dataset, RunConfig, RunSnapshot } from '../engine'

/** Changes to a run's settings, part by part (withChanges keeps the rest of each part). */
export interface RunChanges {
  dataset?: Partial<RunConfig['dataset']>
  network?: Partial<RunConfig['network']>
  training?: Partial<Omit<RunConfig['training'], 'optimizer'>>
  optimizer?: Partial<RunConfig['training']['optimizer']>
}

export function withChanges(base: RunConfig, changes: RunChanges): RunConfig {
  return {
    dataset: { ...base.dataset, ...changes.dataset },
    network: { ...base.network, ...changes.network },
    training: {
      ...base.training,
      ...changes.training,
      optimizer: { ...base.training.optimizer, ...changes.optimizer }
    }
  }
}

/** A regression run (issue 16) on a TF Playground target: 120 noisy points, no test split, a
 *  [2, 6, 4, 1] tanh network with a linear output (½·MSE) from Xavier's start, full-batch SGD at
 *  0.03 and no penalties; `changes` as in withChanges. */
export function regressionConfig(kind: 'plane' | 'gauss-mix', changes: RunChanges = {}): RunConfig {
  const base: RunConfig = {
    dataset: { kind, samples: 120, noise: 0.1, seed: 7, testFraction: 0, classes: 2 },
    network: {
      layerSizes: [2, 6, 4, 1],
      activations: ['tanh', 'tanh'],
      output: 'linear',
      init: 'xavier'
    },
    training: {
      optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.03 },
      batchSize: 'full',
      l1: 0,
      l2: 0,
      epochLimit: 1000
    }
  }
  return withChanges(base, changes)
}

/** 30 points on three rings, one class per ring (an imported dataset). */
function ringPoints(): Dataset {
  const x = new Float64Array(60)
  const labels = new Int32Array(30)
  for (let i = 0; i < 30; i++) {
    const angle = (i / 30) * 2 * Math.PI
    const r = i % 3 === 0 ? 0.5 : i % 3 === 1 ? 1.5 : 2.5
    x[2 * i] = r * Math.cos(angle)
    x[2 * i + 1] = r * Math.sin(angle)
    labels[i] = i % 3
  }
  return { x, labels, count: 30, classes: 3 }
}

/** The rings far from the origin and in very different units (a case for standardisation), with
 *  the column and class names of an imported file. */
function namedRingPoints(): Dataset {
  const data = ringPoints()
  for (let i = 0; i < data.count; i++) {
    data.x[2 * i] = 50000 + 1000 * data.x[2 * i]
    data.x[2 * i + 1] = -3 + 0.01 * data.x[2 * i + 1]
  }
  return { ...data, inputNames: ['income', 'ratio'], classNames: ['low', 'mid', 'high'] }
}

export interface NamedRun {
  name: string
  config: RunConfig
  data?: Dataset
  epochs: number
}

export const SMALL_RUNS: NamedRun[] = [
  {
    name: 'circles sgd full batch',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { samples: 40 },
      network: { layerSizes: [2, 5, 1], activations: ['relu'] }
    }),
    epochs: 3
  },
  {
    name: 'spiral softmax adam mini-batch with test points',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 60, noise: 0.1, classes: 3, testFraction: 0.25, seed: 7 },
      network: { layerSizes: [2, 6, 3], activations: ['tanh'], output: 'softmax', init: 'xavier' },
      training: { batchSize: 16 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    }),
    epochs: 4
  },
  {
    name: 'xor momentum with penalties',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'xor', samples: 50, noise: 0.2, testFraction: 0.2, seed: 3 },
      network: {
        layerSizes: [2, 4, 4, 1],
        activations: ['leaky-relu', 'sigmoid'],
        init: 'uniform'
      },
      training: { batchSize: 10, l1: 0.001, l2: 0.01 },
      optimizer: { kind: 'momentum', learningRate: 0.05 }
    }),
    epochs: 5
  },
  {
    name: 'imported csv, 3 classes',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'csv', samples: 30, classes: 3, seed: 11 },
      network: { layerSizes: [2, 8, 3], activations: ['linear'], output: 'softmax' },
      optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.2 }
    }),
    data: ringPoints(),
    epochs: 2
  },
  {
    name: 'moons with features, dropout, a step schedule and GELU/Swish',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'moons', samples: 40, noise: 0.1, testFraction: 0.25, seed: 5 },
      network: {
        layerSizes: [5, 6, 4, 1],
        activations: ['gelu', 'swish'],
        features: ['x1', 'x2', 'x1^2', 'x1x2', 'sin(x2)']
      },
      training: { lrSchedule: { kind: 'step', every: 2, factor: 0.5 }, dropout: [0.25, 0] }
    }),
    epochs: 4
  },
  {
    name: 'imported csv with names, standardised, with test points',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: {
        kind: 'csv',
        samples: 30,
        classes: 3,
        seed: 13,
        testFraction: 0.2,
        standardize: true
      },
      network: { layerSizes: [2, 6, 3], activations: ['tanh'], output: 'softmax' },
      optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.1 }
    }),
    data: namedRingPoints(),
    epochs: 3
  },
  {
    name: 'moons standardised, with features',
    config: withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'moons', samples: 40, noise: 0.1, seed: 9, standardize: true },
      network: {
        layerSizes: [4, 5, 1],
        activations: ['relu'],
        features: ['x1', 'x2', 'x1^2', 'x1x2']
      }
    }),
    epochs: 3
  }
]

export function createRun(run: NamedRun): TrainingRun {
  return TrainingRun.create(run.config, run.data)
}

export function trainedSnapshot(run: NamedRun): RunSnapshot {
  const training = createRun(run)
  for (let i = 0; i < run.epochs; i++) training.trainEpoch()
  return training.snapshot()
}

function sameBytes(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false
  return true
}

/** Every number of two snapshots compared by its bits (so -0 ≠ 0 and NaN payloads count). Returns
 *  the first difference as a path, or null when identical. */
export function firstSnapshotDifference(a: RunSnapshot, b: RunSnapshot): string | null {
  if (JSON.stringify(a.config) !== JSON.stringify(b.config)) return 'config'
  if (a.epoch !== b.epoch) return 'epoch'
  for (const part of ['train', 'test'] as const) {
    const p = a[part]
    const q = b[part]
    if (p.count !== q.count || p.classes !== q.classes) return `${part}.count/classes`
    if (!sameBytes(p.x, q.x)) return `${part}.x`
    if (!sameBytes(p.labels, q.labels)) return `${part}.labels`
  }
  const lists: [string, Float64Array[], Float64Array[]][] = [
    ['params.weights', a.params.weights, b.params.weights],
    ['params.biases', a.params.biases, b.params.biases],
    ['optimizer.m', a.optimizer.m, b.optimizer.m],
    ['optimizer.v', a.optimizer.v, b.optimizer.v]
  ]
  for (const [name, p, q] of lists) {
    if (p.length !== q.length) return `${name}.length`
    for (let i = 0; i < p.length; i++) if (!sameBytes(p[i], q[i])) return `${name}[${i}]`
  }
  if (a.optimizer.step !== b.optimizer.step) return 'optimizer.step'
  if (!sameBytes(a.rng.key, b.rng.key)) return 'rng.key'
  if (a.rng.pos !== b.rng.pos || a.rng.hasGauss !== b.rng.hasGauss) return 'rng.pos/hasGauss'
  if (!Object.is(a.rng.gauss, b.rng.gauss)) return 'rng.gauss'
  if (a.history.length !== b.history.length) return 'history.length'
  const bits = (e: RunSnapshot['history'][number]): Float64Array =>
    Float64Array.of(e.epoch, e.loss, e.accuracy, e.testLoss ?? -1, e.testAccuracy ?? -1)
  for (let i = 0; i < a.history.length; i++) {
    if (!sameBytes(bits(a.history[i]), bits(b.history[i]))) return `history[${i}]`
    if ((a.history[i].testLoss === undefined) !== (b.history[i].testLoss === undefined)) {
      return `history[${i}].testLoss presence`
    }
  }
  return null
}
