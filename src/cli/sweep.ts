// `nn-lab sweep`: train every combination of --lr and --layers values (with the other train
// options) and print one row per combination with the fields of `train --json`. Each row is a
// `train --json` run through the same code, so it equals a single `train` of that combination
// bit for bit; the runs are spread over --jobs worker threads (default: the cores).
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import { MAX_SWEEP_JOBS, MAX_SWEEP_RUNS } from '../shared/engine/limits'
import { expandGrid, sweepThreads } from '../shared/sweep/grid'
import { runOnPool, type PoolThread } from '../shared/sweep/pool'
import { UsageError } from './errors'
import type { CliIo } from './io'
import { parseCommandArgs, parseWholeNumber } from './options'
import type { OptionSpec } from './options'
import { TRAIN_OPTIONS } from './train'
import type { SweepJob, SweepResult } from './sweepWorker'

export const SWEEP_OPTIONS: OptionSpec = {
  ...TRAIN_OPTIONS,
  jobs: { type: 'string' },
  histories: { type: 'boolean' }
}

export { MAX_SWEEP_JOBS, MAX_SWEEP_RUNS }

/** The `train --json` fields a sweep row leaves out unless --histories. */
const HISTORY_FIELDS = [
  'lossHistory',
  'accuracyHistory',
  'testLossHistory',
  'testAccuracyHistory'
] as const

/** The options that are not passed on to each train (sweep's own, and what a row cannot do). */
const SWEEP_ONLY = new Set(['lr', 'layers', 'jobs', 'histories', 'json', 'out'])

function list(values: Record<string, string | boolean | undefined>, name: string, sep: string) {
  const value = values[name]
  if (typeof value !== 'string') return [undefined]
  const items = value.split(sep).map((v) => v.trim())
  if (items.some((v) => v === '')) {
    throw new UsageError(
      `--${name} has an empty value in "${value}"; separate values with "${sep}".`
    )
  }
  return items
}

/** The train arguments of every combination: --lr outer, --layers inner, in the order given. */
export function sweepCombinations(args: string[]): {
  argv: string[][]
  jobs: number
  histories: boolean
} {
  const { values, positionals } = parseCommandArgs('sweep', args, SWEEP_OPTIONS)
  if (positionals.length > 0) {
    throw new UsageError(`"sweep" takes no arguments besides options, but got "${positionals[0]}".`)
  }
  if (values.out !== undefined) {
    throw new UsageError('--out saves one session; a sweep trains many, so it has no --out.')
  }
  const common: string[] = []
  for (const [name, value] of Object.entries(values)) {
    if (SWEEP_ONLY.has(name) || value === undefined || value === false) continue
    common.push(`--${name}`)
    if (typeof value === 'string') common.push(value)
  }
  const argv = expandGrid([list(values, 'lr', ','), list(values, 'layers', ':')]).map(
    ([lr, layers]) => {
      const run = ['train', ...common]
      if (lr !== undefined) run.push('--lr', lr)
      if (layers !== undefined) run.push('--layers', layers)
      return [...run, '--json']
    }
  )
  if (argv.length > MAX_SWEEP_RUNS) {
    throw new UsageError(
      `the sweep has ${argv.length} combinations; the most is ${MAX_SWEEP_RUNS}.`
    )
  }
  const jobsText = values.jobs
  const jobs =
    typeof jobsText === 'string'
      ? parseWholeNumber('jobs', jobsText, 1, MAX_SWEEP_JOBS)
      : availableParallelism()
  return { argv, jobs: sweepThreads(argv.length, jobs), histories: values.histories === true }
}

/** Runs the jobs on `threads` worker threads through the shared pool. */
function runOnWorkers(jobs: SweepJob[], threads: number): Promise<SweepResult[]> {
  const source = new URL('./sweepWorker.ts', import.meta.url)
  // From source (tsx, vitest) the worker loads through tsx's require hook, as the kernel helpers do.
  const execArgv = ['--require', createRequire(import.meta.url).resolve('tsx/cjs')]
  const spawn = (): PoolThread<SweepJob, SweepResult> => {
    const worker = new Worker(source, { execArgv, workerData: { nnlabSweepWorker: true } })
    return {
      post: (job) => worker.postMessage(job),
      onResult: (handler) => worker.on('message', handler),
      onError: (handler) => worker.on('error', handler),
      terminate: () => void worker.terminate()
    }
  }
  return runOnPool(jobs, threads, spawn).done
}

export async function sweepCommand(args: string[], io: CliIo): Promise<void> {
  const { argv, jobs, histories } = sweepCombinations(args)
  const work: SweepJob[] = argv.map((a, index) => ({ index, argv: a, cwd: io.cwd }))
  let results: SweepResult[]
  if (jobs <= 1) {
    const { runJob } = await import('./sweepWorker')
    results = []
    for (const job of work) results.push(await runJob(job))
  } else {
    results = await runOnWorkers(work, jobs)
  }
  for (const result of results) {
    if (result.code !== 0) {
      // The first failing combination's own one-line message (they share every other option).
      throw new UsageError(result.stderr.replace(/^nn-lab: /, '').trim())
    }
    const row = JSON.parse(result.stdout) as Record<string, unknown>
    if (!histories) for (const field of HISTORY_FIELDS) delete row[field]
    io.stdout(JSON.stringify(row) + '\n')
  }
}
