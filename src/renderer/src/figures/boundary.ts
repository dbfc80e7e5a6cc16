// The decision-boundary picture: P(class 1) over the plane (the notebook's contourf with RdBu_r,
// alpha 0.8 over white) with the data points on top. Used by exported figures; the map is
// computed here from the snapshot's weights with the engine, at the resolution the figure needs.
import { boundsOfBoth, gridPoints, predict } from '@shared/engine'
import type { BoundaryGrid, Dataset, GridBounds, RunSnapshot } from '@shared/engine/types'
import { classColor, divergingColor, MAP_ALPHA, overWhite, paintGrid } from '../charts/colormap'
import { imageCanvas } from './canvas'
import { drawAxes, FIGURE_STYLE, font, type PlotStyle, type Rect } from './plot'
import { drawBudget, drawnSubset } from '../charts/subsample'

/** The model's probability map over the data's bounds (notebook: min − 1 … max + 1). */
export function boundaryGridFor(
  snapshot: RunSnapshot,
  width: number,
  height: number
): BoundaryGrid {
  const bounds = boundsOfBoth(snapshot.train, snapshot.test)
  const x = gridPoints(bounds, width, height)
  const probabilities = predict(snapshot.config.network, snapshot.params, x, width * height)
  const classes =
    snapshot.config.network.output === 'softmax' ? probabilities.length / (width * height) : 1
  return {
    width,
    height,
    classes: classes === 1 ? 2 : classes,
    bounds,
    values: Float32Array.from(probabilities)
  }
}

/** RGBA pixels of a probability map, blended over white as the notebook's alpha 0.8 contourf:
 *  the screen's paint (charts/colormap) on a white plot. `discretize` shows only the predicted
 *  class (the hard decision). */
export function gridRgba(grid: BoundaryGrid, discretize = false): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grid.width * grid.height * 4)
  paintGrid(grid, { discretize, alpha: MAP_ALPHA }, rgba)
  return overWhite(rgba)
}

/** The largest rectangle inside `area` with the data's aspect ratio (the notebook's axis('equal')). */
export function fitEqualAspect(area: Rect, bounds: GridBounds): Rect {
  const dataAspect = (bounds.xMax - bounds.xMin) / (bounds.yMax - bounds.yMin || 1)
  let width = area.width
  let height = width / dataAspect
  if (height > area.height) {
    height = area.height
    width = height * dataAspect
  }
  return {
    x: area.x + (area.width - width) / 2,
    y: area.y + (area.height - height) / 2,
    width,
    height
  }
}

export interface BoundaryPanelOptions {
  title?: string
  discretize?: boolean
  showTest?: boolean
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  plot: Rect,
  bounds: GridBounds,
  data: Dataset,
  hollow: boolean
): void {
  const sx = (x: number): number =>
    plot.x + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * plot.width
  const sy = (y: number): number =>
    plot.y + plot.height - ((y - bounds.yMin) / (bounds.yMax - bounds.yMin)) * plot.height
  const radius = 3
  for (let i = 0; i < data.count; i++) {
    const color = classColor(data.labels[i])
    ctx.beginPath()
    ctx.arc(sx(data.x[i * 2]), sy(data.x[i * 2 + 1]), radius, 0, Math.PI * 2)
    if (hollow) {
      // Test points: white centre, thick class-coloured ring.
      ctx.fillStyle = '#ffffff'
      ctx.fill()
      ctx.strokeStyle = color
      ctx.lineWidth = 1.6
      ctx.stroke()
    } else {
      ctx.fillStyle = color
      ctx.fill()
      ctx.strokeStyle = '#ffffff'
      ctx.lineWidth = 0.5
      ctx.stroke()
    }
  }
}

/** Draws the map, points, axes and title inside `box`; returns the map's rectangle. */
export function drawBoundaryPanel(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  grid: BoundaryGrid,
  train: Dataset,
  test: Dataset,
  options: BoundaryPanelOptions = {},
  style: PlotStyle = FIGURE_STYLE
): Rect {
  const fs = style.fontSize
  const area: Rect = {
    x: box.x + fs * 3.6,
    y: box.y + (options.title ? fs * 2.2 : fs * 0.8),
    width: box.width - fs * 4.6,
    height: box.height - (options.title ? fs * 2.2 : fs * 0.8) - fs * 3
  }
  const plot = fitEqualAspect(area, grid.bounds)
  ctx.save()
  if (options.title) {
    ctx.fillStyle = style.text
    ctx.font = font(style, fs * 1.15, '600')
    ctx.textAlign = 'center'
    ctx.textBaseline = 'middle'
    ctx.fillText(options.title, plot.x + plot.width / 2, box.y + fs * 1.1)
  }
  const image = imageCanvas(gridRgba(grid, options.discretize), grid.width, grid.height)
  ctx.imageSmoothingEnabled = true
  ctx.imageSmoothingQuality = 'high'
  ctx.drawImage(image, plot.x, plot.y, plot.width, plot.height)
  drawAxes(
    ctx,
    plot,
    [grid.bounds.xMin, grid.bounds.xMax],
    [grid.bounds.yMin, grid.bounds.yMax],
    false,
    { ...style, grid: 'rgba(0, 0, 0, 0.06)' }
  )
  // Axis names, as the notebook's plots of the plane (x₁ across, x₂ up).
  ctx.fillStyle = style.text
  ctx.font = font(style, fs)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText('x₁', plot.x + plot.width / 2, plot.y + plot.height + fs * 2)
  ctx.fillText('x₂', plot.x - fs * 3, plot.y + plot.height / 2)
  ctx.beginPath()
  ctx.rect(plot.x, plot.y, plot.width, plot.height)
  ctx.clip()
  // A large dataset is drawn as the on-screen map draws it: an even, class-balanced share.
  const showTest = options.showTest !== false
  const budget = drawBudget(train.count, showTest ? test.count : 0)
  drawPoints(ctx, plot, grid.bounds, drawnSubset(train, budget.train), false)
  if (showTest) drawPoints(ctx, plot, grid.bounds, drawnSubset(test, budget.test), true)
  ctx.restore()
  return plot
}

/** RGBA pixels of one neuron's output map. Output probabilities use the boundary's scale as is;
 *  other activations are scaled by their largest magnitude, so 0 is white, positive red and
 *  negative blue whatever the range (a ReLU neuron shows white where it is off). */
export function neuronRgba(grid: BoundaryGrid, isProbability: boolean): Uint8ClampedArray {
  const n = grid.width * grid.height
  let maxAbs = 0
  if (!isProbability) {
    for (let i = 0; i < n; i++) {
      const v = Math.abs(grid.values[i])
      if (Number.isFinite(v) && v > maxAbs) maxAbs = v
    }
  }
  const rgba = new Uint8ClampedArray(n * 4)
  for (let i = 0; i < n; i++) {
    const v = grid.values[i]
    const p = isProbability ? v : maxAbs > 0 ? 0.5 + (0.5 * v) / maxAbs : 0.5
    const rgb = divergingColor(p)
    rgba[i * 4] = rgb[0]
    rgba[i * 4 + 1] = rgb[1]
    rgba[i * 4 + 2] = rgb[2]
    rgba[i * 4 + 3] = 255
  }
  return rgba
}
