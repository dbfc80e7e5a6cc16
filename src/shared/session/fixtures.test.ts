// Every format version NN Lab ever wrote has a frozen fixture file; each must keep loading.
//
// When a new format version is introduced, write its fixture once with
//   NNLAB_WRITE_SESSION_FIXTURE=1 npx vitest run src/shared/session/fixtures.test.ts
// and commit it. Existing fixtures are never rewritten: they are what proves that files written
// by earlier NN Labs still open.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { RunTimeline, TrainingRun } from '../engine'
import type { RunSnapshot } from '../engine/types'
import { createSessionDocument, parseSession, serializeSession, SESSION_VERSION } from './index'
import { createRun, SMALL_RUNS } from './testRuns'

const dir = join(import.meta.dirname, 'fixtures')
const currentFixture = join(dir, `session-v${SESSION_VERSION}.nnlab`)

/** The fixture's run: SMALL_RUNS[2] trained 5 epochs, with its timeline (every epoch kept). */
function fixtureSnapshot(): RunSnapshot {
  const run = createRun(SMALL_RUNS[2])
  const timeline = new RunTimeline()
  timeline.record(0, () => run.checkpoint())
  for (let i = 0; i < 5; i++) {
    run.trainEpoch()
    timeline.record(run.epoch, () => run.checkpoint())
  }
  return { ...run.snapshot(), timeline: timeline.toData() }
}

if (process.env.NNLAB_WRITE_SESSION_FIXTURE === '1' && !existsSync(currentFixture)) {
  const doc = createSessionDocument(fixtureSnapshot(), {
    name: 'xor momentum fixture',
    note: `Frozen example of format version ${SESSION_VERSION}.`,
    appVersion: '0.1.0',
    createdAt: '2026-11-26T12:00:00.000Z'
  })
  doc.savedAt = '2026-11-26T12:00:00.000Z'
  writeFileSync(currentFixture, serializeSession(doc))
}

const fixtures = readdirSync(dir).filter((f) => f.endsWith('.nnlab'))

describe('session fixtures', () => {
  it('has one fixture for every version up to the current one', () => {
    const versions = fixtures.map((f) => Number(/^session-v(\d+)\.nnlab$/.exec(f)?.[1])).sort()
    expect(versions).toEqual(Array.from({ length: SESSION_VERSION }, (_, i) => i + 1))
  })

  it('version 1 opens to the run that wrote it and keeps training', () => {
    const result = parseSession(readFileSync(join(dir, 'session-v1.nnlab'), 'utf8'))
    if (!result.ok) throw new Error(result.error.message)
    expect(result.migratedFrom).toBe(SESSION_VERSION > 1 ? 1 : undefined)
    const { session } = result
    expect(session.name).toBe('xor momentum fixture')
    expect(session.createdAt).toBe('2026-11-26T12:00:00.000Z')
    const snapshot = session.snapshot
    const source = SMALL_RUNS[2]
    expect(snapshot.config).toEqual(source.config)
    expect(snapshot.epoch).toBe(5)
    expect(snapshot.history).toHaveLength(5)
    expect(snapshot.history[0].testLoss).toBeGreaterThan(0)

    // The points depend only on the seeded generator, so they match a fresh run exactly; the
    // weights match a fresh run trained as long to rounding level.
    const fresh = createRun(source)
    for (let i = 0; i < 5; i++) fresh.trainEpoch()
    expect(Array.from(snapshot.train.x)).toEqual(Array.from(fresh.train.x))
    expect(Array.from(snapshot.test.labels)).toEqual(Array.from(fresh.test.labels))
    snapshot.params.weights.forEach((w, l) => {
      w.forEach((value, i) => expect(value).toBeCloseTo(fresh.params.weights[l][i], 12))
    })

    const resumed = TrainingRun.restore(snapshot)
    const next = resumed.trainEpoch()
    expect(next.epoch).toBe(6)
    expect(Number.isFinite(next.loss)).toBe(true)
    // Version 1 had no timeline: the migration says so (null), and the run has none.
    expect(snapshot.timeline).toBeUndefined()
  })

  it('version 2 opens with its timeline, each kept epoch able to continue the run', () => {
    const result = parseSession(readFileSync(join(dir, 'session-v2.nnlab'), 'utf8'))
    if (!result.ok) throw new Error(result.error.message)
    const snapshot = result.session.snapshot
    expect(snapshot.epoch).toBe(5)
    const timeline = snapshot.timeline
    expect(timeline?.level).toBe(0)
    expect(timeline?.entries.map((c) => c.epoch)).toEqual([0, 1, 2, 3, 4, 5])
    // Continuing from epoch 2 for three epochs gives the saved run's epoch-5 weights, bit for bit
    // (on this machine's arithmetic, which wrote the file).
    const run = TrainingRun.restore(snapshot)
    const fork = run.restoreCheckpoint(timeline!.entries[2])
    for (let i = 0; i < 3; i++) fork.trainEpoch()
    expect(fork.params).toEqual(snapshot.params)
    expect(fork.history).toEqual(snapshot.history)
  })
})
