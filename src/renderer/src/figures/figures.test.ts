import { describe, expect, it, vi } from 'vitest'
import {
  dataBounds,
  gridPoints,
  mergeDatasets,
  predict,
  SEED_NOTEBOOK,
  TrainingRun
} from '@shared/engine'
import type { NetworkParams, NetworkSpec, RunConfig } from '@shared/engine/types'
import { sampleActivation } from './activationFigure'
import {
  boundaryGridFor,
  drawBoundaryPanel,
  fitEqualAspect,
  gridRgba,
  neuronRgba,
  planeNames
} from './boundary'
import { rdbuR } from '../charts/colormap'
import { figureFileName, runSettingsLine, safeFileStem } from './figureText'
import {
  drawNetwork,
  hitTest,
  layoutNetwork,
  strongestLinks,
  unitNameRoom,
  unitNamesFor
} from './networkDrawing'
import { figureThemeFrom, LIGHT_FIGURE_THEME } from './figureTheme'
import { decimate, formatTick, logTicks, niceTicks } from './plot'
import { exportStem, figureTheme } from './useFigureExport'
import { figurePixelSize } from './renderFigure'

const SMALL: RunConfig = { ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, samples: 80 } }

describe('axis ticks', () => {
  it('picks round 1-2-5 steps covering the range', () => {
    expect(niceTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1])
    expect(niceTicks(-5, 5, 4)).toEqual([-5, 0, 5])
    expect(niceTicks(-5, 5, 5)).toEqual([-4, -2, 0, 2, 4])
    expect(niceTicks(0, 2000, 4)).toEqual([0, 500, 1000, 1500, 2000])
    expect(niceTicks(0.1, 0.30000000000000004, 2)).toEqual([0.1, 0.2, 0.3])
  })
  it('labels ticks with only the decimals the step needs', () => {
    expect(formatTick(0.30000000000000004, 0.1)).toBe('0.3')
    expect(formatTick(1500, 500)).toBe('1500')
    expect(formatTick(0, 1)).toBe('0')
    expect(formatTick(0.0001, 0.0001)).toBe('1e-4')
  })
  it('puts log ticks on powers of ten', () => {
    expect(logTicks(0.003, 2)).toEqual([0.01, 0.1, 1])
    expect(logTicks(0, 1)).toEqual([])
  })
})

describe('decimate', () => {
  it('keeps short series as they are', () => {
    expect(decimate([0, 1, 2], [5, 6, 7], 0, 2, 100)).toEqual({ xs: [0, 1, 2], ys: [5, 6, 7] })
  })
  it('keeps each pixel column’s extremes, in order, for long series', () => {
    const n = 100000
    const xs = Float64Array.from({ length: n }, (_, i) => i)
    const ys = Float64Array.from({ length: n }, (_, i) => Math.sin(i / 1000))
    ys[54321] = 50 // a spike must survive
    const out = decimate(xs, ys, 0, n - 1, 500)
    expect(out.xs.length).toBeLessThanOrEqual(2000)
    expect(out.ys).toContain(50)
    for (let i = 1; i < out.xs.length; i++) expect(out.xs[i]).toBeGreaterThan(out.xs[i - 1])
    expect(out.xs[0]).toBe(0)
    expect(out.xs[out.xs.length - 1]).toBe(n - 1)
  })
})

describe('colours', () => {
  it('maps probabilities onto RdBu_r: blue, white-ish, red', () => {
    expect(rdbuR(0)).toEqual([0x05, 0x30, 0x61])
    expect(rdbuR(0.5)).toEqual([0xf7, 0xf7, 0xf7])
    expect(rdbuR(1)).toEqual([0x67, 0x00, 0x1f])
    expect(rdbuR(2)).toEqual(rdbuR(1))
    expect(rdbuR(Number.NaN)).toEqual(rdbuR(0.5))
  })
  it('paints a binary map opaque and blended over white (alpha 0.8)', () => {
    const grid = {
      width: 2,
      height: 1,
      classes: 2,
      bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      values: Float32Array.from([0, 1])
    }
    const rgba = gridRgba(grid)
    expect(Array.from(rgba.slice(0, 4))).toEqual([
      Math.round(255 + (0x05 - 255) * 0.8),
      Math.round(255 + (0x30 - 255) * 0.8),
      Math.round(255 + (0x61 - 255) * 0.8),
      255
    ])
    expect(rgba[4]).toBeGreaterThan(rgba[6])
    const hard = gridRgba({ ...grid, values: Float32Array.from([0.49, 0.51]) }, true)
    expect(hard[0]).toBeLessThan(hard[4]) // blue side vs red side
  })
  it('scales hidden-neuron maps by their largest magnitude', () => {
    const grid = {
      width: 3,
      height: 1,
      classes: 1,
      bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      values: Float32Array.from([0, 2, -4])
    }
    const rgba = neuronRgba(grid, false)
    expect(Array.from(rgba.slice(0, 3))).toEqual(rdbuR(0.5))
    expect(Array.from(rgba.slice(4, 7))).toEqual(rdbuR(0.75))
    expect(Array.from(rgba.slice(8, 11))).toEqual(rdbuR(0))
  })
})

describe('boundary map', () => {
  it('samples pixel centres in image order (row 0 at the top)', () => {
    const x = gridPoints({ xMin: 0, xMax: 2, yMin: 0, yMax: 4 }, 2, 2)
    expect(Array.from(x)).toEqual([0.5, 3, 1.5, 3, 0.5, 1, 1.5, 1])
  })
  it('computes P(class 1) with the engine over the notebook bounds', () => {
    const run = TrainingRun.create(SMALL)
    for (let i = 0; i < 3; i++) run.trainEpoch()
    const snapshot = run.snapshot()
    const grid = boundaryGridFor(snapshot, 20, 10)
    expect(grid.bounds).toEqual(dataBounds(mergeDatasets(snapshot.train, snapshot.test)))
    expect(grid.values.length).toBe(200)
    const expected = predict(
      snapshot.config.network,
      snapshot.params,
      gridPoints(grid.bounds, 20, 10),
      200
    )
    expect(grid.values[37]).toBeCloseTo(expected[37], 6)
  })
  it('fits the map with equal aspect', () => {
    const r = fitEqualAspect(
      { x: 0, y: 0, width: 400, height: 100 },
      { xMin: 0, xMax: 2, yMin: 0, yMax: 1 }
    )
    expect(r).toEqual({ x: 100, y: 0, width: 200, height: 100 })
  })
})

describe('network drawing', () => {
  it('keeps the strongest links, strongest first', () => {
    const w = Float64Array.from([0.1, -3, 2, 0.5, -0.2, 3])
    expect(Array.from(strongestLinks(w, 3)).sort()).toEqual([1, 2, 5])
    expect(Math.abs(w[strongestLinks(w, 3)[2]])).toBe(2)
    expect(strongestLinks(w, 10).length).toBe(6)
  })

  it('lays out columns and finds the neuron under the pointer', () => {
    const layout = layoutNetwork([2, 16, 8, 1], 800, 500)
    expect(layout.columns.map((c) => c.ys.length)).toEqual([2, 16, 8, 1])
    const c = layout.columns[2]
    expect(hitTest(layout, c.x, c.ys[5])).toEqual({ column: 2, index: 5 })
    expect(hitTest(layout, (layout.columns[0].x + layout.columns[1].x) / 2, 250)).toBeNull()
    // 8 layers × 128 neurons still gives each neuron its own spot.
    const big = layoutNetwork([2, ...Array(8).fill(128), 1], 1200, 700)
    const ys = big.columns[4].ys
    expect(ys[1] - ys[0]).toBeGreaterThan(2 * big.columns[4].radius)
  })

  it('draws at most the cap per layer pair', () => {
    const spec: NetworkSpec = {
      layerSizes: [2, 128, 128, 1],
      activations: ['relu', 'relu'],
      output: 'sigmoid',
      init: 'he'
    }
    const params: NetworkParams = {
      weights: [
        Float64Array.from({ length: 256 }, (_, i) => Math.sin(i)),
        Float64Array.from({ length: 128 * 128 }, (_, i) => Math.cos(i)),
        Float64Array.from({ length: 128 }, (_, i) => i - 64)
      ],
      biases: [new Float64Array(128), new Float64Array(128), new Float64Array(1)]
    }
    let strokes = 0
    const ctx = new Proxy(
      {},
      {
        get: (_target, key) =>
          key === 'stroke'
            ? () => {
                strokes++
              }
            : key === 'measureText'
              ? () => ({ width: 10 })
              : () => {},
        set: () => true
      }
    ) as unknown as CanvasRenderingContext2D
    const result = drawNetwork(ctx, layoutNetwork(spec.layerSizes, 900, 600), spec, params, {
      linkCap: 300
    })
    expect(result.totalLinks).toBe(256 + 128 * 128 + 128)
    expect(result.drawnLinks).toBe(256 + 300 + 128)
    expect(strokes).toBeGreaterThanOrEqual(result.drawnLinks)
  })
})

describe('figure text and sizes', () => {
  it('describes the run in the title line', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    expect(runSettingsLine(run.snapshot())).toBe(
      'circles, 400 points, noise 0.15, seed 42 · 2-16-8-1 relu/relu → sigmoid, He init · SGD lr 0.1, full batch · epoch 0'
    )
  })
  it('names files from the session and epoch, safely', () => {
    expect(figureFileName('Two circles', 2000, 'boundary')).toBe(
      'Two circles-epoch2000-boundary.png'
    )
    expect(safeFileStem('a/b:c*?.nnlab')).toBe('a-b-c-')
    expect(safeFileStem('  ')).toBe('untitled')
    expect(safeFileStem('x\u0001y')).toBe('x-y')
  })
  it('scales pixel sizes with the export scale', () => {
    expect(figurePixelSize('combined', 1)).toEqual({ width: 1400, height: 560 })
    expect(figurePixelSize('combined', 3)).toEqual({ width: 4200, height: 1680 })
  })
})

describe('activation curves', () => {
  it('samples the notebook’s linspace(-5, 5, 200) with f and f′', () => {
    const c = sampleActivation('sigmoid', -5, 5)
    expect(c.z.length).toBe(200)
    expect(c.z[0]).toBe(-5)
    expect(c.z[199]).toBe(5)
    expect(c.f[100]).toBeCloseTo(1 / (1 + Math.exp(-c.z[100])), 15)
    expect(c.df[100]).toBeCloseTo(c.f[100] * (1 - c.f[100]), 15)
    const r = sampleActivation('relu', -1, 1, 3)
    expect(Array.from(r.f)).toEqual([0, 0, 1])
    expect(Array.from(r.df)).toEqual([0, 0, 1])
  })
})

/** A 2-D context that records the text it is asked to write (measureText: 6 px a character). */
function textRecorder(): { ctx: CanvasRenderingContext2D; texts: string[] } {
  const texts: string[] = []
  const ctx = new Proxy(
    {},
    {
      get: (_target, key) =>
        key === 'fillText'
          ? (text: string) => {
              texts.push(text)
            }
          : key === 'measureText'
            ? (text: string) => ({ width: text.length * 6 })
            : () => {},
      set: () => true
    }
  ) as unknown as CanvasRenderingContext2D
  return { ctx, texts }
}

describe('names from an imported file', () => {
  const iris = { inputNames: ['petal length', 'petal width'] as [string, string] }
  const softmax: NetworkSpec = {
    layerSizes: [2, 8, 3],
    activations: ['relu'],
    output: 'softmax',
    init: 'he'
  }
  const sigmoid: NetworkSpec = { ...softmax, layerSizes: [2, 8, 1], output: 'sigmoid' }

  it('labels the input units with the columns and the output units with the classes', () => {
    const classNames = ['setosa', 'versicolor', 'virginica']
    expect(unitNamesFor({ ...iris, classNames }, softmax)).toEqual({
      inputs: ['petal length', 'petal width'],
      outputs: classNames
    })
    // One sigmoid unit gives P(the second class).
    expect(unitNamesFor({ ...iris, classNames: ['no', 'yes'] }, sigmoid)).toEqual({
      inputs: ['petal length', 'petal width'],
      outputs: ['P(yes)']
    })
    // Generated data has no names; engineered input features are not the two columns.
    expect(unitNamesFor({}, softmax)).toEqual({ inputs: null, outputs: null })
    expect(unitNamesFor(iris, { ...softmax, layerSizes: [5, 8, 3] }).inputs).toBeNull()
  })

  it('writes the names beside the diagram’s outer columns, cut to fit', () => {
    const names = unitNamesFor(
      {
        inputNames: ['height', 'a'.repeat(300)],
        classNames: ['setosa', 'versicolor', 'virginica']
      },
      softmax
    )
    const { ctx, texts } = textRecorder()
    const room = unitNameRoom(ctx, names, 900)
    expect(room.left).toBe(900 * 0.18)
    expect(room.right).toBe('versicolor'.length * 6)
    const layout = layoutNetwork(softmax.layerSizes, 900, 600, undefined, room)
    // The input column moved right to leave the names their room.
    expect(layout.columns[0].x).toBeGreaterThanOrEqual(room.left)
    expect(layout.columns[2].x).toBeLessThanOrEqual(900 - room.right)
    drawNetwork(ctx, layout, softmax, null, { unitNames: names })
    expect(texts).toEqual(expect.arrayContaining(['height', 'setosa', 'versicolor', 'virginica']))
    const long = texts.find((t) => t.startsWith('aaa'))
    expect(long?.endsWith('…')).toBe(true)
    expect((long?.length ?? 0) * 6).toBeLessThanOrEqual(layout.columns[0].x)
  })

  it('titles the plane’s axes and legend with the names, else x₁, x₂ and Class k', () => {
    expect(planeNames({ ...iris, classNames: ['a', 'b', 'c'], classes: 3 })).toEqual({
      axes: ['petal length', 'petal width'],
      classes: ['a', 'b', 'c']
    })
    expect(planeNames({ classes: 2 })).toEqual({
      axes: ['x₁', 'x₂'],
      classes: ['Class 0', 'Class 1']
    })
  })

  it('draws the names into the exported boundary panel', () => {
    const run = TrainingRun.create(SMALL)
    const snapshot = run.snapshot()
    const train = { ...snapshot.train, inputNames: iris.inputNames, classNames: ['no', 'yes'] }
    const grid = boundaryGridFor({ ...snapshot, train }, 4, 4)
    const { ctx, texts } = textRecorder()
    // No DOM in these tests: the map's off-screen canvas is a stand-in that takes the pixels.
    vi.stubGlobal('document', {
      createElement: () => ({
        getContext: () => ({
          createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
          putImageData: () => {}
        })
      })
    })
    try {
      drawBoundaryPanel(ctx, { x: 0, y: 0, width: 600, height: 600 }, grid, train, snapshot.test)
    } finally {
      vi.unstubAllGlobals()
    }
    expect(texts).toEqual(expect.arrayContaining(['petal length', 'petal width', 'no', 'yes']))
  })
})

describe('dark figures', () => {
  it('lays the map over the figure’s background, as the screen lays it over its panel', () => {
    const grid = {
      width: 2,
      height: 1,
      classes: 2,
      bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 },
      values: Float32Array.from([0, 1])
    }
    const dark: [number, number, number] = [27, 31, 40]
    const rgba = gridRgba(grid, false, dark)
    // alpha 0.8 over the backdrop: 0.8·colour + 0.2·backdrop, per channel.
    for (const [pixel, p] of [
      [0, 0],
      [1, 1]
    ] as const) {
      const colour = rdbuR(p)
      for (let k = 0; k < 3; k++) {
        expect(rgba[pixel * 4 + k]).toBe(Math.round(dark[k] + (colour[k] - dark[k]) * (204 / 255)))
      }
      expect(rgba[pixel * 4 + 3]).toBe(255)
    }
    expect(Array.from(gridRgba(grid))).not.toEqual(Array.from(rgba))
  })

  it('takes the dark theme’s colours from the screen, and White keeps the light figure', () => {
    const screen = {
      text: '#e6e9f0',
      muted: '#9aa3b5',
      grid: 'rgba(220, 230, 255, 0.1)',
      surface: '#1b1f28',
      accent: '#6d8eff',
      trainLine: '#7c9dff',
      testLine: '#f0a04b',
      dark: true,
      font: 'system-ui'
    }
    const theme = figureThemeFrom(screen)
    expect(theme).toMatchObject({
      dark: true,
      background: '#1b1f28',
      lines: { train: '#7c9dff', test: '#f0a04b' }
    })
    expect(theme.style.text).toBe('#e6e9f0')
    expect(figureTheme('white', true, () => screen)).toBe(LIGHT_FIGURE_THEME)
    expect(figureTheme('theme', false, () => screen)).toBe(LIGHT_FIGURE_THEME)
    expect(figureTheme('theme', true, () => screen)).toEqual(theme)
    expect(figureTheme('transparent', true, () => screen)).toEqual(theme)
  })

  it('names an untitled session’s exports after its imported file', () => {
    expect(exportStem('Untitled', 'iris.csv')).toBe('iris')
    expect(exportStem('Untitled', null)).toBe('Untitled')
    expect(exportStem('my run', 'iris.csv')).toBe('my run')
  })
})
