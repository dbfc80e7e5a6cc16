import { describe, expect, it } from 'vitest'
import { predict } from './network'
import { SEED_NOTEBOOK } from './presets'
import { MAX_BATCH_BYTES } from './limits'
import { TrainingRun, batchMemoryProblem } from './train'
import type { RunConfig } from './types'

function config(overrides: {
  batchSize?: 'full' | number
  optimizer?: 'sgd' | 'momentum' | 'adam'
  testFraction?: number
  samples?: number
}): RunConfig {
  return {
    ...SEED_NOTEBOOK,
    dataset: {
      ...SEED_NOTEBOOK.dataset,
      samples: overrides.samples ?? 120,
      testFraction: overrides.testFraction ?? 0
    },
    training: {
      ...SEED_NOTEBOOK.training,
      batchSize: overrides.batchSize ?? 'full',
      optimizer: {
        ...SEED_NOTEBOOK.training.optimizer,
        kind: overrides.optimizer ?? 'sgd',
        learningRate: overrides.optimizer === 'adam' ? 0.01 : 0.1
      }
    }
  }
}

function trainFor(run: TrainingRun, epochs: number): void {
  for (let i = 0; i < epochs; i++) run.trainEpoch()
}

describe('TrainingRun snapshot → restore → continue', () => {
  const variants = [
    { name: 'full batch, sgd', c: config({}) },
    {
      name: 'mini-batches of 16, momentum, test split',
      c: config({ batchSize: 16, optimizer: 'momentum', testFraction: 0.2 })
    },
    { name: 'mini-batches of 25, adam', c: config({ batchSize: 25, optimizer: 'adam' }) }
  ]
  for (const { name, c } of variants) {
    it(`equals training straight through, bit for bit (${name})`, () => {
      const straight = TrainingRun.create(c)
      trainFor(straight, 30)
      const first = TrainingRun.create(c)
      trainFor(first, 12)
      const snap = first.snapshot()
      trainFor(first, 5) // the snapshot must not share arrays with the live run
      const resumed = TrainingRun.restore(snap)
      expect(resumed.epoch).toBe(12)
      trainFor(resumed, 18)
      expect(resumed.history).toEqual(straight.history)
      expect(resumed.params).toEqual(straight.params)
      expect(resumed.snapshot()).toEqual(straight.snapshot())
    })
  }

  it('the same config gives the same run; mini-batch shuffles differ by seed', () => {
    const a = TrainingRun.create(config({ batchSize: 10 }))
    const b = TrainingRun.create(config({ batchSize: 10 }))
    trainFor(a, 3)
    trainFor(b, 3)
    expect(a.history).toEqual(b.history)
    const c = TrainingRun.create({
      ...config({ batchSize: 10 }),
      dataset: { ...config({}).dataset, seed: 43 }
    })
    trainFor(c, 3)
    expect(c.history).not.toEqual(a.history)
  })
})

describe('TrainingRun behaviour', () => {
  it('evaluateInChunks is evaluate() up to one chunk, and its size-weighted mean beyond', () => {
    const small = TrainingRun.create(config({ samples: 400 }))
    expect(small.evaluateInChunks(small.train)).toEqual(small.evaluate(small.train))
    const big = TrainingRun.create(config({ samples: 5000 }))
    for (let i = 0; i < 3; i++) big.trainEpoch()
    const whole = big.evaluate(big.train)
    const chunked = big.evaluateInChunks(big.train)
    expect(chunked.accuracy).toBe(whole.accuracy)
    expect(Math.abs(chunked.loss - whole.loss) / whole.loss).toBeLessThan(1e-13)
  })

  it('records loss before the update and reports test figures with a split', () => {
    const run = TrainingRun.create(config({ testFraction: 0.25 }))
    const before = run.evaluate(run.train)
    const first = run.trainEpoch()
    expect(first.epoch).toBe(1)
    expect(first.loss).toBe(before.loss)
    expect(first.accuracy).toBe(before.accuracy)
    expect(first.testLoss).toBe(run.evaluate(run.test).loss)
    expect(run.test.count).toBe(30)
    expect(run.train.count).toBe(90)
  })

  it('mini-batch epoch loss is the size-weighted mean of the batch losses', () => {
    const run = TrainingRun.create(config({ batchSize: 50 }))
    const stats = run.trainEpoch()
    // 120 points in batches of 50, 50, 20: the loss is a weighted mean, so between the extremes
    // of a full-batch evaluation before and after the epoch it stays finite and positive.
    expect(stats.loss).toBeGreaterThan(0)
    expect(Number.isFinite(stats.loss)).toBe(true)
    expect(run.epoch).toBe(1)
  })

  it('learns the circles (seed preset reaches 100% within 300 epochs)', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    trainFor(run, 300)
    expect(run.evaluate(run.train).accuracy).toBe(1)
  })

  it('learns a 3-arm spiral with softmax and Adam', () => {
    const run = TrainingRun.create({
      dataset: { kind: 'spiral', samples: 300, noise: 0.05, seed: 1, testFraction: 0, classes: 3 },
      network: {
        layerSizes: [2, 32, 32, 3],
        activations: ['tanh', 'tanh'],
        output: 'softmax',
        init: 'xavier'
      },
      training: {
        optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam', learningRate: 0.01 },
        batchSize: 32,
        l1: 0,
        l2: 0,
        epochLimit: 300
      }
    })
    const start = run.evaluate(run.train).loss
    trainFor(run, 150)
    const end = run.evaluate(run.train)
    expect(end.loss).toBeLessThan(start / 3)
    expect(end.accuracy).toBeGreaterThan(0.9)
  })

  it('setTraining keeps weights, keeps optimizer memory for the same kind, resets it on a change', () => {
    const run = TrainingRun.create(config({ optimizer: 'momentum' }))
    trainFor(run, 3)
    const weights = run.snapshot().params
    run.setTraining({
      ...run.config.training,
      optimizer: { ...run.config.training.optimizer, learningRate: 0.05 }
    })
    expect(run.params).toEqual(weights)
    expect(run.snapshot().optimizer.m[0].some((v) => v !== 0)).toBe(true)
    run.setTraining({
      ...run.config.training,
      optimizer: { ...run.config.training.optimizer, kind: 'adam' }
    })
    const opt = run.snapshot().optimizer
    expect(opt.step).toBe(0)
    expect(opt.m[0].every((v) => v === 0)).toBe(true)
    expect(opt.v).toHaveLength(6)
    expect(() => run.setTraining({ ...run.config.training, l2: -1 })).toThrow(/L1 and L2/)
  })

  it('boundaryGrid is predict() at pixel centres, row 0 at the top', () => {
    const run = TrainingRun.create(config({}))
    trainFor(run, 5)
    const bounds = { xMin: -2, xMax: 2, yMin: -1, yMax: 1 }
    const grid = run.boundaryGrid(4, 2, bounds)
    expect(grid.values).toHaveLength(8)
    expect(grid.classes).toBe(2)
    // pixel (r=0, c=1): x = −2 + 1.5·1, y = 1 − 0.5·1
    const p = predict(run.config.network, run.params, Float64Array.from([-0.5, 0.5, 1.5, -0.5]), 2)
    // Maps are computed in float32 (GridMapper): equal to predict() up to float32 rounding.
    expect(grid.values[1]).toBeCloseTo(p[0], 6)
    expect(grid.values[4 + 3]).toBeCloseTo(p[1], 6)
    const output = run.neuronGrid(2, 0, 4, 2, bounds)
    expect(Array.from(output.values)).toEqual(Array.from(grid.values))
    const hidden = run.neuronGrid(0, 3, 4, 2, bounds)
    expect(hidden.values.every((v) => v >= 0)).toBe(true) // ReLU
    expect(() => run.neuronGrid(0, 16, 4, 2)).toThrow(RangeError)
    expect(run.boundaryGrid(3, 3).bounds).toEqual(run.bounds())
  })

  it('inspect reports per-layer norms and mean activations, without changing the run', () => {
    const run = TrainingRun.create(config({}))
    const before = run.inspect()
    expect(before).toHaveLength(3)
    expect(before[0].meanActivation).toHaveLength(16)
    expect(before[2].weightGradNorm).toBeGreaterThan(0)
    expect(run.epoch).toBe(0)
    expect(run.trainEpoch().loss).toBe(TrainingRun.create(config({})).trainEpoch().loss)
    const after = run.inspect()
    expect(after[1].weightNorm).toBeCloseTo(Math.hypot(...run.params.weights[1]), 12)
    expect(after[0].biasGradNorm).toBeGreaterThan(0)
  })

  it('explains bad configs in one sentence', () => {
    expect(() =>
      TrainingRun.create({
        ...SEED_NOTEBOOK,
        network: { ...SEED_NOTEBOOK.network, layerSizes: [2, 0, 1], activations: ['relu'] }
      })
    ).toThrow(/Layer 2 has 0 neurons/)
    expect(() =>
      TrainingRun.create({
        ...SEED_NOTEBOOK,
        training: {
          ...SEED_NOTEBOOK.training,
          optimizer: { ...SEED_NOTEBOOK.training.optimizer, learningRate: 0 }
        }
      })
    ).toThrow(/learning rate/)
    expect(() =>
      TrainingRun.create({
        ...SEED_NOTEBOOK,
        dataset: { ...SEED_NOTEBOOK.dataset, kind: 'spiral', classes: 3 }
      })
    ).toThrow(/softmax/)
    expect(() =>
      TrainingRun.create({ ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, kind: 'csv' } })
    ).toThrow(/CSV/)
    expect(TrainingRun.create(SEED_NOTEBOOK).parameterCount()).toBe(193)
  })

  it('trains on imported CSV points without drawing data from the RNG', () => {
    const data = {
      x: Float64Array.from([0, 0, 1, 1, 0, 1, 1, 0]),
      labels: Int32Array.from([0, 0, 1, 1]),
      count: 4,
      classes: 2
    }
    const run = TrainingRun.create(
      { ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, kind: 'csv' } },
      data
    )
    expect(run.train.count).toBe(4)
    data.x[0] = 99 // the run keeps its own copy
    expect(run.train.x[0]).toBe(0)
    expect(Number.isFinite(run.trainEpoch().loss)).toBe(true)
  })
})

describe('memory of one training step', () => {
  function bigImport(count: number): {
    x: Float64Array
    labels: Int32Array
    count: number
    classes: number
  } {
    const x = new Float64Array(count * 2)
    const labels = new Int32Array(count)
    for (let i = 0; i < count; i++) {
      x[2 * i] = Math.sin(i)
      x[2 * i + 1] = Math.cos(1.3 * i)
      labels[i] = i % 2
    }
    return { x, labels, count, classes: 2 }
  }

  function deepWide(batchSize: 'full' | number): RunConfig {
    const config = structuredClone(SEED_NOTEBOOK)
    config.dataset = { ...config.dataset, kind: 'csv', samples: 1_000_000 }
    config.network = {
      ...config.network,
      layerSizes: [2, 128, 128, 128, 128, 128, 128, 128, 128, 1],
      activations: Array(8).fill('relu')
    }
    config.training = { ...config.training, batchSize }
    return config
  }

  it('refuses a full batch that cannot fit, naming the size and a batch that would', () => {
    const message = batchMemoryProblem(deepWide('full'), 1_000_000)
    expect(message).toMatch(
      /1,000,000 points .* about 22\.9 GB .* mini-batches of at most 43,648 points/
    )
    expect(() => TrainingRun.create(deepWide('full'), bigImport(1_000_000))).toThrow(
      /needs about 22\.9 GB/
    )
  })

  it('accepts the same data in mini-batches, and the notebook run as it is', () => {
    expect(batchMemoryProblem(deepWide(1024), 1_000_000)).toBeNull()
    expect(batchMemoryProblem(SEED_NOTEBOOK, 400)).toBeNull()
    const run = TrainingRun.create(deepWide(1024), bigImport(2_000))
    expect(() => run.setTraining({ ...run.config.training, batchSize: 'full' })).not.toThrow()
  })

  it('refuses switching a running big import to full batch, keeping the old settings', () => {
    const small = deepWide(4096)
    const run = TrainingRun.create(small, bigImport(400_000))
    expect(() => run.setTraining({ ...run.config.training, batchSize: 'full' })).toThrow(/GB/)
    expect(run.config.training.batchSize).toBe(4096)
    expect(MAX_BATCH_BYTES).toBe(1024 ** 3)
  })
})
