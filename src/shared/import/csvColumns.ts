// The columns of a CSV file (names, what they hold) and the default choice of the two input
// columns and the label column:
// - label: the column named label, class, target, y or species (any case), else the last one;
// - inputs: the first two numeric columns that are not the label, an index or id, or the split;
// - a leading index column (pandas `to_csv` writes an unnamed first column 0,1,2…) and a column
//   named id or index are never inputs; a column named split (train/test) keeps the file's split.
import { cellNumber, isMissingCell, type CsvFormat } from './csvFormat'
import { CsvImportError, type ImportHints } from './importErrors'

export type ColumnRole = 'value' | 'index' | 'split'

export interface CsvColumn {
  /** The header's name, or `column N` (1-based) for a file without a header. */
  name: string
  /** At least half of the sample's non-missing cells are numbers. */
  numeric: boolean
  /** The sample's first cell that is neither missing nor a number, for the message that says
   *  why a column cannot be an input. */
  firstNonNumber?: string
  role: ColumnRole
}

export interface ColumnChoice {
  /** Indices of the two input columns (x₁, x₂). */
  x: [number, number]
  /** The label column; −1 for points without labels (ColumnRequest.unlabelled). */
  label: number
  /** The train/test column, when the file has one. */
  split: number | null
}

export const LABEL_COLUMN_NAMES = ['label', 'class', 'target', 'y', 'species']

const INDEX_NAMES = new Set(['', 'unnamed: 0', 'id', 'index'])

function isSplitValue(cell: string): boolean {
  const t = cell.trim().toLowerCase()
  return t === 'train' || t === 'test'
}

function isCountingColumn(rows: string[][], c: number): boolean {
  if (rows.length < 3) return false
  const start = Number(rows[0][c])
  if (start !== 0 && start !== 1) return false
  return rows.every((row, i) => row[c] !== undefined && row[c].trim() === String(start + i))
}

/** The columns, read from the sample's rows (`rows[0]` is the header when format.header). */
export function describeColumns(rows: string[][], format: CsvFormat): CsvColumn[] {
  // The first line (header or row) sets the width; a longer line later is an error there.
  const width = rows.length > 0 ? rows[0].length : 0
  const header = format.header ? rows[0] : null
  const data = format.header ? rows.slice(1) : rows
  const columns: CsvColumn[] = []
  for (let c = 0; c < width; c++) {
    const name = header ? (header[c] ?? '').trim() : `column ${c + 1}`
    const cells = data.map((row) => row[c] ?? '').filter((cell) => !isMissingCell(cell))
    // Mostly numbers: a stray bad value is reported with its line when the rows are read,
    // rather than making the column disappear from the inputs.
    const numbers = cells.filter((cell) => Number.isFinite(cellNumber(cell, format.decimalComma)))
    const numeric = cells.length > 0 && numbers.length * 2 >= cells.length
    let role: ColumnRole = 'value'
    if (header && name.toLowerCase() === 'split' && cells.every(isSplitValue)) role = 'split'
    else if (!header && cells.length > 0 && cells.every(isSplitValue)) role = 'split'
    else if (header && INDEX_NAMES.has(name.toLowerCase()) && (c === 0 || name !== ''))
      role = 'index'
    else if (!header && c === 0 && width >= 4 && isCountingColumn(data, c)) role = 'index'
    const firstNonNumber = cells.find(
      (cell) => !Number.isFinite(cellNumber(cell, format.decimalComma))
    )
    columns.push({
      name,
      numeric,
      role,
      ...(firstNonNumber === undefined ? {} : { firstNonNumber })
    })
  }
  return columns
}

/** Finds a column (see ColumnRef); throws with the names there are. */
export function findColumn(columns: CsvColumn[], wanted: string | number, hint: string): number {
  if (typeof wanted === 'number') {
    if (Number.isInteger(wanted) && wanted >= 0 && wanted < columns.length) return wanted
    throw new CsvImportError(`The file has no column ${wanted + 1}: ${hint}.`)
  }
  const w = wanted.trim()
  let index = columns.findIndex((c) => c.name === w)
  if (index < 0) index = columns.findIndex((c) => c.name.toLowerCase() === w.toLowerCase())
  if (index < 0 && /^\d+$/.test(w) && Number(w) >= 1 && Number(w) <= columns.length) {
    index = Number(w) - 1
  }
  if (index < 0) {
    const names = columns.map((c) => `'${c.name}'`).join(', ')
    throw new CsvImportError(`The file has no column '${w}' (its columns: ${names}): ${hint}.`)
  }
  return index
}

/** A column by name (case-insensitive) or 1-based number as text (the CLI), or by 0-based index
 *  (the import dialog, which may face two columns of the same name). */
export type ColumnRef = string | number

export interface ColumnRequest {
  /** The two input columns. */
  x?: [ColumnRef, ColumnRef]
  label?: ColumnRef
  /** Points to predict: no label column is needed (a column named like a label, or the one
   *  asked for, is left out of the inputs; nothing else is taken as the label). */
  unlabelled?: boolean
}

/** The columns to import: the request's, else the defaults above. Throws CsvImportError when the
 *  file does not have what a run needs. */
export function chooseColumns(
  columns: CsvColumn[],
  request: ColumnRequest,
  hints: ImportHints
): ColumnChoice {
  const split = columns.findIndex((c) => c.role === 'split')
  let label: number
  if (request.label !== undefined) label = findColumn(columns, request.label, hints.labelColumn)
  else {
    label = columns.findIndex(
      (c) => c.role === 'value' && LABEL_COLUMN_NAMES.includes(c.name.toLowerCase())
    )
    if (label < 0 && !request.unlabelled) {
      for (let c = columns.length - 1; c >= 0; c--) {
        if (columns[c].role === 'value') {
          label = c
          break
        }
      }
    }
  }
  if (label < 0 && !request.unlabelled)
    throw new CsvImportError(`The file has no column to use as the label: ${hints.labelColumn}.`)
  let x: [number, number]
  if (request.x) {
    x = [
      findColumn(columns, request.x[0], hints.xColumns),
      findColumn(columns, request.x[1], hints.xColumns)
    ]
    if (x[0] === x[1]) {
      throw new CsvImportError(
        `The two input columns are both '${columns[x[0]].name}': ${hints.xColumns}.`
      )
    }
  } else {
    const inputs = columns
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => c.role === 'value' && c.numeric && i !== label)
      .map(({ i }) => i)
    if (inputs.length < 2) {
      // Say why the nearest candidate is not an input: a value that is not a number (1e400,
      // text), or a column whose every value is missing (NaN, empty).
      const candidate = columns.find((c, i) => c.role === 'value' && !c.numeric && i !== label)
      if (candidate) {
        const why =
          candidate.firstNonNumber === undefined
            ? 'holds only missing values'
            : `holds "${candidate.firstNonNumber}", which is not a number`
        throw new CsvImportError(
          `Column '${candidate.name}' ${why}, so the file has ${inputs.length} of the two input columns it needs: ${hints.xColumns}.`
        )
      }
      throw new CsvImportError(
        label < 0
          ? `The file needs two columns of numbers, but has ${inputs.length}: ${hints.xColumns}.`
          : `The file needs two columns of numbers besides the label '${columns[label].name}', but has ${inputs.length}: ${hints.xColumns}.`
      )
    }
    x = [inputs[0], inputs[1]]
  }
  if (label >= 0 && x.includes(label)) {
    throw new CsvImportError(
      `Column '${columns[label].name}' cannot be both an input and the label: ${hints.labelColumn}.`
    )
  }
  return { x, label, split: split >= 0 && split !== label && !x.includes(split) ? split : null }
}
