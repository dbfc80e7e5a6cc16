// What the run's two headline numbers are called and how they read: loss and accuracy for
// classes; for a regression run (a linear output) MSE (= 2 × the ½·MSE loss) and R², which the
// trainer reports in the stats' loss and accuracy fields (docs/ARCHITECTURE.md, Regression).
import { formatLoss, pythonFixed } from '@shared/engine'

export interface RunMetrics {
  /** Short names for the top bar ("Loss" / "MSE", "Acc." / "R²"). */
  readonly lossName: string
  readonly scoreName: string
  /** The score's long name, for titles and axis labels ("Accuracy" / "R²"). */
  readonly scoreLongName: string
  /** The curves' charts: titles, the score axis's label, the factor from the stats' accuracy
   *  field to the plotted value (accuracy in %, R² as is) and the axis's fixed ends (R² is at
   *  most 1 and can fall below 0 early on, so only its top is fixed). */
  readonly lossChartTitle: string
  readonly scoreAxisLabel: string
  readonly scoreScale: number
  readonly scoreAxis: { min?: number; max: number; suggestedMin?: number }
  /** The reported loss as the learner reads it (regression: MSE). */
  lossText(loss: number | undefined): string
  /** The reported accuracy field as the learner reads it (regression: R², 4 decimals). */
  scoreText(score: number | undefined): string
}

function present(value: number | undefined): value is number {
  return value !== undefined && Number.isFinite(value)
}

export const CLASSIFICATION_METRICS: RunMetrics = {
  lossName: 'Loss',
  scoreName: 'Acc.',
  scoreLongName: 'Accuracy',
  lossChartTitle: 'Loss',
  scoreAxisLabel: 'Accuracy (%)',
  scoreScale: 100,
  scoreAxis: { min: 0, max: 100 },
  lossText: (loss) => (loss === undefined ? '—' : formatLoss(loss)),
  scoreText: (score) => (present(score) ? `${(score * 100).toFixed(2)}%` : '—')
}

export const REGRESSION_METRICS: RunMetrics = {
  lossName: 'MSE',
  scoreName: 'R²',
  scoreLongName: 'R²',
  lossChartTitle: 'Loss (½·MSE)',
  scoreAxisLabel: 'R²',
  scoreScale: 1,
  scoreAxis: { max: 1, suggestedMin: 0 },
  lossText: (loss) => (loss === undefined ? '—' : formatLoss(2 * loss)),
  scoreText: (score) => (present(score) ? pythonFixed(score, 4) : '—')
}

export function runMetrics(regression: boolean): RunMetrics {
  return regression ? REGRESSION_METRICS : CLASSIFICATION_METRICS
}
