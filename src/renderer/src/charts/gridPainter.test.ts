import { afterEach, describe, expect, it, vi } from 'vitest'
import type { BoundaryGrid } from '@shared/engine/types'
import { PALETTES, paintGrid, setActivePalette, type PaintOptions } from './colormap'
import { createGridPainter, type GridWorkerLike } from './gridPainter'
import type { GridPainterRequest } from '../workers/gridPainterMessages'

const OPTIONS: PaintOptions = { discretize: false, alpha: 0.8 }

function grid(width: number, height: number, seed = 0): BoundaryGrid {
  const values = new Float32Array(width * height)
  for (let i = 0; i < values.length; i++) values[i] = ((i * 7 + seed) % 11) / 10
  return { width, height, classes: 2, bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }, values }
}

/** What a canvas's putImageData received, and the canvas's size then. */
interface Put {
  width: number
  height: number
  data: Uint8ClampedArray
}

interface FakeCanvas {
  width: number
  height: number
  hidden: boolean
  style: object
  replacedBy: FakeCanvas | null
  puts: Put[]
  transferred: boolean
  getContext: ReturnType<typeof vi.fn>
  cloneNode(): FakeCanvas
  replaceWith(other: FakeCanvas): void
  transferControlToOffscreen?: () => object
}

/** A canvas of the page, as much of one as the painter uses. `offscreen` says whether it can be
 *  handed to a worker; `replacedBy` is the canvas that took its place, if any. */
function fakeCanvas(offscreen: boolean): FakeCanvas {
  const puts: Put[] = []
  const canvas: FakeCanvas = {
    width: 300,
    height: 150,
    hidden: true,
    style: {},
    replacedBy: null,
    puts,
    transferred: false,
    getContext: vi.fn(() => ({
      createImageData: (w: number, h: number) => ({ data: new Uint8ClampedArray(w * h * 4) }),
      putImageData: (image: { data: Uint8ClampedArray }) =>
        puts.push({ width: canvas.width, height: canvas.height, data: image.data.slice() })
    })),
    cloneNode: () => fakeCanvas(false),
    replaceWith(other: FakeCanvas) {
      canvas.replacedBy = other
    },
    ...(offscreen
      ? {
          transferControlToOffscreen() {
            canvas.transferred = true
            return { offscreen: true }
          }
        }
      : {})
  }
  return canvas
}

function asCanvas(fake: FakeCanvas): HTMLCanvasElement {
  return fake as unknown as HTMLCanvasElement
}

function fakeWorker() {
  const sent: { message: GridPainterRequest; transfer?: Transferable[] }[] = []
  const errorListeners: ((event: Event) => void)[] = []
  const worker: GridWorkerLike & { terminated: boolean } = {
    terminated: false,
    postMessage: (message, transfer) => void sent.push({ message, transfer }),
    addEventListener: (_type, listener) => void errorListeners.push(listener),
    terminate() {
      worker.terminated = true
    }
  }
  return { worker, sent, fail: () => errorListeners.forEach((l) => l(new Event('error'))) }
}

function expectedPixels(g: BoundaryGrid, options: PaintOptions): Uint8ClampedArray {
  const out = new Uint8ClampedArray(g.width * g.height * 4)
  paintGrid(g, options, out)
  return out
}

afterEach(() => setActivePalette('standard'))

describe('createGridPainter', () => {
  it('hands the canvas to the worker once and posts each grid, the palette only when it changes', () => {
    const canvas = fakeCanvas(true)
    const { worker, sent } = fakeWorker()
    const painter = createGridPainter(asCanvas(canvas), () => worker)

    expect(painter.offThread).toBe(true)
    expect(canvas.transferred).toBe(true)
    expect(sent).toHaveLength(1)
    expect(sent[0].message).toEqual({ type: 'canvas', canvas: { offscreen: true } })
    expect(sent[0].transfer).toEqual([{ offscreen: true }])

    const first = grid(4, 3)
    painter.paint(first, { ...OPTIONS, valueLimit: 2 })
    painter.paint(grid(4, 3, 1), { ...OPTIONS, discretize: true })
    setActivePalette('colorblind')
    painter.paint(grid(4, 3, 2), OPTIONS)

    const paints = sent.slice(1).map((s) => s.message)
    expect(paints.map((m) => m.type)).toEqual(['paint', 'paint', 'paint'])
    if (paints[0].type !== 'paint' || paints[1].type !== 'paint' || paints[2].type !== 'paint')
      throw new Error('not paints')
    expect(paints[0].grid.values).toEqual(first.values)
    expect(paints[0].options).toEqual({ discretize: false, alpha: 0.8, valueLimit: 2 })
    expect(paints[0].palette).toBe(PALETTES.standard)
    expect(paints[1].options.discretize).toBe(true)
    expect(paints[1].palette).toBeUndefined()
    expect(paints[2].palette).toBe(PALETTES.colorblind)
    // The page never drew on the canvas it handed over.
    expect(canvas.getContext).not.toHaveBeenCalled()

    painter.dispose()
    expect(worker.terminated).toBe(true)
  })

  it('paints here, at the grid size, where the canvas cannot be handed over', () => {
    const canvas = fakeCanvas(false)
    const spawn = vi.fn(() => fakeWorker().worker)
    const painter = createGridPainter(asCanvas(canvas), spawn)
    expect(painter.offThread).toBe(false)
    expect(spawn).not.toHaveBeenCalled()

    const g = grid(5, 2)
    painter.paint(g, OPTIONS)
    expect(canvas.puts).toHaveLength(1)
    expect(canvas.puts[0]).toMatchObject({ width: 5, height: 2 })
    expect(canvas.puts[0].data).toEqual(expectedPixels(g, OPTIONS))
  })

  it('paints here where no worker starts', () => {
    const canvas = fakeCanvas(true)
    const painter = createGridPainter(asCanvas(canvas), () => null)
    expect(painter.offThread).toBe(false)
    expect(canvas.transferred).toBe(false)
    painter.paint(grid(3, 3), OPTIONS)
    expect(canvas.puts).toHaveLength(1)
  })

  it('puts a fresh canvas in place and paints there when the worker fails', () => {
    const canvas = fakeCanvas(true)
    const { worker, fail } = fakeWorker()
    const painter = createGridPainter(asCanvas(canvas), () => worker)
    const last = grid(4, 4, 3)
    painter.paint(grid(4, 4), OPTIONS)
    painter.paint(last, OPTIONS)

    fail()
    expect(worker.terminated).toBe(true)
    expect(painter.offThread).toBe(false)
    const fresh = canvas.replacedBy
    expect(fresh).not.toBeNull()
    expect(painter.canvas).toBe(fresh)
    // The grid shown before the failure is shown again, on the new canvas.
    expect(fresh?.puts).toHaveLength(1)
    expect(fresh?.puts[0].data).toEqual(expectedPixels(last, OPTIONS))

    const next = grid(4, 4, 5)
    painter.paint(next, OPTIONS)
    expect(fresh?.puts[1].data).toEqual(expectedPixels(next, OPTIONS))
  })
})
