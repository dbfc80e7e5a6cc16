// The Electron trainer's sweep threads (issue 15): worker_threads Workers running sweep.thread.ts,
// as many as the machine's cores (the sweep service caps them). The app hands the bundled thread's
// path (SWEEP_THREAD_ARG); from source (tests) the TypeScript file loads through tsx's hook.
import { availableParallelism } from 'node:os'
import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
import type { SweepHost, SweepThread } from '../../shared/sweep/sweepService'
import { SWEEP_THREAD_FLAG } from '../../shared/sweep/thread'

/** The trainer process's argument naming the sweep threads' bundled program. */
export const SWEEP_THREAD_ARG = '--sweep-thread='

export function nodeSweepHost(entry: string | null, cores = availableParallelism()): SweepHost {
  const source = entry ?? new URL('./sweep.thread.ts', import.meta.url)
  const execArgv = entry ? [] : ['--require', createRequire(import.meta.url).resolve('tsx/cjs')]
  return {
    cores,
    spawn(): SweepThread {
      const worker = new Worker(source, { execArgv, workerData: { [SWEEP_THREAD_FLAG]: true } })
      return {
        post: (job) => worker.postMessage(job),
        onResult: (handler) => worker.on('message', handler),
        onError: (handler) => worker.on('error', handler),
        terminate: () => void worker.terminate()
      }
    }
  }
}
