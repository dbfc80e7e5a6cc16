import { describe, expect, it } from 'vitest'
import { DatasetError, parseCsvDataset } from '@shared/engine'
import { ImportCancelledError, parseCsvInSlices, type CsvParseProgress } from './parseCsvInSlices'

function csv(rows: number): string {
  const lines = ['x1,x2,label']
  for (let i = 0; i < rows; i++) lines.push(`${(i * 0.01).toFixed(2)},${-i},${i % 2}`)
  return lines.join('\r\n')
}

/** A clock that moves 1 ms per reading, so slices end after a known number of chunks. */
function tickingClock(): () => number {
  let t = 0
  return () => t++
}

describe('parseCsvInSlices', () => {
  it('gives parseCsvDataset’s points, reporting growing rows and percent per slice', async () => {
    const text = csv(5000)
    const progress: CsvParseProgress[] = []
    let yields = 0
    const data = await parseCsvInSlices(text, {
      chunkChars: 1000,
      sliceMs: 3,
      now: tickingClock(),
      onProgress: (p) => progress.push(p),
      yieldToEventLoop: async () => {
        yields++
      }
    })
    const whole = parseCsvDataset(text)
    expect(data.count).toBe(5000)
    expect(Array.from(data.x)).toEqual(Array.from(whole.x))
    expect(Array.from(data.labels)).toEqual(Array.from(whole.labels))
    // Three chunks per slice (the clock reads 1, 2, 3 ms after the slice's start), one yield each.
    const chunks = Math.ceil(text.length / 1000)
    expect(yields).toBe(Math.ceil(chunks / 3))
    expect(progress[0]).toEqual({ rows: 0, fraction: 0 })
    expect(progress[progress.length - 1]).toEqual({ rows: 5000, fraction: 1 })
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i].rows).toBeGreaterThanOrEqual(progress[i - 1].rows)
      expect(progress[i].fraction).toBeGreaterThan(progress[i - 1].fraction - 1e-12)
    }
    expect(progress.some((p) => p.rows > 0 && p.rows < 5000)).toBe(true)
  })

  it('stops at the next slice once aborted', async () => {
    const controller = new AbortController()
    let slices = 0
    const parsing = parseCsvInSlices(csv(5000), {
      chunkChars: 500,
      sliceMs: 1,
      now: tickingClock(),
      signal: controller.signal,
      yieldToEventLoop: async () => {
        if (++slices === 3) controller.abort()
      }
    })
    await expect(parsing).rejects.toBeInstanceOf(ImportCancelledError)
    expect(slices).toBe(3)
  })

  it('rejects with the engine’s line-numbered error', async () => {
    const text = `${csv(3000)}\r\n1,2\r\n`
    const parsing = parseCsvInSlices(text, { chunkChars: 700, yieldToEventLoop: async () => {} })
    await expect(parsing).rejects.toBeInstanceOf(DatasetError)
    await expect(parsing).rejects.toThrow(/^Line 3002: expected 3 values/)
  })
})
