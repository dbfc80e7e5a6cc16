import { describe, expect, it } from 'vitest'
import { layoutNetwork } from './networkDrawing'
import { linkAt } from './linkHitTest'

describe('linkAt', () => {
  const layout = layoutNetwork([2, 3, 1], 400, 300)
  const [inputs, hidden, output] = layout.columns
  const along = (layer: number, from: number, to: number, t: number) => {
    const a = layout.columns[layer]
    const b = layout.columns[layer + 1]
    return { x: a.x + t * (b.x - a.x), y: a.ys[from] + t * (b.ys[to] - a.ys[from]) }
  }

  it('finds the link a point lies on, in either column gap', () => {
    for (const [layer, from, to] of [
      [0, 0, 0],
      [0, 1, 2],
      [0, 0, 1],
      [1, 2, 0],
      [1, 0, 0]
    ]) {
      const p = along(layer, from, to, 0.7)
      expect(linkAt(layout, p.x, p.y + 1)).toEqual({ layer, from, to })
    }
  })

  it('is null away from every link and over the neurons', () => {
    expect(linkAt(layout, inputs.x, inputs.ys[0])).toBeNull()
    expect(linkAt(layout, hidden.x, hidden.ys[1])).toBeNull()
    expect(linkAt(layout, output.x + 20, output.ys[0])).toBeNull()
    const p = along(1, 0, 0, 0.5)
    expect(linkAt(layout, p.x, p.y - 40)).toBeNull()
  })
})
