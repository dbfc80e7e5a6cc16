// Reads a CSV file's rows (the shared import's readCsv) in a module Web Worker, so a
// 1,000,000-row file never holds the main thread: progress arrives as the worker reads, and
// Cancel terminates the worker. Where no worker can start (unit tests) the rows are read here.
import {
  APP_HINTS,
  CsvImportError,
  readCsv,
  type CsvLayout,
  type ImportedCsv
} from '@shared/import'
import type { CsvWorkerReply, CsvWorkerRequest } from '../workers/csvImportMessages'

export interface CsvReadProgress {
  rows: number
  /** Share of the text read, 0…1. */
  fraction: number
}

export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled.')
    this.name = 'ImportCancelledError'
  }
}

/** The minimum of a Worker this uses (lets tests hand in a fake). */
export interface CsvWorkerLike {
  postMessage(message: CsvWorkerRequest): void
  addEventListener(type: 'message', listener: (event: MessageEvent<CsvWorkerReply>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

function startWorker(): CsvWorkerLike | null {
  if (typeof Worker === 'undefined') return null
  try {
    return new Worker(new URL('../workers/csvImport.worker.ts', import.meta.url), {
      type: 'module',
      name: 'csv-import'
    }) as CsvWorkerLike
  } catch {
    return null
  }
}

/** Resolves with the import; rejects with CsvImportError (the file's problem) or
 *  ImportCancelledError. */
export function readCsvOffThread(
  text: string,
  layout: CsvLayout,
  options: {
    onProgress?: (progress: CsvReadProgress) => void
    signal?: AbortSignal
    spawn?: () => CsvWorkerLike | null
  } = {}
): Promise<ImportedCsv> {
  if (options.signal?.aborted) return Promise.reject(new ImportCancelledError())
  const worker = (options.spawn ?? startWorker)()
  options.onProgress?.({ rows: 0, fraction: 0 })
  if (!worker) {
    return new Promise((resolve, reject) => {
      try {
        resolve(readCsv(text, layout, { hints: APP_HINTS, onProgress: options.onProgress }))
      } catch (error) {
        reject(error)
      }
    })
  }
  return new Promise((resolve, reject) => {
    const stop = (): void => {
      worker.terminate()
      options.signal?.removeEventListener('abort', cancel)
    }
    const cancel = (): void => {
      stop()
      reject(new ImportCancelledError())
    }
    options.signal?.addEventListener('abort', cancel)
    worker.addEventListener('message', (event) => {
      const reply = event.data
      if (reply.type === 'progress') {
        options.onProgress?.({ rows: reply.rows, fraction: reply.fraction })
        return
      }
      stop()
      if (reply.type === 'done') resolve(reply.imported)
      else reject(new CsvImportError(reply.message.replace(/^Line \d+: /, ''), reply.line))
    })
    worker.addEventListener('error', () => {
      // The worker could not load: read the rows here rather than fail the import.
      stop()
      try {
        resolve(readCsv(text, layout, { hints: APP_HINTS, onProgress: options.onProgress }))
      } catch (error) {
        reject(error)
      }
    })
    worker.postMessage({ text, layout })
  })
}
