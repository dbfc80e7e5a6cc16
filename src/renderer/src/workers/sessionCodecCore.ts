// The session file work that is too slow for the main thread with long runs (JSON of every
// weight and history point, base64 of the float64 arrays, validating a big file): the requests a
// session codec answers, and the code that answers them. The worker (sessionCodec.worker.ts) runs
// it off the main thread; composables/sessionCodec.ts falls back to calling it directly where no
// worker can start (unit tests).
import type { EpochStats, RunSnapshot } from '@shared/engine/types'
import {
  createSessionDocument,
  parseSession,
  serializeSession,
  type ChallengeAnswer,
  type SessionParseResult
} from '@shared/session'

export interface SessionMeta {
  name: string
  note?: string
  appVersion: string
  createdAt?: string
  challenge?: ChallengeAnswer
}

/** A run's history as flat arrays: structured-cloning 100,000 small objects costs the sending
 *  thread ~100 ms, these arrays a few milliseconds. `has` bit 0: testLoss, bit 1: testAccuracy. */
export interface PackedHistory {
  values: Float64Array
  has: Uint8Array
}

const FIELDS = 5

export function packHistory(history: readonly EpochStats[]): PackedHistory {
  const values = new Float64Array(history.length * FIELDS)
  const has = new Uint8Array(history.length)
  history.forEach((s, i) => {
    const at = i * FIELDS
    values[at] = s.epoch
    values[at + 1] = s.loss
    values[at + 2] = s.accuracy
    if (s.testLoss !== undefined) {
      values[at + 3] = s.testLoss
      has[i] |= 1
    }
    if (s.testAccuracy !== undefined) {
      values[at + 4] = s.testAccuracy
      has[i] |= 2
    }
  })
  return { values, has }
}

export function unpackHistory(packed: PackedHistory): EpochStats[] {
  const { values, has } = packed
  const history: EpochStats[] = new Array(has.length)
  for (let i = 0; i < has.length; i++) {
    const at = i * FIELDS
    const s: EpochStats = { epoch: values[at], loss: values[at + 1], accuracy: values[at + 2] }
    if (has[i] & 1) s.testLoss = values[at + 3]
    if (has[i] & 2) s.testAccuracy = values[at + 4]
    history[i] = s
  }
  return history
}

export type CodecRequest =
  | {
      id: number
      op: 'serialize'
      /** The snapshot with an empty history; the history travels packed beside it. */
      snapshot: RunSnapshot
      history: PackedHistory
      meta: SessionMeta
    }
  | { id: number; op: 'parse'; text: string }

export type CodecResponse =
  | { id: number; op: 'serialize'; text: string }
  | { id: number; op: 'parse'; result: SessionParseResult }
  | { id: number; op: 'failed'; message: string }

export function answerCodecRequest(request: CodecRequest): CodecResponse {
  try {
    if (request.op === 'serialize') {
      const snapshot = { ...request.snapshot, history: unpackHistory(request.history) }
      const doc = createSessionDocument(snapshot, request.meta)
      return { id: request.id, op: 'serialize', text: serializeSession(doc) }
    }
    return { id: request.id, op: 'parse', result: parseSession(request.text) }
  } catch (error) {
    return {
      id: request.id,
      op: 'failed',
      message: error instanceof Error ? error.message : String(error)
    }
  }
}
