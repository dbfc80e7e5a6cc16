// The decision-boundary picture: P(class 1) over the plane (the notebook's contourf with RdBu_r,
// alpha 0.8 over white) with the data points on top; for a regression model the predicted value
// on the ±limit value scale, the points coloured by their target on the same scale. Used by exported figures; the map is
// computed here from the snapshot's weights with the engine, at the resolution the figure needs.
import { boundsOfBoth, gridPoints, predict } from '@shared/engine'
import type { BoundaryGrid, Dataset, GridBounds, RunSnapshot } from '@shared/engine/types'
import {
  classColor,
  hexToRgb,
  MAP_ALPHA,
  paintGrid,
  formatScaleValue,
  regressionValueLimit,
  valueColorCss,
  type Rgb
} from '../charts/colormap'
import { imageCanvas } from './canvas'
import { drawAxes, ellipsize, FIGURE_STYLE, font, type PlotStyle, type Rect } from './plot'
import { drawBudget, drawnSubset } from '../charts/subsample'

export { neuronRgba } from './neuronMap'

/** The model's probability map over the data's bounds (notebook: min − 1 … max + 1). */
export function boundaryGridFor(
  snapshot: RunSnapshot,
  width: number,
  height: number
): BoundaryGrid {
  const bounds = boundsOfBoth(snapshot.train, snapshot.test)
  const x = gridPoints(bounds, width, height)
  const probabilities = predict(snapshot.config.network, snapshot.params, x, width * height)
  const output = snapshot.config.network.output
  const classes = output === 'softmax' ? probabilities.length / (width * height) : 1
  return {
    width,
    height,
    // A regression map holds predicted values (classes 1), as the trainer's boundary grid.
    classes: classes === 1 && output !== 'linear' ? 2 : classes,
    bounds,
    values: Float32Array.from(probabilities)
  }
}

const WHITE: Rgb = [255, 255, 255]

/** An 'rgb'/'#rrggbb' CSS colour as numbers (white when it is neither). */
function cssRgb(color: string): Rgb {
  if (/^#[0-9a-f]{6}$/i.test(color)) return hexToRgb(color)
  const parts = /^rgba?\((\d+),\s*(\d+),\s*(\d+)/i.exec(color)
  return parts ? [Number(parts[1]), Number(parts[2]), Number(parts[3])] : WHITE
}

/** RGBA pixels of a probability map, blended over the plot as the notebook's alpha 0.8
 *  contourf: the screen's paint (charts/colormap) on a white plot, or on the dark theme's
 *  surface for a dark figure (as the screen lays it over its panel). `discretize` shows only the
 *  predicted class (the hard decision). */
export function gridRgba(
  grid: BoundaryGrid,
  discretize = false,
  backdrop: Rgb = WHITE,
  valueLimit?: number
): Uint8ClampedArray {
  const rgba = new Uint8ClampedArray(grid.width * grid.height * 4)
  paintGrid(grid, { discretize, alpha: MAP_ALPHA, valueLimit }, rgba)
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3] / 255
    for (let k = 0; k < 3; k++)
      rgba[i + k] = Math.round(backdrop[k] + (rgba[i + k] - backdrop[k]) * a)
    rgba[i + 3] = 255
  }
  return rgba
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
  /** The plot's colour under the map and inside the test rings (white by default). */
  background?: string
}

/** The axis titles and legend names of a dataset: an imported file's column and class names,
 *  else x₁, x₂ and "Class k" (as the lab's map on screen, stores/dataset). */
export function planeNames(data: Pick<Dataset, 'inputNames' | 'classNames' | 'classes'>): {
  axes: [string, string]
  classes: string[]
} {
  return {
    axes: data.inputNames ? [data.inputNames[0], data.inputNames[1]] : ['x₁', 'x₂'],
    classes: Array.from(
      { length: Math.max(2, data.classes) },
      (_, k) => data.classNames?.[k] ?? `Class ${k}`
    )
  }
}

function drawPoints(
  ctx: CanvasRenderingContext2D,
  plot: Rect,
  bounds: GridBounds,
  data: Dataset,
  hollow: boolean,
  background: string,
  valueLimit: number | null
): void {
  const sx = (x: number): number =>
    plot.x + ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * plot.width
  const sy = (y: number): number =>
    plot.y + plot.height - ((y - bounds.yMin) / (bounds.yMax - bounds.yMin)) * plot.height
  const radius = 3
  for (let i = 0; i < data.count; i++) {
    const target = data.targets?.[i]
    const color =
      valueLimit !== null && target !== undefined
        ? valueColorCss(target, valueLimit)
        : classColor(data.labels[i])
    ctx.beginPath()
    ctx.arc(sx(data.x[i * 2]), sy(data.x[i * 2 + 1]), radius, 0, Math.PI * 2)
    if (hollow) {
      // Test points: white centre, thick class-coloured ring.
      ctx.fillStyle = background
      ctx.fill()
      if (valueLimit !== null) {
        // A ring of a target near 0 is near white: a dark edge under it keeps it visible.
        ctx.strokeStyle = 'rgba(0, 0, 0, 0.55)'
        ctx.lineWidth = 2.6
        ctx.stroke()
      }
      ctx.strokeStyle = color
      ctx.lineWidth = 1.6
      ctx.stroke()
    } else {
      ctx.fillStyle = color
      ctx.fill()
      // A regression point near 0 is near white: a dark rim keeps it apart from the map.
      ctx.strokeStyle = valueLimit !== null ? 'rgba(0, 0, 0, 0.55)' : '#ffffff'
      ctx.lineWidth = valueLimit !== null ? 0.7 : 0.5
      ctx.stroke()
    }
  }
}

/** One centred row: a class-coloured dot and the class's name per class. */
function drawLegend(
  ctx: CanvasRenderingContext2D,
  row: Rect,
  classes: readonly string[],
  style: PlotStyle
): void {
  const fs = style.fontSize
  ctx.save()
  ctx.font = font(style, fs)
  ctx.textBaseline = 'middle'
  ctx.textAlign = 'left'
  const gap = fs * 1.2
  const dot = fs * 0.9
  const room = Math.max(fs * 3, (row.width - gap * classes.length) / classes.length - dot)
  const labels = classes.map((name) => ellipsize(ctx, name, room))
  const widths = labels.map((label) => dot + ctx.measureText(label).width)
  const total = widths.reduce((sum, w) => sum + w, 0) + gap * (labels.length - 1)
  let x = row.x + (row.width - total) / 2
  const y = row.y + row.height / 2
  labels.forEach((label, k) => {
    ctx.beginPath()
    ctx.arc(x + fs * 0.3, y, fs * 0.3, 0, Math.PI * 2)
    ctx.fillStyle = classColor(k)
    ctx.fill()
    ctx.fillStyle = style.text
    ctx.fillText(label, x + dot, y)
    x += widths[k] + gap
  })
  ctx.restore()
}

/** The regression legend: a colour bar of the value scale, −limit … 0 … +limit, centred. */
function drawValueLegend(
  ctx: CanvasRenderingContext2D,
  row: Rect,
  limit: number,
  style: PlotStyle
): void {
  const fs = style.fontSize
  ctx.save()
  ctx.font = font(style, fs)
  ctx.textBaseline = 'middle'
  const title = 'predicted value ŷ, points: target y'
  const barWidth = Math.min(fs * 12, row.width * 0.4)
  const ends = [`${formatScaleValue(-limit)}`, `${formatScaleValue(limit)}`]
  const gap = fs * 0.5
  const total =
    ctx.measureText(title).width +
    gap * 3 +
    ctx.measureText(ends[0]).width +
    barWidth +
    ctx.measureText(ends[1]).width
  let x = row.x + Math.max(0, (row.width - total) / 2)
  const y = row.y + row.height / 2
  ctx.fillStyle = style.text
  ctx.textAlign = 'left'
  ctx.fillText(title, x, y)
  x += ctx.measureText(title).width + gap
  ctx.fillText(ends[0], x, y)
  x += ctx.measureText(ends[0]).width + gap
  const steps = 64
  for (let i = 0; i < steps; i++) {
    ctx.fillStyle = valueColorCss(-limit + ((i + 0.5) / steps) * 2 * limit, limit)
    ctx.fillRect(x + (i / steps) * barWidth, y - fs * 0.4, barWidth / steps + 0.5, fs * 0.8)
  }
  // 0, the map's white middle: a tick across the bar.
  ctx.strokeStyle = style.text
  ctx.lineWidth = Math.max(1, fs / 12)
  ctx.beginPath()
  ctx.moveTo(x + barWidth / 2, y - fs * 0.55)
  ctx.lineTo(x + barWidth / 2, y + fs * 0.55)
  ctx.stroke()
  ctx.fillStyle = style.text
  x += barWidth + gap
  ctx.textAlign = 'left'
  ctx.fillText(ends[1], x, y)
  ctx.restore()
}

/** Draws the map, points, axes, legend and title inside `box`; returns the map's rectangle. */
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
  const background = options.background ?? '#ffffff'
  const names = planeNames(train.count > 0 || test.count === 0 ? train : test)
  const titleSpace = options.title ? fs * 2.2 : fs * 0.8
  const legendSpace = fs * 1.8
  const area: Rect = {
    x: box.x + fs * 3.6,
    y: box.y + titleSpace + legendSpace,
    width: box.width - fs * 4.6,
    height: box.height - titleSpace - legendSpace - fs * 3
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
  // A regression map (predicted values) has the value scale of the data's targets.
  const valueLimit = grid.classes === 1 ? regressionValueLimit(train.targets, test.targets) : null
  const legendRow = { ...box, y: plot.y - legendSpace, height: legendSpace }
  if (valueLimit !== null) drawValueLegend(ctx, legendRow, valueLimit, style)
  else drawLegend(ctx, legendRow, names.classes, style)
  const image = imageCanvas(
    gridRgba(grid, options.discretize, cssRgb(background), valueLimit ?? undefined),
    grid.width,
    grid.height
  )
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
  // Axis names, as the notebook's plots of the plane (x₁ across, x₂ up), or the file's columns.
  ctx.fillStyle = style.text
  ctx.font = font(style, fs)
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  ctx.fillText(
    ellipsize(ctx, names.axes[0], box.width - fs),
    plot.x + plot.width / 2,
    plot.y + plot.height + fs * 2
  )
  ctx.save()
  ctx.translate(plot.x - fs * 3, plot.y + plot.height / 2)
  ctx.rotate(-Math.PI / 2)
  ctx.fillText(ellipsize(ctx, names.axes[1], plot.height), 0, 0)
  ctx.restore()
  ctx.beginPath()
  ctx.rect(plot.x, plot.y, plot.width, plot.height)
  ctx.clip()
  // A large dataset is drawn as the on-screen map draws it: an even, class-balanced share.
  const showTest = options.showTest !== false
  const budget = drawBudget(train.count, showTest ? test.count : 0)
  drawPoints(
    ctx,
    plot,
    grid.bounds,
    drawnSubset(train, budget.train),
    false,
    background,
    valueLimit
  )
  if (showTest) {
    drawPoints(ctx, plot, grid.bounds, drawnSubset(test, budget.test), true, background, valueLimit)
  }
  ctx.restore()
  return plot
}
