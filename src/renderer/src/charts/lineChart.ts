// The lab's live line charts against epoch (the loss and accuracy curves, gradient flow): one
// Chart.js set-up, one line style, one way to label linear and log axes, in the theme's colours.
import {
  Ticks,
  type Chart,
  type ChartDataset,
  type ChartOptions,
  type Scale,
  type Tick
} from 'chart.js'
import type { CurvePoint } from './decimate'
import { registerCharts, type ChartTheme } from './setup'
import { logTickLabel } from './ticks'

/** A curve as every live chart draws it: a thin line, no point marks, hover near it. */
export function lineDataset(
  label: string,
  color: string,
  data: CurvePoint[],
  dashed = false
): ChartDataset<'line'> {
  return {
    label,
    data,
    borderColor: color,
    backgroundColor: color,
    borderWidth: 1.6,
    borderDash: dashed ? [5, 3] : undefined,
    pointRadius: 0,
    pointHitRadius: 4,
    tension: 0
  }
}

/** Log axes label only the decades, briefly (0.01, 1e-4); linear axes as Chart.js does. */
function axisTickLabel(
  this: Scale,
  value: number | string,
  index: number,
  ticks: Tick[]
): string | string[] | number | number[] | null | undefined {
  if (this.type === 'logarithmic') return logTickLabel(Number(value))
  return Ticks.formatters.numeric.call(this, Number(value), index, ticks)
}

/** The options every live chart shares: no animation, pre-parsed points, the nearest epoch under
 *  the pointer, a title at the top left, and an Epoch axis against a `yType` axis. */
export function lineChartOptions(
  theme: ChartTheme,
  title: string,
  yTitle: string,
  yType: 'linear' | 'logarithmic'
) {
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false as const,
    parsing: false as const,
    normalized: true,
    interaction: { mode: 'nearest' as const, axis: 'x' as const, intersect: false },
    plugins: {
      title: {
        display: true,
        text: title,
        align: 'start' as const,
        color: theme.muted,
        font: { size: 12, weight: 'bold' as const },
        padding: { top: 0, bottom: 2 }
      }
    },
    scales: {
      x: {
        type: 'linear' as const,
        title: { display: true, text: 'Epoch', color: theme.muted, font: { size: 11 } },
        ticks: { color: theme.muted, maxTicksLimit: 8, font: { size: 11 } },
        grid: { color: theme.grid }
      },
      y: {
        type: yType,
        title: { display: true, text: yTitle, color: theme.muted, font: { size: 11 } },
        ticks: { color: theme.muted, font: { size: 11 }, callback: axisTickLabel },
        grid: { color: theme.grid }
      }
    }
  }
}

/** A line chart on `canvas`, empty until its caller sets datasets. */
export function createLineChart(
  canvas: HTMLCanvasElement,
  options: ChartOptions<'line'>
): Chart<'line'> {
  const ChartClass = registerCharts()
  return new ChartClass(canvas, { type: 'line', data: { datasets: [] }, options }) as Chart<'line'>
}
