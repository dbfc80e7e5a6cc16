// Parses a CSV dataset's text on the main thread in short slices, so a 1,000,000-row import
// keeps the window responsive (no task much over `sliceMs`), reports rows and percent as it
// goes, and can be cancelled between slices. The rules and errors are the engine's
// (CsvDatasetParser = parseCsvDataset read piece by piece).
import { CsvDatasetParser } from '@shared/engine'
import type { Dataset } from '@shared/engine/types'

export interface CsvParseProgress {
  /** Data rows read so far. */
  rows: number
  /** Share of the text read, 0…1. */
  fraction: number
}

export interface CsvSliceOptions {
  /** Work per slice before giving the event loop back (ms). */
  sliceMs?: number
  /** Characters handed to the parser at a time (the unit the slice budget is checked in). */
  chunkChars?: number
  onProgress?: (progress: CsvParseProgress) => void
  /** Aborting stops the parse at the next slice with an ImportCancelledError. */
  signal?: AbortSignal
  now?: () => number
  /** Gives the event loop back between slices (a macrotask, so input and paint get their turn). */
  yieldToEventLoop?: () => Promise<void>
}

/** Work per slice: well under the 50 ms "long task" mark, with room for what else runs. */
export const IMPORT_SLICE_MS = 12
/** About 2,000 rows of typical `x1,x2,label` text: a few ms of parsing. */
export const IMPORT_CHUNK_CHARS = 64 * 1024

export class ImportCancelledError extends Error {
  constructor() {
    super('The import was cancelled.')
    this.name = 'ImportCancelledError'
  }
}

function macrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0))
}

/** Resolves with the dataset; rejects with the parser's DatasetError, or ImportCancelledError. */
export async function parseCsvInSlices(
  text: string,
  options: CsvSliceOptions = {}
): Promise<Dataset> {
  const sliceMs = options.sliceMs ?? IMPORT_SLICE_MS
  const chunk = Math.max(1, options.chunkChars ?? IMPORT_CHUNK_CHARS)
  const now = options.now ?? (() => performance.now())
  const pause = options.yieldToEventLoop ?? macrotask
  const parser = new CsvDatasetParser()
  let at = 0
  options.onProgress?.({ rows: 0, fraction: 0 })
  while (at < text.length) {
    if (options.signal?.aborted) throw new ImportCancelledError()
    const start = now()
    do {
      parser.push(text.slice(at, at + chunk))
      at += chunk
    } while (at < text.length && now() - start < sliceMs)
    options.onProgress?.({ rows: parser.rowCount, fraction: Math.min(1, at / text.length) })
    await pause()
  }
  if (options.signal?.aborted) throw new ImportCancelledError()
  const data = parser.finish()
  options.onProgress?.({ rows: data.count, fraction: 1 })
  return data
}
