// Points and training history as CSV text (comma-separated, header line, '\n' line ends).
import type { Dataset, EpochStats } from '../engine/types'
import { csvNumber } from './numbers'

/** Regression points write their real target (column `target`) where classes write the label. */
function pointRow(data: Dataset, i: number): string {
  const label = data.targets ? csvNumber(data.targets[i]) : String(data.labels[i])
  return `${csvNumber(data.x[2 * i])},${csvNumber(data.x[2 * i + 1])},${label}`
}

function labelHeader(data: Dataset): string {
  return data.targets ? 'target' : 'label'
}

/** `x1,x2,label` rows, exactly what the engine's parseCsvDataset reads back (bit for bit). */
export function datasetCsv(data: Dataset): string {
  const lines = [`x1,x2,${labelHeader(data)}`]
  for (let i = 0; i < data.count; i++) lines.push(pointRow(data, i))
  return lines.join('\n') + '\n'
}

/** A run's points, `x1,x2,label,split`: the training rows (split `train`) in the run's order,
 *  then the test rows (`test`). Imported again, it gives the same train and test sets bit for
 *  bit (parseCsvDataset keeps the split, splitDataset uses it). */
export function splitDatasetCsv(train: Dataset, test: Dataset): string {
  const lines = [`x1,x2,${labelHeader(train)},split`]
  for (let i = 0; i < train.count; i++) lines.push(`${pointRow(train, i)},train`)
  for (let i = 0; i < test.count; i++) lines.push(`${pointRow(test, i)},test`)
  return lines.join('\n') + '\n'
}

/** One row per epoch: loss and accuracy measured before that epoch's update (the notebook's
 *  record), plus test loss and accuracy after it when the run holds out points. */
export function historyCsv(history: EpochStats[]): string {
  const hasTest = history.some((e) => e.testLoss !== undefined)
  const lines = [hasTest ? 'epoch,loss,accuracy,test_loss,test_accuracy' : 'epoch,loss,accuracy']
  for (const e of history) {
    const row = [String(e.epoch), csvNumber(e.loss), csvNumber(e.accuracy)]
    if (hasTest) {
      row.push(
        e.testLoss === undefined ? '' : csvNumber(e.testLoss),
        e.testAccuracy === undefined ? '' : csvNumber(e.testAccuracy)
      )
    }
    lines.push(row.join(','))
  }
  return lines.join('\n') + '\n'
}
