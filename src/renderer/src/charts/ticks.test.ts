import { describe, expect, it } from 'vitest'
import { logTickLabel } from './ticks'

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
