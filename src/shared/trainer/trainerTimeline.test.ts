// The trainer's timeline (issue 15): checkpoints kept while training, past epochs shown on
// request, forks that continue bit for bit, and snapshots that carry the timeline.
import { describe, expect, it } from 'vitest'
import { DEFAULT_OPTIMIZER, TrainingRun } from '../engine'
import type { RunConfig } from '../engine/types'
import type { TrainerEvent } from '../protocol/trainerMessages'
import { parseTrainerEvent } from '../protocol/trainerSchemas'
import { startTrainerService } from './trainerService'

function config(epochLimit: number): RunConfig {
  return {
    dataset: { kind: 'circles', samples: 60, noise: 0.1, seed: 3, testFraction: 0.2, classes: 2 },
    network: { layerSizes: [2, 5, 1], activations: ['tanh'], output: 'sigmoid', init: 'he' },
    training: {
      optimizer: { ...DEFAULT_OPTIMIZER, kind: 'momentum', learningRate: 0.2 },
      batchSize: 8,
      l1: 0,
      l2: 0,
      epochLimit
    }
  }
}

/** A real-time service whose events are collected; `until` waits for an event. */
function harness() {
  const events: TrainerEvent[] = []
  const waiters: { test: (e: TrainerEvent) => boolean; resolve: (e: TrainerEvent) => void }[] = []
  let handler: (command: unknown) => void = () => {}
  const service = startTrainerService({
    postMessage: (event) => {
      const parsed = parseTrainerEvent(event)
      if (!parsed.ok) throw new Error(parsed.message)
      events.push(event)
      for (const w of waiters.splice(0)) {
        if (w.test(event)) w.resolve(event)
        else waiters.push(w)
      }
    },
    onMessage: (h) => (handler = h)
  })
  /** The first event of `type` passing `test` from index `since` on (already sent, or to come). */
  function until<T extends TrainerEvent['type']>(
    type: T,
    test: (e: Extract<TrainerEvent, { type: T }>) => boolean = () => true,
    since = 0
  ): Promise<Extract<TrainerEvent, { type: T }>> {
    const seen = events
      .slice(since)
      .find((e) => e.type === type && test(e as Extract<TrainerEvent, { type: T }>))
    if (seen) return Promise.resolve(seen as Extract<TrainerEvent, { type: T }>)
    return new Promise((resolve) => {
      waiters.push({
        test: (e) => e.type === type && test(e as Extract<TrainerEvent, { type: T }>),
        resolve: resolve as (e: TrainerEvent) => void
      })
    })
  }
  return { events, send: (c: unknown) => handler(c), until, service }
}

async function trainedTo(epochs: number, limit = epochs) {
  const h = harness()
  h.send({ type: 'set-view', view: { gridSize: 12, neuron: null, live: true } })
  h.send({ type: 'configure', requestId: 1, config: config(limit) })
  await h.until('configured')
  const mark = h.events.length
  h.send({ type: 'start' })
  await h.until('paused', (e) => e.reason === 'limit', mark)
  return h
}

function reference(epochs: number, limit = epochs): TrainingRun {
  const run = TrainingRun.create(config(limit))
  for (let i = 0; i < epochs; i++) run.trainEpoch()
  return run
}

describe('trainer timeline', () => {
  it('reports the kept epochs: every one up to 100, then every 2nd', async () => {
    const h = await trainedTo(140)
    const reports = h.events.flatMap((e) => (e.type === 'progress' && e.timeline ? [e] : []))
    const last = reports.at(-1)?.timeline
    const expected = [...Array.from({ length: 101 }, (_, i) => i)]
    for (let e = 102; e <= 140; e += 2) expected.push(e)
    expect(last?.epochs).toEqual(expected)
    expect(last?.bytes).toBeGreaterThan(0)
    expect(last?.budgetBytes).toBe(64 * 1024 ** 2)
    h.service.dispose()
  })

  it('shows a past epoch as the engine had it, then the run as it is again', async () => {
    const h = await trainedTo(140)
    h.send({ type: 'view-epoch', requestId: 5, epoch: 37 })
    const past = await h.until('epoch-view')
    const at37 = reference(37, 140)
    expect(past.view.epoch).toBe(37)
    expect(past.view.live).toBe(false)
    expect(past.view.params).toEqual(at37.params)
    expect(past.view.grid.values).toEqual(at37.boundaryGrid(12, 12).values)
    expect(past.view.current).toEqual({ epoch: 37, ...at37.evaluate(at37.train) })
    // Between kept epochs: the latest kept one before.
    h.send({ type: 'view-epoch', requestId: 6, epoch: 121 })
    expect((await h.until('epoch-view', (e) => e.requestId === 6)).view.epoch).toBe(120)
    // A hovered neuron while there: its map is of that epoch too.
    const mark = h.events.length
    h.send({ type: 'set-view', view: { gridSize: 12, neuron: { layer: 0, index: 2 }, live: true } })
    const progress = await h.until('progress', (e) => e.neuronGrid !== undefined, mark)
    expect(progress.shownEpoch).toBe(120)
    expect(progress.neuronGrid?.values).toEqual(reference(120, 140).neuronGrid(0, 2, 12, 12).values)
    h.send({ type: 'view-epoch', requestId: 7, epoch: 140 })
    const now = await h.until('epoch-view', (e) => e.requestId === 7)
    expect(now.view.live).toBe(true)
    expect(now.view.params).toEqual(reference(140).params)
    h.service.dispose()
  })

  it('continues from a kept epoch exactly as an uninterrupted run would', async () => {
    const h = await trainedTo(150, 150)
    h.send({ type: 'fork', requestId: 8, epoch: 110 })
    const forked = await h.until('configured', (e) => e.requestId === 8)
    expect(forked.summary.epoch).toBe(110)
    expect(forked.summary.history).toHaveLength(110)
    const mark = h.events.length
    h.send({ type: 'start' })
    await h.until('paused', (e) => e.reason === 'limit', mark)
    h.send({ type: 'get-snapshot', requestId: 9 })
    const { snapshot } = await h.until('snapshot')
    const straight = reference(150)
    const { timeline, ...rest } = snapshot
    expect(rest).toEqual(straight.snapshot())
    // The timeline after the fork is the fork's own, and travels with the snapshot.
    expect(timeline?.entries.at(-1)?.epoch).toBe(150)
    expect(timeline?.entries.find((c) => c.epoch === 130)?.params).toEqual(reference(130).params)
    h.service.dispose()
  })

  it('the recovery copy (withTimeline: false) leaves the timeline out and is otherwise the same', async () => {
    const h = await trainedTo(120)
    h.send({ type: 'get-snapshot', requestId: 5 })
    const full = (await h.until('snapshot')).snapshot
    const mark = h.events.length
    h.send({ type: 'get-snapshot', requestId: 6, withTimeline: false })
    const light = (await h.until('snapshot', undefined, mark)).snapshot
    h.service.dispose()
    expect(full.timeline?.entries.length).toBeGreaterThan(100)
    expect(light.timeline).toBeUndefined()
    const { timeline: _kept, ...rest } = full
    expect(light).toEqual(rest)
  })

  it('a restored snapshot brings its timeline back', async () => {
    const h = await trainedTo(120)
    h.send({ type: 'get-snapshot', requestId: 2 })
    const { snapshot } = await h.until('snapshot')
    h.service.dispose()
    const again = harness()
    again.send({ type: 'set-view', view: { gridSize: 12, neuron: null, live: true } })
    again.send({ type: 'restore', requestId: 3, snapshot })
    await again.until('configured')
    again.send({ type: 'view-epoch', requestId: 4, epoch: 0 })
    const first = await again.until('epoch-view')
    expect(first.view.params).toEqual(TrainingRun.create(config(120)).params)
    again.service.dispose()
  })
})

describe('early stopping in the trainer', () => {
  /** A small noisy problem that overfits, with early stopping after `patience` epochs. */
  function overfitting(patience: number): RunConfig {
    return {
      dataset: {
        kind: 'circles',
        samples: 60,
        noise: 0.35,
        seed: 42,
        testFraction: 0.5,
        classes: 2
      },
      network: {
        layerSizes: [2, 32, 32, 1],
        activations: ['relu', 'relu'],
        output: 'sigmoid',
        init: 'he'
      },
      training: {
        optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.5 },
        batchSize: 'full',
        l1: 0,
        l2: 0,
        epochLimit: 5000,
        earlyStopPatience: patience
      }
    }
  }

  it('pauses where the rule says and shows the best epoch, ready to continue from it', async () => {
    const patience = 50
    // The rule, computed here from a run without early stopping: the first epoch e with
    // e − argmin(testLoss[1..e]) ≥ patience.
    const straight = TrainingRun.create({
      ...overfitting(patience),
      training: { ...overfitting(patience).training, earlyStopPatience: undefined }
    })
    let best = 0
    let bestLoss = Infinity
    let stop = 0
    while (stop === 0) {
      const stats = straight.trainEpoch()
      if ((stats.testLoss as number) < bestLoss) {
        bestLoss = stats.testLoss as number
        best = stats.epoch
      }
      if (stats.epoch - best >= patience) stop = stats.epoch
    }

    const h = harness()
    h.send({ type: 'set-view', view: { gridSize: 12, neuron: null, live: true } })
    h.send({ type: 'configure', requestId: 1, config: overfitting(patience) })
    await h.until('configured')
    const mark = h.events.length
    h.send({ type: 'start' })
    const paused = await h.until('paused', () => true, mark)
    expect(paused.reason).toBe('early-stop')
    expect(paused.epoch).toBe(stop)
    expect(paused.bestEpoch).toBe(best)
    expect(paused.message).toMatch(
      new RegExp(`Stopped early at epoch ${stop}: .* epoch ${best}\\.`)
    )
    // The maps and weights after the pause are the best epoch's.
    await h.until('progress', (e) => e.params !== undefined, mark)
    const atBest = TrainingRun.create(overfitting(patience))
    for (let i = 0; i < best; i++) atBest.trainEpoch()
    const after = h.events.slice(mark).filter((e) => e.type === 'progress' && e.params)
    const last = after.at(-1) as Extract<TrainerEvent, { type: 'progress' }>
    expect(last.shownEpoch).toBe(best)
    expect(last.params).toEqual(atBest.params)
    // Continue from the best epoch: exactly there, even off the timeline's grid.
    h.send({ type: 'fork', requestId: 2, epoch: best })
    const forked = await h.until('configured', (e) => e.requestId === 2)
    expect(forked.summary.epoch).toBe(best)
    expect(forked.summary.params).toEqual(atBest.params)
    h.service.dispose()
  })
})
