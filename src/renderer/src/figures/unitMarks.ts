// The training meters' marks on the network diagram: a cross over a dead ReLU unit, a ring
// around a saturated sigmoid/tanh unit (colours: charts/colormap.ts UNIT_MARK_COLORS).
import { UNIT_MARK_COLORS } from '@renderer/charts/colormap'
import type { NetworkLayout } from './networkDrawing'

export interface UnitMark {
  /** Diagram column: 1 = first hidden layer. */
  column: number
  index: number
  kind: 'dead' | 'saturated'
}

export function drawUnitMarks(
  ctx: CanvasRenderingContext2D,
  layout: NetworkLayout,
  marks: readonly UnitMark[]
): void {
  ctx.save()
  ctx.lineWidth = 2
  for (const mark of marks) {
    const column = layout.columns[mark.column]
    const y = column?.ys[mark.index]
    if (y === undefined) continue
    const x = column.x
    const r = column.radius + 3
    ctx.strokeStyle = UNIT_MARK_COLORS[mark.kind]
    ctx.beginPath()
    if (mark.kind === 'dead') {
      const d = r * 0.75
      ctx.moveTo(x - d, y - d)
      ctx.lineTo(x + d, y + d)
      ctx.moveTo(x + d, y - d)
      ctx.lineTo(x - d, y + d)
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI)
    }
    ctx.stroke()
  }
  ctx.restore()
}
