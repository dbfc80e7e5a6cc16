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

// The optimizer's step as the trace records it (the gradient with its L1/L2 terms, the memory
// before and after, t and the rate) against PyTorch's own torch.optim.SGD(momentum) and Adam
// stepping the same weights from the same memory. PyTorch's momentum buffer b relates to ours by
// v = −lr·b (ours: v ← μv − lr·g, p ← p + v; PyTorch: b ← μb + g, p ← p − lr·b).
const hasTorch = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import torch']), true)
  } catch {
    return false
  }
})()

interface TorchStep {
  p: number[]
  m: number[]
  v: number[]
}

interface TorchInput {
  p: Float64Array
  g: Float64Array
  m: Float64Array
  v: Float64Array
}

/** One PyTorch step of each parameter array (one python run for all of them). */
function torchSteps(trace: EpochTrace, arrays: TorchInput[]): TorchStep[] {
  const o = trace.training.optimizer
  const script = `
import json, sys, torch
d = json.load(sys.stdin)
lr = d['lr']
out = []
for a in d['arrays']:
    p = torch.nn.Parameter(torch.tensor(a['p'], dtype=torch.float64))
    p.grad = torch.tensor(a['g'], dtype=torch.float64)
    if d['kind'] == 'sgd':
        opt = torch.optim.SGD([p], lr=lr)
    elif d['kind'] == 'momentum':
        opt = torch.optim.SGD([p], lr=lr, momentum=d['momentum'])
        if d['t'] > 1:
            opt.state[p]['momentum_buffer'] = torch.tensor(a['m'], dtype=torch.float64) / -lr
    else:
        opt = torch.optim.Adam([p], lr=lr, betas=(d['beta1'], d['beta2']), eps=d['epsilon'])
        opt.state[p]['step'] = torch.tensor(float(d['t'] - 1))
        opt.state[p]['exp_avg'] = torch.tensor(a['m'], dtype=torch.float64)
        opt.state[p]['exp_avg_sq'] = torch.tensor(a['v'], dtype=torch.float64)
    opt.step()
    s = opt.state[p]
    if d['kind'] == 'momentum':
        m, v = (s['momentum_buffer'] * -lr).tolist(), []
    elif d['kind'] == 'adam':
        m, v = s['exp_avg'].tolist(), s['exp_avg_sq'].tolist()
    else:
        m, v = [], []
    out.append({'p': p.detach().tolist(), 'm': m, 'v': v})
print(json.dumps(out))
`
  const input = JSON.stringify({
    kind: o.kind,
    lr: trace.learningRate,
    momentum: o.momentum,
    beta1: o.beta1,
    beta2: o.beta2,
    epsilon: o.epsilon,
    t: trace.optimizerStep,
    arrays: arrays.map((a) => ({
      p: Array.from(a.p),
      g: Array.from(a.g),
      m: Array.from(a.m),
      v: Array.from(a.v)
    }))
  })
  return JSON.parse(
    execFileSync(python, ['-c', script], { input, encoding: 'utf8' })
  ) as TorchStep[]
}

function closeTo(ours: Float64Array, theirs: number[], what: string): void {
  expect(ours.length, what).toBe(theirs.length)
  ours.forEach((x, i) =>
    expect(Math.abs(x - theirs[i]), `${what}[${i}]`).toBeLessThanOrEqual(
      1e-14 * Math.max(1, Math.abs(theirs[i]))
    )
  )
}

describe.skipIf(!hasTorch)('the traced update against torch.optim', () => {
  const base = { ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, samples: 80 } }
  const cases: [string, RunConfig][] = [
    ['SGD', base],
    [
      'momentum 0.9 with L2, mini-batches of 16, a step schedule',
      {
        ...base,
        training: {
          ...base.training,
          batchSize: 16,
          l2: 0.01,
          lrSchedule: { kind: 'step', every: 2, factor: 0.5 },
          optimizer: { ...base.training.optimizer, kind: 'momentum', learningRate: 0.05 }
        }
      }
    ],
    [
      'Adam with L1 and L2',
      {
        ...base,
        training: {
          ...base.training,
          l1: 0.001,
          l2: 0.01,
          optimizer: { ...base.training.optimizer, kind: 'adam', learningRate: 0.01 }
        }
      }
    ]
  ]
  for (const [name, config] of cases) {
    it(
      name,
      () => {
        const trace = traceNextEpoch(runAfter(config, 3))
        const { l1, l2, optimizer } = trace.training
        expect(trace.learningRate).toBe(
          optimizer.kind === 'momentum' ? optimizer.learningRate * 0.5 : optimizer.learningRate
        )
        // t counts updates: 3 epochs of full batch, or 3 × 5 mini-batches, then this one.
        expect(trace.optimizerStep).toBe(config.training.batchSize === 16 ? 3 * 5 + 1 : 4)
        const torch = torchSteps(
          trace,
          trace.layers.flatMap((layer) => [
            { p: layer.W, g: layer.gW, m: layer.memory.mW, v: layer.memory.vW },
            { p: layer.b, g: layer.db, m: layer.memory.mb, v: layer.memory.vb }
          ])
        )
        trace.layers.forEach((layer, l) => {
          // The penalty terms on top of dW: l2·w + l1·sign(w).
          layer.gW.forEach((g, i) => {
            const w = layer.W[i]
            expect(Math.abs(g - (layer.dW[i] + l2 * w + l1 * Math.sign(w)))).toBeLessThan(1e-15)
          })
          const mem = layer.memory
          const tw = torch[2 * l]
          closeTo(layer.Wafter, tw.p, `W${l + 1} after`)
          closeTo(mem.mWafter, tw.m, `m(W${l + 1}) after`)
          closeTo(mem.vWafter, tw.v, `v(W${l + 1}) after`)
          const tb = torch[2 * l + 1]
          closeTo(layer.bAfter, tb.p, `b${l + 1} after`)
          closeTo(mem.mbAfter, tb.m, `m(b${l + 1}) after`)
          if (optimizer.kind !== 'sgd') expect(mem.mW.some((x) => x !== 0)).toBe(true)
        })
      },
      60_000
    )
  }
})
