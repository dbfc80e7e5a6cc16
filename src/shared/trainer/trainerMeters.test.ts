// The trainer sends the training meters only while the view asks for them, every epoch's.
import { describe, expect, it } from 'vitest'
import { DEFAULT_OPTIMIZER, TrainingRun } from '../engine'
import type { RunConfig } from '../engine/types'
import type { ProgressEvent, TrainerEvent } from '../protocol/trainerMessages'
import { parseTrainerEvent } from '../protocol/trainerSchemas'
import { startTrainerService } from './trainerService'

const config: RunConfig = {
  dataset: { kind: 'circles', samples: 40, noise: 0.1, seed: 7, testFraction: 0, classes: 2 },
  network: {
    layerSizes: [2, 4, 3, 1],
    activations: ['relu', 'tanh'],
    output: 'sigmoid',
    init: 'he'
  },
  training: {
    optimizer: { ...DEFAULT_OPTIMIZER, learningRate: 0.1 },
    batchSize: 'full',
    l1: 0,
    l2: 0,
    epochLimit: 1_000_000
  }
}

/** A service with virtual time that never advances by itself: only `step` commands train. */
function service() {
  const events: TrainerEvent[] = []
  let handler: (command: unknown) => void = () => {}
  let time = 0
  const timers: (() => void)[] = []
  startTrainerService(
    { postMessage: (e) => events.push(e), onMessage: (h) => (handler = h) },
    {
      now: () => (time += 0.01),
      setTimeout: (callback: () => void) => timers.push(callback),
      clearTimeout: () => {}
    }
  )
  const send = (command: unknown): void => {
    handler(command)
    while (timers.length > 0) timers.shift()?.()
  }
  const progress = () => events.filter((e): e is ProgressEvent => e.type === 'progress')
  return { events, send, progress }
}

describe('trainer meters', () => {
  it('sends each epoch’s meters while the view asks, and none otherwise', () => {
    const s = service()
    s.send({ type: 'set-view', view: { gridSize: 16, neuron: null, live: false, meters: true } })
    s.send({ type: 'configure', requestId: 1, config })
    for (let i = 0; i < 3; i++) s.send({ type: 'step' })
    const records = s.progress().flatMap((p) => p.meters ?? [])
    expect(records.map((r) => r.epoch)).toEqual([1, 2, 3])
    // The engine's own numbers for the same epochs.
    const reference = TrainingRun.create(config)
    reference.enableMeters(true)
    for (const record of records) {
      reference.trainEpoch()
      expect(record).toEqual({ epoch: reference.epoch, ...reference.lastMeters })
    }
    for (const event of s.events) expect(parseTrainerEvent(event).ok).toBe(true)

    s.send({ type: 'set-view', view: { gridSize: 16, neuron: null, live: false, meters: false } })
    s.send({ type: 'step' })
    const after = s.progress().filter((p) => p.points.some((point) => point.epoch === 4))
    expect(after).not.toHaveLength(0)
    expect(after.every((p) => p.meters === undefined)).toBe(true)
  })
})
