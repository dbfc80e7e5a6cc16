// A Chart.js plugin that paints the trainer's boundary grid under the scatter points, mapped
// through the chart's own scales so the map and the axis ticks always agree.
import type { Chart, Plugin } from 'chart.js'
import type { BoundaryGrid, GridBounds } from '@shared/engine/types'
import { paintGrid, type PaintOptions } from './colormap'

export interface BoundaryLayer {
  /** Sets the grid to paint (null clears) and re-renders it into the offscreen image. */
  setGrid(grid: BoundaryGrid | null, options: PaintOptions): void
  readonly plugin: Plugin<'scatter'>
}

export function createBoundaryLayer(): BoundaryLayer {
  let image: HTMLCanvasElement | null = null
  let bounds: GridBounds | null = null

  const plugin: Plugin<'scatter'> = {
    id: 'boundaryGrid',
    beforeDatasetsDraw(chart: Chart<'scatter'>) {
      if (!image || !bounds) return
      const { ctx, chartArea, scales } = chart
      const x = scales.x
      const y = scales.y
      if (!x || !y) return
      const left = x.getPixelForValue(bounds.xMin)
      const right = x.getPixelForValue(bounds.xMax)
      const top = y.getPixelForValue(bounds.yMax)
      const bottom = y.getPixelForValue(bounds.yMin)
      ctx.save()
      ctx.beginPath()
      ctx.rect(chartArea.left, chartArea.top, chartArea.width, chartArea.height)
      ctx.clip()
      // Smooth scaling gives the notebook's contour-like shading; the grid is ≥ 200 px anyway.
      ctx.imageSmoothingEnabled = true
      ctx.drawImage(image, left, top, right - left, bottom - top)
      ctx.restore()
    }
  }

  return {
    plugin,
    setGrid(grid, options) {
      if (!grid) {
        image = null
        bounds = null
        return
      }
      if (!image) image = document.createElement('canvas')
      if (image.width !== grid.width || image.height !== grid.height) {
        image.width = grid.width
        image.height = grid.height
      }
      const context = image.getContext('2d')
      if (!context) return
      const data = context.createImageData(grid.width, grid.height)
      paintGrid(grid, options, data.data)
      context.putImageData(data, 0, 0)
      bounds = { ...grid.bounds }
    }
  }
}
