// Module Web Worker: paints the boundary map's grid (colormap.ts's paintGrid) into the map's grid
// canvas, handed over as an OffscreenCanvas. Painted here, a new grid costs the page's main
// thread one message and no frame of its own: the worker's canvas reaches the screen through
// the compositor (issue 14). Started by charts/gridPainter.ts.
import type { BoundaryGrid } from '@shared/engine/types'
import { paintGridOnCanvas, type Palette, type PaintOptions } from '../charts/colormap'
import type { GridPainterRequest } from './gridPainterMessages'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<GridPainterRequest>) => void) | null
  requestAnimationFrame?: (callback: () => void) => number
}

let canvas: OffscreenCanvas | null = null
let palette: Palette | undefined
/** The newest grid not painted yet: grids arriving between two frames paint once. */
let pending: { grid: BoundaryGrid; options: PaintOptions } | null = null
let scheduled = false

function paintPending(): void {
  scheduled = false
  if (!pending || !canvas) return
  const next = pending
  pending = null
  paintGridOnCanvas(canvas, next.grid, next.options)
}

function schedule(): void {
  if (scheduled) return
  scheduled = true
  // A worker that owns an OffscreenCanvas has animation frames in Chromium; a timer elsewhere.
  if (scope.requestAnimationFrame) scope.requestAnimationFrame(paintPending)
  else setTimeout(paintPending, 0)
}

scope.onmessage = (event) => {
  const request = event.data
  if (request.type === 'canvas') {
    canvas = request.canvas
    schedule()
    return
  }
  if (request.palette) palette = request.palette
  pending = { grid: request.grid, options: { ...request.options, palette } }
  schedule()
}
