import { beforeAll, describe, expect, it } from 'vitest'
import type { BoundaryGrid } from '@shared/engine/types'
import { PALETTES, paintGrid, type PaintOptions } from '../charts/colormap'
import type { GridPainterRequest } from './gridPainterMessages'

type Handler = (event: { data: GridPainterRequest }) => void
const scope = globalThis as unknown as { self: unknown; onmessage: Handler | null }

beforeAll(async () => {
  // The worker's global scope: here, this test's.
  scope.self = globalThis
  await import('./gridPainter.worker')
})

function grid(width: number, height: number, seed: number): BoundaryGrid {
  const values = new Float32Array(width * height)
  for (let i = 0; i < values.length; i++) values[i] = ((i * 3 + seed) % 7) / 6
  return { width, height, classes: 2, bounds: { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }, values }
}

function fakeOffscreen() {
  const puts: { width: number; height: number; data: Uint8ClampedArray }[] = []
  const canvas = {
    width: 300,
    height: 150,
    puts,
    getContext: () => ({
      createImageData: (width: number, height: number) => ({
        width,
        height,
        data: new Uint8ClampedArray(width * height * 4)
      }),
      putImageData: (image: { data: Uint8ClampedArray }) =>
        puts.push({ width: canvas.width, height: canvas.height, data: image.data.slice() })
    })
  }
  return canvas
}

const send = (data: unknown): void => scope.onmessage?.({ data: data as GridPainterRequest })
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5))

function pixels(g: BoundaryGrid, options: PaintOptions): Uint8ClampedArray {
  const out = new Uint8ClampedArray(g.width * g.height * 4)
  paintGrid(g, options, out)
  return out
}

describe('the grid painter worker', () => {
  it('paints the newest grid at its size, once per turn, with the palette it was last sent', async () => {
    const canvas = fakeOffscreen()
    send({ type: 'canvas', canvas })
    const options = { discretize: false, alpha: 0.8 }
    send({ type: 'paint', grid: grid(6, 4, 0), options, palette: PALETTES.colorblind })
    const newest = grid(6, 4, 1)
    send({ type: 'paint', grid: newest, options })
    await nextTask()

    // Two grids before a turn: the newest is painted, once, with the colour-blind palette.
    expect(canvas.puts).toHaveLength(1)
    expect(canvas.puts[0]).toMatchObject({ width: 6, height: 4 })
    expect(canvas.puts[0].data).toEqual(
      pixels(newest, { ...options, palette: PALETTES.colorblind })
    )
    expect(canvas.puts[0].data).not.toEqual(
      pixels(newest, { ...options, palette: PALETTES.standard })
    )

    const bigger = grid(8, 8, 2)
    send({ type: 'paint', grid: bigger, options: { ...options, discretize: true } })
    await nextTask()
    expect(canvas.puts).toHaveLength(2)
    expect(canvas.puts[1]).toMatchObject({ width: 8, height: 8 })
    expect(canvas.puts[1].data).toEqual(
      pixels(bigger, { discretize: true, alpha: 0.8, palette: PALETTES.colorblind })
    )
  })
})
