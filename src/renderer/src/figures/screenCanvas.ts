// On-screen canvases drawn sharply at the screen's pixel ratio. A module of its own, apart from
// canvas.ts (off-screen figures, PNG bytes), because first-screen panels use it: only this much
// loads with them.

/** An on-screen canvas's context for drawing `width × height` CSS pixels sharply: the backing
 *  store follows the screen's pixel ratio (resized only when that changes, since resizing
 *  reallocates it), the context is scaled so drawing code thinks in CSS pixels, and cleared.
 *  Null when there is nothing to draw on (no canvas, no size, no 2-D context). */
export function screenCanvasContext(
  canvas: HTMLCanvasElement | null | undefined,
  width: number,
  height: number
): CanvasRenderingContext2D | null {
  if (!canvas || width <= 0 || height <= 0) return null
  const dpr = window.devicePixelRatio || 1
  const deviceWidth = Math.max(1, Math.round(width * dpr))
  const deviceHeight = Math.max(1, Math.round(height * dpr))
  if (canvas.width !== deviceWidth) canvas.width = deviceWidth
  if (canvas.height !== deviceHeight) canvas.height = deviceHeight
  const ctx = canvas.getContext('2d')
  if (!ctx) return null
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
  ctx.clearRect(0, 0, width, height)
  return ctx
}
