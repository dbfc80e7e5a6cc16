// What the loss/accuracy charts draw beyond the live run's curves, loaded after the first screen
// (LossCurves imports it dynamically): the pinned runs' curves (compare runs), vertical marks
// (early stopping's best and stop epochs), and the hover/keyboard cursor whose epoch the curves'
// readout (components/compare/CurvesCompanion.vue) lists for every run.
import { watch } from 'vue'
import type { Chart, ChartDataset, Plugin } from 'chart.js'
import { isRegression } from '@shared/engine'
import type { EpochStats } from '@shared/engine/types'
import { activePalette, pinnedRunColor } from './colormap'
import { decimateSeries, type CurvePoint } from './decimate'
import { registerCharts, type ChartTheme } from './setup'
import { logAxisValue } from './ticks'
import { useCompareStore, type PinnedRun } from '../stores/compare'

/** Points drawn per pinned curve (they do not change: decimated once per run and scale). */
const MAX_OVERLAY_POINTS = 1200

export type CurveKind = 'loss' | 'accuracy'

const cache = new WeakMap<PinnedRun, Map<string, CurvePoint[]>>()

function series(run: PinnedRun, kind: CurveKind, test: boolean, log: boolean): CurvePoint[] | null {
  const h = run.history
  if (test && (h.length === 0 || h[h.length - 1].testLoss === undefined)) return null
  const key = `${kind}:${test}:${log}`
  let byKey = cache.get(run)
  if (!byKey) cache.set(run, (byKey = new Map()))
  const kept = byKey.get(key)
  if (kept) return kept
  const regression = isRegression(run.config.network)
  const value = (e: EpochStats): number | undefined => {
    if (kind === 'accuracy') {
      // Accuracy in %; a regression run's R² as is (the live run's chart, runMetrics).
      const a = test ? e.testAccuracy : e.accuracy
      return a === undefined ? undefined : regression ? a : a * 100
    }
    const loss = test ? e.testLoss : e.loss
    return log ? logAxisValue(loss) : loss
  }
  const points = decimateSeries(
    h.length,
    (i) => h[i].epoch,
    (i) => value(h[i]),
    MAX_OVERLAY_POINTS
  )
  byKey.set(key, points)
  return points
}

/** The colour of pinned run `index`'s curves (the active palette; lighter on a dark page). */
export function pinnedColor(index: number, dark: boolean): string {
  return pinnedRunColor(index, activePalette(), dark)
}

/** The pinned runs' curves for one chart: train solid, test dashed, in the run's colour. */
export function overlayDatasets(
  kind: CurveKind,
  log: boolean,
  theme: ChartTheme
): ChartDataset<'line'>[] {
  const runs = useCompareStore().pinned
  const sets: ChartDataset<'line'>[] = []
  runs.forEach((run, i) => {
    const color = pinnedColor(i, theme.dark)
    for (const test of [false, true]) {
      const data = series(run, kind, test, log)
      if (!data) continue
      sets.push({
        label: test ? `${run.name} (test)` : run.name,
        data,
        borderColor: color,
        backgroundColor: color,
        borderWidth: 1.4,
        borderDash: test ? [5, 3] : undefined,
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 0,
        tension: 0
      })
    }
  })
  return sets
}

/** Calls `changed` whenever the pinned runs or the palette change; returns the unsubscribe. */
export function watchOverlays(changed: () => void): () => void {
  const compare = useCompareStore()
  return watch([() => compare.pinned, () => activePalette()], changed)
}

/** The longest epoch any run (the live one, the pinned ones) reached. */
function lastEpoch(live: readonly EpochStats[]): number {
  let last = live.length > 0 ? live[live.length - 1].epoch : 0
  for (const run of useCompareStore().pinned) last = Math.max(last, run.epoch)
  return last
}

/** The cursor after a key on a focused chart (← → one epoch, PageUp/PageDown a tenth of the
 *  run, Home/End its ends), or undefined when the key does not move it. */
export function stepCursor(
  cursor: number | null,
  key: string,
  live: readonly EpochStats[]
): number | undefined {
  const last = lastEpoch(live)
  if (last < 1) return undefined
  const at = cursor ?? last
  const page = Math.max(1, Math.round(last / 10))
  const next: Record<string, number> = {
    ArrowRight: at + 1,
    ArrowLeft: at - 1,
    PageUp: at + page,
    PageDown: at - page,
    Home: 1,
    End: last
  }
  if (!(key in next)) return undefined
  return Math.min(last, Math.max(1, next[key]))
}

export interface ChartMarks {
  /** Vertical marks with a short label ("best", "stop"). */
  marks: { epoch: number; label: string }[]
  /** The hovered or keyboard epoch, drawn as a thin line. */
  cursor: number | null
  color: string
  /** The pointer moved to `epoch` over the plot, or left it (null). */
  onCursor(epoch: number | null): void
}

const marksOf = new WeakMap<Chart, ChartMarks>()

/** Sets what `chart` marks (read on its next draw). */
export function setMarks(chart: Chart<'line'>, marks: ChartMarks): void {
  marksOf.set(chart as Chart, marks)
}

function drawLine(chart: Chart, epoch: number, color: string, dash: number[], label?: string) {
  const x = chart.scales.x
  const area = chart.chartArea
  if (!x || !area) return
  const px = x.getPixelForValue(epoch)
  if (px < area.left - 0.5 || px > area.right + 0.5) return
  const ctx = chart.ctx
  ctx.save()
  ctx.strokeStyle = color
  ctx.lineWidth = 1
  ctx.setLineDash(dash)
  ctx.beginPath()
  ctx.moveTo(px, area.top)
  ctx.lineTo(px, area.bottom)
  ctx.stroke()
  if (label) {
    ctx.setLineDash([])
    ctx.fillStyle = color
    ctx.font = '10px system-ui, sans-serif'
    const width = ctx.measureText(label).width
    const left = px + 3 + width > area.right ? px - 3 - width : px + 3
    ctx.fillText(label, left, area.top + 10)
  }
  ctx.restore()
}

/** Draws the marks and the cursor, and reports the pointer's epoch. */
const marksPlugin: Plugin<'line'> = {
  id: 'nnlabMarks',
  afterDatasetsDraw(chart) {
    const marks = marksOf.get(chart as Chart)
    if (!marks) return
    for (const mark of marks.marks)
      drawLine(chart as Chart, mark.epoch, marks.color, [3, 3], mark.label)
    if (marks.cursor !== null) drawLine(chart as Chart, marks.cursor, marks.color, [])
  },
  afterEvent(chart, args) {
    const marks = marksOf.get(chart as Chart)
    if (!marks) return
    const event = args.event
    if (event.type === 'mouseout') {
      marks.onCursor(null)
      return
    }
    if (event.type !== 'mousemove' || event.x === null) return
    const area = chart.chartArea
    if (event.x < area.left || event.x > area.right) {
      marks.onCursor(null)
      return
    }
    const epoch = Math.round(chart.scales.x.getValueForPixel(event.x) ?? NaN)
    if (Number.isFinite(epoch)) marks.onCursor(Math.max(1, epoch))
  }
}

let registered = false

/** Registers the marks plugin (once); charts without marks are left alone. */
export function registerMarks(): void {
  if (registered) return
  registerCharts().register(marksPlugin)
  registered = true
}
