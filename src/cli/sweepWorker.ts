// One sweep combination: `nn-lab train … --json` in this thread, its output captured. Loaded as a
// worker thread by sweep.ts (and called directly for --jobs 1).
import { parentPort, workerData } from 'node:worker_threads'
import { setKernelThreads } from '../shared/engine'
import { main } from './main'

export interface SweepJob {
  index: number
  argv: string[]
  cwd: string
}

export interface SweepResult {
  index: number
  code: number
  stdout: string
  stderr: string
}

export async function runJob(job: SweepJob): Promise<SweepResult> {
  let stdout = ''
  let stderr = ''
  const code = await main(job.argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd: job.cwd
  })
  return { index: job.index, code, stdout, stderr }
}

/** Set by sweep.ts in the worker's data, so that importing this module elsewhere (a test runner's
 *  own worker thread) never listens on a port that is not ours. */
export const SWEEP_WORKER_FLAG = 'nnlabSweepWorker'

if (parentPort && (workerData as Record<string, unknown> | null)?.[SWEEP_WORKER_FLAG] === true) {
  const port = parentPort
  // The sweep already fills the cores with runs: no kernel helper threads on top (the helpers
  // change how fast, never what the numbers are).
  setKernelThreads(0)
  port.on('message', (job: SweepJob) => {
    void runJob(job).then((result) => port.postMessage(result))
  })
}
