// Pinned runs (compare runs) in a session file: they come back exactly, files without them open
// unchanged, and a pinned run that does not fit its own network is refused in one sentence.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createSessionDocument, parseSession, serializeSession, type PinnedRun } from './index'
import { SMALL_RUNS, trainedSnapshot } from './testRuns'

function pinnedFrom(index: number): PinnedRun {
  const snapshot = trainedSnapshot(SMALL_RUNS[index])
  return {
    name: `Run ${index + 1}`,
    config: snapshot.config,
    epoch: snapshot.epoch,
    history: snapshot.history,
    params: snapshot.params,
    wallTimeMs: index === 0 ? 1234.5 : null,
    final: { loss: 0.25, accuracy: 0.875 },
    ...(index === 0 ? { earlyStop: { bestEpoch: 1, stoppedAt: snapshot.epoch } } : {})
  }
}

describe('pinned runs in a session', () => {
  it('round-trip bit for bit', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[0])
    const pinnedRuns = [pinnedFrom(0), pinnedFrom(1)]
    const text = serializeSession(
      createSessionDocument(snapshot, { name: 'compare', appVersion: 'test', pinnedRuns })
    )
    const parsed = parseSession(text)
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.session.pinnedRuns).toEqual(pinnedRuns)
  })

  it('are left out when there are none, and older files open without them', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[0])
    const text = serializeSession(createSessionDocument(snapshot, { name: 'x', appVersion: 't' }))
    expect(text).not.toContain('pinnedRuns')
    for (const file of ['session-v1.nnlab', 'session-v2.nnlab']) {
      const parsed = parseSession(readFileSync(join(__dirname, 'fixtures', file), 'utf8'))
      expect(parsed.ok, file).toBe(true)
      if (parsed.ok) expect(parsed.session.pinnedRuns).toBeUndefined()
    }
  })

  it('refuses a pinned run whose weights do not fit its network', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[0])
    const bad = pinnedFrom(0)
    bad.params = { weights: bad.params.weights.slice(1), biases: bad.params.biases.slice(1) }
    const text = serializeSession(
      createSessionDocument(snapshot, { name: 'x', appVersion: 't', pinnedRuns: [bad] })
    )
    const parsed = parseSession(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(parsed.error.code).toBe('inconsistent')
  })
})
