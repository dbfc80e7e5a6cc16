// How a CSV file is written: which character separates the values, whether numbers use a decimal
// comma, whether the first line names the columns. detectCsvFormat reads that from the file's
// first lines; a learner (or a CLI option) may override any of it.
import Papa from 'papaparse'

/** ',' ';' tab '|', or 'spaces': values separated by runs of spaces/tabs (aligned text tables). */
export type CsvDelimiter = ',' | ';' | '\t' | '|' | 'spaces'

export const CSV_DELIMITERS: readonly CsvDelimiter[] = [',', ';', '\t', '|', 'spaces']

export interface CsvFormat {
  delimiter: CsvDelimiter
  /** Numbers are written `1,5` (a spreadsheet in many locales), not `1.5`. */
  decimalComma: boolean
  /** The first non-blank line holds column names, not values. */
  header: boolean
}

/** The words for a delimiter in messages and menus. */
export function delimiterName(delimiter: CsvDelimiter): string {
  if (delimiter === '\t') return 'tab'
  if (delimiter === 'spaces') return 'spaces'
  return `'${delimiter}'`
}

/** The text a user types for a delimiter (`--delimiter ';'`, `tab`, `spaces`). */
export function parseDelimiter(text: string): CsvDelimiter | null {
  const t = text.toLowerCase()
  if (t === 'tab' || t === '\\t' || text === '\t') return '\t'
  if (t === 'space' || t === 'spaces' || t === 'whitespace' || text === ' ') return 'spaces'
  if (text === 'comma') return ','
  if (text === 'semicolon') return ';'
  return (CSV_DELIMITERS as readonly string[]).includes(text) ? (text as CsvDelimiter) : null
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const DECIMAL_COMMA_NUMBER = /^[+-]?(\d+,?\d*|,\d+)([eE][+-]?\d+)?$/
const HAS_DECIMAL_COMMA = /^[+-]?\d*,\d+([eE][+-]?\d+)?$/

/** Cells that stand for "no value" (pandas writes an empty cell for NaN). */
const MISSING = new Set(['', 'na', 'nan', 'n/a', 'null', 'none', '?'])

export function isMissingCell(cell: string): boolean {
  return MISSING.has(cell.trim().toLowerCase())
}

/** The number a cell holds, or NaN when it is not a plain decimal number. */
export function cellNumber(cell: string, decimalComma: boolean): number {
  const t = cell.trim()
  if (decimalComma) {
    return DECIMAL_COMMA_NUMBER.test(t) ? Number(t.replace(',', '.')) : NaN
  }
  return NUMBER.test(t) ? Number(t) : NaN
}

function isNumberCell(cell: string, decimalComma: boolean): boolean {
  return Number.isFinite(cellNumber(cell, decimalComma))
}

/** The text without a UTF-8 byte order mark, and for 'spaces' with each run of spaces/tabs as one
 *  tab (leading and trailing ones dropped), so PapaParse reads it with a tab delimiter. */
export function prepareCsvText(text: string, delimiter: CsvDelimiter): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (delimiter !== 'spaces') return body
  return body.replace(/^[ \t]+|[ \t]+(?=\r?$)/gm, '').replace(/[ \t]+/g, '\t')
}

/** The delimiter PapaParse is given for a format. */
export function papaDelimiter(delimiter: CsvDelimiter): string {
  return delimiter === 'spaces' ? '\t' : delimiter
}

/** The first `maxLines` non-blank lines' cells, read with `delimiter`. */
export function sampleRows(sample: string, delimiter: CsvDelimiter, maxLines = 50): string[][] {
  const text = prepareCsvText(sample, delimiter)
  const parsed = Papa.parse<string[]>(text, {
    delimiter: papaDelimiter(delimiter),
    skipEmptyLines: 'greedy',
    preview: maxLines
  })
  return parsed.data.map((row) => row.map((cell) => cell.trim()))
}

/** The start of a file that detection and the preview look at (whole lines only). */
export function sampleOf(text: string, maxChars = 64 * 1024): string {
  if (text.length <= maxChars) return text
  const cut = Math.max(text.lastIndexOf('\n', maxChars), text.lastIndexOf('\r', maxChars))
  return cut > 0 ? text.slice(0, cut) : text.slice(0, maxChars)
}

interface Candidate {
  delimiter: CsvDelimiter
  columns: number
  numbers: number
  decimalComma: boolean
}

/** How well `delimiter` splits the sample: every line into the same number (≥ 2) of cells, and
 *  how many of those cells are numbers. Null when it does not split the lines evenly. */
function tryDelimiter(sample: string, delimiter: CsvDelimiter): Candidate | null {
  const rows = sampleRows(sample, delimiter)
  if (rows.length === 0) return null
  const columns = rows[0].length
  // A last line cut short by the sample's end does not count against a delimiter.
  const body = rows.length > 2 ? rows.slice(0, -1) : rows
  if (columns < 2 || body.some((row) => row.length !== columns)) return null
  const cells = body.flat()
  const decimalComma = delimiter !== ',' && cells.some((cell) => HAS_DECIMAL_COMMA.test(cell))
  const numbers = cells.filter((cell) => isNumberCell(cell, decimalComma)).length
  return { delimiter, columns, numbers, decimalComma }
}

/** Whether the first row names the columns: some column holds numbers below it while its first
 *  cell is not a number (pandas' index column has an empty name), or no cell of it is a number. */
export function looksLikeHeader(rows: string[][], decimalComma: boolean): boolean {
  if (rows.length === 0) return false
  const first = rows[0]
  if (!first.some((cell) => isNumberCell(cell, decimalComma))) return true
  const rest = rows.slice(1)
  return first.some(
    (cell, c) =>
      !isNumberCell(cell, decimalComma) &&
      rest.length > 0 &&
      rest.every(
        (row) => row[c] === undefined || isMissingCell(row[c]) || isNumberCell(row[c], decimalComma)
      ) &&
      rest.some((row) => row[c] !== undefined && isNumberCell(row[c], decimalComma))
  )
}

/** The format of a file, read from its first lines (`sample`). Of the delimiters that split every
 *  line into the same number of cells, the one that yields the most numbers wins (so `1,5;2;0`
 *  is ';' with a decimal comma, not ','); then the one with more columns; then the list's order. */
export function detectCsvFormat(sample: string, delimiter?: CsvDelimiter): CsvFormat {
  const candidates = (delimiter ? [delimiter] : CSV_DELIMITERS)
    .map((d) => tryDelimiter(sample, d))
    .filter((c): c is Candidate => c !== null)
  let best: Candidate | undefined
  for (const c of candidates) {
    if (
      !best ||
      c.numbers > best.numbers ||
      (c.numbers === best.numbers && c.columns > best.columns)
    )
      best = c
  }
  const chosen = best?.delimiter ?? delimiter ?? ','
  const decimalComma =
    best?.decimalComma ??
    (chosen !== ',' &&
      sampleRows(sample, chosen)
        .flat()
        .some((c) => HAS_DECIMAL_COMMA.test(c)))
  return {
    delimiter: chosen,
    decimalComma,
    header: looksLikeHeader(sampleRows(sample, chosen), decimalComma)
  }
}
