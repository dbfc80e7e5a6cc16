import { describe, expect, it } from 'vitest'
import { hexToRgb, NO_VALUE_COLOR, SEQUENTIAL } from '../../charts/colormap'
import type { SweepRow } from '@shared/protocol/trainerMessages'
import type { SweepAxis } from '@shared/sweep/settings'
import {
  describeCell,
  formatLoss,
  heatmapLayout,
  legendTicks,
  lossScale,
  moveInGrid,
  scalePosition,
  sequentialColor,
  sequentialGradientCss,
  textOn
} from './heatmap'

function row(finalLoss: number, finalTestLoss: number | null = null): SweepRow {
  return {
    finalLoss,
    finalAccuracy: 0.9,
    finalTestLoss,
    finalTestAccuracy: finalTestLoss === null ? null : 0.85,
    epochs: 200,
    parameterCount: 33,
    stoppedAt: null,
    bestEpoch: null
  }
}

const lrByWidth: SweepAxis[] = [
  { setting: 'lr', values: [0.01, 0.1, 1] },
  { setting: 'width', values: [4, 8] }
]

describe('the sequential map', () => {
  it('is matplotlib viridis: its anchors exactly, and close between them', () => {
    // Reference values from matplotlib 3.6's 256-entry viridis (cm.viridis(t) × 255).
    expect(sequentialColor(0)).toEqual(hexToRgb('#440154'))
    expect(sequentialColor(0.5)).toEqual(hexToRgb('#21918c'))
    expect(sequentialColor(1)).toEqual(hexToRgb('#fde725'))
    const near = (t: number, ref: [number, number, number]): number => {
      const c = sequentialColor(t)
      return Math.hypot(c[0] - ref[0], c[1] - ref[1], c[2] - ref[2])
    }
    expect(near(0.0625, [72, 24, 106])).toBeLessThan(8)
    expect(near(0.3, [53, 95, 141])).toBeLessThan(8)
    expect(near(0.77, [105, 205, 91])).toBeLessThan(8)
  })

  it('clamps and names its gradient from the same anchors', () => {
    expect(sequentialColor(-3)).toEqual(sequentialColor(0))
    expect(sequentialColor(7)).toEqual(sequentialColor(1))
    expect(sequentialGradientCss()).toBe(`linear-gradient(to top, ${SEQUENTIAL.join(', ')})`)
  })
})

describe('the loss scale', () => {
  it('spans the finite losses and places each in [0, 1]', () => {
    const scale = lossScale([0.5, NaN, 0.1, Infinity, 0.3])
    expect(scale).toEqual({ min: 0.1, max: 0.5, log: false })
    expect(scale && scalePosition(scale, 0.3)).toBeCloseTo(0.5, 12)
    expect(scale && scalePosition(scale, 0.1)).toBe(0)
    expect(scale && scalePosition(scale, 0.5)).toBe(1)
    expect(lossScale([NaN])).toBeNull()
    expect(scalePosition({ min: 2, max: 2, log: false }, 2)).toBe(0.5)
  })

  it('turns logarithmic when the losses span a factor of 10 or more', () => {
    const scale = lossScale([0.0005, 0.5, 0.005])
    expect(scale).toEqual({ min: 0.0005, max: 0.5, log: true })
    expect(scale && scalePosition(scale, 0.005)).toBeCloseTo(1 / 3, 12)
    expect(scale && scalePosition(scale, 0.05)).toBeCloseTo(2 / 3, 12)
    expect(scale && legendTicks(scale)[1].label).toBe('0.0158')
    // Not with a zero loss (no logarithm), nor below the span.
    expect(lossScale([0, 0.5])?.log).toBe(false)
    expect(lossScale([0.06, 0.5])?.log).toBe(false)
  })

  it('ticks the ends and the middle, one tick for a single value', () => {
    expect(legendTicks({ min: 0.1, max: 0.5, log: false })).toEqual([
      { position: 1, label: '0.5000' },
      { position: 0.5, label: '0.3000' },
      { position: 0, label: '0.1000' }
    ])
    expect(legendTicks({ min: 0.25, max: 0.25, log: false })).toEqual([
      { position: 0.5, label: '0.2500' }
    ])
  })

  it('formats losses as the top bar does (the engine’s formatLoss)', () => {
    expect(formatLoss(0.061634)).toBe('0.0616')
    expect(formatLoss(0.00048)).toBe('4.8e-4')
    expect(formatLoss(NaN)).toBe('NaN')
  })

  it('writes black on viridis yellow and white on its purple', () => {
    expect(textOn(sequentialColor(1))).toBe('black')
    expect(textOn(sequentialColor(0))).toBe('white')
  })
})

describe('heatmapLayout', () => {
  it('lays cells out row by row: rows the first setting, columns the second', () => {
    const results = [row(0.6), row(0.5), null, row(0.2), row(0.1), null]
    const layout = heatmapLayout(lrByWidth, results)
    expect(layout.rows).toBe(3)
    expect(layout.columns).toBe(2)
    expect(layout.rowAxis).toEqual({ title: 'Learning rate', labels: ['0.01', '0.1', '1'] })
    expect(layout.columnAxis?.labels).toEqual(['4', '8'])
    expect(layout.cells.map((c) => [c.row, c.column])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1]
    ])
    expect(layout.cells[3].valueLabels).toEqual(['0.1', '8'])
    expect(layout.cells.map((c) => c.state)).toEqual([
      'done',
      'done',
      'pending',
      'done',
      'done',
      'pending'
    ])
    expect(layout.done).toBe(4)
    expect(layout.of).toBe('train')
    expect(layout.scale).toEqual({ min: 0.1, max: 0.6, log: false })
    // The lowest loss gets the map's low end, the highest its top.
    const rgb = (c: (typeof layout.cells)[number]): string => c.fill ?? ''
    const [r0, g0, b0] = sequentialColor(0)
    const [r1, g1, b1] = sequentialColor(1)
    expect(rgb(layout.cells[4])).toBe(`rgb(${r0}, ${g0}, ${b0})`)
    expect(rgb(layout.cells[0])).toBe(`rgb(${r1}, ${g1}, ${b1})`)
    expect(layout.cells[2].fill).toBeNull()
  })

  it('shows test losses when the runs have test points', () => {
    const layout = heatmapLayout(
      [{ setting: 'l2', values: [0, 0.01] }],
      [row(0.1, 0.4), row(0.2, 0.3)]
    )
    expect(layout.of).toBe('test')
    expect(layout.columnAxis).toBeNull()
    expect(layout.columns).toBe(1)
    expect(layout.cells.map((c) => c.loss)).toEqual([0.4, 0.3])
    expect(describeCell(layout.cells[0], layout)).toBe(
      'L2 penalty 0: test loss 0.4000, test accuracy 85.00%, training loss 0.1000, training accuracy 90.00%, 200 epochs'
    )
  })

  it('marks a diverged run grey and leaves it out of the scale', () => {
    const layout = heatmapLayout(
      [{ setting: 'lr', values: [0.1, 1, 50] }],
      [row(0.3), row(0.2), row(NaN)]
    )
    expect(layout.scale).toEqual({ min: 0.2, max: 0.3, log: false })
    expect(layout.cells[2].state).toBe('diverged')
    expect(layout.cells[2].fill).toBe(NO_VALUE_COLOR)
    expect(describeCell(layout.cells[2], layout)).toContain('training loss NaN')
    expect(describeCell(layout.cells[2], layout)).toContain('(diverged)')
  })

  it('names the settings of a cell not trained yet, and the loss to come', () => {
    expect(heatmapLayout(lrByWidth, [], false).of).toBe('train')
    expect(heatmapLayout(lrByWidth, [], true).of).toBe('test')
    const layout = heatmapLayout(lrByWidth, [])
    expect(describeCell(layout.cells[5], layout)).toBe(
      'Learning rate 1, Width (units per hidden layer) 8: not trained yet'
    )
  })
})

describe('moveInGrid', () => {
  it('moves by the arrow keys and stops at the edges', () => {
    // 3 rows × 2 columns: 0 1 / 2 3 / 4 5
    expect(moveInGrid(0, 'ArrowRight', 3, 2)).toBe(1)
    expect(moveInGrid(1, 'ArrowRight', 3, 2)).toBe(1)
    expect(moveInGrid(1, 'ArrowDown', 3, 2)).toBe(3)
    expect(moveInGrid(5, 'ArrowDown', 3, 2)).toBe(5)
    expect(moveInGrid(3, 'ArrowUp', 3, 2)).toBe(1)
    expect(moveInGrid(2, 'ArrowLeft', 3, 2)).toBe(2)
  })

  it('goes to the row’s ends with Home/End and to the corners with Ctrl', () => {
    expect(moveInGrid(3, 'Home', 3, 2)).toBe(2)
    expect(moveInGrid(2, 'End', 3, 2)).toBe(3)
    expect(moveInGrid(3, 'Home', 3, 2, true)).toBe(0)
    expect(moveInGrid(0, 'End', 3, 2, true)).toBe(5)
    expect(moveInGrid(0, 'a', 3, 2)).toBeNull()
  })
})
