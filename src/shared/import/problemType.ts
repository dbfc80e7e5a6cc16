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
  return explainProblem(rows, labelColumn, format).problem
}

/** detectProblem's answer with one sentence saying why (the import dialog shows it). */
export function explainProblem(
  rows: string[][],
  labelColumn: number,
  format: CsvFormat
): { problem: ProblemType; reason: string } {
  const cells = rows.map((row) => row[labelColumn] ?? '').filter((cell) => !isMissingCell(cell))
  if (cells.length === 0) {
    return { problem: 'classification', reason: 'The label column has no values to look at.' }
  }
  const values = cells.map((cell) => cellNumber(cell, format.decimalComma))
  if (!values.every(Number.isFinite)) {
    return {
      problem: 'classification',
      reason: 'The label column holds names, so each names a class.'
    }
  }
  const fractional = cells.find((_, i) => !Number.isInteger(values[i]))
  if (fractional !== undefined) {
    return {
      problem: 'regression',
      reason: `The label column holds numbers with a fraction (${fractional.trim()}), so it is a value to predict.`
    }
  }
  const distinct = new Set(values).size
  return distinct > MAX_CLASSES
    ? {
        problem: 'regression',
        reason: `The label column holds ${distinct} different whole numbers, more than the ${MAX_CLASSES} classes a run can have, so it is a value to predict.`
      }
    : {
        problem: 'classification',
        reason: `The label column holds ${distinct === 1 ? 'one whole number' : `${distinct} different whole numbers`}, so each names a class.`
      }
}
