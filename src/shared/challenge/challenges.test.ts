// Each shipped challenge is solvable: a configuration that obeys its locks, trained by the engine,
// passes checkRun. A run of the starting settings does not. Figures are re-measured, so a snapshot
// whose stored points or history were edited is judged on what its weights really do.
import { describe, expect, it } from 'vitest'
import { TrainingRun } from '../engine'
import type { RunConfig, RunSnapshot } from '../engine/types'
import {
  checkRun,
  findShippedChallenge,
  goalChecks,
  parseChallenge,
  serializeChallenge,
  SHIPPED_CHALLENGES,
  type Challenge
} from '.'
import { SOLUTION_EPOCHS, SOLUTIONS } from './testSolutions'

function trained(config: RunConfig, epochs = config.training.epochLimit): RunSnapshot {
  const run = TrainingRun.create(config)
  for (let e = 0; e < epochs; e++) run.trainEpoch()
  return run.snapshot()
}

function solution(challenge: Challenge, change: (config: RunConfig) => void): RunConfig {
  const config = structuredClone(challenge.start)
  change(config)
  return config
}

describe('shipped challenges', () => {
  it('are valid challenge files that read back unchanged', () => {
    expect(SHIPPED_CHALLENGES).toHaveLength(3)
    for (const challenge of SHIPPED_CHALLENGES) {
      const parsed = parseChallenge(serializeChallenge(challenge))
      expect(parsed).toEqual({ ok: true, challenge })
    }
  })

  for (const challenge of SHIPPED_CHALLENGES) {
    it(`"${challenge.title}" is solvable and its start is not a solution`, () => {
      // The deep sigmoid start must be seen not to learn in its whole budget; the others fail
      // their size targets whatever they train to.
      const startEpochs = challenge.goal.maxParameters ? 50 : challenge.start.training.epochLimit
      const start = checkRun(challenge, trained(challenge.start, startEpochs), challenge.id)
      expect(start.passed).toBe(false)

      const config = solution(challenge, SOLUTIONS[challenge.id])
      const snapshot = trained(config, SOLUTION_EPOCHS[challenge.id])
      const verdict = checkRun(challenge, snapshot, challenge.id)
      expect(verdict.problems).toEqual([])
      expect(verdict.checks.filter((c) => !c.met)).toEqual([])
      expect(verdict.passed).toBe(true)
    }, 60_000)
  }
})

describe('checkRun', () => {
  const challenge = findShippedChallenge('nnlab-deep-sigmoid') as Challenge
  const solved = trained(solution(challenge, SOLUTIONS[challenge.id]))

  it('measures again instead of trusting the stored history or points', () => {
    const untrained = trained(challenge.start, 5)
    // Claim perfect figures in the history and replace the points by ones that are easy to get right.
    untrained.history = untrained.history.map((h) => ({ ...h, accuracy: 1, testAccuracy: 1 }))
    const verdict = checkRun(challenge, untrained, challenge.id)
    expect(verdict.passed).toBe(false)
    expect(verdict.figures?.testAccuracy).toBeLessThan(0.8)
  })

  it('refuses a run that changed a locked control, another challenge, or none recorded', () => {
    const shallow = solution(challenge, (c) => {
      c.network.layerSizes = [2, 16, 1]
      c.network.activations = ['relu']
    })
    const verdict = checkRun(challenge, trained(shallow), challenge.id)
    expect(verdict.passed).toBe(false)
    expect(verdict.problems).toEqual([
      'Layers and neurons was changed, but the challenge locks it.'
    ])
    expect(checkRun(challenge, solved, 'another').problems).toEqual([
      'The session answers a different challenge.'
    ])
    expect(checkRun(challenge, solved, undefined).passed).toBe(false)
    expect(checkRun(challenge, solved, null).passed).toBe(true)
  })

  it('compares locked settings by content, whatever their key order', () => {
    const reordered = JSON.parse(
      JSON.stringify(solved.config, (_key, value: unknown) =>
        value && typeof value === 'object' && !Array.isArray(value)
          ? Object.fromEntries(Object.entries(value).reverse())
          : value
      )
    )
    expect(checkRun(challenge, { ...solved, config: reordered }, null).problems).toEqual([])
  })

  it('gives each target its figure and progress', () => {
    const checks = goalChecks(
      { minTestAccuracy: 0.9, maxLoss: 0.1, maxParameters: 100, maxEpochs: 50 },
      {
        trainAccuracy: 0.5,
        testAccuracy: 0.45,
        loss: 0.2,
        parameters: 200,
        hiddenNeurons: 10,
        epochs: 60
      }
    )
    expect(checks.map((c) => [c.label, c.actual, c.met, c.progress])).toEqual([
      ['Test accuracy ≥ 90.00%', '45.00%', false, 0.5],
      ['Loss ≤ 0.1', '0.2000', false, 0.5],
      ['At most 100 parameters', '200 parameters', false, 0.5],
      ['Within 50 epochs', '60 epochs', false, 0]
    ])
  })
})

describe('parseChallenge', () => {
  const text = serializeChallenge(SHIPPED_CHALLENGES[0])
  it('explains what is wrong in one sentence', () => {
    expect(parseChallenge('{').ok).toBe(false)
    expect(parseChallenge('{"format":"nnlab-session"}')).toEqual({
      ok: false,
      message: 'This file is not an NN Lab challenge (its "format" is not "nnlab-challenge").'
    })
    const newer = JSON.parse(text)
    newer.version = 2
    expect(parseChallenge(JSON.stringify(newer))).toMatchObject({
      ok: false,
      message: expect.stringContaining('newer NN Lab')
    })
    const noGoal = JSON.parse(text)
    noGoal.goal = {}
    expect(parseChallenge(JSON.stringify(noGoal))).toEqual({
      ok: false,
      message: 'The challenge file is not valid: "goal": the goal needs at least one target.'
    })
    const badLock = JSON.parse(text)
    badLock.locked = ['everything']
    expect(parseChallenge(JSON.stringify(badLock)).ok).toBe(false)
  })
})
