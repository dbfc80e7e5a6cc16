// Messages between composables/readCsvOffThread.ts and the CSV import worker.
import type { CsvLayout, ImportedCsv } from '@shared/import'

export interface CsvWorkerRequest {
  text: string
  layout: CsvLayout
}

export type CsvWorkerReply =
  | { type: 'progress'; rows: number; fraction: number }
  | { type: 'done'; imported: ImportedCsv }
  | { type: 'failed'; message: string; line?: number }
