// The colours of exported figures: light (the notebook's white figure) or the screen's dark theme.
// Only the export code loads this (not the first screen).
import { SERIES_COLORS } from '../charts/colormap'
import type { ChartTheme } from '../charts/setup'
import { FIGURE_STYLE, type PlotStyle } from './plotStyle'

/** The colours of an exported figure: the notebook's white figure, or the screen's dark theme
 *  (figureThemeFrom builds that one from the page's own theme colours). */
export interface FigureTheme {
  dark: boolean
  style: PlotStyle
  /** The page: the figure's fill, the plot the map is laid over, the test points' centres. */
  background: string
  /** The settings line under the heading. */
  muted: string
  /** The train and test curves. */
  lines: { train: string; test: string }
}

export const LIGHT_FIGURE_THEME: FigureTheme = {
  dark: false,
  style: FIGURE_STYLE,
  background: '#ffffff',
  muted: '#555555',
  lines: SERIES_COLORS.light
}

/** A dark figure in the screen's colours (charts/setup readChartTheme in dark mode). */
export function figureThemeFrom(screen: ChartTheme): FigureTheme {
  return {
    dark: true,
    style: {
      ...FIGURE_STYLE,
      text: screen.text,
      axis: screen.muted,
      grid: screen.grid,
      legendFill: screen.surface
    },
    background: screen.surface,
    muted: screen.muted,
    lines: { train: screen.trainLine, test: screen.testLine }
  }
}
