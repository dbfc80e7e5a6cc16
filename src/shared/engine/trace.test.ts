// The step-through trace against NumPy running the notebook's own forward, compute_loss and
// backward (fixtures/trace_reference.py), and against the run it traces.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from './presets'
import { traceNextEpoch, traceRow, type EpochTrace, type LayerTrace } from './trace'
import { TrainingRun } from './train'
import type { RunConfig } from './types'

interface ReferenceLayer {
  W: number[]
  b: number[]
  z: number[]
  a: number[]
  delta: number[]
  dW: number[]
  db: number[]
  Wafter: number[]
  bAfter: number[]
}
interface TraceReference {
  epoch: number
  lossBefore: number
  x: number[]
  y: number[]
  sameAsNotebookBackward: boolean
  layers: ReferenceLayer[]
}

const python = '/usr/bin/python3'
const script = fileURLToPath(new URL('./fixtures/trace_reference.py', import.meta.url))
const hasNumpy =
  existsSync(python) &&
  (() => {
    try {
      execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' })
      return true
    } catch {
      return false
    }
  })()

function reference(epoch: number): TraceReference {
  // Never a silent skip: `npm test` provisions NumPy first (scripts/provision.mjs).
  expect(
    hasNumpy,
    `NumPy is missing under ${python}: run \`node scripts/provision.mjs\` or \`apt-get install python3-numpy\``
  ).toBe(true)
  return JSON.parse(
    execFileSync(python, [script, String(epoch)], { encoding: 'utf8', maxBuffer: 1 << 26 })
  ) as TraceReference
}

const FIELDS = ['W', 'b', 'z', 'a', 'delta', 'dW', 'db', 'Wafter', 'bAfter'] as const

/** Largest |ours − numpy| / max(1, |numpy|) over every field of every layer. */
function worstDifference(trace: EpochTrace, ref: TraceReference): number {
  let worst = 0
  trace.layers.forEach((layer: LayerTrace, l) => {
    for (const field of FIELDS) {
      const ours = layer[field]
      const theirs = ref.layers[l][field]
      expect(ours.length, `layer ${l} ${field}`).toBe(theirs.length)
      for (let i = 0; i < ours.length; i++) {
        worst = Math.max(worst, Math.abs(ours[i] - theirs[i]) / Math.max(1, Math.abs(theirs[i])))
      }
    }
  })
  return worst
}

function runAfter(config: RunConfig, epochs: number): TrainingRun {
  const run = TrainingRun.create(config)
  for (let e = 0; e < epochs; e++) run.trainEpoch()
  return run
}

describe('traceNextEpoch vs the notebook run by NumPy', () => {
  it('epoch 1 of the seed preset is the notebook’s first iteration, layer by layer', () => {
    const ref = reference(1)
    expect(ref.sameAsNotebookBackward).toBe(true)
    const trace = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK))
    expect(trace.epoch).toBe(1)
    expect(trace.m).toBe(400)
    expect(trace.batches).toBe(1)
    expect(Array.from(trace.rows)).toEqual(Array.from({ length: 400 }, (_, i) => i))
    expect(Array.from(trace.labels)).toEqual(ref.y)
    expect(Math.abs(trace.lossBefore - ref.lossBefore)).toBeLessThan(1e-15)
    expect(trace.layers.map((l) => [l.inputs, l.units, l.activation])).toEqual([
      [2, 16, 'relu'],
      [16, 8, 'relu'],
      [8, 1, 'sigmoid']
    ])
    expect(worstDifference(trace, ref)).toBeLessThan(1e-13)
  }, 60_000)

  it('--epoch 3: after two epochs, the third iteration', () => {
    const ref = reference(3)
    const trace = traceNextEpoch(runAfter(SEED_NOTEBOOK, 2))
    expect(trace.epoch).toBe(3)
    expect(Math.abs(trace.lossBefore - ref.lossBefore) / ref.lossBefore).toBeLessThan(1e-13)
    expect(worstDifference(trace, ref)).toBeLessThan(1e-12)
  }, 60_000)
})

describe('traceNextEpoch and the run it traces', () => {
  const configs: [string, RunConfig][] = [
    ['the seed preset', SEED_NOTEBOOK],
    [
      'Adam, mini-batches of 32, L1 and L2',
      {
        ...SEED_NOTEBOOK,
        dataset: { ...SEED_NOTEBOOK.dataset, samples: 100, testFraction: 0.2 },
        training: {
          ...SEED_NOTEBOOK.training,
          batchSize: 32,
          l1: 0.001,
          l2: 0.01,
          optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam', learningRate: 0.01 }
        }
      }
    ]
  ]
  for (const [name, config] of configs) {
    it(`leaves the run unchanged: trace then train == train (${name})`, () => {
      const traced = runAfter(config, 3)
      const plain = runAfter(config, 3)
      traceNextEpoch(traced)
      traceNextEpoch(traced)
      for (let e = 0; e < 5; e++) expect(traced.trainEpoch()).toEqual(plain.trainEpoch())
      expect(traced.snapshot()).toEqual(plain.snapshot())
    })
  }

  it('traces the first mini-batch: its rows, loss, and the weights after its update', () => {
    const config = configs[1][1]
    const run = runAfter(config, 2)
    const trace = traceNextEpoch(run)
    expect(trace.epoch).toBe(3)
    expect(trace.m).toBe(32)
    expect(trace.batches).toBe(Math.ceil(run.train.count / 32))
    // The traced rows are training points, in the epoch's shuffled order.
    trace.rows.forEach((r, i) => {
      expect(trace.x[2 * i]).toBe(run.train.x[2 * r])
      expect(trace.x[2 * i + 1]).toBe(run.train.x[2 * r + 1])
      expect(trace.labels[i]).toBe(run.train.labels[r])
    })
    expect(new Set(trace.rows).size).toBe(32)
    // The first batch's loss on the weights before the update, by the engine's evaluate().
    const batch = {
      x: trace.x,
      labels: trace.labels,
      count: 32,
      classes: run.train.classes
    }
    expect(Math.abs(run.evaluate(batch).loss - trace.lossBefore)).toBeLessThan(1e-12)
    // Adam's update moved every weight; the trace's "before" is the run's current weights.
    trace.layers.forEach((layer, l) => {
      expect(Array.from(layer.W)).toEqual(Array.from(run.params.weights[l]))
      expect(layer.Wafter.some((w, i) => w !== layer.W[i])).toBe(true)
    })
  })

  it('the full-batch update is W − lr·dW exactly (plain SGD)', () => {
    const trace = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK))
    const lr = trace.training.optimizer.learningRate
    for (const layer of trace.layers) {
      layer.W.forEach((w, i) => expect(layer.Wafter[i]).toBe(w - lr * layer.dW[i]))
      layer.b.forEach((b, i) => expect(layer.bAfter[i]).toBe(b - lr * layer.db[i]))
    }
  })

  it('keeps the first rowLimit rows; traceRow cuts to one row', () => {
    const full = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK))
    const limited = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK), { rowLimit: 10 })
    expect(limited.rows.length).toBe(10)
    expect(limited.m).toBe(400)
    expect(Array.from(limited.layers[0].z)).toEqual(Array.from(full.layers[0].z.slice(0, 160)))
    expect(Array.from(limited.layers[2].dW)).toEqual(Array.from(full.layers[2].dW))
    const one = traceRow(full, 7)
    expect(Array.from(one.rows)).toEqual([7])
    expect(Array.from(one.x)).toEqual(Array.from(full.x.slice(14, 16)))
    expect(Array.from(one.layers[1].delta)).toEqual(Array.from(full.layers[1].delta.slice(56, 64)))
    expect(() => traceRow(full, 400)).toThrow(/not in the traced batch/)
  })
})
