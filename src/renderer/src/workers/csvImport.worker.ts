// Module Web Worker: reads a CSV file's rows with the shared import (PapaParse, in chunks) off the
// main thread, posting progress after each chunk. Started (and, for Cancel, terminated) by
// composables/readCsvOffThread.ts.
import { APP_HINTS, CsvImportError, readCsv } from '@shared/import'
import type { CsvWorkerReply, CsvWorkerRequest } from './csvImportMessages'

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null
  postMessage(reply: CsvWorkerReply, transfer?: Transferable[]): void
}

/** Progress at most this often (a 1,000,000-row file reads in a few hundred chunks). */
const PROGRESS_EVERY_MS = 50

scope.onmessage = (event) => {
  const { text, layout } = event.data
  let last = 0
  try {
    const imported = readCsv(text, layout, {
      hints: APP_HINTS,
      onProgress: ({ rows, fraction }) => {
        const now = performance.now()
        if (now - last < PROGRESS_EVERY_MS && fraction < 1) return
        last = now
        scope.postMessage({ type: 'progress', rows, fraction })
      }
    })
    const data = imported.data
    const transfer: Transferable[] = [data.x.buffer, data.labels.buffer]
    if (data.split) transfer.push(data.split.buffer)
    scope.postMessage({ type: 'done', imported }, transfer)
  } catch (error) {
    scope.postMessage({
      type: 'failed',
      message: error instanceof Error ? error.message : String(error),
      line: error instanceof CsvImportError ? error.line : undefined
    })
  }
}
