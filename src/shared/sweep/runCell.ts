// Trains one sweep combination to its end, as the lab and `nn-lab train` would: the engine's
// TrainingRun from the config (and imported points), its epoch limit trained epoch by epoch, early
// stopping when the settings ask for it (keeping the best epoch's weights, as `train` does). The
// snapshot opens the combination in the lab; it is bit for bit the run trained alone.
import { EarlyStopping } from '../engine/earlyStopping'
import { TrainingRun } from '../engine/train'
import type { Dataset, RunConfig, RunSnapshot } from '../engine/types'
import type { SweepRow } from '../protocol/trainerMessages'

export type { SweepRow }

export interface SweepCellResult {
  row: SweepRow
  /** The trained run (no timeline). */
  snapshot: RunSnapshot
}

export function runSweepCell(config: RunConfig, data?: Dataset): SweepCellResult {
  let run = TrainingRun.create(config, data)
  const patience = config.training.earlyStopPatience
  const stopper = patience !== undefined && run.test.count > 0 ? new EarlyStopping(patience) : null
  let stoppedAt: number | null = null
  while (run.epoch < config.training.epochLimit) {
    const stats = run.trainEpoch()
    const current = run
    if (stopper?.observe(stats.epoch, stats.testLoss, () => current.checkpoint())) {
      stoppedAt = stats.epoch
      break
    }
  }
  const epochs = run.epoch
  if (stopper?.best) run = run.restoreCheckpoint(stopper.best)
  const final = run.evaluate(run.train)
  const test = run.test.count > 0 ? run.evaluate(run.test) : null
  return {
    row: {
      finalLoss: final.loss,
      finalAccuracy: final.accuracy,
      finalTestLoss: test?.loss ?? null,
      finalTestAccuracy: test?.accuracy ?? null,
      epochs,
      parameterCount: run.parameterCount(),
      stoppedAt,
      bestEpoch: stopper ? stopper.bestEpoch : null
    },
    snapshot: run.snapshot()
  }
}

/** The number a heat map shows: the final test loss, or the training loss without test points. */
export function sweepLoss(row: SweepRow): { value: number; of: 'test' | 'train' } {
  return row.finalTestLoss === null
    ? { value: row.finalLoss, of: 'train' }
    : { value: row.finalTestLoss, of: 'test' }
}
