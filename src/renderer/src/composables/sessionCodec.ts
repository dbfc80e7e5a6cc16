// Session files are serialized and parsed in a module Web Worker, so autosave, Save and Open of a
// long run never hold the main thread for the 100–300 ms that JSON + base64 of every weight and
// history point take. The snapshot's typed arrays are structured-cloned to the worker (a memcpy).
// Where no worker can start (unit tests, a worker that fails to load) the same code runs here.
// The codec itself (the session format, zod and all) is imported only where it runs here, so it is
// not part of the app's start.
import type { RunSnapshot } from '@shared/engine/types'
import type { SessionParseResult } from '@shared/session'
import { splitHistory } from '@shared/protocol/packedHistory'
import { createWorkerJobs, type JobWorker } from '@shared/protocol/workerJobs'
import type { CodecRequest, CodecResponse, SessionMeta } from '../workers/sessionCodecCore'

export type { SessionMeta } from '../workers/sessionCodecCore'

export interface SessionCodec {
  /** The `.nnlab` text of a snapshot (createSessionDocument + serializeSession). */
  serialize(snapshot: RunSnapshot, meta: SessionMeta): Promise<string>
  /** parseSession, off the main thread. Never rejects for a bad file: that is `{ ok: false }`. */
  parse(text: string): Promise<SessionParseResult>
  dispose(): void
}

/** The minimum of a Worker the codec uses (lets tests hand in a fake). */
export type WorkerLike = JobWorker<CodecRequest, CodecResponse>

function startWorker(): WorkerLike | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/sessionCodec.worker.ts', import.meta.url), {
      type: 'module',
      name: 'session-codec'
    }) as WorkerLike
  } catch {
    return null
  }
}

/** Answers a request on this thread (no worker, or the worker failed). */
async function answerHere(request: CodecRequest): Promise<CodecResponse> {
  const { answerCodecRequest } = await import('../workers/sessionCodecCore')
  return answerCodecRequest(request)
}

export function createSessionCodec(spawn: () => WorkerLike | null = startWorker): SessionCodec {
  const jobs = createWorkerJobs(spawn, answerHere)

  return {
    async serialize(snapshot, meta) {
      const parts = splitHistory(snapshot)
      const response = await jobs.run((id) => ({ id, op: 'serialize', ...parts, meta }))
      if (response.op === 'serialize') return response.text
      throw new Error(response.op === 'failed' ? response.message : 'Unexpected codec answer.')
    },
    async parse(text) {
      const response = await jobs.run((id) => ({ id, op: 'parse', text }))
      if (response.op === 'parse') return response.result
      // parseSession never throws, so anything else means the worker misbehaved: parse here.
      const { parseSession } = await import('@shared/session')
      return parseSession(text)
    },
    dispose: () => jobs.dispose()
  }
}

let shared: SessionCodec | null = null

/** The app's one codec (one worker, started on first use). */
export function sessionCodec(): SessionCodec {
  shared ??= createSessionCodec()
  return shared
}
