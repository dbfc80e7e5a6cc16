// Renders any exportable figure off-screen at 1×/2×/3×, light or dark (as the screen), on its
// theme's background or a transparent one, headed by a title with the run's settings. Everything is drawn from a RunSnapshot (asked from
// the trainer at export time), so figures show exactly the saved state.
import { isRegression } from '@shared/engine'
import type { ActivationName, RunSnapshot } from '@shared/engine/types'
import {
  activationSeries,
  ACTIVATION_TITLES,
  PLOTTED_ACTIVATIONS,
  sampleActivation
} from './activationFigure'
import { logAxisValue } from '../charts/ticks'
import { boundaryGridFor, drawBoundaryPanel } from './boundary'
import { createScaledCanvas } from './canvas'
import { FIGURE_LABELS, lastStatsLine, runSettingsLine, type FigureKind } from './figureText'
import { drawNetwork, layoutNetwork, unitNameRoom, unitNamesFor } from './networkDrawing'
import { LIGHT_FIGURE_THEME, type FigureTheme } from './figureTheme'
import { drawLinePlot, font, type PlotSeries, type Rect } from './plot'

export type FigureScale = 1 | 2 | 3

export interface FigureOptions {
  scale: FigureScale
  /** The theme's background colour, or none. */
  background: 'solid' | 'transparent'
  /** Include the heading (session name, settings). */
  title: boolean
  /** The loss on a log axis, as the lab's curves show it (zero and tiny losses on its floor). */
  logLoss?: boolean
  /** The figure's colours: light (the notebook's white figure) unless the screen is dark. */
  theme?: FigureTheme
}

export interface FigureInput {
  snapshot: RunSnapshot
  sessionName: string
  /** z range of the activation panels. */
  activationRange: [number, number]
  activations?: readonly ActivationName[]
}

/** Figure sizes in CSS pixels at 1× (the notebook's proportions where it has the figure). */
export const FIGURE_SIZES: Record<FigureKind, { width: number; height: number }> = {
  boundary: { width: 640, height: 620 },
  loss: { width: 760, height: 460 },
  accuracy: { width: 760, height: 460 },
  activations: { width: 1000, height: 760 },
  network: { width: 960, height: 600 },
  combined: { width: 1400, height: 560 }
}

/** Pixel size of the PNG for a kind and scale. */
export function figurePixelSize(
  kind: FigureKind,
  scale: FigureScale
): { width: number; height: number } {
  const size = FIGURE_SIZES[kind]
  return { width: Math.round(size.width * scale), height: Math.round(size.height * scale) }
}

const HEADER_HEIGHT = 52

/** Writes one line, shrinking the font until it fits the width. */
function fitText(
  ctx: CanvasRenderingContext2D,
  theme: FigureTheme,
  text: string,
  x: number,
  y: number,
  maxWidth: number,
  size: number,
  weight: string
): void {
  let s = size
  ctx.font = font(theme.style, s, weight)
  while (s > 7 && ctx.measureText(text).width > maxWidth) {
    s -= 0.5
    ctx.font = font(theme.style, s, weight)
  }
  ctx.fillText(text, x, y)
}

function drawHeader(
  ctx: CanvasRenderingContext2D,
  kind: FigureKind,
  input: FigureInput,
  width: number,
  theme: FigureTheme
): void {
  ctx.save()
  ctx.fillStyle = theme.style.text
  ctx.textAlign = 'center'
  ctx.textBaseline = 'middle'
  const regression = isRegression(input.snapshot.config.network)
  const label =
    regression && kind === 'boundary'
      ? 'Predicted value'
      : regression && kind === 'accuracy'
        ? 'R² curve'
        : FIGURE_LABELS[kind]
  const heading = `${label} — ${input.sessionName} · ${lastStatsLine(input.snapshot)}`
  fitText(ctx, theme, heading, width / 2, 17, width - 24, 15, '600')
  ctx.fillStyle = theme.muted
  fitText(ctx, theme, runSettingsLine(input.snapshot), width / 2, 38, width - 24, 12, 'normal')
  ctx.restore()
}

function historySeries(
  snapshot: RunSnapshot,
  what: 'loss' | 'accuracy',
  theme: FigureTheme
): PlotSeries[] {
  const history = snapshot.history
  const xs = history.map((h) => h.epoch)
  // Accuracy in %; a regression run's accuracy field is R², plotted as is.
  const scale = what === 'accuracy' && !isRegression(snapshot.config.network) ? 100 : 1
  const train = history.map((h) => h[what] * scale)
  const series: PlotSeries[] = [
    { label: 'train', xs, ys: train, color: theme.lines.train, lineWidth: 1.6 }
  ]
  const testKey = what === 'loss' ? 'testLoss' : 'testAccuracy'
  if (history.some((h) => h[testKey] !== undefined)) {
    series.push({
      label: 'test',
      xs,
      ys: history.map((h) => (h[testKey] ?? NaN) * scale),
      color: theme.lines.test,
      lineWidth: 1.6
    })
  }
  return series
}

function drawLossPanel(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  snapshot: RunSnapshot,
  theme: FigureTheme,
  logLoss = false
): void {
  const series = historySeries(snapshot, 'loss', theme).map((line) =>
    logLoss ? { ...line, ys: Array.from(line.ys, (y) => logAxisValue(y)) } : line
  )
  drawLinePlot(
    ctx,
    box,
    series,
    {
      title: 'Training Loss',
      logY: logLoss,
      xLabel: 'Epoch',
      yLabel: 'Loss',
      legend: series.length > 1,
      xRange: snapshot.history.length > 1 ? undefined : [0, 1]
    },
    theme.style
  )
}

function drawAccuracyPanel(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  snapshot: RunSnapshot,
  theme: FigureTheme
): void {
  const series = historySeries(snapshot, 'accuracy', theme)
  const regression = isRegression(snapshot.config.network)
  drawLinePlot(
    ctx,
    box,
    series,
    {
      title: regression ? 'R²' : 'Accuracy',
      xLabel: 'Epoch',
      yLabel: regression ? 'R²' : 'Accuracy (%)',
      // R² is at most 1 and can start far below 0: its axis follows the data.
      yRange: regression ? undefined : [0, 100],
      legend: series.length > 1,
      xRange: snapshot.history.length > 1 ? undefined : [0, 1]
    },
    theme.style
  )
}

function drawBoundary(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  snapshot: RunSnapshot,
  scale: number,
  theme: FigureTheme
): void {
  // Enough map pixels for the output size: smooth at 3× without computing millions of points.
  const resolution = Math.min(
    400,
    Math.round(Math.min(box.width, box.height) * Math.min(scale, 2) * 0.5)
  )
  const grid = boundaryGridFor(snapshot, Math.max(100, resolution), Math.max(100, resolution))
  drawBoundaryPanel(
    ctx,
    box,
    grid,
    snapshot.train,
    snapshot.test,
    {
      title: isRegression(snapshot.config.network) ? 'Predicted Value' : 'Decision Boundary',
      background: theme.background
    },
    theme.style
  )
}

function drawActivations(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  input: FigureInput,
  theme: FigureTheme
): void {
  const names = input.activations ?? PLOTTED_ACTIVATIONS
  const columns = names.length <= 2 ? names.length : 2
  const rows = Math.ceil(names.length / columns)
  const [zMin, zMax] = input.activationRange
  names.forEach((name, i) => {
    const cell: Rect = {
      x: box.x + (box.width / columns) * (i % columns),
      y: box.y + (box.height / rows) * Math.floor(i / columns),
      width: box.width / columns,
      height: box.height / rows
    }
    const curve = sampleActivation(name, zMin, zMax)
    drawLinePlot(
      ctx,
      cell,
      activationSeries(name, curve),
      { title: ACTIVATION_TITLES[name], xLabel: 'z', legend: true, xRange: [zMin, zMax] },
      theme.style
    )
  })
}

function drawNetworkPanel(
  ctx: CanvasRenderingContext2D,
  box: Rect,
  snapshot: RunSnapshot,
  theme: FigureTheme
): void {
  const spec = snapshot.config.network
  const unitNames = unitNamesFor(snapshot.train, spec)
  const room = unitNameRoom(ctx, unitNames, box.width, theme.style)
  const layout = layoutNetwork(spec.layerSizes, box.width, box.height, theme.style, room)
  ctx.save()
  ctx.translate(box.x, box.y)
  drawNetwork(ctx, layout, spec, snapshot.params, { style: theme.style, unitNames })
  ctx.restore()
}

/** Draws the figure into a fresh off-screen canvas of figurePixelSize(kind, scale). */
export function renderFigure(
  kind: FigureKind,
  input: FigureInput,
  options: FigureOptions
): HTMLCanvasElement {
  const { width, height } = FIGURE_SIZES[kind]
  const theme = options.theme ?? LIGHT_FIGURE_THEME
  const { canvas, ctx } = createScaledCanvas(
    width,
    height,
    options.scale,
    options.background === 'transparent' ? null : theme.background
  )
  const top = options.title ? HEADER_HEIGHT : 8
  if (options.title) drawHeader(ctx, kind, input, width, theme)
  const body: Rect = { x: 8, y: top, width: width - 16, height: height - top - 8 }
  const snapshot = input.snapshot
  switch (kind) {
    case 'boundary':
      drawBoundary(ctx, body, snapshot, options.scale, theme)
      break
    case 'loss':
      drawLossPanel(ctx, body, snapshot, theme, options.logLoss)
      break
    case 'accuracy':
      drawAccuracyPanel(ctx, body, snapshot, theme)
      break
    case 'activations':
      drawActivations(ctx, body, input, theme)
      break
    case 'network':
      drawNetworkPanel(ctx, body, snapshot, theme)
      break
    case 'combined': {
      // The notebook's final figure: loss curve (left) beside the decision boundary (right).
      const half = body.width / 2
      drawLossPanel(ctx, { ...body, width: half }, snapshot, theme, options.logLoss)
      drawBoundary(ctx, { ...body, x: body.x + half, width: half }, snapshot, options.scale, theme)
      break
    }
  }
  return canvas
}
