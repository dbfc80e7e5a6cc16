// The shared sweep (issue 15): its settings read against the engine's limits, the grid's order,
// one cell trained exactly as the run alone (and as `nn-lab train --json` reports it), its losses
// recomputed in NumPy, the pool, and the trainer's sweep command inline and on worker threads.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_PENALTY_RATE,
  MAX_SWEEP_VALUES
} from '../engine/limits'
import { SEED_NOTEBOOK } from '../engine/presets'
import { TrainingRun } from '../engine/train'
import type { RunConfig } from '../engine/types'
import type { TrainerEvent } from '../protocol/trainerMessages'
import { parseTrainerEvent } from '../protocol/trainerSchemas'
import { startTrainerService } from '../trainer/trainerService'
import { runCli } from '../../cli/testCli'
import { nodeSweepHost } from '../../main/training/nodeSweepHost'
import { expandGrid, sweepCells, sweepThreads } from './grid'
import { runOnPool, type PoolThread } from './pool'
import { runSweepCell, sweepLoss } from './runCell'
import { parseSweepValues, SWEEP_SETTINGS, SWEEP_SETTINGS_REGISTRY } from './settings'

const python = '/usr/bin/python3'
const hasNumpy = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import numpy']), true)
  } catch {
    return false
  }
})()

function small(change: (c: RunConfig) => void = () => {}): RunConfig {
  const c: RunConfig = structuredClone(SEED_NOTEBOOK)
  c.dataset.samples = 80
  c.dataset.testFraction = 0.25
  c.network.layerSizes = [2, 6, 1]
  c.network.activations = ['relu']
  c.training.epochLimit = 30
  c.training.batchSize = 16
  change(c)
  return c
}

describe('sweep settings', () => {
  it('offers the seven settings of the issue', () => {
    expect(SWEEP_SETTINGS).toEqual([
      'lr',
      'width',
      'depth',
      'activation',
      'optimizer',
      'batch',
      'l2'
    ])
  })

  it('reads comma lists within the engine limits and says what is wrong', () => {
    expect(parseSweepValues('lr', '0.01, 0.1,1')).toEqual({ values: [0.01, 0.1, 1] })
    expect(parseSweepValues('lr', String(MAX_LEARNING_RATE))).toEqual({
      values: [MAX_LEARNING_RATE]
    })
    expect(parseSweepValues('lr', `0.1, ${MAX_LEARNING_RATE * 2}`)).toEqual({
      problem: `Learning rate values must be greater than 0 and at most ${MAX_LEARNING_RATE}, not "${MAX_LEARNING_RATE * 2}".`
    })
    expect(parseSweepValues('lr', '0')).toHaveProperty('problem')
    expect(parseSweepValues('lr', 'abc')).toHaveProperty('problem')
    expect(parseSweepValues('lr', '0.1,,1')).toEqual({
      problem: 'There is an empty value in "0.1,,1"; separate values with commas.'
    })
    expect(parseSweepValues('lr', ' ')).toHaveProperty('problem')
    expect(parseSweepValues('lr', '0.1, 0.10')).toEqual({ problem: '0.1 is listed twice.' })
    const many = Array.from({ length: MAX_SWEEP_VALUES + 1 }, (_, i) => i + 1).join(',')
    expect(parseSweepValues('width', many)).toEqual({
      problem: `At most ${MAX_SWEEP_VALUES} values, not ${MAX_SWEEP_VALUES + 1}.`
    })
    expect(parseSweepValues('width', String(MAX_LAYER_SIZE))).toEqual({ values: [MAX_LAYER_SIZE] })
    expect(parseSweepValues('width', String(MAX_LAYER_SIZE + 1))).toHaveProperty('problem')
    expect(parseSweepValues('width', '2.5')).toHaveProperty('problem')
    expect(parseSweepValues('depth', `0,${MAX_HIDDEN_LAYERS}`)).toEqual({
      values: [0, MAX_HIDDEN_LAYERS]
    })
    expect(parseSweepValues('depth', String(MAX_HIDDEN_LAYERS + 1))).toHaveProperty('problem')
    expect(parseSweepValues('activation', 'relu,tanh')).toEqual({ values: ['relu', 'tanh'] })
    expect(parseSweepValues('activation', 'relu,swish2')).toHaveProperty('problem')
    expect(parseSweepValues('optimizer', 'sgd,adam')).toEqual({ values: ['sgd', 'adam'] })
    expect(parseSweepValues('batch', '16,full')).toEqual({ values: [16, 'full'] })
    expect(parseSweepValues('l2', `0,${MAX_PENALTY_RATE}`)).toEqual({
      values: [0, MAX_PENALTY_RATE]
    })
    expect(parseSweepValues('l2', '-1')).toHaveProperty('problem')
  })

  it('gives each setting an example that reads as typed and the allowed values from the limits', () => {
    for (const name of SWEEP_SETTINGS) {
      const entry = SWEEP_SETTINGS_REGISTRY[name]
      expect(parseSweepValues(name, entry.example), name).toHaveProperty('values')
    }
    expect(SWEEP_SETTINGS_REGISTRY.lr.allowed).toBe(`above 0, at most ${MAX_LEARNING_RATE}`)
    expect(SWEEP_SETTINGS_REGISTRY.width.allowed).toBe(`whole numbers from 1 to ${MAX_LAYER_SIZE}`)
    expect(SWEEP_SETTINGS_REGISTRY.depth.allowed).toContain(String(MAX_HIDDEN_LAYERS))
    expect(SWEEP_SETTINGS_REGISTRY.l2.allowed).toBe(`from 0 to ${MAX_PENALTY_RATE}`)
    // Every activation the hint names is accepted.
    const activations = SWEEP_SETTINGS_REGISTRY.activation.allowed.split(', ')
    for (let i = 0; i < activations.length; i += MAX_SWEEP_VALUES) {
      const some = activations.slice(i, i + MAX_SWEEP_VALUES).join(', ')
      expect(parseSweepValues('activation', some)).toHaveProperty('values')
    }
    expect(parseSweepValues('optimizer', SWEEP_SETTINGS_REGISTRY.optimizer.allowed)).toHaveProperty(
      'values'
    )
  })
})

describe('sweep grid', () => {
  it('expands the first axis outermost, in the order given', () => {
    expect(
      expandGrid<string | number>([
        ['a', 'b'],
        [1, 2, 3]
      ])
    ).toEqual([
      ['a', 1],
      ['a', 2],
      ['a', 3],
      ['b', 1],
      ['b', 2],
      ['b', 3]
    ])
    expect(expandGrid([])).toEqual([[]])
    expect(sweepThreads(9, 2)).toBe(2)
    expect(sweepThreads(1, 16)).toBe(1)
    expect(sweepThreads(40, 32, 8)).toBe(8)
  })

  it('puts each value into the cell config (depth before width, activations follow)', () => {
    const base = small((c) => {
      c.network.activations = ['tanh']
    })
    const cells = sweepCells(base, [
      { setting: 'depth', values: [1, 3] },
      { setting: 'width', values: [4, 9] }
    ])
    expect(cells.map((c) => [c.row, c.column])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1]
    ])
    expect(cells[3].config.network.layerSizes).toEqual([2, 9, 9, 9, 1])
    expect(cells[3].config.network.activations).toEqual(['tanh', 'tanh', 'tanh'])
    expect(cells[0].config.network.layerSizes).toEqual([2, 4, 1])
    const lr = sweepCells(base, [{ setting: 'lr', values: [0.5] }])
    expect(lr[0].config.training.optimizer.learningRate).toBe(0.5)
    expect(base.training.optimizer.learningRate).toBe(SEED_NOTEBOOK.training.optimizer.learningRate)
  })
})

describe('runSweepCell', () => {
  it('is bit for bit the run trained alone, and what `nn-lab train --json` reports', async () => {
    const config = small((c) => {
      c.training.optimizer.learningRate = 0.3
    })
    const { row, snapshot } = runSweepCell(config)
    const alone = TrainingRun.create(config)
    for (let e = 0; e < config.training.epochLimit; e++) alone.trainEpoch()
    expect(snapshot.params).toEqual(alone.params)
    expect(snapshot.history).toEqual(alone.history)
    expect(row.finalLoss).toBe(alone.evaluate(alone.train).loss)
    expect(row.finalTestLoss).toBe(alone.evaluate(alone.test).loss)
    expect(sweepLoss(row)).toEqual({ value: row.finalTestLoss, of: 'test' })
    // Opening the cell restores its snapshot: the restored run trains on exactly as the original.
    const reopened = TrainingRun.restore(snapshot)
    alone.trainEpoch()
    reopened.trainEpoch()
    expect(reopened.params).toEqual(alone.params)

    const args = ['train', '--samples', '80', '--test-fraction', '0.25', '--layers', '2,6,1']
    args.push('--epochs', '30', '--batch', '16', '--lr', '0.3', '--json')
    const cli = JSON.parse((await runCli(args, process.cwd())).stdout) as Record<string, number>
    expect(row.finalLoss).toBe(cli.finalLoss)
    expect(row.finalAccuracy).toBe(cli.finalAccuracy)
    expect(row.finalTestLoss).toBe(cli.finalTestLoss)
    expect(row.finalTestAccuracy).toBe(cli.finalTestAccuracy)
  })

  it('reports the training loss when there is no test split, and stops early as `train --early-stop`', async () => {
    const noTest = runSweepCell(small((c) => (c.dataset.testFraction = 0)))
    expect(noTest.row.finalTestLoss).toBeNull()
    expect(sweepLoss(noTest.row)).toEqual({ value: noTest.row.finalLoss, of: 'train' })
    const early = runSweepCell(
      small((c) => {
        c.dataset.noise = 0.5
        c.network.layerSizes = [2, 32, 32, 1]
        c.network.activations = ['relu', 'relu']
        c.training.epochLimit = 600
        c.training.optimizer.learningRate = 0.5
        c.training.earlyStopPatience = 5
      })
    )
    const args = ['train', '--samples', '80', '--test-fraction', '0.25', '--noise', '0.5']
    args.push('--layers', '2,32,32,1', '--epochs', '600', '--batch', '16', '--lr', '0.5')
    args.push('--early-stop', '5', '--json')
    const cli = JSON.parse((await runCli(args, process.cwd())).stdout) as Record<
      string,
      number | null
    >
    expect(early.row.stoppedAt).not.toBeNull()
    expect(early.row.stoppedAt).toBe(cli.stoppedAt)
    expect(early.row.bestEpoch).toBe(cli.bestEpoch)
    expect(early.row.bestEpoch).toBe(early.snapshot.epoch)
    expect(early.row.finalLoss).toBe(cli.finalLoss)
    expect(early.row.finalTestLoss).toBe(cli.finalTestLoss)
  })

  it.skipIf(!hasNumpy)('final losses match NumPy on the trained weights', () => {
    const { row, snapshot } = runSweepCell(
      small((c) => {
        c.network.layerSizes = [2, 5, 4, 1]
        c.network.activations = ['relu', 'relu']
      })
    )
    const pack = (d: typeof snapshot.train) => ({ x: [...d.x], y: [...d.labels], n: d.count })
    const input = {
      sizes: snapshot.config.network.layerSizes,
      W: snapshot.params.weights.map((w) => [...w]),
      b: snapshot.params.biases.map((b) => [...b]),
      train: pack(snapshot.train),
      test: pack(snapshot.test)
    }
    const script = `
import json, sys
import numpy as np
d = json.load(sys.stdin)
s = d['sizes']
W = [np.array(w).reshape(s[i], s[i + 1]) for i, w in enumerate(d['W'])]
b = [np.array(v) for v in d['b']]
def loss(part):
    a = np.array(part['x']).reshape(part['n'], 2)
    y = np.array(part['y'], dtype=float).reshape(-1, 1)
    for i in range(len(W) - 1):
        a = np.maximum(0, a @ W[i] + b[i])
    p = 1 / (1 + np.exp(-(a @ W[-1] + b[-1])))
    return float(-np.mean(y * np.log(p + 1e-8) + (1 - y) * np.log(1 - p + 1e-8)))
print(json.dumps([loss(d['train']), loss(d['test'])]))
`
    const out = execFileSync(python, ['-c', script], {
      input: JSON.stringify(input),
      encoding: 'utf8'
    })
    const [train, test] = JSON.parse(out) as number[]
    expect(row.finalLoss).toBeCloseTo(train, 10)
    expect(row.finalTestLoss).toBeCloseTo(test, 10)
  })
})

/** A pool thread answering `job * 10` after a delay (or failing on a negative job). */
function fakeThread(log: number[]): PoolThread<number, number> {
  let handler: (r: number) => void = () => {}
  let fail: (e: unknown) => void = () => {}
  return {
    post(job) {
      log.push(job)
      setTimeout(() => (job < 0 ? fail(new Error(`bad ${job}`)) : handler(job * 10)), 5 - (job % 3))
    },
    onResult: (h) => (handler = h),
    onError: (h) => (fail = h),
    terminate() {}
  }
}

describe('runOnPool', () => {
  it('gives every job to a free thread and returns results in job order', async () => {
    const log: number[] = []
    let spawned = 0
    const seen: number[] = []
    const pool = runOnPool(
      [1, 2, 3, 4, 5, 6, 7],
      3,
      () => (spawned++, fakeThread(log)),
      (i) => seen.push(i)
    )
    expect(await pool.done).toEqual([10, 20, 30, 40, 50, 60, 70])
    expect(spawned).toBe(3)
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6])
    expect(log.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
  })

  it('rejects when a thread fails, and stops handing out jobs when cancelled', async () => {
    await expect(runOnPool([1, -2, 3], 2, () => fakeThread([])).done).rejects.toThrow('bad -2')
    const log: number[] = []
    const pool = runOnPool(
      [1, 2, 3, 4, 5, 6],
      1,
      () => fakeThread(log),
      () => pool.cancel()
    )
    await pool.done
    expect(log).toEqual([1])
  })
})

/** The trainer service on a fake port; resolves with its events once `until` says so. */
function trainer(sweeps: Parameters<typeof startTrainerService>[2]) {
  const events: TrainerEvent[] = []
  let handler: (command: unknown) => void = () => {}
  const service = startTrainerService(
    { postMessage: (e) => events.push(e), onMessage: (h) => (handler = h) },
    undefined,
    sweeps
  )
  const waitFor = async (test: (e: TrainerEvent) => boolean): Promise<TrainerEvent> => {
    for (let i = 0; i < 3000; i++) {
      const found = events.find(test)
      if (found) return found
      await new Promise((r) => setTimeout(r, 10))
    }
    throw new Error('no such event')
  }
  return { events, send: (c: unknown) => handler(c), waitFor, service }
}

describe("the trainer's sweep command", () => {
  const base = small((c) => (c.training.epochLimit = 20))
  const cells = sweepCells(base, [
    { setting: 'lr', values: [0.05, 0.5] },
    { setting: 'width', values: [3, 7] }
  ]).map((c) => c.config)

  it('answers each cell with the row and run of runSweepCell, inline and on 2 worker threads', async () => {
    const expected = cells.map((config) => runSweepCell(config))
    for (const host of [null, nodeSweepHost(null, 2)]) {
      const t = trainer({ sweeps: host })
      t.send({ type: 'sweep', requestId: 7, sweepId: 3, cells })
      const done = await t.waitFor((e) => e.type === 'sweep-done' || e.type === 'error')
      expect(done).toEqual({
        type: 'sweep-done',
        requestId: 7,
        sweepId: 3,
        cancelled: false,
        threads: host ? 2 : 1
      })
      const got = t.events.filter((e) => e.type === 'sweep-cell')
      expect(got).toHaveLength(4)
      for (const event of got) {
        expect(parseTrainerEvent(event).ok).toBe(true)
        expect(event.row).toEqual(expected[event.index].row)
        expect(event.snapshot.params).toEqual(expected[event.index].snapshot.params)
      }
      t.service.dispose()
    }
  }, 60_000)

  it('cancels, and refuses a cell that cannot be built with a sentence naming it', async () => {
    const t = trainer({})
    t.send({ type: 'sweep', requestId: 1, sweepId: 1, cells })
    t.send({ type: 'sweep-cancel', sweepId: 1 })
    const done = await t.waitFor((e) => e.type === 'sweep-done')
    expect(done).toMatchObject({ cancelled: true })
    expect(t.events.filter((e) => e.type === 'sweep-cell').length).toBeLessThan(4)

    const bad = structuredClone(cells[0])
    bad.dataset.kind = 'csv' // and no points come with the sweep
    t.send({ type: 'sweep', requestId: 2, sweepId: 2, cells: [cells[0], bad] })
    const error = await t.waitFor((e) => e.type === 'error')
    expect(error).toMatchObject({ requestId: 2 })
    expect((error as { message: string }).message).toMatch(/^Combination 2 could not be trained: /)
  })
})
