// The figures' text and line style, and the two text helpers the on-screen network diagram shares
// with the exported figures. A file of its own so that the first screen, which needs only these,
// does not carry the export's plot renderer (plot.ts): Rollup puts a module in one chunk whole.

export interface PlotStyle {
  text: string
  axis: string
  grid: string
  fontFamily: string
  /** Base font size in CSS pixels (the context is already scaled). */
  fontSize: number
  /** The legend box's fill (a light veil by default). */
  legendFill?: string
}

export const FIGURE_STYLE: PlotStyle = {
  text: '#222222',
  axis: '#444444',
  grid: 'rgba(0, 0, 0, 0.12)',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
  fontSize: 12
}

/** The text cut to `room` pixels with an ellipsis (a long column name must not run off). */
export function ellipsize(ctx: CanvasRenderingContext2D, text: string, room: number): string {
  if (ctx.measureText(text).width <= room) return text
  let cut = text
  while (cut.length > 1 && ctx.measureText(`${cut}…`).width > room) cut = cut.slice(0, -1)
  return `${cut}…`
}

export function font(style: PlotStyle, size: number, weight = 'normal'): string {
  return `${weight} ${size}px ${style.fontFamily}`
}
