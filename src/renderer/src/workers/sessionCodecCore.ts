// The session file work that is too slow for the main thread with long runs (JSON of every
// weight and history point, base64 of the float64 arrays, validating a big file): the requests a
// session codec answers, and the code that answers them. The worker (sessionCodec.worker.ts) runs
// it off the main thread; composables/sessionCodec.ts falls back to calling it directly where no
// worker can start (unit tests).
import type { RunSnapshot } from '@shared/engine/types'
import {
  createSessionDocument,
  parseSession,
  serializeSession,
  type ChallengeAnswer,
  type PinnedRun,
  type SessionParseResult
} from '@shared/session'
import { unpackHistory, type PackedHistory } from '@shared/protocol/packedHistory'

export { packHistory, unpackHistory, type PackedHistory } from '@shared/protocol/packedHistory'

export interface SessionMeta {
  name: string
  note?: string
  appVersion: string
  createdAt?: string
  challenge?: ChallengeAnswer
  /** Runs kept for comparison (stores/compare.ts). */
  pinnedRuns?: PinnedRun[]
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
