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

/** What the renderer wants to see while training runs. */
export interface ViewOptions {
  /** Boundary-map resolution (pixels per side); ≥ 200 in the app. */
  gridSize: number
  /** Also stream the hovered neuron's own output map, or null. */
  neuron: { layer: number; index: number } | null
  /** When false the trainer sends loss points only (no grids, no weights): fastest. */
  live: boolean
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
  | { type: 'get-snapshot'; requestId: number }
  /** Predict class probabilities for arbitrary points. Answered by 'predictions'. */
  | { type: 'predict'; requestId: number; x: Float64Array; count: number }

export type PauseReason = 'user' | 'limit' | 'diverged' | 'step'

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
  samplesPerSecond: number
  /** Present when due (about every 50 ms while live). */
  grid?: BoundaryGrid
  neuronGrid?: BoundaryGrid & { layer: number; index: number }
  params?: NetworkParams
  layers?: LayerInspection[]
  /** About once a second, and with the first progress after configure/restore. */
  memory?: TrainerMemory
  /** Loss and accuracy on the training points of the weights as they are at `epoch` (after its
   *  update): sent with every boundary map (the weights the map draws), after each pause or
   *  rebuild, and while the live view is off about every 100 ms. The epoch records in `points`
   *  keep the notebook's "before the update" values. */
  current?: CurrentStats
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
    }
  | { type: 'snapshot'; requestId: number; snapshot: RunSnapshot }
  /** probabilities: count × outputs, as the engine's predict (binary: one column, P(class 1));
   *  classes: the run's number of classes. */
  | { type: 'predictions'; requestId: number; probabilities: Float64Array; classes: number }
  /** A command failed; requestId when it answered one. The message is a sentence for the learner. */
  | { type: 'error'; requestId?: number; message: string }

/** The rate of progress events, on average, whatever the training speed (never two within half
 *  an interval). While live, each carries a fresh boundary map; weights and layer inspection ride
 *  along at most every 100 ms. */
export const MAX_PROGRESS_PER_SECOND = 30
