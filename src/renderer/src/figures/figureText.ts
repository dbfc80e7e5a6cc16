// Words on figures: the title line describing the run, and default file names.
import { INITS_REGISTRY } from '@shared/engine/init'
import { OPTIMIZERS_REGISTRY } from '@shared/engine/optimizers'
import { pythonFixed } from '@shared/engine/format'
import { isRegression } from '@shared/engine/spec'
import type { RunSnapshot } from '@shared/engine/types'

export type FigureKind = 'boundary' | 'loss' | 'accuracy' | 'activations' | 'network' | 'combined'

export const FIGURE_KINDS: readonly FigureKind[] = [
  'boundary',
  'loss',
  'accuracy',
  'activations',
  'network',
  'combined'
]

export const FIGURE_LABELS: Record<FigureKind, string> = {
  boundary: 'Decision boundary',
  loss: 'Loss curve',
  accuracy: 'Accuracy curve',
  activations: 'Activation functions',
  network: 'Network diagram',
  combined: 'Loss curve + decision boundary'
}

/** A compact number: 0.1, 0.001, 1e-5. */
function compact(value: number): string {
  if (value !== 0 && Math.abs(value) < 1e-3) return value.toExponential()
  return String(Number(value.toPrecision(6)))
}

/** The run's settings in one line, e.g.
 *  "circles, 400 points, noise 0.15, seed 42 · 2-16-8-1 relu/relu → sigmoid, He init · SGD lr 0.1, full batch · epoch 2000". */
export function runSettingsLine(snapshot: RunSnapshot): string {
  const { dataset, network, training } = snapshot.config
  const points = snapshot.train.count + snapshot.test.count
  const data =
    dataset.kind === 'csv'
      ? `imported CSV, ${points} points`
      : `${dataset.kind}, ${points} points, noise ${compact(dataset.noise)}, seed ${dataset.seed}`
  const split = dataset.testFraction > 0 ? `, ${Math.round(dataset.testFraction * 100)}% test` : ''
  const net = `${network.layerSizes.join('-')} ${network.activations.join('/') || 'linear'} → ${network.output}, ${INITS_REGISTRY[network.init].inlineName} init`
  const optimizer = training.optimizer
  const batch = training.batchSize === 'full' ? 'full batch' : `batch ${training.batchSize}`
  const penalties = [
    training.l1 > 0 ? `L1 ${compact(training.l1)}` : '',
    training.l2 > 0 ? `L2 ${compact(training.l2)}` : ''
  ].filter(Boolean)
  const train = [
    `${OPTIMIZERS_REGISTRY[optimizer.kind].inlineName} lr ${compact(optimizer.learningRate)}`,
    batch,
    ...penalties
  ].join(', ')
  return `${data}${split} · ${net} · ${train} · epoch ${snapshot.epoch}`
}

/** The last recorded loss and accuracy, formatted as the notebook prints them (a regression
 *  run: loss, MSE = 2 × loss and R², as the CLI's regression line). */
export function lastStatsLine(snapshot: RunSnapshot): string {
  const last = snapshot.history[snapshot.history.length - 1]
  if (!last) return 'not trained yet'
  if (isRegression(snapshot.config.network)) {
    const test =
      last.testLoss !== undefined && last.testAccuracy !== undefined
        ? ` | Test MSE: ${pythonFixed(2 * last.testLoss, 4)} | Test R²: ${pythonFixed(last.testAccuracy, 4)}`
        : ''
    return `Loss: ${pythonFixed(last.loss, 4)} | MSE: ${pythonFixed(2 * last.loss, 4)} | R²: ${pythonFixed(last.accuracy, 4)}${test}`
  }
  const test =
    last.testAccuracy !== undefined
      ? ` | Test accuracy: ${(last.testAccuracy * 100).toFixed(2)}%`
      : ''
  return `Loss: ${last.loss.toFixed(4)} | Accuracy: ${(last.accuracy * 100).toFixed(2)}%${test}`
}

/** Keeps a file name portable: no path separators or characters Windows refuses. */
export function safeFileStem(name: string): string {
  const cleaned = name
    .replace(/\.nnlab$/i, '')
    .split('')
    .map((ch) => (ch.charCodeAt(0) < 32 ? '-' : ch))
    .join('')
    .replace(/[\\/:*?"<>|]+/g, '-')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\.+/, '')
  return cleaned.length > 0 ? cleaned.slice(0, 80) : 'untitled'
}

/** Default figure file name from the session name and epoch: "Two circles-epoch2000-boundary.png". */
export function figureFileName(sessionName: string, epoch: number, kind: FigureKind): string {
  return `${safeFileStem(sessionName)}-epoch${epoch}-${kind}.png`
}

/** Default name for the other exports ("weights.json", "history.csv", …). */
export function exportFileName(
  sessionName: string,
  epoch: number,
  what: string,
  ext: string
): string {
  return `${safeFileStem(sessionName)}-epoch${epoch}-${what}.${ext}`
}
