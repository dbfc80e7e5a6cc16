// The seed notebook's whole run against NumPy running the notebook's own code.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { finalAccuracyLines, formatEpochLine, formatNetworkLines } from './format'
import { SEED_NOTEBOOK, SEED_NOTEBOOK_PRINT_EVERY } from './presets'
import { TrainingRun } from './train'

interface SeedReference {
  numpy: string
  printed: string[]
  losses: number[]
  finalAccuracy: number
  x: number[]
  y: number[]
  initialWeights: number[][]
  finalWeights: number[][]
}

const fixturePath = fileURLToPath(
  new URL('./fixtures/seed_notebook_reference.json', import.meta.url)
)
const scriptPath = fileURLToPath(new URL('./fixtures/seed_notebook_reference.py', import.meta.url))
const committed = JSON.parse(readFileSync(fixturePath, 'utf8')) as SeedReference

/** Runs the seed preset and prints what the notebook prints (after its first two lines). */
function runSeedNotebook(): { losses: number[]; printed: string[]; run: TrainingRun } {
  const run = TrainingRun.create(SEED_NOTEBOOK)
  const printed = [...formatNetworkLines(SEED_NOTEBOOK.network)]
  const losses: number[] = []
  for (let e = 0; e < SEED_NOTEBOOK.training.epochLimit; e++) {
    const stats = run.trainEpoch()
    losses.push(stats.loss)
    if (stats.epoch % SEED_NOTEBOOK_PRINT_EVERY === 0) {
      printed.push(formatEpochLine(stats.epoch, stats.loss, stats.accuracy))
    }
  }
  printed.push(...finalAccuracyLines(run.evaluate(run.train).accuracy))
  return { losses, printed, run }
}

function maxRelativeDifference(a: number[], b: number[]): number {
  let worst = 0
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]) / Math.abs(b[i]))
  return worst
}

function expectMatches(reference: SeedReference, ours: ReturnType<typeof runSeedNotebook>): void {
  expect(ours.losses).toHaveLength(reference.losses.length)
  expect(maxRelativeDifference(ours.losses, reference.losses)).toBeLessThan(1e-10)
  // The notebook prints '✅ Setup complete' and the data shapes first; the rest is the run's log.
  expect(ours.printed).toEqual(reference.printed.slice(2))
}

describe('seed-notebook preset vs NumPy running the notebook', () => {
  const ours = runSeedNotebook()

  it('makes the same points, labels and initial weights', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    expect(Array.from(run.train.labels)).toEqual(committed.y)
    committed.x.forEach((v, i) => expect(Math.abs(run.train.x[i] - v)).toBeLessThan(1e-14))
    committed.initialWeights.forEach((w, l) =>
      w.forEach((v, i) => expect(Math.abs(run.params.weights[l][i] - v)).toBeLessThan(1e-14))
    )
  })

  it('matches every epoch loss within 1e-10 relative and prints the same log (committed fixture)', () => {
    expectMatches(committed, ours)
    expect(ours.printed[ours.printed.length - 1]).toBe('🎯 Final Accuracy: 100.00%')
    committed.finalWeights.forEach((w, l) =>
      w.forEach((v, i) => expect(Math.abs(ours.run.params.weights[l][i] - v)).toBeLessThan(1e-9))
    )
  })

  const python = '/usr/bin/python3'
  const hasNumpy =
    existsSync(python) &&
    (() => {
      try {
        execFileSync(python, ['-c', 'import numpy'], { stdio: 'ignore' })
        return true
      } catch {
        return false
      }
    })()
  // Never a silent skip: `npm test` provisions NumPy first (scripts/provision.mjs).
  it('matches NumPy run live now (regenerated reference)', () => {
    expect(
      hasNumpy,
      `NumPy is missing under ${python}: run \`node scripts/provision.mjs\` (npm test does) or \`apt-get install python3-numpy\``
    ).toBe(true)
    const env = { ...process.env }
    // Let NumPy pick its own BLAS kernels as a user's machine would.
    delete env.OPENBLAS_CORETYPE
    delete env.OPENBLAS_L2_SIZE
    const live = JSON.parse(
      execFileSync(python, [scriptPath], { encoding: 'utf8', env, maxBuffer: 1 << 26 })
    ) as SeedReference
    expectMatches(live, ours)
    expect(maxRelativeDifference(live.losses, committed.losses)).toBeLessThan(1e-10)
  }, 120_000) // NumPy runs 2000 epochs: about a second, far more on a busy machine
})
