// The trainer's boundary grid under the scatter chart, placed through the chart's own scales so
// the map and the axis ticks always agree.
//
// The grid has a canvas of its own (grid-sized, scaled by CSS) beneath the chart's transparent
// canvas, inside a box the size of the chart area that clips it. A new grid is one putImageData
// on a 200×200 canvas, and the chart (axes and hundreds of points) is not redrawn: redrawing it
// 30 times a second while training was about a third of the page's main-thread time (issue 14).
// The putImageData itself runs in a worker that owns the canvas where it can (gridPainter.ts,
// loaded just after the first screen: a grid that comes before it waits for it).
import type { Chart, Plugin } from 'chart.js'
import type { BoundaryGrid, GridBounds } from '@shared/engine/types'
import type { PaintOptions } from './colormap'
import type { GridPainter } from './gridPainter'

export interface BoundaryLayer {
  /** The box (clipping, the size of the chart area) and the canvas in it that show the grid. */
  attach(box: HTMLElement, canvas: HTMLCanvasElement): void
  /** Stops the grid's painter (the map is unmounted). */
  detach(): void
  /** Sets the grid to show (null clears it) and paints it into the grid's canvas. */
  setGrid(grid: BoundaryGrid | null, options: PaintOptions): void
  /** Keeps the box on the chart area and the grid on its bounds as the chart lays out. */
  readonly plugin: Plugin<'scatter'>
}

/** Where the chart's layout puts the chart area and the grid's bounds, in CSS pixels. */
interface Placement {
  area: { left: number; top: number; width: number; height: number }
  grid: { left: number; top: number; width: number; height: number }
}

function placementOf(chart: Chart<'scatter'>, bounds: GridBounds): Placement | null {
  const { chartArea, scales } = chart
  const x = scales.x
  const y = scales.y
  if (!x || !y || !chartArea) return null
  const left = x.getPixelForValue(bounds.xMin)
  const right = x.getPixelForValue(bounds.xMax)
  const top = y.getPixelForValue(bounds.yMax)
  const bottom = y.getPixelForValue(bounds.yMin)
  return {
    area: {
      left: chartArea.left,
      top: chartArea.top,
      width: chartArea.width,
      height: chartArea.height
    },
    grid: {
      left: left - chartArea.left,
      top: top - chartArea.top,
      width: right - left,
      height: bottom - top
    }
  }
}

function placeBox(style: CSSStyleDeclaration, box: Placement['area']): void {
  style.left = `${box.left}px`
  style.top = `${box.top}px`
  style.width = `${box.width}px`
  style.height = `${box.height}px`
}

export function createBoundaryLayer(): BoundaryLayer {
  let box: HTMLElement | null = null
  let painter: GridPainter | null = null
  let chart: Chart<'scatter'> | null = null
  let bounds: GridBounds | null = null
  /** The placement last written to the page (so an unchanged one costs no style writes). */
  let placed = ''

  function place(): void {
    if (!box || !painter || !chart || !bounds) return
    const placement = placementOf(chart, bounds)
    if (!placement) return
    const key = JSON.stringify(placement)
    if (key === placed) return
    placed = key
    placeBox(box.style, placement.area)
    placeBox(painter.canvas.style, placement.grid)
  }

  const plugin: Plugin<'scatter'> = {
    id: 'boundaryGrid',
    afterLayout(target: Chart<'scatter'>) {
      chart = target
      place()
    }
  }

  /** The grid set before the painter loaded, painted once it has. */
  let unpainted: { grid: BoundaryGrid; options: PaintOptions } | null = null
  /** Counts attachments, so a painter that loads after a newer attach (or a detach) is dropped. */
  let attachments = 0

  function show(grid: BoundaryGrid | null, options: PaintOptions): void {
    if (!painter) {
      unpainted = grid ? { grid, options } : null
      return
    }
    if (!grid) {
      bounds = null
      painter.canvas.hidden = true
      return
    }
    painter.paint(grid, options)
    painter.canvas.hidden = false
    const b = grid.bounds
    if (
      !bounds ||
      b.xMin !== bounds.xMin ||
      b.xMax !== bounds.xMax ||
      b.yMin !== bounds.yMin ||
      b.yMax !== bounds.yMax
    ) {
      bounds = { ...b }
      place()
    }
  }

  return {
    plugin,
    attach(boxElement, canvasElement) {
      painter?.dispose()
      painter = null
      box = boxElement
      const attachment = ++attachments
      void import('./gridPainter').then(({ createGridPainter }) => {
        if (attachment !== attachments) return
        painter = createGridPainter(canvasElement)
        placed = ''
        place()
        const waiting = unpainted
        unpainted = null
        if (waiting) show(waiting.grid, waiting.options)
      })
    },
    detach() {
      attachments++
      painter?.dispose()
      painter = null
      box = null
    },
    setGrid: show
  }
}
