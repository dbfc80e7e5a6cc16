// Pinned runs (issue 15, compare runs): a finished or paused run kept beside the live one so the
// lab can overlay its curves, draw its boundary and list its figures. Light on purpose (no zod, no
// engine code): the renderer's compare store imports it; the session format (schema.ts,
// pinnedRunsCodec.ts) stores it as an optional top-level `pinnedRuns` list.
import type { EpochStats, NetworkParams, RunConfig } from '../engine/types'

/** The most runs kept for comparison (the store, the session format and the UI). */
export const MAX_PINNED_RUNS = 6

export interface PinnedRun {
  /** What the learner calls it ("Run 1"); the settings diff names what differs. */
  name: string
  /** The run's settings (data, network, training) as they were when it was pinned. */
  config: RunConfig
  /** Epochs trained. */
  epoch: number
  /** Every epoch's record (train, and test when the run had held-out points). */
  history: EpochStats[]
  /** The weights at `epoch` (the boundary map of the run). */
  params: NetworkParams
  /** Time spent training (ms) while the lab watched it; null when not measured (a restored run). */
  wallTimeMs: number | null
  /** Training loss and accuracy of the weights at `epoch`, after its update (the top bar's
   *  figures; the history's are measured before each update, as the notebook does). */
  final?: { loss: number; accuracy: number }
  /** Where early stopping stopped it, if it did. */
  earlyStop?: { bestEpoch: number; stoppedAt: number }
  /** The imported file's name when the run trained on a CSV. */
  dataName?: string
}
