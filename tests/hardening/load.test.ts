// Load: the biggest inputs a learner can throw at the engine and the session format. Times and
// memory are printed for the closing note, never asserted (benchmarks measure speed; this checks
// that big inputs are handled correctly and within the documented limits).
import { describe, expect, it } from 'vitest'
import { MAX_CSV_POINTS, SEED_NOTEBOOK, TrainingRun, parameterCount } from '../../src/shared/engine'
import { CsvImportError, importCsv } from '../../src/shared/import'
import type { RunConfig } from '../../src/shared/engine'
import { createSessionDocument, parseSession, serializeSession } from '../../src/shared/session'

/** The app's and the CLI's CSV import (src/shared/import). */
const parseCsvDataset = (text: string) => importCsv(text).data

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** Runs `work`, printing its wall time and how much the heap and RSS grew meanwhile. */
function measure<T>(label: string, work: () => T): T {
  const before = process.memoryUsage()
  const started = performance.now()
  const result = work()
  const ms = performance.now() - started
  const after = process.memoryUsage()
  console.log(
    `${label}: ${ms.toFixed(0)} ms, heap ${mb(before.heapUsed)} → ${mb(after.heapUsed)}, ` +
      `rss ${mb(before.rss)} → ${mb(after.rss)}`
  )
  return result
}

/** n rows of x1,x2,label on two rings, deterministic. The coordinates repeat every 997 rows
 *  (precomputed text), which keeps building 1,000,000 rows cheap. */
function csvRows(n: number): string {
  const period = 997
  const cells = Array.from({ length: period * 2 }, (_, k) => {
    const label = k % 2
    const angle = ((k >> 1) * 2.399963) % (2 * Math.PI)
    const r = label ? 1 : 0.4
    return `${(r * Math.cos(angle)).toFixed(6)},${(r * Math.sin(angle)).toFixed(6)},${label}`
  })
  const lines = ['x1,x2,label']
  for (let i = 0; i < n; i++) lines.push(cells[i % cells.length])
  return lines.join('\n') + '\n'
}

describe('load', () => {
  it('a 1,000,000-row CSV is imported completely and exactly', () => {
    const rows = 1_000_000
    const text = measure('build 1,000,000-row CSV text', () => csvRows(rows))
    console.log(`1,000,000-row CSV is ${mb(text.length)}; import limit ${MAX_CSV_POINTS}`)
    expect(MAX_CSV_POINTS).toBeGreaterThanOrEqual(rows)
    const data = measure('importCsv(1,000,000 rows)', () => parseCsvDataset(text))
    expect(data.count).toBe(rows)
    expect(data.classes).toBe(2)
    const lines = text.split('\n')
    for (const i of [0, 1, 12_345, rows - 1]) {
      const [x1, x2, label] = lines[i + 1].split(',').map(Number)
      expect([data.x[2 * i], data.x[2 * i + 1], data.labels[i]]).toEqual([x1, x2, label])
    }
  })

  it('one row over the import limit is refused with a line-numbered sentence', () => {
    const text = csvRows(MAX_CSV_POINTS + 1)
    const outcome = measure(`importCsv(${MAX_CSV_POINTS + 1} rows)`, () => {
      try {
        return parseCsvDataset(text)
      } catch (error) {
        return error
      }
    })
    // Raised as soon as the limit is passed: line 1 is the header, so the first row too many is
    // on line MAX_CSV_POINTS + 2.
    expect(outcome).toBeInstanceOf(CsvImportError)
    const error = outcome as CsvImportError
    expect(error.line).toBe(MAX_CSV_POINTS + 2)
    expect(error.message.replace(/,/g, '')).toContain(String(MAX_CSV_POINTS))
    expect(error.message).not.toContain('\n')
    console.log(`${MAX_CSV_POINTS + 1}-row CSV refused: “${error.message}”`)
  })

  it('an 8×128 network trains a few epochs with finite loss', () => {
    const hidden = Array.from({ length: 8 }, () => 128)
    const config: RunConfig = {
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, samples: 1000 },
      network: {
        ...SEED_NOTEBOOK.network,
        layerSizes: [2, ...hidden, 1],
        activations: hidden.map(() => 'relu' as const)
      },
      training: { ...SEED_NOTEBOOK.training, epochLimit: 5 }
    }
    const run = measure('TrainingRun.create(8×128, 1000 points)', () => TrainingRun.create(config))
    // 2→128, seven 128→128, 128→1: weights plus biases.
    expect(run.parameterCount()).toBe(2 * 128 + 128 + 7 * (128 * 128 + 128) + 128 + 1)
    expect(parameterCount(config.network)).toBe(run.parameterCount())
    const epochs = 5
    measure(`8×128 network: ${epochs} full-batch epochs on 1000 points`, () => {
      for (let i = 0; i < epochs; i++) run.trainEpoch()
    })
    expect(run.history).toHaveLength(epochs)
    expect(run.history.every((h) => Number.isFinite(h.loss))).toBe(true)
    // Gradient descent on this net makes progress over a few epochs at lr 0.1.
    expect(run.history[epochs - 1].loss).toBeLessThan(run.history[0].loss)
  })

  it('a 100,000-epoch history survives a save and a load bit for bit', { timeout: 120_000 }, () => {
    const epochs = 100_000
    const config: RunConfig = {
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, samples: 16 },
      network: { ...SEED_NOTEBOOK.network, layerSizes: [2, 3, 1], activations: ['tanh'] },
      training: { ...SEED_NOTEBOOK.training, epochLimit: epochs }
    }
    const run = TrainingRun.create(config)
    measure(`train ${epochs} epochs (2-3-1, 16 points) for a real history`, () => {
      for (let i = 0; i < epochs; i++) run.trainEpoch()
    })
    expect(run.history).toHaveLength(epochs)
    const snapshot = run.snapshot()
    const text = measure(`serializeSession(${epochs}-epoch history)`, () =>
      serializeSession(createSessionDocument(snapshot, { name: 'long run', appVersion: 'test' }))
    )
    console.log(`${epochs}-epoch session file: ${mb(text.length)}`)
    const parsed = measure(`parseSession(${epochs}-epoch history)`, () => parseSession(text))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const history = parsed.session.snapshot.history
    expect(history).toHaveLength(epochs)
    const same = history.every(
      (h, i) =>
        h.epoch === snapshot.history[i].epoch &&
        Object.is(h.loss, snapshot.history[i].loss) &&
        Object.is(h.accuracy, snapshot.history[i].accuracy)
    )
    expect(same).toBe(true)
    expect(parsed.session.snapshot.epoch).toBe(epochs)
  })
})
