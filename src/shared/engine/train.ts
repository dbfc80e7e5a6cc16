// A training run: one RandomState(seed) makes the data, splits it, initialises the weights and
// shuffles mini-batches, in that order, so the whole run is a pure function of its config.
// Full-batch epochs are the notebook's loop body: forward, loss, backward, update.
import {
  boundsOfBoth,
  DatasetError,
  generateDataset,
  gridPoints,
  splitDataset,
  validateDatasetSpec
} from './datasets'
import { validatePatience } from './earlyStopping'
import { initParams } from './init'
import {
  DECAY_BELOW,
  DROPOUT_BELOW,
  MAX_BATCH_BYTES,
  MAX_BATCH_SIZE,
  MAX_EPOCHS,
  MAX_EPSILON,
  MAX_LEARNING_RATE,
  MAX_PENALTY_RATE
} from './limits'
import {
  accuracy,
  outputDelta,
  rSquaredOf,
  softmaxCrossEntropy,
  squaredErrorStep,
  totalSumOfSquares
} from './losses'
import { GridMapper } from './gridMapper'
import { MeterRecorder, type EpochMeters } from './meters'
import {
  backward,
  binaryHead,
  createBuffers,
  forEachChunk,
  forward,
  PREDICT_CHUNK,
  type BatchBuffers
} from './network'
import { isRegression, outputSize, parameterCount, validateNetworkSpec } from './spec'
import { standardizedNetwork } from './standardize'
import { addPenaltyGradient, applyUpdate, beginStep, createOptimizerState } from './optimizers'
import { applyMeasuredUpdate } from './measuredUpdates'
import { RandomState } from './rng'
import { scheduledRate, validateSchedule } from './schedules'
import { drawDropoutMasks, hasDropout, validateDropout, type DropoutMasks } from './dropout'
import type {
  BoundaryGrid,
  Dataset,
  EpochStats,
  GridBounds,
  LayerInspection,
  NetworkParams,
  OptimizerState,
  RunCheckpoint,
  RunConfig,
  RunSnapshot,
  TrainConfig
} from './types'

/** One step's arrays, lent to a StepObserver for the length of the call (copy what you keep). */
export interface StepArrays {
  /** The step's rows (count×2) and labels: the training set, or a mini-batch in shuffled order. */
  x: Float64Array
  labels: Int32Array
  count: number
  /** z, a, delta (dL/dz per row) and the batch-averaged gradients, before any L1/L2 term. */
  buf: BatchBuffers
  /** The rows' loss before the update. */
  loss: number
  /** The weights the step used; unchanged until updated() is called. */
  params: NetworkParams
}

/** Watches TrainingRun's steps without changing them (trace.ts records one epoch's). */
export interface StepObserver {
  /** After the backward pass, before the penalties and the optimizer's update. */
  gradients(step: StepArrays): void
  /** After the optimizer's update of every layer: the new weights, the optimizer's memory after
   *  the step, and the gradients it stepped with (dW with the L1/L2 terms). */
  updated(params: NetworkParams, optimizer: OptimizerState, gradW: Float64Array[]): void
}

export function copyDataset(d: Dataset): Dataset {
  const copy: Dataset = {
    x: d.x.slice(),
    labels: d.labels.slice(),
    count: d.count,
    classes: d.classes
  }
  if (d.split) copy.split = d.split.slice()
  if (d.targets) copy.targets = d.targets.slice()
  if (d.inputNames) copy.inputNames = [d.inputNames[0], d.inputNames[1]]
  if (d.classNames) copy.classNames = [...d.classNames]
  return copy
}

/** A copy of the weights and biases that shares no array with `p`. */
export function copyParams(p: NetworkParams): NetworkParams {
  return { weights: p.weights.map((w) => w.slice()), biases: p.biases.map((b) => b.slice()) }
}

function copyOptimizer(o: OptimizerState): OptimizerState {
  return { step: o.step, m: o.m.map((a) => a.slice()), v: o.v.map((a) => a.slice()) }
}

function copyConfig(c: RunConfig): RunConfig {
  return {
    dataset: { ...c.dataset },
    network: {
      ...c.network,
      layerSizes: [...c.network.layerSizes],
      activations: [...c.network.activations],
      ...(c.network.standardize && {
        standardize: {
          mean: [...c.network.standardize.mean],
          scale: [...c.network.standardize.scale]
        }
      })
    },
    training: copyTraining(c.training)
  }
}

function copyTraining(t: TrainConfig): TrainConfig {
  const copy: TrainConfig = { ...t, optimizer: { ...t.optimizer } }
  if (t.lrSchedule) copy.lrSchedule = { ...t.lrSchedule }
  if (t.dropout) copy.dropout = [...t.dropout]
  return copy
}

/** A sentence saying what is wrong with the training settings, or null. */
export function validateTrainConfig(t: TrainConfig): string | null {
  const o = t.optimizer
  if (!(o.learningRate > 0 && o.learningRate <= MAX_LEARNING_RATE))
    return `The learning rate must be a number above 0 and at most ${MAX_LEARNING_RATE}.`
  if (o.kind !== 'sgd' && o.kind !== 'momentum' && o.kind !== 'adam')
    return `Unknown optimizer "${String(o.kind)}".`
  if (o.kind === 'momentum' && !(o.momentum >= 0 && o.momentum < DECAY_BELOW))
    return `Momentum must be at least 0 and below ${DECAY_BELOW}.`
  if (o.kind === 'adam') {
    if (!(o.beta1 >= 0 && o.beta1 < DECAY_BELOW) || !(o.beta2 >= 0 && o.beta2 < DECAY_BELOW))
      return `Adam's β1 and β2 must be at least 0 and below ${DECAY_BELOW}.`
    if (!(o.epsilon > 0 && o.epsilon <= MAX_EPSILON))
      return `Adam's ε must be above 0 and at most ${MAX_EPSILON}.`
  }
  if (
    t.batchSize !== 'full' &&
    (!Number.isInteger(t.batchSize) || t.batchSize < 1 || t.batchSize > MAX_BATCH_SIZE)
  ) {
    return `The batch size must be "full" or a whole number from 1 to ${MAX_BATCH_SIZE}.`
  }
  if (!(t.l1 >= 0 && t.l1 <= MAX_PENALTY_RATE) || !(t.l2 >= 0 && t.l2 <= MAX_PENALTY_RATE))
    return `L1 and L2 rates must be numbers from 0 to ${MAX_PENALTY_RATE}.`
  if (!Number.isInteger(t.epochLimit) || t.epochLimit < 1 || t.epochLimit > MAX_EPOCHS)
    return `The epoch limit must be a whole number from 1 to ${MAX_EPOCHS}.`
  if (t.earlyStopPatience !== undefined) {
    const problem = validatePatience(t.earlyStopPatience)
    if (problem) return problem
  }
  if (t.lrSchedule) return validateSchedule(t.lrSchedule, o.learningRate)
  return null
}

/** A sentence when the dropout rates do not fit the network, or null. */
function dropoutProblem(config: RunConfig): string | null {
  const rates = config.training.dropout
  if (!rates) return null
  return validateDropout(rates, config.network.layerSizes.length - 2, DROPOUT_BELOW)
}

/** A sentence when one step of `config` over `trainRows` points would need more than
 *  MAX_BATCH_BYTES, else null. */
export function batchMemoryProblem(config: RunConfig, trainRows: number): string | null {
  const batch = config.training.batchSize
  const rows = batch === 'full' ? trainRows : Math.min(batch, trainRows)
  let neurons = 0
  for (let i = 1; i < config.network.layerSizes.length; i++) neurons += config.network.layerSizes[i]
  const bytes = rows * neurons * 3 * 8
  if (bytes <= MAX_BATCH_BYTES) return null
  const largest = Math.max(1, Math.floor(MAX_BATCH_BYTES / (neurons * 3 * 8)))
  const gigabytes = (bytes / 1024 ** 3).toFixed(1)
  return `One training step over ${rows.toLocaleString('en-US')} points with this network needs about ${gigabytes} GB of memory; use mini-batches of at most ${largest.toLocaleString('en-US')} points, or fewer points or neurons.`
}

export class TrainingRun {
  readonly config: RunConfig
  readonly train: Dataset
  readonly test: Dataset
  readonly params: NetworkParams
  readonly history: EpochStats[]
  epoch: number
  private optimizer: OptimizerState
  private readonly rng: RandomState
  private readonly outputs: number
  /** Buffers for the full training set (full batch and evaluation). */
  private readonly fullBuffers: BatchBuffers
  private batchBuffers: BatchBuffers | null = null
  private evalBuffers: BatchBuffers | null = null
  private gridBuffers: BatchBuffers | null = null
  /** The float32 WebAssembly map kernel; null where WebAssembly is unavailable (see gridMapper). */
  private mapper: GridMapper | null | undefined
  private batchX: Float64Array = new Float64Array(0)
  private batchLabels: Int32Array = new Int32Array(0)
  private batchTargets: Float64Array | undefined
  /** Regression: Σ (y − mean y)² over the training targets (R²'s denominator); else 0. */
  private readonly trainTotalSquares: number
  /** The buffers of the last update (its activations and gradients), for inspect(). */
  private lastBuffers: BatchBuffers | null = null
  private lastCount = 0
  /** Sees each step's own arrays (trace.ts); null, the default, costs nothing. */
  stepObserver: StepObserver | null = null
  /** Records the training meters while enabled (meters.ts); null: off, no cost. */
  private meters: MeterRecorder | null = null
  /** The meters of the last epoch trained with them enabled. */
  lastMeters: EpochMeters | null = null
  /** This step's dropout masks (reused between steps). */
  private readonly dropoutMasks: DropoutMasks = []

  private constructor(
    config: RunConfig,
    train: Dataset,
    test: Dataset,
    params: NetworkParams,
    optimizer: OptimizerState,
    rng: RandomState,
    epoch: number,
    history: EpochStats[]
  ) {
    this.config = config
    this.train = train
    this.test = test
    this.params = params
    this.optimizer = optimizer
    this.rng = rng
    this.epoch = epoch
    this.history = history
    this.outputs = outputSize(config.network)
    this.trainTotalSquares = train.targets ? totalSumOfSquares(train.targets, train.count) : 0
    this.fullBuffers = createBuffers(config.network, Math.max(1, train.count))
  }

  /** Checks a config against the data it will train on; throws an Error with one sentence. */
  private static check(config: RunConfig, data: Dataset | undefined): void {
    if (data) {
      const trainRows = data.count - Math.round(data.count * config.dataset.testFraction)
      const problem = batchMemoryProblem(config, trainRows)
      if (problem) throw new Error(problem)
    }
    const problem =
      validateNetworkSpec(config.network) ??
      (config.dataset.kind === 'csv' ? null : validateDatasetSpec(config.dataset)) ??
      validateTrainConfig(config.training) ??
      dropoutProblem(config)
    if (problem) throw new Error(problem)
    if (data && isRegression(config.network) !== (data.targets !== undefined)) {
      throw new Error(
        data.targets
          ? 'These points have real-valued targets: use a regression network (one linear output).'
          : 'A regression network (linear output) needs points with real-valued targets, such as the plane or Gaussian mix datasets.'
      )
    }
    if (data && !isRegression(config.network)) {
      const k = config.network.output === 'sigmoid' ? 2 : outputSize(config.network)
      if (data.classes > k) {
        throw new Error(
          config.network.output === 'sigmoid'
            ? `The data has ${data.classes} classes; a sigmoid output separates only 2, so use softmax with ${data.classes} outputs.`
            : `The data has ${data.classes} classes but the softmax output has ${k} neurons.`
        )
      }
    }
  }

  /** RandomState(seed): dataset (or the imported points) → split → init. */
  static create(config: RunConfig, importedData?: Dataset): TrainingRun {
    const cfg = copyConfig(config)
    TrainingRun.check(cfg, undefined)
    const rng = new RandomState(cfg.dataset.seed)
    let data: Dataset
    if (cfg.dataset.kind === 'csv') {
      if (!importedData)
        throw new DatasetError('A CSV dataset needs its points: import a file first.')
      data = copyDataset(importedData)
    } else {
      data = generateDataset(cfg.dataset, rng)
    }
    TrainingRun.check(cfg, data)
    const { train, test } = splitDataset(data, cfg.dataset.testFraction, rng)
    cfg.network = standardizedNetwork(cfg, train)
    const params = initParams(cfg.network, rng)
    const optimizer = createOptimizerState(cfg.training.optimizer.kind, params)
    return new TrainingRun(cfg, train, test, params, optimizer, rng, 0, [])
  }

  static restore(snapshot: RunSnapshot): TrainingRun {
    const cfg = copyConfig(snapshot.config)
    TrainingRun.check(cfg, snapshot.train)
    return new TrainingRun(
      cfg,
      copyDataset(snapshot.train),
      copyDataset(snapshot.test),
      copyParams(snapshot.params),
      copyOptimizer(snapshot.optimizer),
      RandomState.fromState(snapshot.rng),
      snapshot.epoch,
      snapshot.history.map((h) => ({ ...h }))
    )
  }

  parameterCount(): number {
    return parameterCount(this.config.network)
  }

  /** Forward + loss + gradient + update on `count` rows; returns the loss and the tally
   *  (classification: the rows classified right; regression: the residual sum of squares), both
   *  measured before the update. */
  private step(
    x: Float64Array,
    labels: Int32Array,
    targets: Float64Array | undefined,
    count: number,
    buf: BatchBuffers
  ): { loss: number; tally: number } {
    const net = this.config.network
    const t = this.config.training
    const k = this.outputs
    const masks = hasDropout(t.dropout)
      ? drawDropoutMasks(net, t.dropout ?? [], count, this.rng, this.dropoutMasks)
      : undefined
    const p = forward(net, this.params, x, count, buf, masks)
    this.meters?.recordActivations(buf.a, count, buf.kernels)
    const L = net.layerSizes.length - 1
    let loss: number
    let tally: number
    if (net.output === 'sigmoid') {
      ;({ loss, correct: tally } = binaryHead(p, labels, count, buf))
    } else if (targets) {
      ;({ loss, residualSquares: tally } = squaredErrorStep(
        p,
        targets,
        count,
        buf.scratch,
        buf.delta[L - 1]
      ))
    } else {
      loss = softmaxCrossEntropy(buf.z[L - 1], labels, count, k, buf.scratch)
      tally = Math.round(accuracy(p, labels, count, k) * count)
      outputDelta(p, labels, count, k, buf.delta[L - 1])
    }
    this.meters?.recordOutputError(buf.delta[L - 1], count * k)
    backward(net, this.params, x, count, buf, masks)
    this.stepObserver?.gradients({ x, labels, count, buf, loss, params: this.params })
    beginStep(this.optimizer)
    const optimizer = this.scheduledOptimizer()
    for (let l = 0; l < L; l++) {
      const w = this.params.weights[l]
      addPenaltyGradient(w, buf.gradW[l], t.l1, t.l2)
      const b = this.params.biases[l]
      if (this.meters) {
        // The updates measure ‖dW‖, ‖db‖, ‖ΔW‖ and ‖W‖ for the meters as they go (no copy of W).
        const change = this.meters.beginUpdate()
        applyMeasuredUpdate(optimizer, this.optimizer, l, w, buf.gradW[l], change.weight)
        applyMeasuredUpdate(optimizer, this.optimizer, L + l, b, buf.gradB[l], change.bias)
        this.meters.endUpdate(l)
      } else {
        applyUpdate(optimizer, this.optimizer, l, w, buf.gradW[l])
        applyUpdate(optimizer, this.optimizer, L + l, b, buf.gradB[l])
      }
    }
    this.stepObserver?.updated(this.params, this.optimizer, buf.gradW)
    this.lastBuffers = buf
    this.lastCount = count
    return { loss, tally }
  }

  /** The epoch's score from the summed tallies over `n` rows: accuracy, or R² (regression). */
  private score(tally: number, n: number): number {
    return this.train.targets ? rSquaredOf(tally, this.trainTotalSquares) : tally / n
  }

  /** The learning rate the next epoch trains with (schedules.ts; constant: the optimizer's). */
  currentLearningRate(): number {
    const t = this.config.training
    return scheduledRate(t.optimizer.learningRate, this.epoch, t.lrSchedule)
  }

  /** The optimizer settings with this epoch's scheduled rate (the same object when constant). */
  private scheduledOptimizer(): TrainConfig['optimizer'] {
    const o = this.config.training.optimizer
    const rate = this.currentLearningRate()
    return rate === o.learningRate ? o : { ...o, learningRate: rate }
  }

  /** One epoch. Full batch: the notebook's loop body. Mini-batches: a fresh permutation from the
   *  run's RandomState, batches in that order; loss/accuracy are the size-weighted means of the
   *  values measured before each batch's update. */
  trainEpoch(): EpochStats {
    const n = this.train.count
    const bs = this.config.training.batchSize
    let loss: number
    let acc: number
    this.meters?.beginEpoch()
    const targets = this.train.targets
    if (bs === 'full' || bs >= n) {
      const r = this.step(this.train.x, this.train.labels, targets, n, this.fullBuffers)
      loss = r.loss
      acc = this.score(r.tally, n)
    } else {
      if (!this.batchBuffers || this.batchBuffers.capacity !== bs) {
        this.batchBuffers = createBuffers(this.config.network, bs)
        this.batchX = new Float64Array(bs * 2)
        this.batchLabels = new Int32Array(bs)
        this.batchTargets = targets ? new Float64Array(bs) : undefined
      }
      const batchTargets = this.batchTargets
      const perm = this.rng.permutation(n)
      let lossSum = 0
      let tally = 0
      for (let start = 0; start < n; start += bs) {
        const m = Math.min(bs, n - start)
        for (let i = 0; i < m; i++) {
          const r = perm[start + i]
          this.batchX[2 * i] = this.train.x[2 * r]
          this.batchX[2 * i + 1] = this.train.x[2 * r + 1]
          this.batchLabels[i] = this.train.labels[r]
          if (targets && batchTargets) batchTargets[i] = targets[r]
        }
        const r = this.step(this.batchX, this.batchLabels, batchTargets, m, this.batchBuffers)
        lossSum += r.loss * m
        tally += r.tally
      }
      loss = lossSum / n
      acc = this.score(tally, n)
    }
    this.epoch++
    if (this.meters) this.lastMeters = this.meters.endEpoch()
    const stats: EpochStats = { epoch: this.epoch, loss, accuracy: acc }
    if (this.test.count > 0) {
      const t = this.evaluate(this.test)
      stats.testLoss = t.loss
      stats.testAccuracy = t.accuracy
    }
    this.history.push(stats)
    return stats
  }

  /** Loss and accuracy (regression: ½·MSE and R²) of the current weights on any labelled points
   *  (no update). */
  evaluate(data: Dataset): { loss: number; accuracy: number } {
    if (data.count === 0) return { loss: NaN, accuracy: NaN }
    const net = this.config.network
    // Separate buffers: the training buffers keep the last step's activations for inspect().
    if (!this.evalBuffers || this.evalBuffers.capacity < data.count) {
      this.evalBuffers = createBuffers(net, data.count)
    }
    const buf = this.evalBuffers
    const p = forward(net, this.params, data.x, data.count, buf)
    const k = this.outputs
    const L = net.layerSizes.length - 1
    if (net.output === 'sigmoid') {
      const { loss, correct } = binaryHead(p, data.labels, data.count, buf)
      return { loss, accuracy: correct / data.count }
    }
    if (data.targets) {
      const r = squaredErrorStep(p, data.targets, data.count, buf.scratch, buf.delta[L - 1])
      const total = totalSumOfSquares(data.targets, data.count)
      return { loss: r.loss, accuracy: rSquaredOf(r.residualSquares, total) }
    }
    const loss = softmaxCrossEntropy(buf.z[L - 1], data.labels, data.count, k, buf.scratch)
    return { loss, accuracy: accuracy(p, data.labels, data.count, k) }
  }

  /** evaluate() in slices of PREDICT_CHUNK rows, so a 1,000,000-point run needs no buffers the
   *  size of its data (the trainer calls this with every live map). Up to one chunk it is
   *  evaluate() exactly; beyond, the loss is the size-weighted mean of the chunks' losses. */
  evaluateInChunks(data: Dataset): { loss: number; accuracy: number } {
    if (data.count <= PREDICT_CHUNK) return this.evaluate(data)
    let lossSum = 0
    let correct = 0
    for (let start = 0; start < data.count; start += PREDICT_CHUNK) {
      const n = Math.min(PREDICT_CHUNK, data.count - start)
      const chunk: Dataset = {
        x: data.x.subarray(2 * start, 2 * (start + n)),
        labels: data.labels.subarray(start, start + n),
        count: n,
        classes: data.classes
      }
      if (data.targets) chunk.targets = data.targets.subarray(start, start + n)
      const part = this.evaluate(chunk)
      lossSum += part.loss * n
      correct += Math.round(part.accuracy * n)
    }
    const loss = lossSum / data.count
    if (data.targets) {
      // Regression: R² of the whole set from its residuals (2·loss·count) and its own spread.
      const total = totalSumOfSquares(data.targets, data.count)
      return { loss, accuracy: rSquaredOf(2 * lossSum, total) }
    }
    return { loss, accuracy: correct / data.count }
  }

  /** Default plot area: the notebook's min − 1 … max + 1 over all points (train and test). */
  bounds(): GridBounds {
    return boundsOfBoth(this.train, this.test)
  }

  /** Buffers reused by every grid (the trainer asks for one about every 50 ms). */
  private gridBuffersFor(count: number): BatchBuffers {
    const capacity = Math.min(Math.max(count, 1), PREDICT_CHUNK)
    if (!this.gridBuffers || this.gridBuffers.capacity < capacity) {
      this.gridBuffers = createBuffers(this.config.network, capacity)
    }
    return this.gridBuffers
  }

  /** Live maps use the float32 kernel when it can run here (created on first use). */
  private gridMapper(): GridMapper | null {
    if (this.mapper === undefined) this.mapper = GridMapper.create(this.config.network)
    return this.mapper
  }

  /** Class probabilities (regression: predicted values) over the plane (see BoundaryGrid for the
   *  layout), in float32: equal to
   *  predict() at the pixel centres up to float32 rounding. */
  boundaryGrid(width: number, height: number, bounds?: GridBounds): BoundaryGrid {
    const b = bounds ?? this.bounds()
    const count = width * height
    const k = this.outputs
    const net = this.config.network
    // Regression maps the predicted value itself: classes 1, as a neuron's map.
    const classes = isRegression(net) ? 1 : k === 1 ? 2 : k
    const mapper = this.gridMapper()
    if (mapper) {
      const values = mapper.map(this.params, net.layerSizes.length - 2, -1, width, height, b)
      return { width, height, classes, bounds: b, values }
    }
    const values = new Float32Array(count * k)
    const buf = this.gridBuffersFor(count)
    forEachChunk(
      net,
      this.params,
      gridPoints(b, width, height),
      count,
      buf,
      net.layerSizes.length - 2,
      (start, n, p) => {
        for (let i = 0; i < n * k; i++) values[start * k + i] = p[i]
      }
    )
    return { width, height, classes, bounds: b, values }
  }

  /** One neuron's activation over the plane: `layer` is a hidden layer index (0-based), or the
   *  number of hidden layers for the output layer. Values are the raw activation a = f(z)
   *  (for the output: the probability of that output unit). classes is 1. */
  neuronGrid(
    layer: number,
    neuron: number,
    width: number,
    height: number,
    bounds?: GridBounds
  ): BoundaryGrid {
    const net = this.config.network
    const L = net.layerSizes.length - 1
    if (!Number.isInteger(layer) || layer < 0 || layer >= L)
      throw new RangeError(`There is no layer ${layer}.`)
    const size = net.layerSizes[layer + 1]
    if (!Number.isInteger(neuron) || neuron < 0 || neuron >= size) {
      throw new RangeError(`Layer ${layer} has no neuron ${neuron}.`)
    }
    const b = bounds ?? this.bounds()
    const mapper = this.gridMapper()
    if (mapper) {
      const values = mapper.map(this.params, layer, neuron, width, height, b)
      return { width, height, classes: 1, bounds: b, values }
    }
    const count = width * height
    const values = new Float32Array(count)
    const buf = this.gridBuffersFor(count)
    forEachChunk(
      net,
      this.params,
      gridPoints(b, width, height),
      count,
      buf,
      layer,
      (start, n, a) => {
        for (let i = 0; i < n; i++) values[start + i] = a[i * size + neuron]
      }
    )
    return { width, height, classes: 1, bounds: b, values }
  }

  /** Per weight matrix: |W|, the last update's |dW| and |db|, and each neuron's mean activation
   *  over the last batch. Before any training, a gradient is computed on the full training set
   *  (without updating) so the picture is never empty. */
  inspect(): LayerInspection[] {
    const net = this.config.network
    const L = net.layerSizes.length - 1
    let buf = this.lastBuffers
    let count = this.lastCount
    if (!buf) {
      buf = this.fullBuffers
      count = this.train.count
      const p = forward(net, this.params, this.train.x, count, buf)
      const targets = this.train.targets
      if (targets) squaredErrorStep(p, targets, count, buf.scratch, buf.delta[L - 1])
      else outputDelta(p, this.train.labels, count, this.outputs, buf.delta[L - 1])
      backward(net, this.params, this.train.x, count, buf)
      // Only reading these: an inspection must not change the run.
      this.lastBuffers = null
    }
    const out: LayerInspection[] = []
    for (let l = 0; l < L; l++) {
      const J = net.layerSizes[l + 1]
      const mean = new Float64Array(J)
      const a = buf.a[l]
      for (let n = 0; n < count; n++) for (let j = 0; j < J; j++) mean[j] += a[n * J + j]
      for (let j = 0; j < J; j++) mean[j] /= Math.max(1, count)
      out.push({
        layer: l,
        weightNorm: norm(this.params.weights[l]),
        weightGradNorm: norm(buf.gradW[l]),
        biasGradNorm: norm(buf.gradB[l]),
        meanActivation: mean
      })
    }
    return out
  }

  /** Turns the training meters (meters.ts) on or off; each epoch trained with them on leaves
   *  its meters in lastMeters. */
  enableMeters(on: boolean): void {
    if (on && !this.meters) this.meters = new MeterRecorder(this.config.network)
    if (!on) {
      this.meters = null
      this.lastMeters = null
    }
  }

  /** New hyper-parameters, same weights. Optimizer memory is kept unless the kind changed. */
  setTraining(training: TrainConfig): void {
    const problem =
      validateTrainConfig(training) ??
      batchMemoryProblem({ ...this.config, training }, this.train.count) ??
      dropoutProblem({ ...this.config, training })
    if (problem) throw new Error(problem)
    const previous = this.config.training.optimizer.kind
    this.config.training = copyTraining(training)
    if (training.optimizer.kind !== previous) {
      this.optimizer = createOptimizerState(training.optimizer.kind, this.params)
    }
  }

  /** A deep copy of what changes as the run trains (weights, optimizer, RNG, settings), for the
   *  timeline: with the run's data and network it continues bit for bit (see restoreCheckpoint). */
  checkpoint(): RunCheckpoint {
    return {
      epoch: this.epoch,
      training: copyConfig(this.config).training,
      params: copyParams(this.params),
      optimizer: copyOptimizer(this.optimizer),
      rng: this.rng.getState()
    }
  }

  /** A new run that continues from `checkpoint` of this run: the same data and network, the
   *  checkpoint's weights, optimizer, RNG and settings, and the history up to its epoch. */
  restoreCheckpoint(checkpoint: RunCheckpoint): TrainingRun {
    return TrainingRun.restore({
      config: { ...this.config, training: checkpoint.training },
      train: this.train,
      test: this.test,
      params: checkpoint.params,
      optimizer: checkpoint.optimizer,
      rng: checkpoint.rng,
      epoch: checkpoint.epoch,
      history: this.history.filter((h) => h.epoch <= checkpoint.epoch)
    })
  }

  /** A deep copy of everything needed to continue bit for bit. */
  snapshot(): RunSnapshot {
    return {
      config: copyConfig(this.config),
      train: copyDataset(this.train),
      test: copyDataset(this.test),
      params: copyParams(this.params),
      optimizer: copyOptimizer(this.optimizer),
      rng: this.rng.getState(),
      epoch: this.epoch,
      history: this.history.map((h) => ({ ...h }))
    }
  }
}

function norm(a: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * a[i]
  return Math.sqrt(s)
}
