// A small canvas line-plot renderer for exported figures and the Learn panel's demo charts.
// Chart.js draws the live, interactive charts; exports need exact control over size, scale and
// background, and must render off-screen, so figures draw themselves with these few primitives.
import { FIGURE_STYLE, font, type PlotStyle } from './plotStyle'

export { ellipsize, FIGURE_STYLE, font, type PlotStyle } from './plotStyle'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface PlotSeries {
  label: string
  xs: ArrayLike<number>
  ys: ArrayLike<number>
  color: string
  /** Canvas line dash, e.g. [6, 4] for the notebook's dashed derivatives. */
  dash?: number[]
  lineWidth?: number
}

export interface LinePlotOptions {
  title?: string
  xLabel?: string
  yLabel?: string
  /** Logarithmic y axis (non-positive values are skipped). */
  logY?: boolean
  xRange?: [number, number]
  yRange?: [number, number]
  legend?: boolean
}

/** Round tick positions covering [min, max] with about `count` steps (1-2-5 steps). */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return []
  if (min === max) return [min]
  if (min > max) [min, max] = [max, min]
  const rough = (max - min) / Math.max(1, count)
  const power = Math.pow(10, Math.floor(Math.log10(rough)))
  const fraction = rough / power
  const step =
    (fraction <= 1 + 1e-9 ? 1 : fraction <= 2 + 1e-9 ? 2 : fraction <= 5 + 1e-9 ? 5 : 10) * power
  const first = Math.ceil(min / step - 1e-9) * step
  const ticks: number[] = []
  for (let value = first; value <= max + step * 1e-9; value += step) {
    // Snap away floating-point dust so labels read 0.3, not 0.30000000000000004.
    ticks.push(Number((Math.round(value / step) * step).toPrecision(12)))
  }
  return ticks
}

/** Powers of ten inside [min, max] (both > 0), for a log axis. */
export function logTicks(min: number, max: number): number[] {
  if (!(min > 0) || !(max > 0)) return []
  const ticks: number[] = []
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e++) {
    const value = Math.pow(10, e)
    if (value >= min * (1 - 1e-9) && value <= max * (1 + 1e-9)) ticks.push(value)
  }
  return ticks
}

/** A tick label with no more decimals than the tick step needs. */
export function formatTick(value: number, step: number): string {
  if (value === 0) return '0'
  const magnitude = Math.abs(value)
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(0).replace('e+', 'e')
  const decimals = Math.max(0, Math.min(6, -Math.floor(Math.log10(Math.abs(step) || 1) + 1e-9)))
  return value.toFixed(decimals)
}

/** Keeps the first, minimum, maximum and last point of each pixel column, in their original
 *  order, so 100,000 epochs draw as fast as 1,000 and spikes stay visible. */
export function decimate(
  xs: ArrayLike<number>,
  ys: ArrayLike<number>,
  xMin: number,
  xMax: number,
  buckets: number
): { xs: number[]; ys: number[] } {
  const n = Math.min(xs.length, ys.length)
  const outX: number[] = []
  const outY: number[] = []
  if (n <= buckets * 4 || xMax <= xMin) {
    for (let i = 0; i < n; i++) {
      outX.push(xs[i])
      outY.push(ys[i])
    }
    return { xs: outX, ys: outY }
  }
  let bucket = -1
  let picks: number[] = []
  const flush = (): void => {
    for (const i of [...new Set(picks)].sort((a, b) => a - b)) {
      outX.push(xs[i])
      outY.push(ys[i])
    }
  }
  let first = 0
  let last = 0
  let low = 0
  let high = 0
  for (let i = 0; i < n; i++) {
    const b = Math.min(buckets - 1, Math.floor(((xs[i] - xMin) / (xMax - xMin)) * buckets))
    if (b !== bucket) {
      if (bucket >= 0) {
        picks = [first, low, high, last]
        flush()
      }
      bucket = b
      first = last = low = high = i
      continue
    }
    last = i
    if (ys[i] < ys[low]) low = i
    if (ys[i] > ys[high]) high = i
  }
  if (bucket >= 0) {
    picks = [first, low, high, last]
    flush()
  }
  return { xs: outX, ys: outY }
}

function dataRange(
  series: PlotSeries[],
  pick: 'xs' | 'ys',
  positiveOnly: boolean
): [number, number] {
  let low = Infinity
  let high = -Infinity
  for (const s of series) {
    const values = s[pick]
    for (let i = 0; i < values.length; i++) {
      const v = values[i]
      if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue
      if (v < low) low = v
      if (v > high) high = v
    }
  }
  if (low === Infinity) return positiveOnly ? [0.1, 1] : [0, 1]
  if (low === high) return positiveOnly ? [low / 2, high * 2] : [low - 0.5, high + 0.5]
  return [low, high]
}

/** Grid lines, tick labels and the frame of a plot area mapping [x0, x1] × [y0, y1]. */
export function drawAxes(
  ctx: CanvasRenderingContext2D,
  plot: Rect,
  [x0, x1]: [number, number],
  [y0, y1]: [number, number],
  logY: boolean,
  style: PlotStyle = FIGURE_STYLE
): void {
  const fs = style.fontSize
  const ty = (v: number): number => (logY ? Math.log10(v) : v)
  const sx = (x: number): number => plot.x + ((x - x0) / (x1 - x0 || 1)) * plot.width
  const sy = (y: number): number =>
    plot.y + plot.height - ((ty(y) - ty(y0)) / (ty(y1) - ty(y0) || 1)) * plot.height
  ctx.save()
  ctx.textBaseline = 'middle'
  const xTicks = niceTicks(x0, x1, Math.max(2, Math.floor(plot.width / (fs * 7))))
  const yTicks = logY
    ? logTicks(y0, y1)
    : niceTicks(y0, y1, Math.max(2, Math.floor(plot.height / (fs * 3.5))))
  const xStep = xTicks.length > 1 ? xTicks[1] - xTicks[0] : 1
  const yStep = yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1
  ctx.lineWidth = 1
  ctx.font = font(style, fs)
  ctx.fillStyle = style.text
  for (const t of xTicks) {
    const x = sx(t)
    ctx.strokeStyle = style.grid
    ctx.beginPath()
    ctx.moveTo(x, plot.y)
    ctx.lineTo(x, plot.y + plot.height)
    ctx.stroke()
    ctx.textAlign = 'center'
    ctx.fillText(formatTick(t, xStep), x, plot.y + plot.height + fs * 0.9)
  }
  for (const t of yTicks) {
    const y = sy(t)
    ctx.strokeStyle = style.grid
    ctx.beginPath()
    ctx.moveTo(plot.x, y)
    ctx.lineTo(plot.x + plot.width, y)
    ctx.stroke()
    ctx.textAlign = 'right'
    ctx.fillText(logY ? formatTick(t, t) : formatTick(t, yStep), plot.x - fs * 0.4, y)
  }
  ctx.strokeStyle = style.axis
  ctx.strokeRect(plot.x, plot.y, plot.width, plot.height)

  ctx.restore()
}

/** Draws axes, grid, ticks, series and legend inside `box` (CSS pixels on a pre-scaled context). */
export function drawLinePlot(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  series: PlotSeries[],
  options: LinePlotOptions,
  style: PlotStyle = FIGURE_STYLE
): Rect {
  const fs = style.fontSize
  const top = box.y + (options.title ? fs * 2.2 : fs * 0.8)
  const left = box.x + fs * 4.6 + (options.yLabel ? fs * 1.4 : 0)
  const bottom = box.y + box.height - fs * 2.2 - (options.xLabel ? fs * 1.4 : 0)
  const right = box.x + box.width - fs
  const plot: Rect = {
    x: left,
    y: top,
    width: Math.max(10, right - left),
    height: Math.max(10, bottom - top)
  }

  const [x0, x1] = options.xRange ?? dataRange(series, 'xs', false)
  let [y0, y1] = options.yRange ?? dataRange(series, 'ys', options.logY === true)
  if (!options.yRange && !options.logY) {
    const pad = (y1 - y0) * 0.05
    y0 -= pad
    y1 += pad
  }
  const logY = options.logY === true && y0 > 0
  const ty = (v: number): number => (logY ? Math.log10(v) : v)
  const ly0 = ty(y0)
  const ly1 = ty(y1)
  const sx = (x: number): number => plot.x + ((x - x0) / (x1 - x0 || 1)) * plot.width
  const sy = (y: number): number =>
    plot.y + plot.height - ((ty(y) - ly0) / (ly1 - ly0 || 1)) * plot.height

  ctx.save()
  ctx.textBaseline = 'middle'
  if (options.title) {
    ctx.fillStyle = style.text
    ctx.font = font(style, fs * 1.15, '600')
    ctx.textAlign = 'center'
    ctx.fillText(options.title, plot.x + plot.width / 2, box.y + fs * 1.1)
  }

  drawAxes(ctx, plot, [x0, x1], [y0, y1], logY, style)

  ctx.fillStyle = style.text
  ctx.font = font(style, fs)
  if (options.xLabel) {
    ctx.textAlign = 'center'
    ctx.fillText(options.xLabel, plot.x + plot.width / 2, box.y + box.height - fs * 0.9)
  }
  if (options.yLabel) {
    ctx.save()
    ctx.translate(box.x + fs * 0.9, plot.y + plot.height / 2)
    ctx.rotate(-Math.PI / 2)
    ctx.textAlign = 'center'
    ctx.fillText(options.yLabel, 0, 0)
    ctx.restore()
  }

  // Series, clipped to the plot area.
  ctx.save()
  ctx.beginPath()
  ctx.rect(plot.x, plot.y, plot.width, plot.height)
  ctx.clip()
  for (const s of series) {
    const { xs, ys } = decimate(s.xs, s.ys, x0, x1, Math.ceil(plot.width))
    ctx.strokeStyle = s.color
    ctx.lineWidth = s.lineWidth ?? 2
    ctx.setLineDash(s.dash ?? [])
    ctx.lineJoin = 'round'
    ctx.beginPath()
    let drawing = false
    for (let i = 0; i < xs.length; i++) {
      const valid = Number.isFinite(ys[i]) && (!logY || ys[i] > 0)
      if (!valid) {
        drawing = false
        continue
      }
      const px = sx(xs[i])
      const py = sy(ys[i])
      if (drawing) ctx.lineTo(px, py)
      else ctx.moveTo(px, py)
      drawing = true
    }
    ctx.stroke()
  }
  ctx.setLineDash([])
  ctx.restore()

  if (options.legend && series.length > 0) {
    ctx.font = font(style, fs)
    const width = Math.max(...series.map((s) => ctx.measureText(s.label).width)) + fs * 3.4
    const height = series.length * fs * 1.5 + fs * 0.5
    // The corner the curves cross least (an accuracy curve fills the top right once it learnt).
    const corners = [
      { x: plot.x + plot.width - width - fs * 0.5, y: plot.y + fs * 0.5 },
      { x: plot.x + plot.width - width - fs * 0.5, y: plot.y + plot.height - height - fs * 0.5 },
      { x: plot.x + fs * 0.5, y: plot.y + fs * 0.5 },
      { x: plot.x + fs * 0.5, y: plot.y + plot.height - height - fs * 0.5 }
    ]
    const covered = corners.map((corner) => {
      let count = 0
      for (const line of series) {
        for (let i = 0; i < line.xs.length; i++) {
          if (!Number.isFinite(line.ys[i]) || (logY && line.ys[i] <= 0)) continue
          const px = sx(line.xs[i])
          const py = sy(line.ys[i])
          if (
            px >= corner.x &&
            px <= corner.x + width &&
            py >= corner.y &&
            py <= corner.y + height
          ) {
            count++
          }
        }
      }
      return count
    })
    const best = covered.indexOf(Math.min(...covered))
    const lx = corners[best].x
    const ly = corners[best].y
    ctx.fillStyle = style.legendFill ?? 'rgba(255, 255, 255, 0.85)'
    ctx.strokeStyle = style.grid
    ctx.globalAlpha = style.legendFill ? 0.88 : 1
    ctx.fillRect(lx, ly, width, height)
    ctx.globalAlpha = 1
    ctx.strokeRect(lx, ly, width, height)
    series.forEach((s, i) => {
      const y = ly + fs * 0.25 + fs * 1.5 * (i + 0.5)
      ctx.strokeStyle = s.color
      ctx.lineWidth = s.lineWidth ?? 2
      ctx.setLineDash(s.dash ?? [])
      ctx.beginPath()
      ctx.moveTo(lx + fs * 0.5, y)
      ctx.lineTo(lx + fs * 2.3, y)
      ctx.stroke()
      ctx.setLineDash([])
      ctx.fillStyle = style.text
      ctx.textAlign = 'left'
      ctx.fillText(s.label, lx + fs * 2.8, y)
    })
  }
  ctx.restore()
  return plot
}
