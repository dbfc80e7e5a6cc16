import { describe, expect, it } from 'vitest'
import type { BoundaryGrid } from '@shared/engine/types'
import { hexToRgb, paintGrid, rdbuR } from './colormap'

function grid(values: number[], classes = 2): BoundaryGrid {
  const pixels = classes <= 2 ? values.length : values.length / classes
  return {
    width: pixels,
    height: 1,
    classes,
    bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
    values: Float32Array.from(values)
  }
}

describe('rdbuR', () => {
  it('runs from matplotlib RdBu_r dark blue through near-white to dark red', () => {
    expect(rdbuR(0)).toEqual(hexToRgb('#053061'))
    expect(rdbuR(1)).toEqual(hexToRgb('#67001f'))
    expect(rdbuR(0.5)).toEqual(hexToRgb('#f7f7f7'))
    // 0.1 is the second anchor exactly (11 anchors, evenly spaced).
    const second = hexToRgb('#2166ac')
    rdbuR(0.1).forEach((v, k) => expect(Math.abs(v - second[k])).toBeLessThanOrEqual(2))
  })

  it('clamps out-of-range and non-finite probabilities', () => {
    expect(rdbuR(-3)).toEqual(rdbuR(0))
    expect(rdbuR(7)).toEqual(rdbuR(1))
    expect(rdbuR(Number.NaN)).toEqual(rdbuR(0.5))
  })
})

describe('paintGrid', () => {
  it('shades binary maps by P(class 1) with the given opacity', () => {
    const out = new Uint8ClampedArray(3 * 4)
    paintGrid(grid([0, 0.5, 1]), { discretize: false, alpha: 0.8 }, out)
    expect([...out.slice(0, 4)]).toEqual([...rdbuR(0), 204])
    expect([...out.slice(4, 8)]).toEqual([...rdbuR(0.5), 204])
    expect([...out.slice(8, 12)]).toEqual([...rdbuR(1), 204])
  })

  it('discretize snaps every pixel to one of two colours by the 0.5 threshold', () => {
    const out = new Uint8ClampedArray(4 * 4)
    paintGrid(grid([0.1, 0.49, 0.51, 0.99]), { discretize: true, alpha: 1 }, out)
    expect([...out.slice(0, 3)]).toEqual([...out.slice(4, 7)])
    expect([...out.slice(8, 11)]).toEqual([...out.slice(12, 15)])
    expect(out[2]).toBeGreaterThan(out[0]) // blue side
    expect(out[8]).toBeGreaterThan(out[10]) // red side
  })

  it('colours k-class maps by the winning class', () => {
    const out = new Uint8ClampedArray(2 * 4)
    // pixel 0: class 2 certain; pixel 1: class 0 certain
    paintGrid(grid([0, 0, 1, 1, 0, 0], 3), { discretize: true, alpha: 1 }, out)
    const green = hexToRgb('#1a9850')
    const blue = hexToRgb('#1f4fe0')
    expect(out[1]).toBeGreaterThan(out[0]) // greenish
    expect(Math.sign(out[1] - out[2])).toBe(Math.sign(green[1] - green[2]))
    expect(out[4 + 2]).toBeGreaterThan(out[4]) // bluish
    expect(Math.sign(out[6] - out[5])).toBe(Math.sign(blue[2] - blue[1]))
  })
})
