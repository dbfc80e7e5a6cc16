// Paints the boundary map's grid into its canvas: in a worker that owns the canvas
// (workers/gridPainter.worker.ts) where the page can hand a canvas over, here otherwise.
//
// Painted here, each new grid (up to 30 a second while training) is a putImageData that the page
// must commit in a frame of its own; those frames were most of the main thread's time with the
// live view on (issue 14). Painted by the worker, a grid costs the main thread one message.
// Where no worker can start or the canvas cannot be handed over (unit tests, an old runtime), or
// the worker fails, a fresh canvas takes the old one's place and the grid is painted here.
import { toRaw } from 'vue'
import type { BoundaryGrid } from '@shared/engine/types'
import { activePalette, paintGridOnCanvas, type Palette, type PaintOptions } from './colormap'
import type { GridPainterRequest } from '../workers/gridPainterMessages'

export interface GridPainter {
  /** The canvas that shows the grid (a fresh one after the worker failed). */
  readonly canvas: HTMLCanvasElement
  /** True while the worker paints: the canvas then has no context of the page's. */
  readonly offThread: boolean
  paint(grid: BoundaryGrid, options: PaintOptions): void
  /** Stops the worker. */
  dispose(): void
}

/** The minimum of a Worker this uses (lets tests hand in a fake). */
export interface GridWorkerLike {
  postMessage(message: GridPainterRequest, transfer?: Transferable[]): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

function startWorker(): GridWorkerLike | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/gridPainter.worker.ts', import.meta.url), {
      type: 'module',
      name: 'grid-painter'
    }) as GridWorkerLike
  } catch {
    return null
  }
}

/** A canvas like `old` (its attributes and style), in its place on the page. */
function replaceCanvas(old: HTMLCanvasElement): HTMLCanvasElement {
  const fresh = old.cloneNode(false) as HTMLCanvasElement
  old.replaceWith(fresh)
  return fresh
}

export function createGridPainter(
  canvas: HTMLCanvasElement,
  spawn: () => GridWorkerLike | null = startWorker
): GridPainter {
  let current = canvas
  let worker: GridWorkerLike | null = null
  /** The palette the worker paints with (it is sent again only when it changes). */
  let sentPalette: Palette | null = null
  let last: { grid: BoundaryGrid; options: PaintOptions } | null = null

  if (typeof canvas.transferControlToOffscreen === 'function') {
    worker = spawn()
    if (worker) {
      try {
        const offscreen = canvas.transferControlToOffscreen()
        worker.postMessage({ type: 'canvas', canvas: offscreen }, [offscreen])
        worker.addEventListener('error', paintHereFromNowOn)
      } catch {
        worker.terminate()
        worker = null
      }
    }
  }

  /** The worker failed: a canvas of the page's own shows the grid from now on. */
  function paintHereFromNowOn(): void {
    worker?.terminate()
    worker = null
    current = replaceCanvas(current)
    if (last) paintGridOnCanvas(current, last.grid, last.options)
  }

  return {
    get canvas() {
      return current
    },
    get offThread() {
      return worker !== null
    },
    paint(grid, options) {
      last = { grid, options }
      if (!worker) {
        paintGridOnCanvas(current, grid, options)
        return
      }
      const palette = options.palette ?? activePalette()
      const paletteChanged = palette !== sentPalette
      sentPalette = palette
      const { discretize, alpha, valueLimit } = options
      worker.postMessage({
        type: 'paint',
        grid: toRaw(grid),
        options: { discretize, alpha, valueLimit },
        palette: paletteChanged ? toRaw(palette) : undefined
      })
    },
    dispose() {
      worker?.terminate()
      worker = null
    }
  }
}
