import { describe, expect, it } from 'vitest'
import { countTrainerEvent, type TrainerTraffic } from './harness'

function traffic(): TrainerTraffic {
  return {
    progressEvents: 0,
    gridEvents: 0,
    lastEpoch: 0,
    firstProgressAt: null,
    lastProgressAt: null,
    firstProgressEpoch: 0,
    pausedEvents: 0,
    errorEvents: 0,
    configuredEvents: 0,
    snapshotEvents: 0
  }
}

const point = (epoch: number) => ({ epoch, loss: 0.5, accuracy: 0.5 })

describe('countTrainerEvent', () => {
  it('counts progress, grids and the epoch span of progress that carried epochs', () => {
    const t = traffic()
    countTrainerEvent(t, { type: 'ready' }, 0)
    countTrainerEvent(t, { type: 'progress', epoch: 10, points: [point(10)], grid: {} }, 100)
    countTrainerEvent(t, { type: 'progress', epoch: 10, points: [] }, 150)
    countTrainerEvent(t, { type: 'progress', epoch: 90, points: [point(90)], grid: {} }, 200)
    countTrainerEvent(t, { type: 'paused', epoch: 95, reason: 'user' }, 250)
    countTrainerEvent(t, { type: 'error', message: 'x' }, 260)
    countTrainerEvent(t, { type: 'configured', requestId: 1, summary: {} }, 265)
    countTrainerEvent(t, { type: 'snapshot', requestId: 2, snapshot: {} }, 266)
    countTrainerEvent(t, 'garbage', 270)
    expect(t).toEqual({
      progressEvents: 3,
      gridEvents: 2,
      lastEpoch: 95,
      firstProgressAt: 100,
      lastProgressAt: 200,
      firstProgressEpoch: 10,
      pausedEvents: 1,
      errorEvents: 1,
      configuredEvents: 1,
      snapshotEvents: 1
    })
  })
})
