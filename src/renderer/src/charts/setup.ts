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

/** The page's value of a CSS variable, or null when it has none (yet). */
function cssVar(name: string): string | null {
  if (typeof document === 'undefined') return null
  const value = getComputedStyle(document.documentElement).getPropertyValue(name).trim()
  return value || null
}

/** True when the page shows its dark theme (the OS asks for it). */
export function prefersDark(): boolean {
  return (
    typeof window !== 'undefined' && !!window.matchMedia?.('(prefers-color-scheme: dark)').matches
  )
}

/** The theme read for each scheme: the CSS variables change only with the scheme, and every
 *  chart redraw asks for the theme, 30 times a second while training (getComputedStyle was
 *  ~25 ms of main-thread time per second; issue 14). Kept only once the page's CSS answered. */
const themeCache = new Map<boolean, ChartTheme>()

export function readChartTheme(): ChartTheme {
  const dark = prefersDark()
  const cached = themeCache.get(dark)
  if (cached) return cached
  // The line colours come from the colour module (shared with the exported figures); the rest
  // follows the page's CSS variables.
  const lines = dark ? SERIES_COLORS.dark : SERIES_COLORS.light
  const vars = {
    text: cssVar('--text'),
    muted: cssVar('--text-muted'),
    grid: cssVar('--chart-grid'),
    surface: cssVar('--surface'),
    accent: cssVar('--accent'),
    font: cssVar('--font-ui')
  }
  const theme: ChartTheme = {
    text: vars.text ?? '#1d2330',
    muted: vars.muted ?? '#5b6475',
    grid: vars.grid ?? 'rgba(0, 0, 0, 0.08)',
    surface: vars.surface ?? '#ffffff',
    accent: vars.accent ?? '#3158d4',
    trainLine: lines.train,
    testLine: lines.test,
    font: vars.font ?? 'system-ui, sans-serif',
    dark
  }
  if (Object.values(vars).every((v) => v !== null)) themeCache.set(dark, Object.freeze(theme))
  return theme
}

/** Calls `onChange` when the OS switches between light and dark. */
export function watchColorScheme(onChange: () => void): () => void {
  if (typeof window === 'undefined' || !window.matchMedia) return () => {}
  const query = window.matchMedia('(prefers-color-scheme: dark)')
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}
