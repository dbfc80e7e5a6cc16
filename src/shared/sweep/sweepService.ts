// The trainer's sweeps (issue 15): the 'sweep' and 'sweep-cancel' commands, run beside the lab's
// own run. The cells go to the host's sweep threads through the one pool (pool.ts), as many at once
// as the host has cores (capped); a host without threads runs them in the trainer's own thread,
// one per task, so the trainer keeps answering between cells.
import { MAX_APP_SWEEP_THREADS } from '../engine/limits'
import type { SweepCommand, TrainerEvent } from '../protocol/trainerMessages'
import { sweepThreads } from './grid'
import { runOnPool, type PoolRun, type PoolThread } from './pool'
import { answerSweepJob, type SweepJob, type SweepThreadReply } from './thread'

export type SweepThread = PoolThread<SweepJob, SweepThreadReply>

/** What the runtime offers the trainer's sweeps. */
export interface SweepHost {
  /** Starts one sweep thread. */
  spawn(): SweepThread
  /** The machine's cores (navigator.hardwareConcurrency, os.availableParallelism()). */
  cores: number
}

/** A sweep thread that is the trainer's own thread: each job runs in a task of its own. */
export function inlineSweepThread(): SweepThread {
  let handler: (reply: SweepThreadReply) => void = () => {}
  let timer: ReturnType<typeof setTimeout> | null = null
  return {
    post(job) {
      timer = setTimeout(() => {
        timer = null
        handler(answerSweepJob(job))
      }, 0)
    },
    onResult(h) {
      handler = h
    },
    onError() {},
    terminate() {
      if (timer !== null) clearTimeout(timer)
      timer = null
    }
  }
}

export interface SweepService {
  handle(command: SweepCommand): void
  dispose(): void
}

export function createSweepService(
  post: (event: TrainerEvent) => void,
  host: SweepHost | null
): SweepService {
  let current: { sweepId: number; pool: PoolRun<SweepThreadReply>; cancelled: boolean } | null =
    null

  function start(command: Extract<SweepCommand, { type: 'sweep' }>): void {
    if (current) {
      current.cancelled = true
      current.pool.cancel()
    }
    const { requestId, sweepId } = command
    const jobs: SweepJob[] = command.cells.map((config) => ({ config, data: command.data }))
    const threads = host ? sweepThreads(jobs.length, host.cores, MAX_APP_SWEEP_THREADS) : 1
    let failure: string | null = null
    const pool = runOnPool(
      jobs,
      threads,
      host ? () => host.spawn() : inlineSweepThread,
      (index, reply) => {
        if (!reply.ok) {
          failure ??= `Combination ${index + 1} could not be trained: ${reply.message}`
          pool.cancel()
          return
        }
        post({ type: 'sweep-cell', sweepId, index, ...reply.result })
      }
    )
    const mine = { sweepId, pool, cancelled: false }
    current = mine
    pool.done.then(
      () => {
        if (current === mine) current = null
        if (failure !== null) post({ type: 'error', requestId, message: failure })
        else post({ type: 'sweep-done', requestId, sweepId, cancelled: mine.cancelled, threads })
      },
      (error: unknown) => {
        if (current === mine) current = null
        const why = error instanceof Error ? error.message : String(error)
        post({ type: 'error', requestId, message: `The sweep stopped: ${why}` })
      }
    )
  }

  return {
    handle(command) {
      if (command.type === 'sweep') start(command)
      else if (current && current.sweepId === command.sweepId) {
        current.cancelled = true
        current.pool.cancel()
      }
    },
    dispose() {
      current?.pool.cancel()
      current = null
    }
  }
}
