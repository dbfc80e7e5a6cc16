// The trainer's 'trace' command: the next epoch's step-through of a paused run, without training
// it; 'step' then trains exactly that epoch.
import { describe, expect, it } from 'vitest'
import { MAX_TRACE_ROWS, SEED_NOTEBOOK, traceNextEpoch, TrainingRun } from '../engine'
import type { TrainerEvent } from '../protocol/trainerMessages'
import { parseTrainerEvent } from '../protocol/trainerSchemas'
import { startTrainerService, type TrainerClock } from './trainerService'

/** Virtual time that moves only when the test runs the due timers. */
class StepClock implements TrainerClock {
  time = 0
  private timers: { at: number; callback: () => void }[] = []
  now(): number {
    return (this.time += 0.01)
  }
  setTimeout(callback: () => void, ms: number): unknown {
    const timer = { at: this.time + ms, callback }
    this.timers.push(timer)
    return timer
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((t) => t !== handle)
  }
  /** Runs every timer due within `ms` from now (and those they set), in order. */
  advance(ms: number): void {
    const until = this.time + ms
    for (;;) {
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0]
      if (!due) break
      this.timers = this.timers.filter((t) => t !== due)
      this.time = Math.max(this.time, due.at)
      due.callback()
    }
    this.time = until
  }
}

function trainer() {
  const clock = new StepClock()
  const events: TrainerEvent[] = []
  let handler: (command: unknown) => void = () => {}
  startTrainerService(
    { postMessage: (event) => events.push(event), onMessage: (h) => (handler = h) },
    clock
  )
  /** Sends a command, then lets `ms` of virtual time pass. */
  const send = (command: unknown, ms = 100): void => {
    handler(command)
    clock.advance(ms)
  }
  const ofType = <T extends TrainerEvent['type']>(type: T) =>
    events.filter((e): e is Extract<TrainerEvent, { type: T }> => e.type === type)
  return { clock, events, send, ofType }
}

describe("trainer 'trace'", () => {
  it('answers a paused run with the next epoch’s trace, and step then trains that epoch', () => {
    const t = trainer()
    t.send({ type: 'configure', requestId: 1, config: SEED_NOTEBOOK })
    t.send({ type: 'step' })
    t.send({ type: 'step' })
    t.send({ type: 'trace', requestId: 2 })
    const [reply] = t.ofType('trace')
    expect(reply.requestId).toBe(2)
    expect(parseTrainerEvent(reply).ok).toBe(true)
    const local = TrainingRun.create(SEED_NOTEBOOK)
    local.trainEpoch()
    local.trainEpoch()
    expect(reply.trace).toEqual(traceNextEpoch(local, { rowLimit: MAX_TRACE_ROWS }))
    expect(reply.trace.epoch).toBe(3)
    // Tracing trained nothing: the next step is epoch 3, with the traced epoch's loss.
    t.send({ type: 'trace', requestId: 3 })
    expect(t.ofType('trace')[1].trace.epoch).toBe(3)
    t.send({ type: 'step' })
    expect(t.ofType('paused').at(-1)).toMatchObject({ reason: 'step', epoch: 3 })
    const stepped = t.ofType('progress').flatMap((p) => p.points)
    expect(stepped.map((p) => p.epoch)).toEqual([1, 2, 3])
    expect(stepped[2].loss).toBe(reply.trace.lossBefore)
    t.send({ type: 'get-snapshot', requestId: 4 })
    const weights = t.ofType('snapshot')[0].snapshot.params.weights
    reply.trace.layers.forEach((layer, l) => expect(weights[l]).toEqual(layer.Wafter))
  })

  it('refuses while running, and with no run; keeps at most MAX_TRACE_ROWS rows', () => {
    const t = trainer()
    t.send({ type: 'trace', requestId: 1 })
    expect(t.ofType('error').at(-1)).toEqual({
      type: 'error',
      requestId: 1,
      message: 'There is no run to step through yet.'
    })
    const big = {
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, samples: MAX_TRACE_ROWS + 200 },
      training: { ...SEED_NOTEBOOK.training, epochLimit: 1_000_000 }
    }
    t.send({ type: 'configure', requestId: 2, config: big })
    t.send({ type: 'start' }, 0)
    t.send({ type: 'trace', requestId: 3 }, 0)
    expect(t.ofType('error').at(-1)).toEqual({
      type: 'error',
      requestId: 3,
      message: 'Pause the run first: the step-through shows the next epoch of a paused run.'
    })
    t.send({ type: 'pause' })
    t.send({ type: 'trace', requestId: 4 })
    const [reply] = t.ofType('trace')
    expect(reply.trace.m).toBe(MAX_TRACE_ROWS + 200)
    expect(reply.trace.rows.length).toBe(MAX_TRACE_ROWS)
    expect(reply.trace.layers[0].z.length).toBe(MAX_TRACE_ROWS * 16)
  })
})
