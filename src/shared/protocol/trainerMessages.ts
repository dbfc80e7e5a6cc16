// Messages between the renderer (or main, or a test) and the trainer, over a MessagePort.
// Runtime-neutral: the same types serve the Electron utility process, a Node worker and a
// browser Web Worker. Runtime validation of these shapes lives in trainerSchemas.ts.
import type {
  BoundaryGrid,
  Dataset,
  EpochStats,
  GridBounds,
  LayerInspection,
  NetworkParams,
  RunConfig,
  RunSnapshot,
  TrainConfig
} from '../engine/types'
import type { EpochTrace } from '../engine/trace'
import type { EpochMeters } from '../engine/meters'
import type { GradcheckRow } from '../engine/gradcheck'
import type { HiddenSpace } from '../engine/hiddenSpace'
import type { Landscape } from '../engine/landscape'
import type { ConfusionMatrix } from '../engine/confusion'
import type { PackedHistory } from './packedHistory'

/** An analysis of the current weights the trainer computes on request (the analysis views). */
export type AnalysisRequest =
  /** Central differences vs backprop for about maxChecks parameters (engine/gradcheck.ts). */
  | { kind: 'gradcheck'; maxChecks: number }
  /** Data and grid lines in a hidden layer's space (engine/hiddenSpace.ts); units null: PCA. */
  | { kind: 'hidden-space'; layer: number; units: [number, number] | null }
  /** The loss around the weights along two filter-normalised directions (engine/landscape.ts),
   *  with `path` (earlier weights of the run) projected on it. */
  | { kind: 'landscape'; resolution: number; span: number; path: NetworkParams[] }
  /** True × predicted classes on the training or test points (engine/confusion.ts), for `params`
   *  (the weights the lab shows, e.g. a scrubbed epoch's) or, when null, the run's own. */
  | { kind: 'confusion'; set: 'train' | 'test'; params: NetworkParams | null }

/** The answer, for the weights as they are at `epoch`. */
export type AnalysisResult =
  | { kind: 'gradcheck'; epoch: number; maxRelativeError: number; rows: GradcheckRow[] }
  | { kind: 'hidden-space'; epoch: number; space: HiddenSpace }
  | { kind: 'landscape'; epoch: number; landscape: Landscape }
  | { kind: 'confusion'; epoch: number; set: 'train' | 'test'; matrix: ConfusionMatrix }

/** What the renderer wants to see while training runs. */
export interface ViewOptions {
  /** Boundary-map resolution (pixels per side); ≥ 200 in the app. */
  gridSize: number
  /** Also stream the hovered neuron's own output map, or null. */
  neuron: { layer: number; index: number } | null
  /** When false the trainer sends loss points only (no grids, no weights): fastest. */
  live: boolean
  /** Record the training meters (engine/meters.ts) and send them with progress; absent: off. */
  meters?: boolean
}

/** One epoch's training meters, as progress carries them. */
export interface EpochMeterRecord extends EpochMeters {
  epoch: number
}

export type TrainerCommand =
  /** Build a fresh run from a config (and, for imported CSV data, the points). */
  | { type: 'configure'; requestId: number; config: RunConfig; data?: Dataset }
  /** Replace the run with a saved one, exactly. */
  | { type: 'restore'; requestId: number; snapshot: RunSnapshot }
  /** Change hyper-parameters while keeping the weights (learning rate, optimizer, batch, L1/L2, limit). */
  | { type: 'update-training'; training: TrainConfig }
  | { type: 'start' }
  | { type: 'pause' }
  /** Train exactly one epoch, then stay paused. */
  | { type: 'step' }
  | { type: 'set-view'; view: ViewOptions }
  /** Slow motion: train at most this many epochs per second (limits.ts MIN/MAX_EPOCHS_PER_SECOND);
   *  null (the default) trains as fast as possible. Applies from now on, running or paused. */
  | { type: 'set-pace'; epochsPerSecond: number | null }
  /** Ask for a full snapshot (for saving). Answered by a 'snapshot' event with the same requestId. */
  | { type: 'get-snapshot'; requestId: number; withTimeline?: boolean }
  /** Predict class probabilities for arbitrary points. Answered by 'predictions'. */
  | { type: 'predict'; requestId: number; x: Float64Array; count: number }
  /** While paused: the step-through of the next epoch (engine traceNextEpoch, at most
   *  MAX_TRACE_ROWS rows), without training it. Answered by 'trace'; 'step' then trains it. */
  | { type: 'trace'; requestId: number }
  /** Analyse the current weights. Answered by 'analysis'. */
  | { type: 'analyze'; requestId: number; analysis: AnalysisRequest }
  /** Show the run as it was at a kept epoch (the timeline's latest checkpoint at or before
   *  `epoch`; the current epoch or later: the run as it is). Pauses training. Answered by
   *  'epoch-view'; until training goes on, later maps (a hovered neuron) show that epoch too. */
  | { type: 'view-epoch'; requestId: number; epoch: number }
  /** Continue from a kept epoch: the run goes back to its checkpoint (with the current training
   *  settings) and the later history is replaced. Answered by 'configured'. */
  | { type: 'fork'; requestId: number; epoch: number }
  | SetParameterCommand
  | SweepCommand

/** Set one weight or bias of the live run to a typed value (the network diagram's editor), at
 *  once, running or paused; the next progress event carries the new maps and weights. `layer` is
 *  the weight layer (0: inputs → first hidden layer), `neuron` the neuron it feeds; with `from`
 *  (the neuron of the layer before) it is the weight W[layer][from, neuron], without it the bias. */
export interface SetParameterCommand {
  type: 'set-parameter'
  layer: number
  neuron: number
  from?: number
  value: number
}

// ---- sweeps (issue 15; src/shared/sweep) ----
/** Train every cell's config (with the imported points, for a CSV run) on the trainer's sweep
 *  threads, beside the lab's own run. Each finished cell comes back as a 'sweep-cell'; the
 *  request is answered by 'sweep-done' (or an 'error' naming the first cell that could not run).
 *  A new sweep cancels the one before. */
export type SweepCommand =
  | { type: 'sweep'; requestId: number; sweepId: number; cells: RunConfig[]; data?: Dataset }
  /** Stop the sweep: no more cells start; its request is answered with cancelled: true. */
  | { type: 'sweep-cancel'; sweepId: number }

/** A sweep cell's numbers, named as in `nn-lab train --json`. */
export interface SweepRow {
  /** Loss and accuracy of the final weights on the training points. */
  finalLoss: number
  finalAccuracy: number
  /** The same on the test points, null without a test split. */
  finalTestLoss: number | null
  finalTestAccuracy: number | null
  /** Epochs trained (fewer than the limit when early stopping ended the run). */
  epochs: number
  parameterCount: number
  /** Early stopping: the epoch it stopped at (null: it ran to the limit, or was not asked). */
  stoppedAt: number | null
  /** Early stopping: the epoch whose weights are kept (null when not asked). */
  bestEpoch: number | null
}

export type SweepEvent =
  /** One trained cell: its numbers and the run itself (no timeline), to open in the lab. */
  | { type: 'sweep-cell'; sweepId: number; index: number; row: SweepRow; snapshot: RunSnapshot }
  /** Every cell came back (or the sweep was cancelled); `threads`: how many ran at once. */
  | { type: 'sweep-done'; requestId: number; sweepId: number; cancelled: boolean; threads: number }

export type PauseReason = 'user' | 'limit' | 'diverged' | 'step' | 'early-stop'

/** The trainer's answer to configure/restore: what the UI needs to draw the run. */
export interface RunSummary {
  config: RunConfig
  train: Dataset
  test: Dataset
  bounds: GridBounds
  parameterCount: number
  epoch: number
  history: EpochStats[]
  params: NetworkParams
}

/** The trainer's memory (see src/shared/trainer/trainerMemory.ts). */
export interface TrainerMemory {
  /** The figure to show: the process's resident memory ('process'), or the estimate. */
  bytes: number
  source: 'process' | 'estimate'
  /** What the run's own arrays take (points, weights, optimizer, batch buffers, history). */
  runBytes: number
  /** The JS heap in use, where the runtime reports it. */
  heapBytes?: number
}

export interface ProgressEvent {
  type: 'progress'
  epoch: number
  running: boolean
  /** Every epoch finished since the previous progress event, in order (none skipped). */
  points: EpochStats[]
  /** Where the port moves buffers: `points` packed as flat arrays and moved without a copy
   *  (`points` is then empty). The window unpacks them as the event arrives (withHistory). */
  packedPoints?: PackedHistory
  samplesPerSecond: number
  /** Present when due (about every 50 ms while live). */
  grid?: BoundaryGrid
  neuronGrid?: BoundaryGrid & { layer: number; index: number }
  params?: NetworkParams
  layers?: LayerInspection[]
  /** About once a second, and with the first progress after configure/restore. */
  memory?: TrainerMemory
  /** While the view asks for meters: every epoch's meters since the previous progress event. */
  meters?: EpochMeterRecord[]
  /** Loss and accuracy on the training points of the weights as they are at `epoch` (after its
   *  update): sent with every boundary map (the weights the map draws), after each pause or
   *  rebuild, and while the live view is off about every 100 ms. The epoch records in `points`
   *  keep the notebook's "before the update" values. */
  current?: CurrentStats
  /** The kept epochs, when they changed (at most a few times a second, and after each pause). */
  timeline?: TimelineSummary
  /** Present when the maps, weights and `current` show a past epoch (the scrubber's), not `epoch`. */
  shownEpoch?: number
}

/** The run's timeline as the scrubber shows it. */
export interface TimelineSummary {
  /** The kept epochs, ascending. */
  epochs: number[]
  bytes: number
  budgetBytes: number
}

/** The run as it was at a kept epoch: what the lab draws while the scrubber is there. */
export interface EpochView {
  /** The kept epoch shown (the one asked for, or the latest kept before it). */
  epoch: number
  /** True when this is the run as it is now (not a checkpoint). */
  live: boolean
  grid: BoundaryGrid
  neuronGrid?: BoundaryGrid & { layer: number; index: number }
  params: NetworkParams
  layers: LayerInspection[]
  current: CurrentStats
}

export interface CurrentStats {
  epoch: number
  loss: number
  accuracy: number
}

export type TrainerEvent =
  | { type: 'ready' }
  | { type: 'configured'; requestId: number; summary: RunSummary }
  | ProgressEvent
  | {
      type: 'paused'
      reason: PauseReason
      epoch: number
      /** One sentence for the learner, e.g. why a diverged run stopped. */
      message?: string
      /** Accuracy of the final weights over the training set (the notebook's "Final Accuracy"),
       *  sent when the epoch limit is reached. */
      finalAccuracy?: number
      /** Loss of the final weights over the training set, sent with finalAccuracy (a regression
       *  run's last log line prints MSE = 2 × this, with R² from finalAccuracy). */
      finalLoss?: number
      /** Early stopping: the epoch with the lowest test loss, whose weights the lab now shows. */
      bestEpoch?: number
    }
  | {
      type: 'snapshot'
      requestId: number
      snapshot: RunSnapshot
      /** Where the port moves buffers: the snapshot's history, packed and moved without a copy
       *  (snapshot.history is then empty). The window unpacks it as the event arrives
       *  (useTrainerPort): 100,000 epochs as objects cost its main thread ~100 ms to read. */
      packedHistory?: PackedHistory
    }
  /** probabilities: count × outputs, as the engine's predict (binary: one column, P(class 1));
   *  classes: the run's number of classes. */
  | { type: 'predictions'; requestId: number; probabilities: Float64Array; classes: number }
  | { type: 'trace'; requestId: number; trace: EpochTrace }
  | { type: 'analysis'; requestId: number; result: AnalysisResult }
  | { type: 'epoch-view'; requestId: number; view: EpochView }
  /** A command failed; requestId when it answered one. The message is a sentence for the learner. */
  | { type: 'error'; requestId?: number; message: string }
  | SweepEvent

/** The rate of progress events, on average, whatever the training speed (never two within half
 *  an interval). While live, each carries a fresh boundary map; weights and layer inspection ride
 *  along at most every 100 ms. */
export const MAX_PROGRESS_PER_SECOND = 30
