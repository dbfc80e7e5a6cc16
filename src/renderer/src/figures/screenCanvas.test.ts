import { afterEach, describe, expect, it, vi } from 'vitest'
import { screenCanvasContext } from './screenCanvas'

/** A canvas that counts backing-store resizes and records what its context was told. */
function fakeCanvas(): { canvas: HTMLCanvasElement; resizes: () => number; calls: unknown[][] } {
  let width = 300
  let height = 150
  let resizes = 0
  const calls: unknown[][] = []
  const ctx = {
    setTransform: (...args: unknown[]) => calls.push(['setTransform', ...args]),
    clearRect: (...args: unknown[]) => calls.push(['clearRect', ...args])
  }
  const canvas = {
    get width() {
      return width
    },
    set width(value: number) {
      width = value
      resizes++
    },
    get height() {
      return height
    },
    set height(value: number) {
      height = value
      resizes++
    },
    getContext: () => ctx
  } as unknown as HTMLCanvasElement
  return { canvas, resizes: () => resizes, calls }
}

afterEach(() => vi.unstubAllGlobals())

describe('screenCanvasContext', () => {
  it('backs the CSS size at the pixel ratio, scales and clears, and resizes only on change', () => {
    vi.stubGlobal('window', { devicePixelRatio: 2 })
    const { canvas, resizes, calls } = fakeCanvas()
    expect(screenCanvasContext(canvas, 200.4, 100)).not.toBeNull()
    expect([canvas.width, canvas.height]).toEqual([401, 200])
    expect(calls).toEqual([
      ['setTransform', 2, 0, 0, 2, 0, 0],
      ['clearRect', 0, 0, 200.4, 100]
    ])
    screenCanvasContext(canvas, 200.4, 100)
    expect(resizes()).toBe(2) // the second call kept the backing store
  })

  it('gives nothing to draw on without a canvas or a size', () => {
    vi.stubGlobal('window', { devicePixelRatio: 1 })
    expect(screenCanvasContext(null, 10, 10)).toBeNull()
    expect(screenCanvasContext(fakeCanvas().canvas, 0, 10)).toBeNull()
  })
})
