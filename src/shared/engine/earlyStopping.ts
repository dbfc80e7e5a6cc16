// Early stopping (issue 15): stop when the test (validation) loss has not improved for
// `patience` epochs, and keep the weights of the best epoch. The test loss of an epoch is
// measured after its update (EpochStats.testLoss), so the best epoch's checkpoint is taken right
// after that epoch: restoring it gives exactly the weights that scored best.
import { MAX_EPOCHS } from './limits'
import type { RunCheckpoint } from './types'

/** A sentence when `patience` is not a usable number of epochs, else null. */
export function validatePatience(patience: number): string | null {
  return Number.isInteger(patience) && patience >= 1 && patience <= MAX_EPOCHS
    ? null
    : `Early stopping's patience must be a whole number of epochs from 1 to ${MAX_EPOCHS}.`
}

/** The sentence for early stopping without held-out points. */
export const EARLY_STOP_NEEDS_TEST =
  'Early stopping watches the test loss, so it needs a test fraction above 0.'

export class EarlyStopping {
  private bestLoss = Infinity
  /** The epoch with the lowest test loss so far (0 before any). */
  bestEpoch = 0
  /** The weights (and the rest) right after the best epoch. */
  best: RunCheckpoint | null = null

  constructor(readonly patience: number) {
    const problem = validatePatience(patience)
    if (problem) throw new RangeError(problem)
  }

  /** Call after each epoch with its test loss; `take` copies the run only when it improved.
   *  True when the run should stop: `patience` epochs since the best one. */
  observe(epoch: number, testLoss: number | undefined, take: () => RunCheckpoint): boolean {
    if (testLoss === undefined) throw new Error(EARLY_STOP_NEEDS_TEST)
    if (testLoss < this.bestLoss) {
      this.bestLoss = testLoss
      this.bestEpoch = epoch
      this.best = take()
    }
    return epoch - this.bestEpoch >= this.patience
  }
}
