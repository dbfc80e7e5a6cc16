import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { BoundaryGrid } from '@shared/engine/types'
import { gridRgba } from '../figures/boundary'
import {
  activePalette,
  classColor,
  divergingColor,
  divergingGradientCss,
  hexToRgb,
  MAP_ALPHA,
  paintGrid,
  PALETTES,
  rdbuR,
  SEQUENTIAL,
  SERIES_COLORS,
  setActivePalette,
  weightColors,
  type Rgb
} from './colormap'

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
    expect(rdbuR(0.1)).toEqual(hexToRgb('#2166ac'))
    // Halfway between two anchors is their mean.
    const [a, b] = [hexToRgb('#2166ac'), hexToRgb('#4393c3')]
    expect(rdbuR(0.15)).toEqual(a.map((v, k) => Math.round((v + b[k]) / 2)))
  })

  it('clamps out-of-range and infinite values, and reads NaN as undecided', () => {
    expect(rdbuR(-3)).toEqual(rdbuR(0))
    expect(rdbuR(7)).toEqual(rdbuR(1))
    expect(rdbuR(Number.POSITIVE_INFINITY)).toEqual(rdbuR(1))
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

  it('paints each binary cell the colour divergingColor gives it, in every palette', () => {
    const values = [Number.NaN, -1, 0, 1e-4, 0.0005, 0.0015, 0.25, 0.4995, 0.5, 0.73, 0.9999, 1, 5]
    for (let i = 0; i < 200; i++) values.push(((i * 7919) % 1000) / 999)
    for (const palette of Object.values(PALETTES)) {
      const out = new Uint8ClampedArray(values.length * 4)
      paintGrid(grid(values), { discretize: false, alpha: 0.8, palette }, out)
      const expected = values.flatMap((v) => [...divergingColor(Math.fround(v), palette), 204])
      expect([...out]).toEqual(expected)
    }
  })

  it('discretize snaps every pixel to one of two colours by the 0.5 threshold', () => {
    const out = new Uint8ClampedArray(4 * 4)
    paintGrid(grid([0.1, 0.49, 0.51, 0.99]), { discretize: true, alpha: 1 }, out)
    expect([...out.slice(0, 3)]).toEqual([...rdbuR(0.2)])
    expect([...out.slice(4, 7)]).toEqual([...rdbuR(0.2)])
    expect([...out.slice(8, 11)]).toEqual([...rdbuR(0.8)])
    expect([...out.slice(12, 15)]).toEqual([...rdbuR(0.8)])
  })

  it('colours k-class maps by the class colours, lightened where the model is unsure', () => {
    const out = new Uint8ClampedArray(3 * 4)
    // pixel 0: class 2 certain; pixel 1: class 0 certain; pixel 2: undecided between 0 and 1
    paintGrid(grid([0, 0, 1, 1, 0, 0, 0.5, 0.5, 0], 3), { discretize: false, alpha: 1 }, out)
    const tint = (c: Rgb, confidence: number): number[] =>
      c.map((v) => Math.round(255 + (v - 255) * confidence))
    expect([...out.slice(0, 3)]).toEqual(tint(hexToRgb(classColor(2)), 0.85))
    expect([...out.slice(4, 7)]).toEqual(tint(hexToRgb(classColor(0)), 0.85))
    const blue = hexToRgb(classColor(0))
    const red = hexToRgb(classColor(1))
    const mix: Rgb = [0, 1, 2].map((k) => (blue[k] + red[k]) / 2) as unknown as Rgb
    expect([...out.slice(8, 11)]).toEqual(tint(mix, 0.6))
  })
})

describe('one colour module for the screen and the exported figures', () => {
  /** What the screen shows: the map BoundaryMap paints (alpha MAP_ALPHA) drawn on a white plot. */
  function screenPixels(g: BoundaryGrid, discretize: boolean): number[] {
    const rgba = new Uint8ClampedArray(g.width * g.height * 4)
    paintGrid(g, { discretize, alpha: MAP_ALPHA }, rgba)
    const out: number[] = []
    for (let i = 0; i < rgba.length; i += 4) {
      const a = rgba[i + 3] / 255
      for (let k = 0; k < 3; k++) out.push(Math.round(rgba[i + k] * a + 255 * (1 - a)))
      out.push(255)
    }
    return out
  }

  const twoClass = grid([0, 0.1, 0.3, 0.5, 0.62, 0.9, 1])
  const threeClass = grid([1, 0, 0, 0, 1, 0, 0, 0, 1, 0.2, 0.5, 0.3, 0.34, 0.33, 0.33], 3)

  for (const discretize of [false, true]) {
    it(`paints 2-class and 3-class maps to the same pixels (discretize ${discretize})`, () => {
      expect(Array.from(gridRgba(twoClass, discretize))).toEqual(screenPixels(twoClass, discretize))
      expect(Array.from(gridRgba(threeClass, discretize))).toEqual(
        screenPixels(threeClass, discretize)
      )
    })
  }

  it('takes the diagram and colour-bar colours from the diverging map', () => {
    const d = PALETTES.standard.diverging
    expect(weightColors()).toEqual({
      positive: d[1],
      negative: d[8],
      positiveBias: d[4],
      negativeBias: d[6]
    })
    expect(divergingGradientCss()).toBe(`linear-gradient(to right, ${d.join(', ')})`)
    expect(divergingColor(0.3)).toEqual(rdbuR(0.3))
  })

  it('leaves no copy of a class or series colour in any other renderer source', () => {
    const root = resolve(__dirname, '..')
    const allowed = new Set(['charts/colormap.ts'])
    // UI colours that happen to sit near a lab colour, and are not class or series colours.
    const unrelated = new Set([
      'assets/main.css: #e8a04d' /* --warn in dark mode */,
      'figures/networkDrawing.ts: #f0a000' /* the hovered neuron's ring, near Okabe–Ito orange */
    ])
    const chromatic = (c: Rgb): boolean => Math.max(...c) - Math.min(...c) > 40
    const lab: Rgb[] = [
      ...Object.values(PALETTES).flatMap((p) => [...p.classes, ...p.diverging]),
      ...Object.values(SERIES_COLORS).flatMap((s) => [s.train, s.test]),
      ...SEQUENTIAL
    ]
      .map(hexToRgb)
      .filter(chromatic)
    // A near-copy counts too: the screen once drew #1f4fe0 where the export drew #1f4fd8.
    const nearLab = (c: Rgb): boolean =>
      lab.some((l) => Math.hypot(l[0] - c[0], l[1] - c[1], l[2] - c[2]) <= 12)
    const files: string[] = []
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name)
        if (entry.isDirectory()) walk(path)
        else if (/\.(ts|vue|css)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) {
          files.push(path)
        }
      }
    }
    walk(root)
    expect(files.length).toBeGreaterThan(40)
    const copies: string[] = []
    for (const file of files) {
      const name = relative(root, file).replaceAll('\\', '/')
      if (allowed.has(name)) continue
      for (const match of readFileSync(file, 'utf8').matchAll(/#([0-9a-fA-F]{6})\b/g)) {
        const where = `${name}: ${match[0]}`
        if (nearLab(hexToRgb(match[0])) && !unrelated.has(where)) copies.push(where)
      }
    }
    expect(copies).toEqual([])
  })

  it('finds a copied colour (the scan is not blind)', () => {
    const c = hexToRgb('#1f4fe0')
    const l = hexToRgb(classColor(0))
    expect(Math.hypot(l[0] - c[0], l[1] - c[1], l[2] - c[2])).toBeLessThanOrEqual(12)
  })
})

describe('the colour-blind-safe palette', () => {
  it('is Okabe–Ito for the classes and PuOr (reversed) for the map, and switches every default', () => {
    try {
      setActivePalette('colorblind')
      expect(activePalette()).toBe(PALETTES.colorblind)
      expect([0, 1, 2].map((k) => classColor(k))).toEqual(['#0072b2', '#d55e00', '#009e73'])
      expect(divergingColor(0)).toEqual([0x2d, 0x00, 0x4b])
      expect(divergingColor(0.5)).toEqual([0xf7, 0xf7, 0xf7])
      expect(divergingColor(1)).toEqual([0x7f, 0x3b, 0x08])
      expect(weightColors().positive).toBe('#542788')
      const out = new Uint8ClampedArray(4)
      paintGrid(grid([1]), { discretize: false, alpha: 1 }, out)
      expect(Array.from(out)).toEqual([0x7f, 0x3b, 0x08, 255])
    } finally {
      setActivePalette('standard')
    }
    expect(classColor(0)).toBe('#1f4fd8')
  })
})
