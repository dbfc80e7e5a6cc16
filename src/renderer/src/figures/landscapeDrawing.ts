// Draws a Landscape (engine/landscape.ts) as a contour map: log-loss filled in the diverging
// map's red half (low loss light, high loss dark), iso-loss lines by marching squares, the
// projected path of the optimizer as a polyline ending in a dot, and the current weights (the
// centre) as a cross.
import type { Landscape } from '@shared/engine/landscape'
import { divergingColor } from '@renderer/charts/colormap'

/** Contour levels drawn: evenly spaced in log-loss. */
const LEVELS = 12

export interface Segment {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** Marching squares over an n×n row-major field: the segments of the iso-line at `level`, in
 *  grid coordinates (column, row). Saddles take the split that keeps the centre's side. */
export function isoSegments(field: Float64Array, n: number, level: number): Segment[] {
  const out: Segment[] = []
  const at = (r: number, c: number): number => field[r * n + c]
  const lerp = (a: number, b: number): number => (a === b ? 0.5 : (level - a) / (b - a))
  for (let r = 0; r < n - 1; r++) {
    for (let c = 0; c < n - 1; c++) {
      const v0 = at(r, c)
      const v1 = at(r, c + 1)
      const v2 = at(r + 1, c + 1)
      const v3 = at(r + 1, c)
      const edges: [number, number][] = []
      // Edge crossings: bottom (v0→v1), right (v1→v2), top (v3→v2), left (v0→v3).
      if (v0 < level !== v1 < level) edges.push([c + lerp(v0, v1), r])
      if (v1 < level !== v2 < level) edges.push([c + 1, r + lerp(v1, v2)])
      if (v3 < level !== v2 < level) edges.push([c + lerp(v3, v2), r + 1])
      if (v0 < level !== v3 < level) edges.push([c, r + lerp(v0, v3)])
      for (let i = 0; i + 1 < edges.length; i += 2) {
        out.push({ x1: edges[i][0], y1: edges[i][1], x2: edges[i + 1][0], y2: edges[i + 1][1] })
      }
    }
  }
  return out
}

export function drawLandscape(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  landscape: Landscape,
  colors: { line: string; path: string }
): void {
  const n = landscape.resolution
  const logs = Float64Array.from(landscape.losses, (v) => Math.log10(Math.max(v, 1e-12)))
  let lo = Infinity
  let hi = -Infinity
  for (const v of logs) {
    if (!Number.isFinite(v)) continue
    lo = Math.min(lo, v)
    hi = Math.max(hi, v)
  }
  if (!(hi >= lo)) return
  const range = Math.max(hi - lo, 1e-9)
  const size = Math.min(width, height)
  const ox = (width - size) / 2
  const oy = (height - size) / 2
  // Grid point (c, r) sits at the centre of its cell; row 0 (β = −span) at the bottom.
  const cell = size / n
  const gx = (c: number): number => ox + (c + 0.5) * cell
  const gy = (r: number): number => oy + size - (r + 0.5) * cell
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const t = (logs[r * n + c] - lo) / range
      const [red, green, blue] = divergingColor(0.5 + 0.5 * t)
      ctx.fillStyle = `rgb(${red}, ${green}, ${blue})`
      ctx.fillRect(ox + c * cell, oy + size - (r + 1) * cell, cell + 0.5, cell + 0.5)
    }
  }
  ctx.strokeStyle = colors.line
  ctx.lineWidth = 0.8
  for (let k = 1; k < LEVELS; k++) {
    const level = lo + (k / LEVELS) * range
    ctx.beginPath()
    for (const s of isoSegments(logs, n, level)) {
      ctx.moveTo(gx(s.x1), gy(s.y1))
      ctx.lineTo(gx(s.x2), gy(s.y2))
    }
    ctx.stroke()
  }
  // (α, β) → canvas: α = −span at column 0.
  const toC = (alpha: number): number => ((alpha + landscape.span) / (2 * landscape.span)) * (n - 1)
  const path = landscape.path
  if (path.length >= 2) {
    ctx.strokeStyle = colors.path
    ctx.fillStyle = colors.path
    ctx.lineWidth = 2
    ctx.beginPath()
    for (let i = 0; i < path.length; i += 2) {
      const x = gx(toC(path[i]))
      const y = gy(toC(path[i + 1]))
      if (i === 0) ctx.moveTo(x, y)
      else ctx.lineTo(x, y)
    }
    ctx.stroke()
    ctx.beginPath()
    ctx.arc(gx(toC(path[0])), gy(toC(path[1])), 3, 0, 2 * Math.PI)
    ctx.fill()
  }
  const cx = gx(toC(0))
  const cy = gy(toC(0))
  ctx.strokeStyle = colors.path
  ctx.lineWidth = 2
  ctx.beginPath()
  ctx.moveTo(cx - 6, cy)
  ctx.lineTo(cx + 6, cy)
  ctx.moveTo(cx, cy - 6)
  ctx.lineTo(cx, cy + 6)
  ctx.stroke()
}
