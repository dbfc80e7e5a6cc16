// Draws a HiddenSpace (engine/hiddenSpace.ts): the warped grid lines, then the training points
// in their class colours, fitted with equal scale on both axes into the canvas.
import type { HiddenSpace } from '@shared/engine/hiddenSpace'
import { classColor } from '@renderer/charts/colormap'

export function drawHiddenSpace(
  ctx: CanvasRenderingContext2D,
  width: number,
  height: number,
  space: HiddenSpace,
  colors: { line: string }
): void {
  let xMin = Infinity
  let xMax = -Infinity
  let yMin = Infinity
  let yMax = -Infinity
  const grow = (a: Float64Array): void => {
    for (let i = 0; i < a.length; i += 2) {
      if (!Number.isFinite(a[i]) || !Number.isFinite(a[i + 1])) continue
      xMin = Math.min(xMin, a[i])
      xMax = Math.max(xMax, a[i])
      yMin = Math.min(yMin, a[i + 1])
      yMax = Math.max(yMax, a[i + 1])
    }
  }
  grow(space.points)
  for (const line of space.lines) grow(line)
  if (!(xMax >= xMin && yMax >= yMin)) return
  const pad = 10
  const spanX = Math.max(xMax - xMin, 1e-9)
  const spanY = Math.max(yMax - yMin, 1e-9)
  const scale = Math.min((width - 2 * pad) / spanX, (height - 2 * pad) / spanY)
  const ox = (width - scale * spanX) / 2
  const oy = (height - scale * spanY) / 2
  const px = (x: number): number => ox + (x - xMin) * scale
  const py = (y: number): number => height - (oy + (y - yMin) * scale)

  ctx.lineWidth = 1
  ctx.strokeStyle = colors.line
  for (const line of space.lines) {
    ctx.beginPath()
    for (let i = 0; i < line.length; i += 2) {
      if (i === 0) ctx.moveTo(px(line[i]), py(line[i + 1]))
      else ctx.lineTo(px(line[i]), py(line[i + 1]))
    }
    ctx.stroke()
  }
  for (let n = 0; n < space.labels.length; n++) {
    ctx.fillStyle = classColor(space.labels[n])
    ctx.beginPath()
    ctx.arc(px(space.points[2 * n]), py(space.points[2 * n + 1]), 2.2, 0, 2 * Math.PI)
    ctx.fill()
  }
}
