import { describe, expect, it, vi } from 'vitest'
import { DEFAULT_OPTIMIZER, TrainingRun } from '../engine'
import type { RunConfig } from '../engine/types'
import type { ProgressEvent, TrainerEvent } from '../protocol/trainerMessages'
import { parseTrainerEvent } from '../protocol/trainerSchemas'
import { unpackHistory, withHistory } from '../protocol/packedHistory'
import {
  DIVERGENCE_WINDOW,
  MEMORY_INTERVAL_MS,
  nextSlot,
  PROGRESS_INTERVAL_MS,
  startTrainerService,
  type TrainerClock
} from './trainerService'

/** Virtual time: every look at the clock costs `costPerLook` ms (how fast "training" is), and
 *  timers run only when the test advances time, in order. */
class FakeClock implements TrainerClock {
  time = 0
  private timers = new Map<number, { at: number; callback: () => void }>()
  private nextId = 1
  constructor(public costPerLook: number) {}
  now(): number {
    this.time += this.costPerLook
    return this.time
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }
  advanceTo(until: number): void {
    for (;;) {
      let nextId = -1
      let nextAt = Infinity
      for (const [id, timer] of this.timers) {
        if (timer.at <= until && timer.at < nextAt) {
          nextAt = timer.at
          nextId = id
        }
      }
      if (nextId < 0) break
      const timer = this.timers.get(nextId)!
      this.timers.delete(nextId)
      this.time = Math.max(this.time, timer.at)
      timer.callback()
    }
    this.time = Math.max(this.time, until)
  }
  advanceBy(ms: number): void {
    this.advanceTo(this.time + ms)
  }
}

function smallConfig(overrides: Partial<RunConfig['training']> = {}): RunConfig {
  return {
    dataset: { kind: 'circles', samples: 40, noise: 0.1, seed: 7, testFraction: 0, classes: 2 },
    network: { layerSizes: [2, 4, 1], activations: ['relu'], output: 'sigmoid', init: 'he' },
    training: {
      optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.1 },
      batchSize: 'full',
      l1: 0,
      l2: 0,
      epochLimit: 1_000_000,
      ...overrides
    }
  }
}

function harness(costPerLook = 0.05) {
  const clock = new FakeClock(costPerLook)
  const log: { at: number; event: TrainerEvent }[] = []
  let handler: (command: unknown) => void = () => {}
  const service = startTrainerService(
    {
      postMessage: (event) => log.push({ at: clock.time, event }),
      onMessage: (h) => (handler = h)
    },
    clock
  )
  const send = (command: unknown): void => handler(command)
  const events = () => log.map((entry) => entry.event)
  const ofType = <T extends TrainerEvent['type']>(type: T) =>
    events().filter((e): e is Extract<TrainerEvent, { type: T }> => e.type === type)
  const progress = () => ofType('progress')
  const epochsSeen = () => progress().flatMap((p) => p.points.map((point) => point.epoch))
  return { clock, log, send, events, ofType, progress, epochsSeen, service }
}

function configured(h: ReturnType<typeof harness>, config = smallConfig(), gridSize = 16): void {
  h.send({ type: 'set-view', view: { gridSize, neuron: null, live: true } })
  h.send({ type: 'configure', requestId: 1, config })
  h.clock.advanceBy(100)
}

describe('trainer service', () => {
  it('says ready, then answers configure with a summary and an initial boundary map', () => {
    const h = harness()
    expect(h.events()[0]).toEqual({ type: 'ready' })
    configured(h)
    const [done] = h.ofType('configured')
    expect(done.requestId).toBe(1)
    expect(done.summary.epoch).toBe(0)
    expect(done.summary.parameterCount).toBe(17)
    expect(done.summary.train.count).toBe(40)
    const reference = TrainingRun.create(smallConfig())
    expect(done.summary.params.weights[0]).toEqual(reference.params.weights[0])
    const first = h.progress()[0]
    expect(first.running).toBe(false)
    expect(first.grid?.values).toBeInstanceOf(Float32Array)
    expect(first.grid?.values.length).toBe(16 * 16)
    expect(first.params?.weights.length).toBe(2)
    expect(first.layers?.length).toBe(2)
    for (const event of h.events()) expect(parseTrainerEvent(event).ok).toBe(true)
  })

  it('reports its memory with the first progress after configure, then about once a second', () => {
    const h = harness()
    configured(h)
    const first = h.progress()[0]
    expect(first.memory?.runBytes).toBeGreaterThan(40 * 20)
    expect(first.memory?.bytes).toBeGreaterThan(0)
    h.send({ type: 'start' })
    h.clock.advanceBy(3000)
    const timed = h.log.filter(
      (entry) => entry.event.type === 'progress' && entry.event.memory !== undefined
    )
    // t ≈ 0 (configure), then one per MEMORY_INTERVAL_MS of the 3 s of training.
    expect(timed.length).toBeGreaterThanOrEqual(3)
    expect(timed.length).toBeLessThanOrEqual(5)
    for (let i = 1; i < timed.length; i++) {
      expect(timed[i].at - timed[i - 1].at).toBeGreaterThanOrEqual(MEMORY_INTERVAL_MS)
    }
    for (const event of h.events()) expect(parseTrainerEvent(event).ok).toBe(true)
  })

  it('start → progress → pause → step → reset', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'start' })
    h.clock.advanceBy(500)
    const whileRunning = h.progress().filter((p) => p.running)
    expect(whileRunning.length).toBeGreaterThan(5)
    expect(whileRunning.at(-1)!.samplesPerSecond).toBeGreaterThan(0)

    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    const paused = h.ofType('paused')
    expect(paused).toHaveLength(1)
    expect(paused[0].reason).toBe('user')
    const epochAtPause = paused[0].epoch
    expect(epochAtPause).toBeGreaterThan(100)
    // Every epoch reached the renderer exactly once, in order, before the pause event.
    expect(h.epochsSeen()).toEqual(Array.from({ length: epochAtPause }, (_, i) => i + 1))
    const pauseIndex = h.events().indexOf(paused[0])
    expect(
      h
        .events()
        .slice(pauseIndex + 1)
        .some((e) => e.type === 'progress')
    ).toBe(false)

    // Paused means paused: time passes, nothing trains.
    const countBefore = h.log.length
    h.clock.advanceBy(1000)
    expect(h.log.length).toBe(countBefore)

    h.send({ type: 'step' })
    h.clock.advanceBy(100)
    const stepped = h.ofType('paused').at(-1)!
    expect(stepped).toMatchObject({ reason: 'step', epoch: epochAtPause + 1 })
    expect(h.epochsSeen().at(-1)).toBe(epochAtPause + 1)

    // Reset is configuring the same settings again: same seed, same first weights, no history.
    h.send({ type: 'configure', requestId: 2, config: smallConfig() })
    h.clock.advanceBy(100)
    const again = h.ofType('configured').at(-1)!
    expect(again.requestId).toBe(2)
    expect(again.summary.epoch).toBe(0)
    expect(again.summary.history).toEqual([])
    expect(again.summary.params).toEqual(h.ofType('configured')[0].summary.params)
  })

  it('throttles progress to 30/s on average under fast training, batching every epoch', () => {
    const h = harness(0.04)
    h.send({ type: 'set-view', view: { gridSize: 16, neuron: null, live: false } })
    h.send({ type: 'configure', requestId: 1, config: smallConfig() })
    h.send({ type: 'start' })
    h.clock.advanceBy(2000)
    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    const times = h.log.filter((entry) => entry.event.type === 'progress').map((entry) => entry.at)
    // A late event is made up for by the next (nextSlot), so gaps can be a little short, never
    // below half an interval; any one-second window holds at most one event over 30.
    for (let i = 1; i < times.length; i++) {
      expect(times[i] - times[i - 1]).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS / 2)
    }
    for (const start of times) {
      expect(times.filter((t) => t >= start && t < start + 1000).length).toBeLessThanOrEqual(31)
    }
    const running = times.filter((t) => t <= 2000)
    expect(running.length).toBeGreaterThanOrEqual(58)
    expect(running.length).toBeLessThanOrEqual(61)
    const epoch = h.ofType('paused')[0].epoch
    expect(epoch).toBeGreaterThan(5_000)
    expect(h.epochsSeen()).toEqual(Array.from({ length: epoch }, (_, i) => i + 1))
    // Not live: no grids while running.
    expect(h.progress().filter((p) => p.running && p.grid)).toHaveLength(0)
  })

  it('sends fresh maps with every progress event while live (~30/s), plus the hovered neuron', () => {
    const h = harness(0.05)
    h.send({ type: 'set-view', view: { gridSize: 12, neuron: { layer: 0, index: 3 }, live: true } })
    h.send({ type: 'configure', requestId: 1, config: smallConfig() })
    h.send({ type: 'start' })
    h.clock.advanceBy(1000)
    const withGrid = h.log.filter(
      (entry) => entry.event.type === 'progress' && entry.event.running && entry.event.grid
    )
    // Slices end when progress falls due, so the rhythm is the rate limit's, not the slices'.
    expect(withGrid.length).toBeGreaterThanOrEqual(29)
    expect(withGrid.length).toBeLessThanOrEqual(31)
    for (let i = 1; i < withGrid.length; i++) {
      const gap = withGrid[i].at - withGrid[i - 1].at
      expect(gap).toBeGreaterThanOrEqual(PROGRESS_INTERVAL_MS / 2)
      expect(gap).toBeLessThan(PROGRESS_INTERVAL_MS + 1)
    }
    const span = withGrid.at(-1)!.at - withGrid[0].at
    expect(span / (withGrid.length - 1)).toBeCloseTo(PROGRESS_INTERVAL_MS, 0)
    const event = withGrid.at(-1)!.event as ProgressEvent
    expect(event.grid!.values.length).toBe(144)
    expect(event.neuronGrid).toMatchObject({ layer: 0, index: 3, width: 12, height: 12 })
    // Weights and inspection ride along about every LIVE_DETAILS_INTERVAL_MS (100 ms), not 30/s.
    const details = withGrid.filter((entry) => (entry.event as ProgressEvent).params)
    expect(details.length).toBeGreaterThanOrEqual(9)
    expect(details.length).toBeLessThanOrEqual(11)
    const last = details.at(-1)!.event as ProgressEvent
    expect(last.layers!.map((l) => l.layer)).toEqual([0, 1])
    expect(last.params!.weights).toHaveLength(2)
  })

  it('spaces live maps out when they are slow to build, so training keeps ≥ 90% of the time', () => {
    // Each look at the clock costs 10 ms: an epoch "takes" 10 ms and so does building a map.
    const h = harness(10)
    h.send({ type: 'set-view', view: { gridSize: 8, neuron: null, live: true } })
    h.send({ type: 'configure', requestId: 1, config: smallConfig() })
    h.send({ type: 'start' })
    h.clock.advanceBy(5000)
    const withGrid = h.log.filter(
      (entry) => entry.event.type === 'progress' && entry.event.running && entry.event.grid
    )
    expect(withGrid.length).toBeGreaterThan(5)
    // On average a 10 ms map is followed by ≥ 90 ms without one (a late map is made up for by
    // the next, which may come after as little as half of that).
    const later = withGrid.slice(1)
    const span = later.at(-1)!.at - later[0].at
    // (less one 10 ms look that the last map may be early against its slot, spread over them all)
    expect(span / (later.length - 1)).toBeGreaterThanOrEqual(9 * 10 - 10 / (later.length - 1))
    for (let i = 1; i < later.length; i++) {
      expect(later[i].at - later[i - 1].at).toBeGreaterThanOrEqual((9 * 10) / 2)
    }
    // The loss curve still gets its points at least every ~100 ms in between.
    const progress = h.log.filter((entry) => entry.event.type === 'progress').map((e) => e.at)
    for (let i = 2; i < progress.length; i++) {
      expect(progress[i] - progress[i - 1]).toBeLessThanOrEqual(100 + 2 * 10)
    }
  })

  it('sends the current weights’ training loss and accuracy with every map and after a pause', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'start' })
    h.clock.advanceBy(300)
    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    const withMaps = h.progress().filter((p) => p.grid)
    expect(withMaps.length).toBeGreaterThan(3)
    for (const p of withMaps) expect(p.current?.epoch).toBe(p.epoch)
    // After the pause: the weights after the last update, which the next epoch would measure
    // (full batch) before its own update.
    const last = h.progress().at(-1)!
    const reference = TrainingRun.create(smallConfig())
    for (let i = 0; i < last.epoch; i++) reference.trainEpoch()
    expect(last.current).toEqual({ epoch: last.epoch, ...reference.evaluate(reference.train) })
    expect(reference.trainEpoch().loss).toBe(last.current!.loss)
    // The epoch's own record keeps the notebook's "before the update" loss.
    const lastRecord = h
      .progress()
      .flatMap((p) => p.points)
      .at(-1)!
    expect(lastRecord.epoch).toBe(last.epoch)
    expect(lastRecord.loss).not.toBe(last.current!.loss)

    // Without live maps they still come, spaced out (≥ 100 ms apart), and after the pause.
    h.send({ type: 'set-view', view: { gridSize: 16, neuron: null, live: false } })
    const before = h.progress().length
    h.send({ type: 'start' })
    h.clock.advanceBy(1000)
    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    const offline = h.progress().slice(before)
    expect(offline.some((p) => p.grid)).toBe(false)
    const stats = offline.filter((p) => p.current)
    expect(stats.length).toBeGreaterThanOrEqual(5)
    expect(stats.length).toBeLessThan(offline.length)
    expect(offline.at(-1)!.current?.epoch).toBe(h.ofType('paused').at(-1)!.epoch)
    for (const event of h.events()) expect(parseTrainerEvent(event).ok).toBe(true)
  })

  it('pauses at the epoch limit with the final accuracy', () => {
    const h = harness()
    configured(h, smallConfig({ epochLimit: 300 }))
    h.send({ type: 'start' })
    h.clock.advanceBy(2000)
    const [paused] = h.ofType('paused')
    expect(paused.reason).toBe('limit')
    expect(paused.epoch).toBe(300)
    const reference = TrainingRun.create(smallConfig({ epochLimit: 300 }))
    for (let i = 0; i < 300; i++) reference.trainEpoch()
    expect(paused.finalAccuracy).toBe(reference.evaluate(reference.train).accuracy)
    expect(h.epochsSeen()).toHaveLength(300)
    // Start at the limit: it says so instead of training on.
    h.send({ type: 'start' })
    h.clock.advanceBy(100)
    expect(h.ofType('paused').at(-1)).toMatchObject({ reason: 'limit', epoch: 300 })
    expect(h.ofType('paused').at(-1)!.message).toMatch(/epoch limit/)
  })

  it('pauses a run that diverges at learning rate 50 and names the cause', () => {
    // Each look at the clock costs 1 ms here, so 3 virtual seconds are at most ~1500 epochs.
    const h = harness(1)
    const config = smallConfig()
    config.dataset.samples = 400
    config.network = {
      layerSizes: [2, 16, 16, 16, 1],
      activations: ['sigmoid', 'sigmoid', 'sigmoid'],
      output: 'sigmoid',
      init: 'he'
    }
    config.training.optimizer.learningRate = 50
    configured(h, config)
    h.send({ type: 'start' })
    h.clock.advanceBy(3000)
    const paused = h.ofType('paused')
    expect(paused).toHaveLength(1)
    expect(paused[0].reason).toBe('diverged')
    expect(paused[0].epoch).toBeGreaterThanOrEqual(DIVERGENCE_WINDOW)
    expect(paused[0].epoch).toBeLessThan(500)
    expect(paused[0].message).toMatch(/learning rate 50 is probably too high/)
    for (const p of h.progress()) {
      for (const point of p.points) expect(Number.isFinite(point.loss)).toBe(true)
    }
    // Start again unchanged: refused with what to do. A lower learning rate lets it train on.
    h.send({ type: 'start' })
    h.clock.advanceBy(100)
    expect(h.ofType('paused').at(-1)).toMatchObject({ reason: 'diverged', epoch: paused[0].epoch })
    expect(h.ofType('paused').at(-1)!.message).toMatch(/lower the learning rate, or press Reset/)
    h.send({
      type: 'update-training',
      training: {
        ...config.training,
        optimizer: { ...config.training.optimizer, learningRate: 0.1 }
      }
    })
    h.send({ type: 'step' })
    h.clock.advanceBy(100)
    expect(h.ofType('paused').at(-1)).toMatchObject({ reason: 'step', epoch: paused[0].epoch + 1 })
    // The same settings at a sane learning rate train on without a pause.
    const calm = harness(1)
    config.training.optimizer.learningRate = 0.5
    configured(calm, config)
    calm.send({ type: 'start' })
    calm.clock.advanceBy(600)
    expect(calm.epochsSeen().length).toBeGreaterThan(4 * DIVERGENCE_WINDOW)
    expect(calm.ofType('paused')).toHaveLength(0)
  })

  it('answers malformed commands with an error event and keeps working', () => {
    const h = harness()
    const bad: unknown[] = [
      null,
      42,
      'start',
      {},
      { type: 'launch-rockets' },
      { type: 'configure', requestId: 5 },
      {
        type: 'configure',
        requestId: 6,
        config: { ...smallConfig(), network: { layerSizes: [2] } }
      },
      { type: 'set-view', view: { gridSize: 100_000, neuron: null, live: true } },
      { type: 'predict', requestId: 7, x: new Float64Array(3), count: 2 },
      { type: 'predict', requestId: 8, x: [0, 0], count: 1 },
      { type: 'update-training', training: { ...smallConfig().training, epochLimit: -1 } },
      { type: 'restore', requestId: 9, snapshot: { config: smallConfig() } },
      {
        type: 'configure',
        requestId: 10,
        config: smallConfig(),
        data: { x: new Float64Array([0, NaN]), labels: new Int32Array([0]), count: 1, classes: 2 }
      }
    ]
    for (const command of bad) h.send(command)
    const errors = h.ofType('error')
    expect(errors).toHaveLength(bad.length)
    for (const error of errors) {
      expect(error.message).toMatch(/^The trainer refused a command: .+\.$/)
    }
    expect(errors.map((e) => e.requestId)).toEqual([
      ...Array(5).fill(undefined),
      5,
      6,
      undefined,
      7,
      8,
      undefined,
      9,
      10
    ])
    expect(errors[7].message).toContain('view.gridSize')
    // Commands that are valid but impossible get a sentence too.
    h.send({ type: 'start' })
    expect(h.ofType('error').at(-1)!.message).toMatch(/no run yet/)
    const config = smallConfig()
    config.network.activations = []
    h.send({ type: 'configure', requestId: 11, config })
    expect(h.ofType('error').at(-1)).toMatchObject({ requestId: 11 })
    // And the trainer still works.
    configured(h)
    h.send({ type: 'step' })
    h.clock.advanceBy(100)
    expect(h.ofType('paused').at(-1)).toMatchObject({ reason: 'step', epoch: 1 })
  })

  it('snapshots, restores exactly and predicts', () => {
    const h = harness()
    configured(h)
    for (let i = 0; i < 25; i++) h.send({ type: 'step' })
    h.send({ type: 'get-snapshot', requestId: 3 })
    const [{ snapshot }] = h.ofType('snapshot')
    expect(snapshot.epoch).toBe(25)

    const other = harness()
    other.send({ type: 'restore', requestId: 4, snapshot })
    expect(other.ofType('configured')[0].summary.epoch).toBe(25)
    for (let i = 0; i < 10; i++) {
      h.send({ type: 'step' })
      other.send({ type: 'step' })
    }
    h.send({ type: 'get-snapshot', requestId: 5 })
    other.send({ type: 'get-snapshot', requestId: 5 })
    expect(other.ofType('snapshot')[0].snapshot.params).toEqual(
      h.ofType('snapshot')[1].snapshot.params
    )

    const x = new Float64Array([0, 0, 2, 2])
    h.send({ type: 'predict', requestId: 6, x, count: 2 })
    const [predictions] = h.ofType('predictions')
    expect(predictions.requestId).toBe(6)
    expect(predictions.probabilities.length).toBe(2)
    for (const p of predictions.probabilities) expect(p).toBeGreaterThanOrEqual(0)
  })

  it('stops posting after dispose', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'start' })
    h.clock.advanceBy(100)
    h.service.dispose()
    const count = h.log.length
    h.clock.advanceBy(1000)
    h.send({ type: 'step' })
    expect(h.log.length).toBe(count)
  })
})

describe('trainer service with the real clock', () => {
  it('trains in slices and pauses promptly', async () => {
    const events: TrainerEvent[] = []
    let handler: (command: unknown) => void = () => {}
    const service = startTrainerService({
      postMessage: (event) => events.push(event),
      onMessage: (h) => (handler = h)
    })
    handler({ type: 'set-view', view: { gridSize: 8, neuron: null, live: true } })
    handler({ type: 'configure', requestId: 1, config: smallConfig() })
    handler({ type: 'start' })
    await new Promise((resolve) => setTimeout(resolve, 150))
    handler({ type: 'pause' })
    await new Promise((resolve) => setTimeout(resolve, 60))
    service.dispose()
    const paused = events.filter((e) => e.type === 'paused')
    expect(paused).toHaveLength(1)
    expect(paused[0].epoch).toBeGreaterThan(0)
    const points = events.flatMap((e) => (e.type === 'progress' ? e.points : []))
    expect(points.map((p) => p.epoch)).toEqual(
      Array.from({ length: paused[0].epoch }, (_, i) => i + 1)
    )
  })
})

describe('nextSlot (the progress and map rhythm)', () => {
  it('keeps the rhythm of due times, makes up a slightly late event, restarts after a long wait', () => {
    expect(nextSlot(100, 30, 130)).toBe(130) // on time
    expect(nextSlot(100, 30, 140)).toBe(130) // 10 ms late: the next is due at 160, not 170
    expect(nextSlot(100, 30, 145)).toBe(130) // exactly half an interval late: still made up
    expect(nextSlot(100, 30, 146)).toBe(146) // later than that: a fresh start
    expect(nextSlot(-Infinity, 30, 5)).toBe(5) // the first event
  })
})

describe('trainer service: slow motion (set-pace)', () => {
  it('trains at the pace asked, one progress event per epoch, every epoch reported', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'set-pace', epochsPerSecond: 4 })
    h.send({ type: 'start' })
    h.clock.advanceBy(2500)
    // 4 epochs/s for 2.5 s: epochs at t = 0, 0.25, …, 2.5 s → 11 at most (the first is at once).
    const seen = h.epochsSeen()
    expect(seen.length).toBeGreaterThanOrEqual(9)
    expect(seen.length).toBeLessThanOrEqual(11)
    expect(seen).toEqual(Array.from({ length: seen.length }, (_, i) => i + 1))
    // Each epoch goes out on its own: the learner sees the map after every update.
    const running = h.progress().filter((p) => p.points.length > 0)
    expect(Math.max(...running.map((p) => p.points.length))).toBe(1)
  })

  it('switches back to full speed, and a new pace applies at once while running', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'set-pace', epochsPerSecond: 2 })
    h.send({ type: 'start' })
    h.clock.advanceBy(1000)
    const slow = h.epochsSeen().length
    expect(slow).toBeLessThanOrEqual(3)
    h.send({ type: 'set-pace', epochsPerSecond: null })
    h.clock.advanceBy(1000)
    expect(h.epochsSeen().length).toBeGreaterThan(slow + 100)
    h.send({ type: 'set-pace', epochsPerSecond: 10 })
    // The fast epochs still waiting for their progress event go out first.
    h.clock.advanceBy(100)
    const before = h.epochsSeen().length
    h.clock.advanceBy(1000)
    const paced = h.epochsSeen().length - before
    // About 10 epochs in that second, however fast the machine.
    expect(paced).toBeGreaterThanOrEqual(8)
    expect(paced).toBeLessThanOrEqual(12)
  })

  it('pauses promptly in slow motion and does not burst to catch up after a pause', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'set-pace', epochsPerSecond: 5 })
    h.send({ type: 'start' })
    h.clock.advanceBy(1000)
    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    const paused = h.epochsSeen().length
    h.clock.advanceBy(5000)
    expect(h.epochsSeen().length).toBe(paused)
    h.send({ type: 'start' })
    h.clock.advanceBy(1000)
    // One second more at 5/s: about 5 (+1) epochs, not the 25 the pause "saved up".
    expect(h.epochsSeen().length - paused).toBeLessThanOrEqual(7)
    expect(h.epochsSeen().length - paused).toBeGreaterThanOrEqual(4)
  })

  it('refuses a pace outside the limits', () => {
    const h = harness()
    h.send({ type: 'set-pace', epochsPerSecond: 0 })
    h.send({ type: 'set-pace', epochsPerSecond: 1e9 })
    expect(h.ofType('error').length).toBe(2)
  })

  it('set-parameter: a typed weight and bias go into the live run at once, with fresh maps', () => {
    const h = harness()
    configured(h)
    const before = h.progress().at(-1)!
    const count = h.log.length
    // W[0][from 1, neuron 2] and the output neuron's bias, while paused.
    h.send({ type: 'set-parameter', layer: 0, from: 1, neuron: 2, value: 2.5 })
    h.send({ type: 'set-parameter', layer: 1, neuron: 0, value: -0.75 })
    h.clock.advanceBy(100)
    expect(h.ofType('error')).toEqual([])
    const after = h.progress().at(-1)!
    expect(h.log.length).toBeGreaterThan(count)
    expect(after.params!.weights[0][1 * 4 + 2]).toBe(2.5)
    expect(after.params!.biases[1][0]).toBe(-0.75)
    expect(Array.from(after.grid!.values)).not.toEqual(Array.from(before.grid!.values))

    // The edited run trains on from the edited weights: one step equals the engine's own run
    // with the same two values set before its first epoch.
    const reference = TrainingRun.create(smallConfig())
    reference.params.weights[0][6] = 2.5
    reference.params.biases[1][0] = -0.75
    expect(after.current!.loss).toBeCloseTo(reference.evaluate(reference.train).loss, 12)
    const stats = reference.trainEpoch()
    h.send({ type: 'step' })
    h.clock.advanceBy(100)
    expect(h.progress().at(-1)!.points.at(-1)!.loss).toBe(stats.loss)
    h.send({ type: 'get-snapshot', requestId: 5 })
    const saved = h.ofType('snapshot').at(-1)!.snapshot
    expect(saved.params).toEqual(reference.params)
  })

  it('set-parameter while training keeps training, and names a parameter that does not exist', () => {
    const h = harness()
    configured(h)
    h.send({ type: 'start' })
    h.clock.advanceBy(200)
    h.send({ type: 'set-parameter', layer: 0, from: 0, neuron: 0, value: 7 })
    h.send({ type: 'pause' })
    h.clock.advanceBy(100)
    // The pause came right after the edit: no epoch trained in between.
    h.send({ type: 'get-snapshot', requestId: 6 })
    expect(h.ofType('snapshot').at(-1)!.snapshot.params.weights[0][0]).toBe(7)
    expect(h.ofType('error')).toEqual([])
    h.send({ type: 'set-parameter', layer: 2, neuron: 0, value: 1 })
    h.send({ type: 'set-parameter', layer: 0, neuron: 4, value: 1 })
    h.send({ type: 'set-parameter', layer: 1, from: 4, neuron: 0, value: 1 })
    h.send({ type: 'set-parameter', layer: 0, neuron: 0, value: 1e6 })
    h.send({ type: 'set-parameter', layer: 0, neuron: 0, value: Number.NaN })
    expect(h.ofType('error').map((e) => e.message)).toEqual([
      'This network has 2 weight layers; there is no layer 3.',
      'Layer 1 feeds 4 neurons; there is no neuron 5.',
      'Layer 2 reads 4 neurons; there is no neuron 5 to read from.',
      'The trainer refused a command: value must be at most 1000.',
      expect.stringMatching(/^The trainer refused a command: .*value/)
    ])
  })
})

/** A trainer service on a port that delivers as a MessagePort would: the buffers it lists are
 *  moved (detached on this side); `moved[i]` is the transfer list of `events[i]`. */
function movingPortService() {
  const events: TrainerEvent[] = []
  const moved: ArrayBuffer[][] = []
  let received: (command: unknown) => void = () => {}
  const service = startTrainerService({
    movesBuffers: true,
    postMessage: (event, transfer = []) => {
      moved.push(transfer)
      events.push(structuredClone(event, { transfer }))
    },
    onMessage: (h) => (received = h)
  })
  return { events, moved, service, handler: (command: unknown) => received(command) }
}

describe('trainer service on a port that copies and packs (Electron’s MessagePortMain)', () => {
  it('sends progress epochs and the snapshot’s history packed, and moves nothing', async () => {
    const events: TrainerEvent[] = []
    const transfers: (ArrayBuffer[] | undefined)[] = []
    let received: (command: unknown) => void = () => {}
    const service = startTrainerService({
      packsEpochs: true,
      postMessage: (event, transfer) => {
        transfers.push(transfer)
        events.push(structuredClone(event))
      },
      onMessage: (h) => (received = h)
    })
    const config = smallConfig()
    config.training.epochLimit = 6
    received({ type: 'set-view', view: { gridSize: 8, neuron: null, live: true } })
    received({ type: 'configure', requestId: 1, config })
    received({ type: 'start' })
    await vi.waitFor(() => expect(events.some((e) => e.type === 'paused')).toBe(true), {
      timeout: 10_000
    })
    received({ type: 'get-snapshot', requestId: 2, withTimeline: false })
    const reference = TrainingRun.create(config)
    for (let i = 0; i < 6; i++) reference.trainEpoch()

    const progress = events.filter((e) => e.type === 'progress')
    expect(progress.length).toBeGreaterThan(0)
    // No epoch objects cross: an event's epochs, if it has any, are packed.
    expect(progress.every((e) => e.points.length === 0)).toBe(true)
    expect(progress.filter((e) => e.packedPoints).length).toBeGreaterThan(0)
    const points = progress.flatMap((e) => {
      const unpacked = withHistory(e)
      return unpacked.type === 'progress' ? unpacked.points : []
    })
    expect(points).toEqual(reference.history)

    const snapshot = events.find((e) => e.type === 'snapshot')
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot event')
    expect(snapshot.snapshot.history).toEqual([])
    expect(unpackHistory(snapshot.packedHistory!)).toEqual(reference.history)
    // A port that copies is handed no transfer lists.
    expect(transfers.every((transfer) => transfer === undefined)).toBe(true)
    service.dispose()
  })
})

describe('trainer service on a port that moves buffers (the browser build)', () => {
  it('moves copies of the points with configured and snapshot, and keeps training on its own', async () => {
    const { events, moved, handler, service } = movingPortService()
    const config = smallConfig()
    config.training.epochLimit = 5
    handler({ type: 'set-view', view: { gridSize: 8, neuron: null, live: false } })
    handler({ type: 'configure', requestId: 1, config })
    const configured = events.find((e) => e.type === 'configured')
    if (configured?.type !== 'configured') throw new Error('no configured event')
    const { train, test } = configured.summary
    const index = events.indexOf(configured)
    expect(moved[index]).toHaveLength(4) // x and labels of train and test
    expect(moved[index].every((buffer) => buffer.byteLength === 0)).toBe(true) // detached here
    expect(train.x.length).toBe(2 * train.count)
    expect(test.labels.length).toBe(test.count)

    handler({ type: 'start' })
    await vi.waitFor(() => expect(events.some((e) => e.type === 'paused')).toBe(true), {
      timeout: 10_000
    })
    const paused = events.find((e) => e.type === 'paused')
    expect(paused).toMatchObject({ reason: 'limit', epoch: 5 })
    const reference = TrainingRun.create(config)
    for (let i = 0; i < 5; i++) reference.trainEpoch()
    // Each progress event's epochs come packed, beside an empty list; the window unpacks them.
    const progress = events.filter((e) => e.type === 'progress')
    expect(progress.every((e) => e.points.length === 0)).toBe(true)
    const points = progress.flatMap((e) => {
      const unpacked = withHistory(e)
      return unpacked.type === 'progress' ? unpacked.points : []
    })
    expect(points).toEqual(reference.history)

    handler({ type: 'get-snapshot', requestId: 2, withTimeline: false })
    const snapshot = events.find((e) => e.type === 'snapshot')
    if (snapshot?.type !== 'snapshot') throw new Error('no snapshot event')
    expect(Array.from(snapshot.snapshot.train.x)).toEqual(Array.from(train.x))
    // The points (x and labels of train and test) and the packed history (values and flags).
    expect(moved[events.indexOf(snapshot)]).toHaveLength(6)
    expect(snapshot.snapshot.history).toEqual([])
    expect(unpackHistory(snapshot.packedHistory!)).toEqual(reference.history)
    expect(withHistory(snapshot)).toMatchObject({ snapshot: { history: reference.history } })
    service.dispose()
  })

  it('moves each live progress event’s map and weight copies, and the run is not touched', async () => {
    const { events, moved, handler, service } = movingPortService()
    const config = smallConfig()
    config.training.epochLimit = 5
    handler({ type: 'set-view', view: { gridSize: 8, neuron: { layer: 0, index: 1 }, live: true } })
    handler({ type: 'configure', requestId: 1, config })
    handler({ type: 'start' })
    await vi.waitFor(() => expect(events.some((e) => e.type === 'paused')).toBe(true), {
      timeout: 10_000
    })
    const withMaps = events.flatMap((e, i) =>
      e.type === 'progress' && e.grid && e.params ? [{ event: e, transfer: moved[i] }] : []
    )
    expect(withMaps.length).toBeGreaterThan(0)
    const { event, transfer } = withMaps.at(-1)!
    // The map, the neuron's map, every weight and bias array, and the packed epochs (values and
    // flags): moved (detached on this side).
    const weightArrays = event.params!.weights.length + event.params!.biases.length
    expect(transfer).toHaveLength(2 + weightArrays + (event.packedPoints ? 2 : 0))
    expect(transfer.every((buffer) => buffer.byteLength === 0)).toBe(true)
    // What arrived is the run's map and weights at that epoch.
    const reference = TrainingRun.create(config)
    for (let i = 0; i < event.epoch; i++) reference.trainEpoch()
    expect(Array.from(event.grid!.values)).toEqual(Array.from(reference.boundaryGrid(8, 8).values))
    expect(Array.from(event.neuronGrid!.values)).toEqual(
      Array.from(reference.neuronGrid(0, 1, 8, 8).values)
    )
    expect(event.params!.weights.map((w) => Array.from(w))).toEqual(
      reference.params.weights.map((w) => Array.from(w))
    )
    // The run kept its own arrays: it trained on to the limit, as a run alone does.
    for (let i = event.epoch; i < 5; i++) reference.trainEpoch()
    const points = events.flatMap((e) => {
      const unpacked = withHistory(e)
      return unpacked.type === 'progress' ? unpacked.points : []
    })
    expect(points.map((p) => p.loss)).toEqual(reference.history.map((h) => h.loss))
    service.dispose()
  })
})
