import { describe, expect, it } from 'vitest'
import { RunTimeline } from '../engine'
import type { RunSnapshot } from '../engine/types'
import { createSessionDocument, parseSession, serializeSession } from './index'
import { MIGRATE_V1_TO_V2, migrateToVersion } from './migrations'
import { createRun, SMALL_RUNS } from './testRuns'

/** A run trained 130 epochs with Adam and mini-batches, its timeline kept as the trainer does. */
function snapshotWithTimeline(): RunSnapshot {
  const named = SMALL_RUNS.find((r) => r.config.training.optimizer.kind === 'adam') ?? SMALL_RUNS[0]
  const run = createRun(named)
  const timeline = new RunTimeline()
  timeline.record(0, () => run.checkpoint())
  for (let i = 0; i < 130; i++) {
    run.trainEpoch()
    timeline.record(run.epoch, () => run.checkpoint())
  }
  return { ...run.snapshot(), timeline: timeline.toData() }
}

function save(snapshot: RunSnapshot): string {
  return serializeSession(createSessionDocument(snapshot, { name: 't', appVersion: '0.1.0' }))
}

describe('session timeline (format version 2)', () => {
  it('round-trips every kept epoch bit for bit', () => {
    const snapshot = snapshotWithTimeline()
    const result = parseSession(save(snapshot))
    if (!result.ok) throw new Error(result.error.message)
    expect(result.migratedFrom).toBeUndefined()
    expect(result.session.snapshot.timeline).toEqual(snapshot.timeline)
    expect(result.session.snapshot.timeline?.entries).toHaveLength(116)
  })

  it('writes null for a run without a timeline', () => {
    const { timeline: _, ...plain } = snapshotWithTimeline()
    const json = JSON.parse(save(plain))
    expect(json.version).toBe(2)
    expect(json.timeline).toBeNull()
  })

  it('migrates version 1 by stating there is no timeline', () => {
    expect(MIGRATE_V1_TO_V2.migrate({ version: 1, run: { epoch: 3 } })).toEqual({
      version: 1,
      run: { epoch: 3 },
      timeline: null
    })
    expect(migrateToVersion({ version: 1, a: 1 }, 1, 2)).toEqual({
      version: 2,
      a: 1,
      timeline: null
    })
  })

  /** The parsed JSON of a saved file, edited freely by the cases below. */
  interface SavedJson {
    timeline: {
      entries: { epoch: number; params: { weights: string[] }; rng: { key: string } }[]
    }
  }
  const broken: [string, (json: SavedJson) => void, RegExp][] = [
    [
      'an epoch after the run',
      (j) => (j.timeline.entries[j.timeline.entries.length - 1].epoch = 999),
      /timeline\.entries\[115\]" is for epoch 999/
    ],
    [
      'epochs out of order',
      (j) => (j.timeline.entries[3].epoch = 1),
      /timeline\.entries\[3\]" is for epoch 1/
    ],
    [
      'weights of the wrong size',
      (j) => (j.timeline.entries[2].params.weights[0] = 'AAAAAAAAAAA='),
      /timeline\.entries\[2\]\.params\.weights\[0\]" holds 1 numbers/
    ],
    [
      'a short RNG key',
      (j) => (j.timeline.entries[1].rng.key = 'AAAAAA=='),
      /timeline\.entries\[1\]\.rng\.key" holds 1 numbers/
    ]
  ]
  for (const [name, mutate, message] of broken) {
    it(`refuses a timeline with ${name}, in one sentence`, () => {
      const json = JSON.parse(save(snapshotWithTimeline())) as SavedJson
      mutate(json)
      const result = parseSession(JSON.stringify(json))
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(result.error.code).toBe('inconsistent')
        expect(result.error.message).toMatch(message)
      }
    })
  }
})
