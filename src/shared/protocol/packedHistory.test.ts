import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '../engine'
import type { RunSnapshot } from '../engine/types'
import { packHistory, splitHistory, withHistory } from './packedHistory'
import type { TrainerEvent } from './trainerMessages'

function trained(epochs: number): RunSnapshot {
  const run = TrainingRun.create(structuredClone(SEED_NOTEBOOK))
  for (let i = 0; i < epochs; i++) run.trainEpoch()
  return run.snapshot()
}

/** The snapshot event a moving port sends: the history as flat arrays beside an empty one. */
function packedEvent(snapshot: RunSnapshot): Extract<TrainerEvent, { type: 'snapshot' }> {
  return {
    type: 'snapshot',
    requestId: 1,
    snapshot: { ...snapshot, history: [] },
    packedHistory: packHistory(snapshot.history)
  }
}

describe('packed history', () => {
  it('a packed snapshot reads back its epochs, as a clone and a spread do', () => {
    const original = trained(30)
    const event = withHistory(packedEvent(original))
    if (event.type !== 'snapshot') throw new Error('not a snapshot')
    expect(event).not.toHaveProperty('packedHistory')
    expect(event.snapshot.history).toEqual(original.history)
    // The same array on every read (unpacked once).
    expect(event.snapshot.history).toBe(event.snapshot.history)
    expect(structuredClone(event.snapshot)).toEqual(original)
    expect({ ...event.snapshot }).toEqual(original)
  })

  it('splitHistory hands on the arrays a snapshot arrived in, without unpacking them', () => {
    const original = trained(20)
    const sent = packedEvent(original)
    const event = withHistory(sent)
    if (event.type !== 'snapshot') throw new Error('not a snapshot')
    const parts = splitHistory(event.snapshot)
    expect(parts.history).toBe(sent.packedHistory)
    expect(parts.snapshot).toEqual({ ...original, history: [] })
    // Not unpacked: the property is still the lazy accessor.
    expect(Object.getOwnPropertyDescriptor(event.snapshot, 'history')?.get).toBeDefined()
  })

  it('packs a plain snapshot, and a replaced history is packed afresh', () => {
    const original = trained(10)
    const plain = splitHistory(original)
    expect(plain.history).toEqual(packHistory(original.history))
    expect(original.history).toHaveLength(10)

    const event = withHistory(packedEvent(original))
    if (event.type !== 'snapshot') throw new Error('not a snapshot')
    event.snapshot.history = original.history.slice(0, 4)
    expect(event.snapshot.history).toHaveLength(4)
    expect(splitHistory(event.snapshot).history).toEqual(packHistory(original.history.slice(0, 4)))
  })

  it('a progress event with packed epochs arrives with them as objects, test fields and all', () => {
    const history = trained(12).history
    // Some epochs with a test loss, some with a test accuracy too, some with neither: the flags
    // say which fields each epoch has.
    const mixed = history.map((s, i) =>
      i % 3 === 0
        ? { epoch: s.epoch, loss: s.loss, accuracy: s.accuracy }
        : i % 3 === 1
          ? { ...s, testLoss: s.loss * 1.1 }
          : { ...s, testLoss: s.loss * 1.2, testAccuracy: 0.5 }
    )
    const sent: TrainerEvent = {
      type: 'progress',
      epoch: 12,
      running: true,
      points: [],
      packedPoints: packHistory(mixed),
      samplesPerSecond: 5
    }
    const event = withHistory(sent)
    expect(event).toEqual({
      type: 'progress',
      epoch: 12,
      running: true,
      points: mixed,
      samplesPerSecond: 5
    })
    expect(event).not.toHaveProperty('packedPoints')
  })

  it('leaves other events and unpacked snapshots as they are', () => {
    const progress: TrainerEvent = {
      type: 'progress',
      epoch: 1,
      running: true,
      points: [],
      samplesPerSecond: 0
    }
    expect(withHistory(progress)).toBe(progress)
    const plain: TrainerEvent = { type: 'snapshot', requestId: 2, snapshot: trained(3) }
    expect(withHistory(plain)).toBe(plain)
  })
})
