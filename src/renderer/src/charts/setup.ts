// Chart.js, registered once with only the pieces the lab uses (keeps the bundle small), and the
// theme colours (CSS variables, line colours from colormap.ts) so charts follow light/dark mode.
import {
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  LogarithmicScale,
  PointElement,
  ScatterController,
  Title,
  Tooltip
} from 'chart.js'
import { SERIES_COLORS } from './colormap'

let registered = false

export function registerCharts(): typeof Chart {
  if (!registered) {
    Chart.register(
      ScatterController,
      LineController,
      PointElement,
      LineElement,
      LinearScale,
      LogarithmicScale,
      Title,
      Tooltip,
      Legend
    )
    registered = true
  }
  return Chart
}

export interface ChartTheme {
  text: string
  muted: string
  grid: string
  surface: string
  accent: string
  trainLine: string
  testLine: string
  font: string
  /** The page is in its dark theme (lines that would vanish on it are drawn lighter). */
  dark: boolean
}

function cssVar(name: string, fallback: string): string {
  if (typeof document === 'undefined') return fallback
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || fallback
}

/** True when the page shows its dark theme (the OS asks for it). */
export function prefersDark(): boolean {
  return (
    typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-color-scheme: dark)').matches
  )
}

export function readChartTheme(): ChartTheme {
  // The line colours come from the colour module (shared with the exported figures); the rest
  // follows the page's CSS variables.
  const dark = prefersDark()
  const lines = dark ? SERIES_COLORS.dark : SERIES_COLORS.light
  return {
    text: cssVar('--text', '#1d2330'),
    muted: cssVar('--text-muted', '#5b6475'),
    grid: cssVar('--chart-grid', 'rgba(0, 0, 0, 0.08)'),
    surface: cssVar('--surface', '#ffffff'),
    accent: cssVar('--accent', '#3158d4'),
    trainLine: lines.train,
    testLine: lines.test,
    font: cssVar('--font-ui', 'system-ui, sans-serif'),
    dark
  }
}

/** Calls `onChange` when the OS switches between light and dark. */
export function watchColorScheme(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {}
  const query = window.matchMedia('(prefers-color-scheme: dark)')
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
