import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from './presets'
import {
  checkpointBytes,
  keptAt,
  RunTimeline,
  TIMELINE_DENSE_EPOCHS,
  timelineSpacing
} from './timeline'
import { TrainingRun } from './train'
import type { RunCheckpoint, RunConfig } from './types'

function fakeCheckpoint(epoch: number, floats: number): RunCheckpoint {
  return {
    epoch,
    training: SEED_NOTEBOOK.training,
    params: { weights: [new Float64Array(floats)], biases: [] },
    optimizer: { step: epoch, m: [], v: [] },
    rng: { key: new Uint32Array(624), pos: 624, hasGauss: false, gauss: 0 }
  }
}

function recordEpochs(timeline: RunTimeline, last: number, floats = 10): void {
  for (let e = 0; e <= last; e++) timeline.record(e, () => fakeCheckpoint(e, floats))
}

describe('timeline thinning', () => {
  it('keeps every epoch up to 100, then doubles the spacing as the epoch doubles', () => {
    const timeline = new RunTimeline()
    recordEpochs(timeline, 1000)
    const epochs = timeline.epochs()
    // Written out independently of the module: 0…100 every epoch, then 2s to 200, 4s to 400,
    // 8s to 800 and 16s to 1600.
    const expected: number[] = []
    for (let e = 0; e <= 100; e++) expected.push(e)
    for (let e = 102; e <= 200; e += 2) expected.push(e)
    for (let e = 204; e <= 400; e += 4) expected.push(e)
    for (let e = 408; e <= 800; e += 8) expected.push(e)
    for (let e = 816; e <= 1000; e += 16) expected.push(e)
    expect(epochs).toEqual(expected)
    expect(timelineSpacing(50, 0)).toBe(1)
    expect(timelineSpacing(150, 0)).toBe(2)
    expect(timelineSpacing(1000, 0)).toBe(16)
    expect(timelineSpacing(1000, 2)).toBe(64)
  })

  it('keeps about 100 + 50·log2(E/100) checkpoints for a long run', () => {
    const timeline = new RunTimeline()
    recordEpochs(timeline, 1_000_000, 1)
    const expected = TIMELINE_DENSE_EPOCHS + 50 * Math.log2(1_000_000 / TIMELINE_DENSE_EPOCHS)
    expect(Math.abs(timeline.entries.length - expected)).toBeLessThan(60)
  })

  it('stays within its memory budget by doubling the spacing, keeping epoch 0', () => {
    const floats = 10_000 // 80 kB a checkpoint
    const budget = 2 * 1024 ** 2
    const timeline = new RunTimeline(budget)
    let peak = 0
    for (let e = 0; e <= 5000; e++) {
      timeline.record(e, () => fakeCheckpoint(e, floats))
      peak = Math.max(peak, timeline.bytes)
    }
    expect(peak).toBeLessThanOrEqual(budget)
    expect(timeline.level).toBeGreaterThan(0)
    const epochs = timeline.epochs()
    expect(epochs[0]).toBe(0)
    // Every kept epoch sits on the grid of the final level, and the count fills the budget
    // to at least a third (halving the grid at most halves the count).
    for (const e of epochs) expect(keptAt(e, timeline.level)).toBe(true)
    const size = checkpointBytes(fakeCheckpoint(0, floats))
    expect(timeline.bytes).toBe(epochs.length * size)
    expect(epochs.length * size).toBeGreaterThan(budget / 3)
  })

  it('finds the latest kept checkpoint at or before an epoch, and forgets replaced history', () => {
    const timeline = new RunTimeline()
    recordEpochs(timeline, 300)
    expect(timeline.at(151)?.epoch).toBe(150)
    expect(timeline.at(0)?.epoch).toBe(0)
    expect(timeline.at(-1)).toBeNull()
    timeline.truncateAfter(120)
    expect(timeline.epochs().at(-1)).toBe(120)
    timeline.record(122, () => fakeCheckpoint(122, 10))
    expect(timeline.epochs().at(-1)).toBe(122)
    const copy = RunTimeline.from(timeline.toData())
    expect(copy.epochs()).toEqual(timeline.epochs())
    expect(copy.bytes).toBe(timeline.bytes)
  })
})

function forkConfig(): RunConfig {
  return {
    ...SEED_NOTEBOOK,
    dataset: { ...SEED_NOTEBOOK.dataset, samples: 160, testFraction: 0.25 },
    training: {
      ...SEED_NOTEBOOK.training,
      batchSize: 16,
      optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam', learningRate: 0.01 }
    }
  }
}

function trainRecording(run: TrainingRun, timeline: RunTimeline, epochs: number): void {
  for (let i = 0; i < epochs; i++) {
    run.trainEpoch()
    timeline.record(run.epoch, () => run.checkpoint())
  }
}

describe('continue from a kept epoch (fork)', () => {
  it('equals an uninterrupted run from that epoch, bit for bit (mini-batches, Adam, test split)', () => {
    const straight = TrainingRun.create(forkConfig())
    for (let i = 0; i < 260; i++) straight.trainEpoch()

    const run = TrainingRun.create(forkConfig())
    const timeline = new RunTimeline()
    timeline.record(0, () => run.checkpoint())
    trainRecording(run, timeline, 240)
    const checkpoint = timeline.at(150)
    expect(checkpoint?.epoch).toBe(150)
    const fork = run.restoreCheckpoint(checkpoint as RunCheckpoint)
    timeline.truncateAfter(150)
    expect(fork.epoch).toBe(150)
    expect(fork.history).toHaveLength(150)
    trainRecording(fork, timeline, 110)
    expect(fork.history).toEqual(straight.history)
    expect(fork.snapshot()).toEqual(straight.snapshot())
    // The kept checkpoints after the fork are the fork's own.
    expect(timeline.at(200)?.params).toEqual(fork.restoreCheckpoint(timeline.at(200)!).params)
  })

  it('keeps the settings in force at each checkpoint (a learning rate changed mid-run)', () => {
    const straight = TrainingRun.create(forkConfig())
    const run = TrainingRun.create(forkConfig())
    const timeline = new RunTimeline()
    const faster = {
      ...forkConfig().training,
      optimizer: { ...forkConfig().training.optimizer, learningRate: 0.05 }
    }
    for (const r of [straight, run]) {
      for (let i = 0; i < 40; i++) r.trainEpoch()
      r.setTraining(faster)
    }
    for (let i = 0; i < 40; i++) straight.trainEpoch()
    trainRecording(run, timeline, 30)
    const fork = run.restoreCheckpoint(timeline.at(60) as RunCheckpoint)
    for (let i = 0; i < 20; i++) fork.trainEpoch()
    expect(fork.config.training.optimizer.learningRate).toBe(0.05)
    expect(fork.snapshot()).toEqual(straight.snapshot())
  })

  it('a checkpoint is a copy: training on does not change it', () => {
    const run = TrainingRun.create(forkConfig())
    const checkpoint = run.checkpoint()
    const weights = checkpoint.params.weights[0].slice()
    run.trainEpoch()
    expect(checkpoint.params.weights[0]).toEqual(weights)
    expect(checkpoint.epoch).toBe(0)
  })
})
