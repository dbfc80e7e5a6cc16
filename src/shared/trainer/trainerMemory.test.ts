import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '../engine'
import { estimateRunBytes, formatBytes, measureTrainerMemory } from './trainerMemory'

describe('trainer memory', () => {
  it('estimates the run’s arrays: points, weights, batch buffers, history', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    // 400 points · 20 B + 193 parameters · 32 B + 400 rows · 25 neurons · 24 B.
    expect(estimateRunBytes(run)).toBe(400 * 20 + 193 * 32 + 400 * 25 * 24)
    run.trainEpoch()
    expect(estimateRunBytes(run)).toBe(400 * 20 + 193 * 32 + 400 * 25 * 24 + 64)
    const batched = TrainingRun.create({
      ...SEED_NOTEBOOK,
      training: { ...SEED_NOTEBOOK.training, batchSize: 32 }
    })
    expect(estimateRunBytes(batched)).toBe(400 * 20 + 193 * 32 + 32 * 25 * 24)
  })

  it('reports the process’s resident memory where the runtime tells it (Node here)', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    const report = measureTrainerMemory(run)
    expect(report.source).toBe('process')
    expect(report.bytes).toBeGreaterThan(10 * 1024 * 1024)
    expect(report.runBytes).toBe(estimateRunBytes(run))
  })

  it('formats bytes for the status bar', () => {
    expect(formatBytes(512)).toBe('1 KB')
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MB')
    expect(formatBytes(3.5 * 1024 ** 3)).toBe('3.5 GB')
  })
})
