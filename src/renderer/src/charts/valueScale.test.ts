// The regression map's value scale (colormap.ts): symmetric round ends, 0 at the map's white
// middle, the painted grid and the run's metric texts.
import { describe, expect, it } from 'vitest'
import {
  divergingColor,
  formatScaleValue,
  paintGrid,
  PALETTES,
  regressionValueLimit,
  valueColor
} from './colormap'
import { REGRESSION_METRICS, runMetrics } from '../components/runMetrics'

describe('regression value scale', () => {
  it('rounds the largest |target| up to a round step', () => {
    expect(regressionValueLimit(Float64Array.from([0.3, -1.17]))).toBe(1.2)
    expect(regressionValueLimit(Float64Array.from([1.21]))).toBe(1.5)
    expect(regressionValueLimit(Float64Array.from([0.9]), Float64Array.from([-0.95]))).toBe(1)
    expect(regressionValueLimit(Float64Array.from([1]))).toBe(1)
    expect(regressionValueLimit(Float64Array.from([42]))).toBe(50)
    expect(regressionValueLimit(Float64Array.from([0.021]))).toBeCloseTo(0.025, 15)
    expect(regressionValueLimit(Float64Array.from([0]), undefined)).toBe(1)
    expect(regressionValueLimit(Float64Array.from([NaN, 3]))).toBe(3)
    expect(regressionValueLimit(Float64Array.from([8.5]))).toBe(10)
  })
  it('puts 0 at the white middle and ±limit at the ends, clamped beyond', () => {
    const p = PALETTES.standard
    expect(valueColor(0, 2, p)).toEqual(divergingColor(0.5, p))
    expect(valueColor(2, 2, p)).toEqual(divergingColor(1, p))
    expect(valueColor(-2, 2, p)).toEqual(divergingColor(0, p))
    expect(valueColor(-1, 2, p)).toEqual(divergingColor(0.25, p))
    expect(valueColor(9, 2, p)).toEqual(divergingColor(1, p))
  })
  it('paints a classes-1 grid by value, and by sign when discretized', () => {
    const grid = {
      width: 3,
      height: 1,
      classes: 1,
      bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      values: Float32Array.from([-0.5, 0, 0.25])
    }
    const palette = PALETTES.standard
    const out = new Uint8ClampedArray(12)
    paintGrid(grid, { discretize: false, alpha: 1, valueLimit: 0.5, palette }, out)
    expect(Array.from(out.slice(0, 3))).toEqual(divergingColor(0, palette))
    expect(Array.from(out.slice(4, 7))).toEqual(divergingColor(0.5, palette))
    expect(Array.from(out.slice(8, 11))).toEqual(divergingColor(0.75, palette))
    expect(out[3]).toBe(255)
    paintGrid(grid, { discretize: true, alpha: 1, valueLimit: 0.5, palette }, out)
    expect(Array.from(out.slice(0, 3))).toEqual(divergingColor(0.2, palette))
    expect(Array.from(out.slice(8, 11))).toEqual(divergingColor(0.8, palette))
  })
  it('prints the scale ends briefly', () => {
    expect(formatScaleValue(-2)).toBe('-2')
    expect(formatScaleValue(0.025)).toBe('0.025')
    expect(formatScaleValue(2.5)).toBe('2.5')
  })
})

describe('run metrics', () => {
  it('reads a regression run as MSE = 2 × loss and R² to 4 decimals', () => {
    expect(runMetrics(true)).toBe(REGRESSION_METRICS)
    expect(REGRESSION_METRICS.lossText(0.0125)).toBe('0.0250')
    expect(REGRESSION_METRICS.scoreText(0.98765)).toBe('0.9877')
    expect(REGRESSION_METRICS.scoreText(-1.5)).toBe('-1.5000')
    expect(REGRESSION_METRICS.scoreText(undefined)).toBe('—')
    expect(runMetrics(false).scoreText(0.5)).toBe('50.00%')
    expect(runMetrics(false).lossText(0.0125)).toBe('0.0125')
  })
})
