// A file that cannot be imported gets one sentence that names the line (when there is one) and
// says what to change. The "what to change" part is worded for where the learner is: the CLI's
// options or the import dialog's fields (ImportHints).
import type { CsvDelimiter } from './csvFormat'
import { delimiterName } from './csvFormat'

export class CsvImportError extends Error {
  /** 1-based line of the file the problem is on, when there is one. */
  line?: number
  constructor(message: string, line?: number) {
    super(line === undefined ? message : `Line ${line}: ${message}`)
    this.name = 'CsvImportError'
    if (line !== undefined) this.line = line
  }
}

/** How a message tells the learner to change a choice. */
export interface ImportHints {
  delimiter(delimiter: CsvDelimiter): string
  xColumns: string
  labelColumn: string
}

export const CLI_HINTS: ImportHints = {
  delimiter: (d) => `pass --delimiter ${d === '\t' ? 'tab' : d === 'spaces' ? 'spaces' : `'${d}'`}`,
  xColumns: 'pass --x-columns A,B',
  labelColumn: 'pass --label-column C'
}

export const APP_HINTS: ImportHints = {
  delimiter: (d) => `choose ${delimiterName(d)} as the delimiter`,
  xColumns: 'choose other input columns',
  labelColumn: 'choose another label column'
}
