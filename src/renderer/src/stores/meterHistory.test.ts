import { describe, expect, it } from 'vitest'
import type { EpochMeterRecord } from '@shared/protocol/trainerMessages'
import { appendMeters, MAX_METER_RECORDS } from './meterHistory'

function record(epoch: number): EpochMeterRecord {
  const norms = [epoch]
  return {
    epoch,
    weightGradNorm: norms,
    biasGradNorm: norms,
    updateRatio: norms,
    outputErrorRms: 1,
    dead: [],
    saturated: []
  }
}

describe('meter history', () => {
  it('stays bounded, keeps the first and latest epochs and every recent one', () => {
    const history: EpochMeterRecord[] = []
    for (let e = 1; e <= 100_000; e += 50) {
      appendMeters(
        history,
        Array.from({ length: 50 }, (_, i) => record(e + i))
      )
      expect(history.length).toBeLessThanOrEqual(MAX_METER_RECORDS)
    }
    const epochs = history.map((r) => r.epoch)
    expect(epochs[0]).toBe(1)
    expect(epochs.at(-1)).toBe(100_000)
    for (let i = 1; i < epochs.length; i++) expect(epochs[i]).toBeGreaterThan(epochs[i - 1])
    // The newest quarter is every epoch.
    const recent = epochs.slice(-MAX_METER_RECORDS / 4)
    expect(recent.at(-1)! - recent[0]).toBe(recent.length - 1)
  })
})
