// Session files are serialized and parsed in a module Web Worker, so autosave, Save and Open of a
// long run never hold the main thread for the 100–300 ms that JSON + base64 of every weight and
// history point take. The snapshot's typed arrays are structured-cloned to the worker (a memcpy).
// Where no worker can start (unit tests, a worker that fails to load) the same code runs here.
// The codec itself (the session format, zod and all) is imported only where it runs here, so it is
// not part of the app's start.
import type { RunSnapshot } from '@shared/engine/types'
import type { SessionParseResult } from '@shared/session'
import { packHistory } from '@shared/protocol/packedHistory'
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
export interface WorkerLike {
  postMessage(message: CodecRequest): void
  addEventListener(type: 'message', listener: (event: MessageEvent<CodecResponse>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

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

type Pending = { resolve(response: CodecResponse): void; request: CodecRequest }

/** Answers a request on this thread (no worker, or the worker failed). */
async function answerHere(request: CodecRequest): Promise<CodecResponse> {
  const { answerCodecRequest } = await import('../workers/sessionCodecCore')
  return answerCodecRequest(request)
}

export function createSessionCodec(spawn: () => WorkerLike | null = startWorker): SessionCodec {
  let worker: WorkerLike | null | undefined
  let nextId = 1
  const pending = new Map<number, Pending>()

  /** The worker could not load or crashed: answer what it held here, and stop using it. */
  function giveUpWorker(): void {
    worker?.terminate()
    worker = null
    for (const [id, job] of pending) {
      pending.delete(id)
      void answerHere(job.request).then(job.resolve)
    }
  }

  function ensureWorker(): WorkerLike | null {
    if (worker !== undefined) return worker
    worker = spawn()
    worker?.addEventListener('message', (event) => {
      const job = pending.get(event.data.id)
      if (!job) return
      pending.delete(event.data.id)
      job.resolve(event.data)
    })
    worker?.addEventListener('error', giveUpWorker)
    return worker
  }

  function run(request: CodecRequest): Promise<CodecResponse> {
    const target = ensureWorker()
    if (!target) return answerHere(request)
    return new Promise((resolve) => {
      pending.set(request.id, { resolve, request })
      try {
        target.postMessage(request)
      } catch {
        // Not cloneable (should not happen with plain snapshots): do it here.
        pending.delete(request.id)
        void answerHere(request).then(resolve)
      }
    })
  }

  return {
    async serialize(snapshot, meta) {
      const response = await run({
        id: nextId++,
        op: 'serialize',
        snapshot: { ...snapshot, history: [] },
        history: packHistory(snapshot.history),
        meta
      })
      if (response.op === 'serialize') return response.text
      throw new Error(response.op === 'failed' ? response.message : 'Unexpected codec answer.')
    },
    async parse(text) {
      const response = await run({ id: nextId++, op: 'parse', text })
      if (response.op === 'parse') return response.result
      // parseSession never throws, so anything else means the worker misbehaved: parse here.
      const { parseSession } = await import('@shared/session')
      return parseSession(text)
    },
    dispose() {
      worker?.terminate()
      worker = null
      pending.clear()
    }
  }
}

let shared: SessionCodec | null = null

/** The app's one codec (one worker, started on first use). */
export function sessionCodec(): SessionCodec {
  shared ??= createSessionCodec()
  return shared
}
