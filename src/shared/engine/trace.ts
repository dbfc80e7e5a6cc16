// The step-through of one epoch: the arrays the training step itself computes (network.ts's
// forward and backward, the optimizer's update), recorded by a StepObserver on a copy of the
// run, so tracing never changes the run it looks at.
import type { ActivationName } from './activations'
import { RandomState } from './rng'
import { TrainingRun, type StepArrays, type StepObserver } from './train'
import type { NetworkParams, OptimizerState, TrainConfig } from './types'

/** What a layer applies to its z: a hidden activation, or the head (sigmoid or softmax). */
export type TraceActivation = ActivationName | 'softmax'

/** One weight layer of the traced step. Matrices are row-major: W, dW, Wafter are
 *  inputs × units; z, a, delta are rows × units (rows: EpochTrace.rows.length). */
export interface LayerTrace {
  inputs: number
  units: number
  activation: TraceActivation
  W: Float64Array
  b: Float64Array
  /** z = a_prev·W + b */
  z: Float64Array
  /** a = f(z) */
  a: Float64Array
  /** dL/dz per row, before the 1/m average (the notebook's `delta`). */
  delta: Float64Array
  /** dW = a_prevᵀ·delta / m and db = mean(delta): the loss's gradient, before any L1/L2 term. */
  dW: Float64Array
  db: Float64Array
  /** W and b after the optimizer's real update (with the run's penalties and optimizer memory). */
  Wafter: Float64Array
  bAfter: Float64Array
  /** The gradient the optimizer stepped W with: dW plus the L1/L2 terms (b has none: db). */
  gW: Float64Array
  /** The optimizer's memory of W and b before and after the step (optimizers.ts): momentum's
   *  velocity (m), Adam's first (m) and second (v) moments; empty arrays where it keeps none. */
  memory: OptimizerMemory
}

export interface OptimizerMemory {
  mW: Float64Array
  vW: Float64Array
  mb: Float64Array
  vb: Float64Array
  mWafter: Float64Array
  vWafter: Float64Array
  mbAfter: Float64Array
  vbAfter: Float64Array
}

export interface EpochTrace {
  /** The epoch traced (the run's next epoch: 1 for a fresh run). */
  epoch: number
  /** The traced rows' loss before the update (full batch: the epoch's loss). */
  lossBefore: number
  /** The traced step: full batch, or the first mini-batch of the epoch (index 0 of `batches`,
   *  in the epoch's shuffled order). m, the batch size the gradients average over. */
  batchIndex: number
  batches: number
  m: number
  /** Training-point index of each traced row (at most the rowLimit first rows of the batch). */
  rows: Int32Array
  /** The traced rows' inputs (rows × 2, the notebook's activations[0]) and labels. */
  x: Float64Array
  labels: Int32Array
  /** The settings of the update (optimizer, L1/L2); the rate it used is `learningRate`. */
  training: TrainConfig
  /** The learning rate of the traced step (the schedule's rate for this epoch, if any). */
  learningRate: number
  /** The optimizer's update count t of the traced step (Adam's bias correction 1 − βᵗ). */
  optimizerStep: number
  layers: LayerTrace[]
}

export interface TraceOptions {
  /** Keep at most this many rows of x, z, a and delta (the gradients always cover the whole
   *  batch). Default: every row. */
  rowLimit?: number
}

type LayerBeforeUpdate = Omit<LayerTrace, 'Wafter' | 'bAfter' | 'gW' | 'memory'>

const EMPTY = new Float64Array(0)
const copyMemory = (state: OptimizerState, slot: number): [Float64Array, Float64Array] => [
  state.m[slot]?.slice() ?? EMPTY,
  state.v[slot]?.slice() ?? EMPTY
]

/** Records the first step it sees (the epoch's first batch); ignores the rest. */
class FirstStepRecorder implements StepObserver {
  private before: {
    loss: number
    m: number
    x: Float64Array
    labels: Int32Array
    layers: LayerBeforeUpdate[]
  } | null = null
  private after: {
    params: NetworkParams
    gW: Float64Array[]
    state: OptimizerState
  } | null = null

  constructor(
    private readonly sizes: number[],
    private readonly activations: TraceActivation[],
    private readonly rowLimit: number,
    /** The optimizer's memory before the epoch's first step. */
    private readonly stateBefore: OptimizerState
  ) {}

  gradients(step: StepArrays): void {
    if (this.before) return
    const rows = Math.min(step.count, this.rowLimit)
    this.before = {
      loss: step.loss,
      m: step.count,
      x: step.x.slice(0, 2 * rows),
      labels: step.labels.slice(0, rows),
      layers: this.activations.map((activation, l) => {
        const K = this.sizes[l]
        const J = this.sizes[l + 1]
        return {
          inputs: K,
          units: J,
          activation,
          W: step.params.weights[l].slice(),
          b: step.params.biases[l].slice(),
          z: step.buf.z[l].slice(0, rows * J),
          a: step.buf.a[l].slice(0, rows * J),
          delta: step.buf.delta[l].slice(0, rows * J),
          dW: step.buf.gradW[l].slice(0, K * J),
          db: step.buf.gradB[l].slice(0, J)
        }
      })
    }
  }

  updated(params: NetworkParams, state: OptimizerState, gradW: Float64Array[]): void {
    if (this.after) return
    this.after = {
      params: {
        weights: params.weights.map((w) => w.slice()),
        biases: params.biases.map((b) => b.slice())
      },
      gW: gradW.map((g) => g.slice()),
      state: {
        step: state.step,
        m: state.m.map((a) => a.slice()),
        v: state.v.map((a) => a.slice())
      }
    }
  }

  result(): {
    loss: number
    m: number
    x: Float64Array
    labels: Int32Array
    optimizerStep: number
    layers: LayerTrace[]
  } {
    const { before, after } = this
    if (!before || !after) throw new Error('The epoch had no training step to trace.')
    const L = before.layers.length
    return {
      ...before,
      optimizerStep: after.state.step,
      layers: before.layers.map((layer, l) => {
        const [mW, vW] = copyMemory(this.stateBefore, l)
        const [mb, vb] = copyMemory(this.stateBefore, L + l)
        const [mWafter, vWafter] = copyMemory(after.state, l)
        const [mbAfter, vbAfter] = copyMemory(after.state, L + l)
        return {
          ...layer,
          Wafter: after.params.weights[l],
          bAfter: after.params.biases[l],
          gW: after.gW[l],
          memory: { mW, vW, mb, vb, mWafter, vWafter, mbAfter, vbAfter }
        }
      })
    }
  }
}

/** The step-through of `run`'s next epoch, computed by the engine's own training step on a
 *  copy: `run` is left exactly as it was, and training it next gives the epoch traced. */
export function traceNextEpoch(run: TrainingRun, options: TraceOptions = {}): EpochTrace {
  const snapshot = run.snapshot()
  const copy = TrainingRun.restore(snapshot)
  const net = copy.config.network
  const L = net.layerSizes.length - 1
  const activations: TraceActivation[] = [...net.activations, net.output]
  const rowLimit = Math.max(1, Math.floor(options.rowLimit ?? Number.POSITIVE_INFINITY))
  const n = copy.train.count
  const bs = copy.config.training.batchSize
  const miniBatches = bs !== 'full' && bs < n
  // The epoch's shuffle, drawn from the same state the copy is about to draw it from.
  const order = miniBatches
    ? RandomState.fromState(snapshot.rng).permutation(n)
    : Int32Array.from({ length: n }, (_, i) => i)
  const recorder = new FirstStepRecorder(net.layerSizes, activations, rowLimit, snapshot.optimizer)
  const learningRate = copy.currentLearningRate()
  copy.stepObserver = recorder
  copy.trainEpoch()
  const step = recorder.result()
  if (step.layers.length !== L) throw new Error('The trace missed a layer.')
  return {
    epoch: copy.epoch,
    lossBefore: step.loss,
    batchIndex: 0,
    batches: miniBatches ? Math.ceil(n / (bs as number)) : 1,
    m: step.m,
    rows: order.slice(0, step.labels.length),
    x: step.x,
    labels: step.labels,
    training: { ...copy.config.training, optimizer: { ...copy.config.training.optimizer } },
    learningRate,
    optimizerStep: step.optimizerStep,
    layers: step.layers
  }
}

/** The same trace with x, z, a and delta cut to one traced row (`row`: its position in
 *  trace.rows); the weights and gradients are unchanged. */
export function traceRow(trace: EpochTrace, row: number): EpochTrace {
  if (!Number.isInteger(row) || row < 0 || row >= trace.rows.length) {
    throw new RangeError(
      `Row ${row} is not in the traced batch (rows 0 to ${trace.rows.length - 1}).`
    )
  }
  const cut = (values: Float64Array, width: number): Float64Array =>
    values.slice(row * width, (row + 1) * width)
  return {
    ...trace,
    rows: trace.rows.slice(row, row + 1),
    x: cut(trace.x, 2),
    labels: trace.labels.slice(row, row + 1),
    layers: trace.layers.map((layer) => ({
      ...layer,
      z: cut(layer.z, layer.units),
      a: cut(layer.a, layer.units),
      delta: cut(layer.delta, layer.units)
    }))
  }
}
