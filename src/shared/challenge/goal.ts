// The goal's targets measured against a run's figures, without the engine's training run: the
// lab's live progress uses this on its first screen; evaluate.ts re-measures saved weights.
import type { RunConfig } from '../engine/types'
import type { ChallengeControl } from './controls'
import type { Challenge, ChallengeGoal } from './schema'

/** What a goal is measured on. testAccuracy is null when the run has no test points. */
export interface RunFigures {
  trainAccuracy: number
  testAccuracy: number | null
  loss: number
  parameters: number
  hiddenNeurons: number
  epochs: number
}

export type GoalKey = keyof ChallengeGoal

export interface GoalCheck {
  key: GoalKey
  /** "Test accuracy ≥ 95.00%" */
  label: string
  /** The run's figure, formatted like the target. */
  actual: string
  met: boolean
  /** 0…1: how far along the way to this target the run is (for a progress bar). */
  progress: number
}

export interface ChallengeVerdict {
  passed: boolean
  figures: RunFigures | null
  checks: GoalCheck[]
  /** Sentences for what fails besides the goal: a locked setting changed, another challenge… */
  problems: string[]
}

const percent = (x: number): string => (Number.isFinite(x) ? `${(100 * x).toFixed(2)}%` : '—')
const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0)

export function hiddenNeuronCount(config: RunConfig): number {
  return config.network.layerSizes.slice(1, -1).reduce((sum, n) => sum + n, 0)
}

/** Each target of the goal against the figures, in the goal's display order. */
export function goalChecks(goal: ChallengeGoal, figures: RunFigures): GoalCheck[] {
  const checks: GoalCheck[] = []
  if (goal.minTestAccuracy !== undefined) {
    const actual = figures.testAccuracy
    checks.push({
      key: 'minTestAccuracy',
      label: `Test accuracy ≥ ${percent(goal.minTestAccuracy)}`,
      actual: actual === null ? 'no test points' : percent(actual),
      met: actual !== null && actual >= goal.minTestAccuracy,
      progress: actual === null ? 0 : clamp01(actual / goal.minTestAccuracy)
    })
  }
  if (goal.minTrainAccuracy !== undefined) {
    checks.push({
      key: 'minTrainAccuracy',
      label: `Training accuracy ≥ ${percent(goal.minTrainAccuracy)}`,
      actual: percent(figures.trainAccuracy),
      met: figures.trainAccuracy >= goal.minTrainAccuracy,
      progress: clamp01(figures.trainAccuracy / goal.minTrainAccuracy)
    })
  }
  if (goal.maxLoss !== undefined) {
    checks.push({
      key: 'maxLoss',
      label: `Loss ≤ ${goal.maxLoss}`,
      actual: Number.isFinite(figures.loss) ? figures.loss.toFixed(4) : '—',
      met: figures.loss <= goal.maxLoss,
      progress: clamp01(goal.maxLoss / figures.loss)
    })
  }
  if (goal.maxParameters !== undefined) {
    checks.push({
      key: 'maxParameters',
      label: `At most ${goal.maxParameters} parameters`,
      actual: `${figures.parameters} parameters`,
      met: figures.parameters <= goal.maxParameters,
      progress:
        figures.parameters <= goal.maxParameters ? 1 : goal.maxParameters / figures.parameters
    })
  }
  if (goal.maxHiddenNeurons !== undefined) {
    checks.push({
      key: 'maxHiddenNeurons',
      label: `At most ${goal.maxHiddenNeurons} hidden neurons`,
      actual: `${figures.hiddenNeurons} hidden neurons`,
      met: figures.hiddenNeurons <= goal.maxHiddenNeurons,
      progress:
        figures.hiddenNeurons <= goal.maxHiddenNeurons
          ? 1
          : goal.maxHiddenNeurons / figures.hiddenNeurons
    })
  }
  if (goal.maxEpochs !== undefined) {
    checks.push({
      key: 'maxEpochs',
      label: `Within ${goal.maxEpochs} epochs`,
      actual: `${figures.epochs} epochs`,
      met: figures.epochs <= goal.maxEpochs,
      // Epochs are a budget, not a distance: full while within it.
      progress: figures.epochs <= goal.maxEpochs ? 1 : 0
    })
  }
  return checks
}

/** The controls a learner cannot change: locked ones and hidden ones. */
export function fixedControls(challenge: Challenge): ChallengeControl[] {
  return [...new Set([...challenge.locked, ...challenge.hidden])]
}
