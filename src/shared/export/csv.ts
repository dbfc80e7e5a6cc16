// Points and training history as CSV text (comma-separated, header line, '\n' line ends).
import type { Dataset, EpochStats } from '../engine/types'
import { csvNumber } from './numbers'

/** `x1,x2,label` rows, exactly what the engine's parseCsvDataset reads back (bit for bit). */
export function datasetCsv(data: Dataset): string {
  const lines = ['x1,x2,label']
  for (let i = 0; i < data.count; i++) {
    lines.push(`${csvNumber(data.x[2 * i])},${csvNumber(data.x[2 * i + 1])},${data.labels[i]}`)
  }
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
