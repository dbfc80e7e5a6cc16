// The trainer's boundary grid under the scatter chart, placed through the chart's own scales so
// the map and the axis ticks always agree.
//
// The grid has a canvas of its own (grid-sized, scaled by CSS) beneath the chart's transparent
// canvas, inside a box the size of the chart area that clips it. A new grid is one putImageData
// on a 200×200 canvas, and the chart (axes and hundreds of points) is not redrawn: redrawing it
// 30 times a second while training was about a third of the page's main-thread time (issue 14).
import type { Chart, Plugin } from 'chart.js'
import type { BoundaryGrid, GridBounds } from '@shared/engine/types'
import { paintGrid, type PaintOptions } from './colormap'

export interface BoundaryLayer {
  /** The box (clipping, the size of the chart area) and the canvas in it that show the grid. */
  attach(box: HTMLElement, canvas: HTMLCanvasElement): void
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
  let canvas: HTMLCanvasElement | null = null
  let chart: Chart<'scatter'> | null = null
  let bounds: GridBounds | null = null
  /** The placement last written to the page (so an unchanged one costs no style writes). */
  let placed = ''

  function place(): void {
    if (!box || !canvas || !chart || !bounds) return
    const placement = placementOf(chart, bounds)
    if (!placement) return
    const key = JSON.stringify(placement)
    if (key === placed) return
    placed = key
    placeBox(box.style, placement.area)
    placeBox(canvas.style, placement.grid)
  }

  const plugin: Plugin<'scatter'> = {
    id: 'boundaryGrid',
    afterLayout(target: Chart<'scatter'>) {
      chart = target
      place()
    }
  }

  return {
    plugin,
    attach(boxElement, canvasElement) {
      box = boxElement
      canvas = canvasElement
      placed = ''
      place()
    },
    setGrid(grid, options) {
      if (!canvas) return
      if (!grid) {
        bounds = null
        canvas.hidden = true
        return
      }
      if (canvas.width !== grid.width || canvas.height !== grid.height) {
        canvas.width = grid.width
        canvas.height = grid.height
      }
      const context = canvas.getContext('2d')
      if (!context) return
      const data = context.createImageData(grid.width, grid.height)
      paintGrid(grid, options, data.data)
      context.putImageData(data, 0, 0)
      canvas.hidden = false
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
  }
}
