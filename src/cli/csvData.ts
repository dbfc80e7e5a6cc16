// Reads a CSV dataset for the CLI with the shared import rules (src/shared/import): the same
// detection as the app, overridden by --delimiter, --x-columns and --label-column. A file that
// cannot be read is one line naming the file (and the line) and what to change.
import {
  CLI_HINTS,
  CsvImportError,
  importCsv,
  parseDelimiter,
  type CsvImportRequest,
  type ImportedCsv
} from '../shared/import'
import { PROBLEM_TYPES, type ProblemType } from '../shared/engine/spec'
import { UsageError } from './errors'
import { parseChoice } from './options'
import type { CliIo } from './io'
import { readText } from './io'
import type { OptionSpec } from './options'

export const CSV_OPTIONS: OptionSpec = {
  'x-columns': { type: 'string' },
  'label-column': { type: 'string' },
  'target-column': { type: 'string' },
  delimiter: { type: 'string' }
}

export type CsvOptionValues = Record<string, string | boolean | undefined>
type Values = CsvOptionValues

function stringOption(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** The import request that --delimiter, --x-columns, --label-column, --target-column and
 *  --problem ask for. */
export function csvRequest(values: Values): CsvImportRequest {
  const request: CsvImportRequest = { hints: CLI_HINTS }
  const delimiter = stringOption(values, 'delimiter')
  if (delimiter !== undefined) {
    const parsed = parseDelimiter(delimiter)
    if (!parsed) {
      throw new UsageError(
        `--delimiter: "${delimiter}" is not one of , ; | tab spaces (quote it in the shell: --delimiter ';').`
      )
    }
    request.format = { delimiter: parsed }
  }
  const xColumns = stringOption(values, 'x-columns')
  const targetColumn = stringOption(values, 'target-column')
  if (targetColumn !== undefined && stringOption(values, 'label-column') !== undefined) {
    throw new UsageError('use either --label-column (classes) or --target-column (regression).')
  }
  // --target-column C: column C holds a real-valued target, so the run is a regression.
  const labelColumn = targetColumn ?? stringOption(values, 'label-column')
  if (targetColumn !== undefined) request.problem = 'regression'
  const problem = stringOption(values, 'problem')
  if (problem !== undefined) {
    request.problem = parseChoice('problem', problem, PROBLEM_TYPES)
    if (targetColumn !== undefined && request.problem !== 'regression') {
      throw new UsageError(
        '--target-column names a regression target; drop --problem or use --label-column.'
      )
    }
  }
  if (xColumns !== undefined || labelColumn !== undefined) request.columns = {}
  if (xColumns !== undefined) {
    const names = xColumns.split(',').map((n) => n.trim())
    if (names.length !== 2 || names.some((n) => n === '')) {
      throw new UsageError(
        `--x-columns: name two columns, as in --x-columns "sepal length,sepal width".`
      )
    }
    request.columns!.x = [names[0], names[1]]
  }
  if (labelColumn !== undefined) request.columns!.label = labelColumn
  return request
}

/** The file's points, or a UsageError `FILE: what is wrong: what to change`. `unlabelled`:
 *  points to predict, which need no label column (predict --data). */
export function readCsvData(
  io: CliIo,
  path: string,
  values: Values,
  unlabelled = false
): ImportedCsv {
  const request = csvRequest(values)
  if (unlabelled) request.columns = { ...request.columns, unlabelled: true }
  try {
    return importCsv(readText(io, path), request)
  } catch (error) {
    if (error instanceof CsvImportError) throw new UsageError(`${path}: ${error.message}`)
    throw error
  }
}

/** What train --json and eval --json say about an imported file's columns and classes. */
export function csvReport(imported: ImportedCsv): {
  problem: ProblemType
  columns: { x: [string, string]; label: string; split?: string }
  classNames: string[]
  droppedRows: number
  format: { delimiter: string; decimalComma: boolean; header: boolean }
} {
  const split = imported.choice.split
  return {
    problem: imported.problem,
    columns: {
      x: imported.inputNames,
      label: imported.labelName,
      ...(split !== null ? { split: imported.columns[split].name } : {})
    },
    classNames: imported.classNames,
    droppedRows: imported.droppedRows,
    format: {
      delimiter: imported.format.delimiter === '\t' ? 'tab' : imported.format.delimiter,
      decimalComma: imported.format.decimalComma,
      header: imported.format.header
    }
  }
}
