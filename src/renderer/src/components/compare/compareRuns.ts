// What the compare view says about runs side by side: which settings differ (named briefly, as a
// learner would: "lr 1 vs 0.1"), whether the runs used the same data, and each run's summary
// (final loss/accuracy, epochs to 95% accuracy). Pure functions of settings and histories.
import { formatLoss } from '@shared/engine'
import { runMetrics } from '../runMetrics'
import { formatSchedule } from '@shared/engine/schedules'
import type { EpochStats, RunConfig } from '@shared/engine/types'

/** The accuracy the summary's "epochs to" column counts to. */
export const TARGET_ACCURACY = 0.95

interface Setting {
  /** Short name in a legend ("lr"). */
  name: string
  /** The data a run trains on (a difference here makes the comparison unfair). */
  data?: boolean
  value(config: RunConfig): string
}

const num = (value: number): string => String(value)

/** Every setting a run has, in the order a legend names them. */
const SETTINGS: readonly Setting[] = [
  { name: 'lr', value: (c) => num(c.training.optimizer.learningRate) },
  { name: 'optimizer', value: (c) => c.training.optimizer.kind },
  {
    name: 'momentum',
    value: (c) =>
      c.training.optimizer.kind === 'momentum' ? num(c.training.optimizer.momentum) : ''
  },
  { name: 'layers', value: (c) => c.network.layerSizes.join('-') },
  {
    name: 'activation',
    value: (c) => {
      const unique = [...new Set(c.network.activations)]
      return unique.length === 1 ? unique[0] : c.network.activations.join('/')
    }
  },
  { name: 'output', value: (c) => c.network.output },
  { name: 'init', value: (c) => c.network.init },
  { name: 'features', value: (c) => (c.network.features ?? ['x1', 'x2']).join(',') },
  { name: 'batch', value: (c) => String(c.training.batchSize) },
  { name: 'L1', value: (c) => num(c.training.l1) },
  { name: 'L2', value: (c) => num(c.training.l2) },
  {
    name: 'dropout',
    value: (c) => (c.training.dropout?.some((r) => r > 0) ? c.training.dropout.join('/') : '0')
  },
  {
    name: 'schedule',
    value: (c) => (c.training.lrSchedule ? formatSchedule(c.training.lrSchedule) : 'constant')
  },
  { name: 'epoch limit', value: (c) => num(c.training.epochLimit) },
  {
    name: 'early stop',
    value: (c) =>
      c.training.earlyStopPatience === undefined ? 'off' : num(c.training.earlyStopPatience)
  },
  { name: 'data', data: true, value: (c) => c.dataset.kind },
  { name: 'samples', data: true, value: (c) => num(c.dataset.samples) },
  { name: 'noise', data: true, value: (c) => num(c.dataset.noise) },
  { name: 'classes', data: true, value: (c) => num(c.dataset.classes) },
  { name: 'test fraction', data: true, value: (c) => num(c.dataset.testFraction) },
  { name: 'seed', data: true, value: (c) => num(c.dataset.seed) }
]

/** A run as the compare view sees it: its settings and, for imported data, the file's name. */
export interface ComparedRun {
  config: RunConfig
  dataName?: string
}

function settingValue(setting: Setting, run: ComparedRun): string {
  const value = setting.value(run.config)
  if (setting.name === 'data' && run.config.dataset.kind === 'csv' && run.dataName) {
    return `csv ${run.dataName}`
  }
  return value
}

/** The settings whose values are not the same in all `runs`. */
function differing(runs: readonly ComparedRun[]): Setting[] {
  return SETTINGS.filter((s) => new Set(runs.map((r) => settingValue(s, r))).size > 1)
}

/** Each run's label: the values of the settings that differ between the runs ("lr 1, relu");
 *  runs whose settings are all the same are told apart by `fallback`. */
export function runLabels(runs: readonly ComparedRun[], fallback: (i: number) => string): string[] {
  const settings = differing(runs)
  return runs.map((run, i) => {
    const parts = settings.map((s) => `${s.name} ${settingValue(s, run) || '—'}`)
    return parts.length > 0 ? parts.join(', ') : fallback(i)
  })
}

/** One line naming what differs: "lr 0.1 vs 1", "activation relu vs sigmoid; lr 0.1 vs 1";
 *  null when the runs share every setting. The first run's value comes first. */
export function differenceTitle(runs: readonly ComparedRun[]): string | null {
  const settings = differing(runs)
  if (settings.length === 0) return null
  return settings
    .map((s) => {
      const values = [...new Set(runs.map((r) => settingValue(s, r) || '—'))]
      return `${s.name} ${values.join(' vs ')}`
    })
    .join('; ')
}

/** The data settings in which a run differs from `reference` ("noise 0.2 instead of 0.15"), or
 *  an empty list when both trained on the same points. */
export function dataDifferences(reference: ComparedRun, run: ComparedRun): string[] {
  return SETTINGS.filter((s) => s.data)
    .filter((s) => settingValue(s, run) !== settingValue(s, reference))
    .map((s) => `${s.name} ${settingValue(s, run)} instead of ${settingValue(s, reference)}`)
}

/** The first epoch whose training accuracy reached `target`, or null if none did. */
export function epochsToAccuracy(
  history: readonly EpochStats[],
  target = TARGET_ACCURACY
): number | null {
  for (const entry of history) if (entry.accuracy >= target) return entry.epoch
  return null
}

/** The record of `epoch` in a history (epochs ascend; null when the run has none for it). */
export function entryAt(history: readonly EpochStats[], epoch: number): EpochStats | null {
  let lo = 0
  let hi = history.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const e = history[mid].epoch
    if (e === epoch) return history[mid]
    if (e < epoch) lo = mid + 1
    else hi = mid - 1
  }
  return null
}

/** A summary table row's figures, as text (the status bar's formatting). */
export interface RunSummaryText {
  epochs: string
  trainLoss: string
  trainAccuracy: string
  testLoss: string
  testAccuracy: string
  epochsTo95: string
  wallTime: string
}

export function percentText(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? '—' : `${(value * 100).toFixed(2)}%`
}

export function lossText(value: number | undefined): string {
  return value === undefined ? '—' : formatLoss(value)
}

export function wallTimeText(ms: number | null): string {
  if (ms === null) return '—'
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`
  const minutes = Math.floor(ms / 60_000)
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`
}

/** The final figures as the top bar shows them: training loss and accuracy of the final weights
 *  (`final`, after the last update; the history's last, measured before it, when not known) and
 *  the last test figures; epochs to 95% training accuracy and the time spent training. A
 *  regression run's are MSE and R² (runMetrics), its "95% at" the first epoch at R² ≥ 0.95. */
export function summarize(
  history: readonly EpochStats[],
  final: { loss: number; accuracy: number } | null | undefined,
  wallTimeMs: number | null,
  regression = false
): RunSummaryText {
  const last = history.length > 0 ? history[history.length - 1] : undefined
  const reached = epochsToAccuracy(history)
  const m = runMetrics(regression)
  return {
    epochs: (last?.epoch ?? 0).toLocaleString('en-US'),
    trainLoss: m.lossText(final?.loss ?? last?.loss),
    trainAccuracy: m.scoreText(final?.accuracy ?? last?.accuracy),
    testLoss: m.lossText(last?.testLoss),
    testAccuracy: m.scoreText(last?.testAccuracy),
    epochsTo95: reached === null ? 'not reached' : reached.toLocaleString('en-US'),
    wallTime: wallTimeText(wallTimeMs)
  }
}
