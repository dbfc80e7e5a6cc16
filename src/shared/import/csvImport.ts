// The one CSV import of the app and the CLI: PapaParse reads the text (quoted fields, CRLF, any
// delimiter), detectCsvFormat and chooseColumns decide how to read it (each choice overridable),
// and the rows become a Dataset: two input columns, classes from any label values (ClassLabels),
// the column and class names kept, rows with a missing value dropped and counted.
import Papa from 'papaparse'
import { MAX_CSV_POINTS } from '../engine/limits'
import type { Dataset } from '../engine/types'
import { signLabels } from '../engine/datasets'
import type { ProblemType } from '../engine/spec'
import { ClassLabels } from './classLabels'
import { explainProblem } from './problemType'
import {
  chooseColumns,
  describeColumns,
  type ColumnChoice,
  type ColumnRequest,
  type CsvColumn
} from './csvColumns'
import {
  cellNumber,
  delimiterName,
  detectCsvFormat,
  isMissingCell,
  papaDelimiter,
  prepareCsvText,
  sampleOf,
  sampleRows,
  type CsvFormat
} from './csvFormat'
import { CLI_HINTS, CsvImportError, type ImportHints } from './importErrors'

export interface CsvImportRequest {
  /** Overrides of the detected format. */
  format?: Partial<CsvFormat>
  /** Overrides of the default columns. */
  columns?: ColumnRequest
  /** Overrides the problem type the label column suggests (see problemType.ts). */
  problem?: ProblemType
  hints?: ImportHints
}

/** How a file will be read: its format, columns and the columns chosen. */
export interface CsvLayout {
  format: CsvFormat
  /** What detection found before any override (the dialog shows both). */
  detected: CsvFormat
  columns: CsvColumn[]
  choice: ColumnChoice
  /** Classification (labels name classes) or regression (the label column is a real target). */
  problem: ProblemType
  /** What the label column's sample suggested before any override (the dialog shows both). */
  detectedProblem: ProblemType
  /** One sentence on why detection chose detectedProblem. */
  problemReason: string
}

export interface ImportedCsv extends CsvLayout {
  data: Dataset
  inputNames: [string, string]
  labelName: string
  classNames: string[]
  /** Rows left out because a chosen column had no value there. */
  droppedRows: number
  /** Lines in the file (blank ones and the header included). */
  lines: number
}

export interface CsvReadProgress {
  rows: number
  /** Share of the text read, 0…1. */
  fraction: number
}

interface StringChunkConfig {
  delimiter: string
  skipEmptyLines: false
  chunkSize: number
  chunk(results: Papa.ParseResult<string[]>, parser: Papa.Parser): void
}

/** The line of the first quote PapaParse finds unclosed in the sample, or null. */
function unclosedQuoteLine(sample: string, format: CsvFormat): number | null {
  const parsed = Papa.parse<string[]>(prepareCsvText(sample, format.delimiter), {
    delimiter: papaDelimiter(format.delimiter),
    skipEmptyLines: false
  })
  const problem = parsed.errors.find((e) => e.type === 'Quotes')
  return problem ? (problem.row ?? 0) + 1 : null
}

/** Reads the start of the file and decides how to read it (throws CsvImportError when it cannot
 *  give two input columns and a label). */
export function planCsvImport(text: string, request: CsvImportRequest = {}): CsvLayout {
  const hints = request.hints ?? CLI_HINTS
  const sample = sampleOf(text)
  const detected = detectCsvFormat(sample)
  const forced = request.format?.delimiter
  const base = forced && forced !== detected.delimiter ? detectCsvFormat(sample, forced) : detected
  const format: CsvFormat = { ...base, ...request.format }
  const unclosed = unclosedQuoteLine(sample, format)
  if (unclosed !== null) {
    throw new CsvImportError('a quoted value is not closed: add the missing quote (").', unclosed)
  }
  const rows = sampleRows(sample, format.delimiter)
  if (rows.length === (format.header ? 1 : 0))
    throw new CsvImportError('The file has no data rows.')
  const columns = describeColumns(rows, format)
  const unlabelled = request.columns?.unlabelled === true
  if (columns.length < (unlabelled ? 2 : 3)) {
    if (
      detected.delimiter !== format.delimiter &&
      describeColumns(sampleRows(sample, detected.delimiter), detected).length >=
        (unlabelled ? 2 : 3)
    ) {
      throw new CsvImportError(
        `The file uses ${delimiterName(detected.delimiter)} between values: ${hints.delimiter(detected.delimiter)}.`
      )
    }
    throw new CsvImportError(
      `Line 1 has ${columns.length === 1 ? 'one column' : `${columns.length} columns`}, but ${unlabelled ? 'a point needs two inputs' : 'a dataset needs two inputs and a label'}: separate the values with ',' ';' tab or spaces.`
    )
  }
  const choice = chooseColumns(columns, request.columns ?? {}, hints)
  const explained = explainProblem(format.header ? rows.slice(1) : rows, choice.label, format)
  const detectedProblem = explained.problem
  const problem = request.problem ?? detectedProblem
  return {
    format,
    detected,
    columns,
    choice,
    problem,
    detectedProblem,
    problemReason: explained.reason
  }
}

/** Imports the whole text with `layout` (from planCsvImport). PapaParse reads it in chunks of
 *  `chunkChars`, and onProgress hears after each; throws CsvImportError naming the line. */
export function readCsv(
  text: string,
  layout: CsvLayout,
  options: {
    hints?: ImportHints
    chunkChars?: number
    onProgress?: (progress: CsvReadProgress) => void
  } = {}
): ImportedCsv {
  const hints = options.hints ?? CLI_HINTS
  const { format, columns, choice } = layout
  const [cx, cy] = choice.x
  const xName = columns[cx].name
  const yName = columns[cy].name
  // Points without labels (ColumnRequest.unlabelled): every row is class 0 of no named class.
  const labelled = choice.label >= 0
  const labelName = labelled ? columns[choice.label].name : ''
  const classes = new ClassLabels(labelName, hints.labelColumn)
  const regression = layout.problem === 'regression'
  const body = prepareCsvText(text, format.delimiter)

  let capacity = 1024
  let x = new Float64Array(2 * capacity)
  let seenLabel = new Int32Array(capacity)
  // Regression: the label column's numbers themselves.
  let targets = new Float64Array(regression ? capacity : 0)
  let split: Uint8Array | null = choice.split !== null ? new Uint8Array(capacity) : null
  let rows = 0
  let testRows = 0
  let dropped = 0
  let line = 0
  let headerPending = format.header
  let failure: CsvImportError | null = null

  const grow = (): void => {
    capacity = Math.min(MAX_CSV_POINTS, capacity * 2)
    const nx = new Float64Array(2 * capacity)
    nx.set(x)
    x = nx
    const nl = new Int32Array(capacity)
    nl.set(seenLabel)
    seenLabel = nl
    if (regression) {
      const nt = new Float64Array(capacity)
      nt.set(targets)
      targets = nt
    }
    if (split) {
      const ns = new Uint8Array(capacity)
      ns.set(split)
      split = ns
    }
  }

  const number = (cell: string, column: number): number => {
    const value = cellNumber(cell, format.decimalComma)
    if (!Number.isFinite(value)) {
      throw new CsvImportError(
        `"${cell.trim()}" in column '${columns[column].name}' is not a number: correct it, or ${hints.xColumns}.`,
        line
      )
    }
    return value
  }

  const readRow = (row: string[]): void => {
    line++
    if (row.length === 1 && row[0].trim() === '') return // a blank line
    if (headerPending) {
      headerPending = false
      return
    }
    if (row.length > columns.length && row.slice(columns.length).some((c) => c.trim() !== '')) {
      throw new CsvImportError(
        `found ${row.length} values where the file has ${columns.length} columns: check the delimiter (${delimiterName(format.delimiter)} now), or quote values that contain it.`,
        line
      )
    }
    const a = row[cx] ?? ''
    const b = row[cy] ?? ''
    const label = labelled ? (row[choice.label] ?? '').trim() : ''
    if (isMissingCell(a) || isMissingCell(b) || (labelled && isMissingCell(label))) {
      dropped++
      return
    }
    const x1 = number(a, cx)
    const x2 = number(b, cy)
    let inTest = 0
    if (split && choice.split !== null) {
      const value = (row[choice.split] ?? '').trim().toLowerCase()
      if (value !== 'train' && value !== 'test') {
        throw new CsvImportError(
          `the split "${row[choice.split] ?? ''}" must be train or test.`,
          line
        )
      }
      inTest = value === 'test' ? 1 : 0
    }
    if (rows >= MAX_CSV_POINTS) {
      throw new CsvImportError(
        `the file has more than ${MAX_CSV_POINTS.toLocaleString('en-US')} points.`,
        line
      )
    }
    if (rows === capacity) grow()
    x[2 * rows] = x1
    x[2 * rows + 1] = x2
    if (regression) {
      const value = cellNumber(label, format.decimalComma)
      if (!Number.isFinite(value)) {
        throw new CsvImportError(
          `"${label}" in column '${labelName}' is not a number, but a regression target must be: correct it, or ${hints.labelColumn}.`,
          line
        )
      }
      targets[rows] = value
    } else seenLabel[rows] = labelled ? classes.add(label) : 0
    if (split) {
      split[rows] = inTest
      testRows += inTest
    }
    rows++
  }

  // PapaParse streams a string in chunks too (synchronously, chunk by chunk); its typings list
  // chunk/chunkSize only for files, hence the cast below.
  const config: StringChunkConfig = {
    delimiter: papaDelimiter(format.delimiter),
    skipEmptyLines: false,
    chunkSize: options.chunkChars ?? 256 * 1024,
    chunk: (results, parser) => {
      if (failure) return
      try {
        const quoteError = results.errors.find((e) => e.type === 'Quotes')
        for (let i = 0; i < results.data.length; i++) {
          if (quoteError && quoteError.row === i) {
            throw new CsvImportError(
              'a quoted value is not closed: add the missing quote (").',
              line + 1
            )
          }
          readRow(results.data[i])
        }
        options.onProgress?.({
          rows,
          fraction: Math.min(1, results.meta.cursor / Math.max(1, body.length))
        })
      } catch (error) {
        failure = error instanceof CsvImportError ? error : new CsvImportError(String(error))
        parser.abort()
      }
    }
  }
  Papa.parse<string[]>(body, config as Papa.ParseConfig<string[]>)
  if (failure) throw failure
  if (rows === 0) {
    throw new CsvImportError(
      dropped > 0
        ? `Every row (${dropped}) misses a value in '${xName}', '${yName}' or '${labelName}': ${hints.xColumns}, or fill in the values.`
        : 'The file has no data rows.'
    )
  }
  const inputNames: [string, string] = [xName, yName]
  let data: Dataset
  let classNames: string[]
  if (regression) {
    // Real targets; the labels are their sign classes (Dataset.targets).
    const values = targets.slice(0, rows)
    classNames = []
    data = { x: x.slice(0, 2 * rows), labels: signLabels(values), count: rows, classes: 2 }
    data.targets = values
    data.inputNames = inputNames
  } else {
    const mapping = labelled ? classes.finish() : { classNames: [], classOfSeen: [0] }
    const labels = new Int32Array(rows)
    for (let i = 0; i < rows; i++) labels[i] = mapping.classOfSeen[seenLabel[i]]
    classNames = mapping.classNames
    data = {
      x: x.slice(0, 2 * rows),
      labels,
      count: rows,
      classes: Math.max(1, mapping.classNames.length),
      inputNames,
      classNames: mapping.classNames
    }
  }
  if (split) {
    if (testRows === rows) {
      throw new CsvImportError(
        'Every row of the split column says test: at least one point must be for training.'
      )
    }
    data.split = split.slice(0, rows)
  }
  options.onProgress?.({ rows, fraction: 1 })
  return {
    ...layout,
    data,
    inputNames,
    labelName,
    classNames,
    droppedRows: dropped,
    lines: line
  }
}

/** planCsvImport + readCsv: the whole import in one call (CLI, tests, small files). */
export function importCsv(text: string, request: CsvImportRequest = {}): ImportedCsv {
  return readCsv(text, planCsvImport(text, request), { hints: request.hints })
}

/** The imported points labelled by a model's own classes (`classNames`, a session's), so a file
 *  holding only some of the classes (or in another order) is scored against the right outputs.
 *  Throws CsvImportError for a label the model does not know. */
export function matchClasses(imported: ImportedCsv, classNames: string[]): Dataset {
  const position = new Map(classNames.map((name, index) => [name, index]))
  const mapTo = imported.classNames.map((name) => {
    const index = position.get(name)
    if (index === undefined) {
      throw new CsvImportError(
        `The label '${name}' in column '${imported.labelName}' is not one of the model's classes (${classNames.join(', ')}).`
      )
    }
    return index
  })
  const data = imported.data
  return {
    ...data,
    labels: Int32Array.from(data.labels, (label) => mapTo[label]),
    classes: Math.max(2, classNames.length),
    classNames
  }
}
