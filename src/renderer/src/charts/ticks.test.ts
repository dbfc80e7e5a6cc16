import { describe, expect, it } from 'vitest'
import { LOG_AXIS_FLOOR, logAxisValue, logTickLabel, niceTickStep } from './ticks'

describe('logTickLabel', () => {
  it('labels decades briefly and leaves the ticks between blank', () => {
    expect(logTickLabel(1)).toBe('1')
    expect(logTickLabel(100)).toBe('100')
    expect(logTickLabel(0.1)).toBe('0.1')
    expect(logTickLabel(0.001)).toBe('0.001')
    expect(logTickLabel(0.0001)).toBe('1e-4')
    expect(logTickLabel(1e-7)).toBe('1e-7')
    expect(logTickLabel(1e6)).toBe('1e6')
    expect(logTickLabel(0.2)).toBe('')
    expect(logTickLabel(0)).toBe('')
    expect(logTickLabel(Number.NaN)).toBe('')
  })
})

describe('niceTickStep', () => {
  it('keeps several ticks inside a boundary map axis (circles: about -4.2 … 4.3)', () => {
    expect(niceTickStep(-4.2, 4.3, 7)).toBe(2) // -4 -2 0 2 4
    expect(niceTickStep(-4.2, 4.3, 9)).toBe(1)
    expect(niceTickStep(-4.2, 4.3, 4)).toBe(2.5) // -2.5 0 2.5: when asked for few
    expect(niceTickStep(0, 1, 6)).toBe(0.2)
    expect(niceTickStep(-250, 900, 7)).toBe(200)
  })
  it('never exceeds the limit', () => {
    for (const [min, max] of [
      [-1.05, 2.3],
      [-13, 17.5],
      [0.001, 0.009],
      [-4.6, 4.6]
    ]) {
      for (const limit of [3, 5, 7, 9]) {
        const step = niceTickStep(min, max, limit)
        const inside = Math.floor(max / step + 1e-9) - Math.ceil(min / step - 1e-9) + 1
        expect(inside).toBeLessThanOrEqual(limit)
        expect(inside).toBeGreaterThanOrEqual(Math.min(2, limit))
      }
    }
  })
  it('falls back to 1 for an empty or broken range', () => {
    expect(niceTickStep(1, 1, 7)).toBe(1)
    expect(niceTickStep(0, Number.NaN, 7)).toBe(1)
  })
})

describe('logAxisValue', () => {
  it('keeps zero, negative and tiny losses on the axis (at the floor) and gaps as gaps', () => {
    expect(logAxisValue(0.5)).toBe(0.5)
    expect(logAxisValue(3.2e-6)).toBe(3.2e-6)
    expect(logAxisValue(0)).toBe(LOG_AXIS_FLOOR)
    expect(logAxisValue(-0.0001)).toBe(LOG_AXIS_FLOOR)
    expect(logAxisValue(1e-300)).toBe(LOG_AXIS_FLOOR)
    expect(logAxisValue(Number.NaN)).toBeNaN()
    expect(logAxisValue(undefined)).toBeUndefined()
  })
})
