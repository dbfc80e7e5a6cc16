// What one sweep thread does with a job: train the combination (runCell.ts) and answer with its
// result, or with the sentence saying why it could not run. The entries that wrap this for a
// runtime: src/web/sweep.webworker.ts (a Web Worker), src/main/training/sweep.thread.ts (a
// worker thread of the Electron trainer); the trainer runs it in its own thread where it has none.
import type { Dataset, RunConfig } from '../engine/types'
import { runSweepCell, type SweepCellResult } from './runCell'

export interface SweepJob {
  config: RunConfig
  data?: Dataset
}

export type SweepThreadReply =
  { ok: true; result: SweepCellResult } | { ok: false; message: string }

export function answerSweepJob(job: SweepJob): SweepThreadReply {
  try {
    return { ok: true, result: runSweepCell(job.config, job.data) }
  } catch (error) {
    return {
      ok: false,
      message: error instanceof Error ? error.message : 'This combination could not be trained.'
    }
  }
}

/** Marks the worker data of a sweep thread (worker_threads), so that a module loaded in some
 *  other worker never answers on a port that is not its own. */
export const SWEEP_THREAD_FLAG = 'nnlabSweepThread'
