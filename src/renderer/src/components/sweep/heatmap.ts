// The sweep's heat map, as data (issue 15): the grid of sweepCells (row = the first setting's
// value, column = the second's) with each finished cell's loss, its colour on the sequential map
// (charts/colormap.ts) over the finished cells' range, the legend's ticks, and the arrow-key moves
// between cells. No DOM here: SweepHeatmap.vue draws it. Losses read as the lab prints them
// (the engine's formatLoss: 0.0616, 4.8e-4).

export { formatLoss }
import { hexToRgb, NO_VALUE_COLOR, SEQUENTIAL, type Rgb } from '../../charts/colormap'
import { formatLoss, pythonPercent } from '@shared/engine/format'
import { sweepLoss } from '@shared/sweep/runCell'
import { formatSweepValue, SWEEP_SETTINGS_REGISTRY, type SweepAxis } from '@shared/sweep/settings'
import type { SweepRow } from '@shared/protocol/trainerMessages'

/** The sequential map's colour of a value in [0, 1] (clamped), interpolated between the anchors
 *  of colormap.ts's SEQUENTIAL (viridis). */
export function sequentialColor(t: number): Rgb {
  const anchors = SEQUENTIAL.map(hexToRgb)
  const clamped = Number.isNaN(t) ? 0 : Math.min(1, Math.max(0, t))
  const at = clamped * (anchors.length - 1)
  const low = Math.min(Math.floor(at), anchors.length - 2)
  const f = at - low
  const mix = (k: number): number => Math.round(anchors[low][k] * (1 - f) + anchors[low + 1][k] * f)
  return [mix(0), mix(1), mix(2)]
}

/** A CSS gradient of the sequential map, bottom (0) to top (1), for the heat map's legend. */
export function sequentialGradientCss(direction = 'to top'): string {
  return `linear-gradient(${direction}, ${SEQUENTIAL.join(', ')})`
}

export interface LossScale {
  min: number
  max: number
  /** Logarithmic when the losses span a factor of LOG_SCALE_SPAN or more (all above 0): a sweep's
   *  losses often range from 0.5 to 0.0005, and a linear map would paint most cells alike. */
  log: boolean
}

export const LOG_SCALE_SPAN = 10

/** The range the colours span: the finite losses' smallest and largest (null: none yet). */
export function lossScale(values: readonly number[]): LossScale | null {
  const finite = values.filter(Number.isFinite)
  if (finite.length === 0) return null
  const min = Math.min(...finite)
  const max = Math.max(...finite)
  return { min, max, log: min > 0 && max / min >= LOG_SCALE_SPAN }
}

/** Where a loss sits in the scale, 0 (lowest) to 1 (highest); 0.5 when every loss is equal. */
export function scalePosition(scale: LossScale, value: number): number {
  if (scale.max === scale.min) return 0.5
  const t = scale.log
    ? Math.log(value / scale.min) / Math.log(scale.max / scale.min)
    : (value - scale.min) / (scale.max - scale.min)
  return Math.min(1, Math.max(0, t))
}

/** Black or white, whichever reads better on `rgb` (WCAG relative luminance). */
export function textOn(rgb: Rgb): 'black' | 'white' {
  const linear = rgb.map((c) => {
    const s = c / 255
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4
  })
  const luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
  // Contrast with black (L + 0.05) / 0.05 beats contrast with white 1.05 / (L + 0.05) above ~0.18.
  return luminance > 0.179 ? 'black' : 'white'
}

export interface HeatCell {
  index: number
  row: number
  column: number
  /** The settings' values, one per axis, as the axes print them. */
  valueLabels: string[]
  /** 'pending': not trained yet; 'diverged': its loss is not a finite number. */
  state: 'pending' | 'done' | 'diverged'
  /** The loss the map shows (test or train, `of`), or null while pending. */
  loss: number | null
  result: SweepRow | null
  /** CSS colours of the cell and its text (null while pending: the theme's own). */
  fill: string | null
  text: 'black' | 'white' | null
}

export interface HeatAxis {
  title: string
  labels: string[]
}

export interface HeatmapLayout {
  rows: number
  columns: number
  /** The first setting's values down the side. */
  rowAxis: HeatAxis
  /** The second setting's values along the top, or null for a one-setting sweep. */
  columnAxis: HeatAxis | null
  cells: HeatCell[]
  scale: LossScale | null
  /** Which loss the cells show: test when the runs have test points, else train. */
  of: 'test' | 'train'
  done: number
}

function axisOf(axis: SweepAxis): HeatAxis {
  return {
    title: SWEEP_SETTINGS_REGISTRY[axis.setting].label,
    labels: axis.values.map((value) => formatSweepValue(axis.setting, value))
  }
}

/** The map of a sweep over `axes` (one or two), with `results[index]` for each finished cell
 *  (cells are numbered row by row, as sweepCells numbers them). `withTest`: whether the runs
 *  hold out test points (what the map names before the first cell comes back). */
export function heatmapLayout(
  axes: readonly SweepAxis[],
  results: readonly (SweepRow | null | undefined)[],
  withTest = true
): HeatmapLayout {
  const rows = axes[0]?.values.length ?? 1
  const columns = axes[1]?.values.length ?? 1
  const losses = results.map((r) => (r ? sweepLoss(r) : null))
  const scale = lossScale(losses.flatMap((l) => (l ? [l.value] : [])))
  const of = losses.find((l) => l !== null)?.of ?? (withTest ? 'test' : 'train')
  const rowAxis = axes[0] ? axisOf(axes[0]) : { title: '', labels: [''] }
  const columnAxis = axes[1] ? axisOf(axes[1]) : null
  const cells: HeatCell[] = []
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column
      const result = results[index] ?? null
      const loss = losses[index]?.value ?? null
      const valueLabels = [rowAxis.labels[row], ...(columnAxis ? [columnAxis.labels[column]] : [])]
      let state: HeatCell['state'] = 'pending'
      let fill: string | null = null
      let text: HeatCell['text'] = null
      if (result && loss !== null) {
        if (Number.isFinite(loss) && scale) {
          state = 'done'
          const rgb = sequentialColor(scalePosition(scale, loss))
          fill = `rgb(${rgb[0]}, ${rgb[1]}, ${rgb[2]})`
          text = textOn(rgb)
        } else {
          state = 'diverged'
          fill = NO_VALUE_COLOR
          text = 'black'
        }
      }
      cells.push({ index, row, column, valueLabels, state, loss, result, fill, text })
    }
  }
  return {
    rows,
    columns,
    rowAxis,
    columnAxis,
    cells,
    scale,
    of,
    done: results.filter(Boolean).length
  }
}

/** The legend's ticks, top (highest loss) to bottom: the range's ends and middle. */
export function legendTicks(scale: LossScale): { position: number; label: string }[] {
  if (scale.max === scale.min) return [{ position: 0.5, label: formatLoss(scale.min) }]
  const middle = scale.log ? Math.sqrt(scale.min * scale.max) : (scale.min + scale.max) / 2
  return [
    { position: 1, label: formatLoss(scale.max) },
    { position: 0.5, label: formatLoss(middle) },
    { position: 0, label: formatLoss(scale.min) }
  ]
}

/** The cell the arrow keys, Home/End (the row's ends) and Ctrl+Home/End (the grid's corners)
 *  move to from `index`; null for another key. Moves stop at the edges. */
export function moveInGrid(
  index: number,
  key: string,
  rows: number,
  columns: number,
  ctrl = false
): number | null {
  const row = Math.floor(index / columns)
  const column = index % columns
  const at = (r: number, c: number): number =>
    Math.min(rows - 1, Math.max(0, r)) * columns + Math.min(columns - 1, Math.max(0, c))
  switch (key) {
    case 'ArrowLeft':
      return at(row, column - 1)
    case 'ArrowRight':
      return at(row, column + 1)
    case 'ArrowUp':
      return at(row - 1, column)
    case 'ArrowDown':
      return at(row + 1, column)
    case 'Home':
      return ctrl ? 0 : at(row, 0)
    case 'End':
      return ctrl ? rows * columns - 1 : at(row, columns - 1)
    default:
      return null
  }
}

/** A cell's one-line description (its tooltip and accessible name). */
export function describeCell(cell: HeatCell, layout: HeatmapLayout): string {
  const names = [layout.rowAxis.title, layout.columnAxis?.title].filter(Boolean)
  const where = cell.valueLabels.map((label, i) => `${names[i]} ${label}`).join(', ')
  if (!cell.result || cell.loss === null) return `${where}: not trained yet`
  const r = cell.result
  const percent = (a: number | null): string[] =>
    a !== null && Number.isFinite(a) ? [pythonPercent(a)] : []
  const parts: string[] = []
  if (r.finalTestLoss !== null) {
    parts.push(`test loss ${formatLoss(r.finalTestLoss)}`)
    parts.push(...percent(r.finalTestAccuracy).map((a) => `test accuracy ${a}`))
  }
  parts.push(`training loss ${formatLoss(r.finalLoss)}`)
  parts.push(...percent(r.finalAccuracy).map((a) => `training accuracy ${a}`))
  const epochs = `${r.epochs.toLocaleString('en-US')} epochs`
  const diverged = cell.state === 'diverged' ? ' (diverged)' : ''
  return `${where}: ${parts.join(', ')}, ${epochs}${diverged}`
}
