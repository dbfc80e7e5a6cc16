// Classification or regression, decided from the label column's values in the file's sample:
// a column of numbers with a fractional value, or with more distinct values than a run has
// classes, is a real-valued target (regression); anything else names classes. The learner can
// override the choice (CsvImportRequest.problem: the import dialog, the CLI's --problem).
import { MAX_CLASSES } from '../engine/limits'
import type { ProblemType } from '../engine/spec'
import { cellNumber, isMissingCell, type CsvFormat } from './csvFormat'

/** The problem type the label column's sample cells suggest (`rows` without the header). */
export function detectProblem(
  rows: string[][],
  labelColumn: number,
  format: CsvFormat
): ProblemType {
  const cells = rows.map((row) => row[labelColumn] ?? '').filter((cell) => !isMissingCell(cell))
  if (cells.length === 0) return 'classification'
  const values = cells.map((cell) => cellNumber(cell, format.decimalComma))
  if (!values.every(Number.isFinite)) return 'classification'
  if (values.some((v) => !Number.isInteger(v))) return 'regression'
  return new Set(values).size > MAX_CLASSES ? 'regression' : 'classification'
}
