// Whether a run meets a challenge's goal. The figures are always measured again: the data is
// regenerated from the run's own settings (never the points stored in a file) and the saved
// weights are evaluated on it, so edited numbers in a session cannot make it pass.
import { parameterCount, TrainingRun } from '../engine'
import type { RunConfig, RunSnapshot } from '../engine/types'
import { CHALLENGE_CONTROLS, controlAgrees } from './controls'
import type { Challenge } from './schema'
import {
  fixedControls,
  goalChecks,
  hiddenNeuronCount,
  type ChallengeVerdict,
  type RunFigures
} from './goal'

export * from './goal'

/** Figures of a run's current weights, from the live run (the lab) or a restored one. */
export function figuresOf(run: TrainingRun): RunFigures {
  const train = run.evaluate(run.train)
  const test = run.test.count > 0 ? run.evaluate(run.test) : null
  return {
    trainAccuracy: train.accuracy,
    testAccuracy: test ? test.accuracy : null,
    loss: train.loss,
    parameters: parameterCount(run.config.network),
    hiddenNeurons: hiddenNeuronCount(run.config),
    epochs: run.epoch
  }
}

/** Settings the run changed although the challenge fixes them, as sentences. */
export function changedLockedControls(challenge: Challenge, config: RunConfig): string[] {
  return fixedControls(challenge)
    .filter((control) => !controlAgrees(control, challenge.start, config))
    .map(
      (control) => `${CHALLENGE_CONTROLS[control].label} was changed, but the challenge locks it.`
    )
}

/** Re-measures a saved run: data regenerated from its settings, its weights evaluated on it. */
export function remeasure(snapshot: RunSnapshot): RunFigures {
  if (snapshot.config.dataset.kind === 'csv') {
    throw new Error('the run uses imported points, which a challenge cannot regenerate')
  }
  const fresh = TrainingRun.create(snapshot.config)
  const run = TrainingRun.restore({ ...snapshot, train: fresh.train, test: fresh.test })
  return figuresOf(run)
}

/** The whole verdict on a saved run. `answers` is the challenge id the session records (undefined
 *  when it records none); pass `null` to skip that check (the lab checking its own live run). */
export function checkRun(
  challenge: Challenge,
  snapshot: RunSnapshot,
  answers: string | undefined | null
): ChallengeVerdict {
  const problems: string[] = []
  if (answers === undefined)
    problems.push('The session does not record which challenge it answers.')
  else if (answers !== null && answers !== challenge.id) {
    problems.push('The session answers a different challenge.')
  }
  problems.push(...changedLockedControls(challenge, snapshot.config))
  let figures: RunFigures | null = null
  try {
    figures = remeasure(snapshot)
  } catch (error) {
    problems.push(
      `The run could not be measured again: ${error instanceof Error ? error.message : String(error)}.`
    )
  }
  const checks = figures ? goalChecks(challenge.goal, figures) : []
  const passed = figures !== null && problems.length === 0 && checks.every((c) => c.met)
  return { passed, figures, checks, problems }
}
