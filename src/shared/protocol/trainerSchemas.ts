// Runtime validation of everything that crosses the trainer port (see trainerMessages.ts).
// The trainer never trusts its port: a renderer bug, a stale build or a hand-crafted message
// must get an 'error' event back, never a crash or a half-built run. Typed arrays are checked by
// class (structured clone preserves them), size and finiteness.
import { z } from 'zod'
import {
  DECAY_BELOW,
  MAX_BATCH_SIZE,
  MAX_CLASSES,
  MAX_CSV_POINTS,
  MAX_EPOCHS,
  MAX_EPOCHS_PER_SECOND,
  MAX_EPSILON,
  MAX_LAYER_SIZE,
  MAX_LAYERS,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_PENALTY_RATE,
  MAX_SEED,
  MIN_CLASSES,
  MIN_EPOCHS_PER_SECOND,
  TEST_FRACTION_BELOW,
  DROPOUT_BELOW,
  MAX_HIDDEN_LAYERS,
  MAX_SCHEDULE_EPOCHS,
  MAX_SCHEDULE_FACTOR,
  MAX_EDITED_PARAMETER,
  MAX_SWEEP_RUNS
} from '../engine/limits'
import { ACTIVATIONS, GENERATED_DATASETS, INITS, OPTIMIZERS } from '../engine/types'
import { MAX_TIMELINE_LEVEL } from '../engine/timeline'
import { FEATURES, type FeatureName } from '../engine/features'
import type {
  ActivationName,
  Dataset,
  RunConfig,
  RunSnapshot,
  DatasetKind,
  InitName,
  NetworkParams,
  NetworkSpec,
  OptimizerName
} from '../engine/types'
import type { TrainerCommand, TrainerEvent } from './trainerMessages'

// Run settings are bounded by the engine's limits (engine/limits.ts), never by numbers of their
// own: what the engine, the CLI and the session format accept, the trainer accepts. Past the
// bounds, the engine's validators (run when the run is built) give the learner's sentence.

/** Boundary-map resolution a view may ask for (pixels per side): a view setting, not a run's. */
export const MIN_GRID_SIZE = 8
export const MAX_GRID_SIZE = 512

const finite = z.number().refine(Number.isFinite, 'must be a finite number')
const count = (max: number) => z.number().int().min(0).max(max)

function allFinite(values: ArrayLike<number>): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false
  return true
}

// z.custom rather than z.instanceof: the engine's types hold arrays over any ArrayBufferLike
// (the kernels' shared WebAssembly memory included), z.instanceof would type ArrayBuffer only.
const typedArray = <T>(type: new (...args: never[]) => T, name: string) =>
  z.custom<T>((value) => value instanceof type, `must be a ${name}`)
const float64Array = typedArray<Float64Array>(Float64Array, 'Float64Array')
const finiteFloat64Array = float64Array.refine(allFinite, 'contains NaN or Infinity')
const float32Array = typedArray<Float32Array>(Float32Array, 'Float32Array')

export const datasetSpecSchema = z.object({
  kind: z.enum(['csv', ...GENERATED_DATASETS] as [DatasetKind, ...DatasetKind[]]),
  // A CSV run's spec counts the imported points; generated sets are held to MAX_SAMPLES by the
  // engine's validateDatasetSpec when the run is built.
  samples: count(MAX_CSV_POINTS),
  noise: finite.min(0).max(MAX_NOISE),
  seed: z.number().int().min(0).max(MAX_SEED),
  testFraction: finite.min(0).lt(TEST_FRACTION_BELOW),
  classes: z.number().int().min(MIN_CLASSES).max(MAX_CLASSES),
  standardize: z.boolean().optional()
})

const activationName = z.enum(ACTIVATIONS as [ActivationName, ...ActivationName[]])

export const networkSpecSchema = z
  .object({
    layerSizes: z.array(z.number().int().min(1).max(MAX_LAYER_SIZE)).min(2).max(MAX_LAYERS),
    activations: z.array(activationName),
    output: z.enum(['sigmoid', 'softmax', 'linear']),
    init: z.enum(INITS as [InitName, ...InitName[]]),
    features: z
      .array(z.enum(FEATURES as [FeatureName, ...FeatureName[]]))
      .min(1)
      .max(FEATURES.length)
      .optional(),
    /** standardize.ts: z = (x − mean) / scale, fitted on the training points. */
    standardize: z
      .object({ mean: z.tuple([finite, finite]), scale: z.tuple([finite.gt(0), finite.gt(0)]) })
      .optional()
  })
  .superRefine((spec, ctx) => {
    if (spec.layerSizes[0] !== (spec.features?.length ?? 2)) {
      ctx.addIssue({
        code: 'custom',
        message: 'the input layer must have one neuron per input feature (2: x1, x2)'
      })
    }
    if (spec.activations.length !== spec.layerSizes.length - 2) {
      ctx.addIssue({ code: 'custom', message: 'there must be one activation per hidden layer' })
    }
  })

export const optimizerConfigSchema = z.object({
  kind: z.enum(OPTIMIZERS as [OptimizerName, ...OptimizerName[]]),
  learningRate: finite.gt(0).max(MAX_LEARNING_RATE),
  momentum: finite.min(0).lt(DECAY_BELOW),
  beta1: finite.min(0).lt(DECAY_BELOW),
  beta2: finite.min(0).lt(DECAY_BELOW),
  epsilon: finite.gt(0).max(MAX_EPSILON)
})

const scheduleEpochs = z.number().int().min(1).max(MAX_SCHEDULE_EPOCHS)
const scheduleFactor = finite.gt(0).max(MAX_SCHEDULE_FACTOR)

/** schedules.ts's LrSchedule (the lowest cosine rate is checked against the rate by the engine). */
export const lrScheduleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('constant') }),
  z.object({ kind: z.literal('step'), every: scheduleEpochs, factor: scheduleFactor }),
  z.object({ kind: z.literal('exp'), gamma: scheduleFactor }),
  z.object({ kind: z.literal('cosine'), period: scheduleEpochs, minRate: finite.min(0) })
])

export const trainConfigSchema = z.object({
  optimizer: optimizerConfigSchema,
  batchSize: z.union([z.literal('full'), z.number().int().min(1).max(MAX_BATCH_SIZE)]),
  l1: finite.min(0).max(MAX_PENALTY_RATE),
  l2: finite.min(0).max(MAX_PENALTY_RATE),
  epochLimit: z.number().int().min(1).max(MAX_EPOCHS),
  earlyStopPatience: z.number().int().min(1).max(MAX_EPOCHS).optional(),
  lrSchedule: lrScheduleSchema.optional(),
  dropout: z.array(finite.min(0).lt(DROPOUT_BELOW)).max(MAX_HIDDEN_LAYERS).optional()
})

export const runConfigSchema = z.object({
  dataset: datasetSpecSchema,
  network: networkSpecSchema,
  training: trainConfigSchema
})

export const datasetSchema = z
  .object({
    x: finiteFloat64Array,
    labels: typedArray<Int32Array>(Int32Array, 'Int32Array'),
    count: count(MAX_CSV_POINTS),
    classes: z.number().int().min(MIN_CLASSES).max(MAX_CLASSES),
    /** An imported CSV's own train/test split (1 = test), see Dataset.split. */
    split: typedArray<Uint8Array>(Uint8Array, 'Uint8Array').optional(),
    /** An imported CSV's input column names and class names (Dataset.inputNames/classNames). */
    inputNames: z.tuple([z.string().max(200), z.string().max(200)]).optional(),
    classNames: z.array(z.string().max(200)).max(MAX_CLASSES).optional(),
    /** Regression points' real-valued targets (Dataset.targets). */
    targets: finiteFloat64Array.optional()
  })
  .superRefine((data, ctx) => {
    if (data.targets && data.targets.length !== data.count) {
      ctx.addIssue({ code: 'custom', message: 'targets must hold one value per point' })
    }
    if (data.x.length !== data.count * 2) {
      ctx.addIssue({ code: 'custom', message: 'x must hold 2 coordinates per point' })
    }
    if (data.split && data.split.length !== data.count) {
      ctx.addIssue({ code: 'custom', message: 'split must hold one entry per point' })
    }
    if (data.labels.length !== data.count) {
      ctx.addIssue({ code: 'custom', message: 'labels must hold one class per point' })
      return
    }
    for (let i = 0; i < data.labels.length; i++) {
      const label = data.labels[i]
      if (label < 0 || label >= data.classes) {
        ctx.addIssue({ code: 'custom', message: `label ${label} of point ${i} is out of range` })
        return
      }
    }
  })

export const gridBoundsSchema = z
  .object({ xMin: finite, xMax: finite, yMin: finite, yMax: finite })
  .refine((b) => b.xMin < b.xMax && b.yMin < b.yMax, 'bounds must have a positive area')

export const networkParamsSchema = z.object({
  weights: z.array(finiteFloat64Array).max(MAX_LAYERS),
  biases: z.array(finiteFloat64Array).max(MAX_LAYERS)
})

export const epochStatsSchema = z.object({
  epoch: z.number().int().min(0),
  loss: z.number(),
  accuracy: z.number(),
  testLoss: z.number().optional(),
  testAccuracy: z.number().optional()
})

export const rngStateSchema = z.object({
  key: typedArray<Uint32Array>(Uint32Array, 'Uint32Array').refine(
    (key) => key.length === 624,
    'key must have 624 words'
  ),
  pos: z.number().int().min(0).max(624),
  hasGauss: z.boolean(),
  gauss: finite
})

export const optimizerStateSchema = z.object({
  step: z.number().int().min(0),
  m: z.array(finiteFloat64Array),
  v: z.array(finiteFloat64Array)
})

/** True when params have exactly the shapes `spec` asks for. */
export function paramsMatchSpec(spec: NetworkSpec, params: NetworkParams): boolean {
  const layers = spec.layerSizes.length - 1
  if (params.weights.length !== layers || params.biases.length !== layers) return false
  for (let i = 0; i < layers; i++) {
    const fanIn = spec.layerSizes[i]
    const fanOut = spec.layerSizes[i + 1]
    if (params.weights[i].length !== fanIn * fanOut || params.biases[i].length !== fanOut) {
      return false
    }
  }
  return true
}

function datasetFitsSpec(data: Dataset, spec: NetworkSpec): boolean {
  const outputs = spec.layerSizes[spec.layerSizes.length - 1]
  if (spec.output === 'linear' || data.targets) {
    return spec.output === 'linear' && data.targets !== undefined && outputs === 1
  }
  return spec.output === 'sigmoid' ? data.classes <= 2 && outputs === 1 : data.classes <= outputs
}

/** One kept epoch of a run's timeline (engine/timeline.ts). */
export const runCheckpointSchema = z.object({
  epoch: z.number().int().min(0).max(MAX_EPOCHS),
  training: trainConfigSchema,
  params: networkParamsSchema,
  optimizer: optimizerStateSchema,
  rng: rngStateSchema
})

export const timelineDataSchema = z.object({
  level: z.number().int().min(0).max(MAX_TIMELINE_LEVEL),
  entries: z.array(runCheckpointSchema).max(MAX_EPOCHS)
})

export const runSnapshotSchema = z
  .object({
    config: runConfigSchema,
    train: datasetSchema,
    test: datasetSchema,
    params: networkParamsSchema,
    optimizer: optimizerStateSchema,
    rng: rngStateSchema,
    epoch: z.number().int().min(0),
    history: z.array(epochStatsSchema).max(MAX_EPOCHS),
    timeline: timelineDataSchema.optional()
  })
  .superRefine((snapshot, ctx) => {
    if (!paramsMatchSpec(snapshot.config.network, snapshot.params)) {
      ctx.addIssue({ code: 'custom', message: 'weights do not match the network layers' })
    }
    const strayCheckpoint = snapshot.timeline?.entries.find(
      (c) => c.epoch > snapshot.epoch || !paramsMatchSpec(snapshot.config.network, c.params)
    )
    if (strayCheckpoint) {
      ctx.addIssue({
        code: 'custom',
        message: `the timeline's epoch ${strayCheckpoint.epoch} does not fit the run`
      })
    }
    if (!datasetFitsSpec(snapshot.train, snapshot.config.network)) {
      ctx.addIssue({ code: 'custom', message: 'the data classes do not match the output layer' })
    }
  })

export const viewOptionsSchema = z.object({
  gridSize: z.number().int().min(MIN_GRID_SIZE).max(MAX_GRID_SIZE),
  neuron: z
    .object({ layer: z.number().int().min(0).max(MAX_LAYERS), index: z.number().int().min(0) })
    .nullable(),
  live: z.boolean(),
  meters: z.boolean().optional()
})

const requestId = z.number().int().min(0)

const unitIndex = z.number().int().min(0).max(MAX_LAYER_SIZE)
/** Analysis sizes: the views ask for far less; these bound a hostile or mistaken command. */
const MAX_GRADCHECK_PARAMETERS = 2000
const MAX_LANDSCAPE_RESOLUTION = 101
const MAX_LANDSCAPE_PATH = 500

const analysisRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('gradcheck'),
    maxChecks: z.number().int().min(1).max(MAX_GRADCHECK_PARAMETERS)
  }),
  z.object({
    kind: z.literal('hidden-space'),
    layer: z.number().int().min(0).max(MAX_LAYERS),
    units: z.tuple([unitIndex, unitIndex]).nullable()
  }),
  z.object({
    kind: z.literal('landscape'),
    resolution: z.number().int().min(3).max(MAX_LANDSCAPE_RESOLUTION),
    span: z.number().positive().max(100),
    path: z.array(networkParamsSchema).max(MAX_LANDSCAPE_PATH)
  }),
  z.object({
    kind: z.literal('confusion'),
    set: z.enum(['train', 'test']),
    params: networkParamsSchema.nullable()
  })
])

const gradcheckRowSchema = z.object({
  kind: z.enum(['W', 'b']),
  layer: z.number().int().min(0),
  row: z.number().int().min(0),
  col: z.number().int().min(0),
  value: z.number(),
  numeric: z.number(),
  backprop: z.number(),
  relativeError: z.number()
})

const analysisResultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('gradcheck'),
    epoch: z.number().int().min(0),
    maxRelativeError: z.number(),
    rows: z.array(gradcheckRowSchema)
  }),
  z.object({
    kind: z.literal('hidden-space'),
    epoch: z.number().int().min(0),
    space: z.object({
      points: float64Array,
      labels: typedArray<Int32Array>(Int32Array, 'Int32Array'),
      lines: z.array(float64Array),
      axes: z.enum(['units', 'pca']),
      explained: z.tuple([z.number(), z.number()]).optional()
    })
  }),
  z.object({
    kind: z.literal('landscape'),
    epoch: z.number().int().min(0),
    landscape: z.object({
      resolution: z.number().int().min(1),
      span: z.number(),
      losses: float64Array,
      center: z.number(),
      path: float64Array
    })
  }),
  z.object({
    kind: z.literal('confusion'),
    epoch: z.number().int().min(0),
    set: z.enum(['train', 'test']),
    matrix: z.object({
      classes: z.number().int().min(0),
      counts: z.array(z.array(z.number().int().min(0))),
      total: z.number().int().min(0),
      correct: z.number().int().min(0)
    })
  })
])

// set-parameter (the diagram's weight editor): the indices are checked against the run's network
// by the trainer, which knows it.
const parameterIndex = z.number().int().min(0)
const setParameterSchema = z.object({
  type: z.literal('set-parameter'),
  layer: parameterIndex,
  neuron: parameterIndex,
  from: parameterIndex.optional(),
  value: z.number().min(-MAX_EDITED_PARAMETER).max(MAX_EDITED_PARAMETER)
})
// ---- sweeps (issue 15; trainerMessages.ts SweepCommand, SweepEvent) ----
const sweepId = z.number().int().min(0)
const sweepCommandSchemas = [
  z.object({
    type: z.literal('sweep'),
    requestId,
    sweepId,
    cells: z.array(runConfigSchema).min(1).max(MAX_SWEEP_RUNS),
    data: datasetSchema.optional()
  }),
  z.object({ type: z.literal('sweep-cancel'), sweepId })
] as const
const sweepRowSchema = z.object({
  finalLoss: z.number(),
  finalAccuracy: z.number(),
  finalTestLoss: z.number().nullable(),
  finalTestAccuracy: z.number().nullable(),
  epochs: z.number().int().min(0),
  parameterCount: z.number().int().min(0),
  stoppedAt: z.number().int().min(0).nullable(),
  bestEpoch: z.number().int().min(0).nullable()
})
const sweepEventSchemas = [
  z.object({
    type: z.literal('sweep-cell'),
    sweepId,
    index: z.number().int().min(0).max(MAX_SWEEP_RUNS),
    row: sweepRowSchema,
    snapshot: runSnapshotSchema
  }),
  z.object({
    type: z.literal('sweep-done'),
    requestId,
    sweepId,
    cancelled: z.boolean(),
    threads: z.number().int().min(0)
  })
] as const

export const trainerCommandSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('configure'),
    requestId,
    config: runConfigSchema,
    data: datasetSchema.optional()
  }),
  z.object({ type: z.literal('restore'), requestId, snapshot: runSnapshotSchema }),
  z.object({ type: z.literal('update-training'), training: trainConfigSchema }),
  z.object({ type: z.literal('start') }),
  z.object({ type: z.literal('pause') }),
  z.object({ type: z.literal('step') }),
  z.object({ type: z.literal('set-view'), view: viewOptionsSchema }),
  z.object({
    type: z.literal('set-pace'),
    epochsPerSecond: z.number().min(MIN_EPOCHS_PER_SECOND).max(MAX_EPOCHS_PER_SECOND).nullable()
  }),
  z.object({ type: z.literal('get-snapshot'), requestId, withTimeline: z.boolean().optional() }),
  z.object({ type: z.literal('trace'), requestId }),
  z
    .object({
      type: z.literal('predict'),
      requestId,
      x: finiteFloat64Array,
      count: count(MAX_CSV_POINTS)
    })
    .refine((command) => command.x.length === command.count * 2, 'x must hold 2 numbers per point'),
  z.object({ type: z.literal('analyze'), requestId, analysis: analysisRequestSchema }),
  z.object({ type: z.literal('view-epoch'), requestId, epoch: z.number().int().min(0) }),
  z.object({ type: z.literal('fork'), requestId, epoch: z.number().int().min(0) }),
  setParameterSchema,
  ...sweepCommandSchemas
])

const boundaryGridSchema = z.object({
  width: z.number().int().min(1),
  height: z.number().int().min(1),
  classes: z.number().int().min(1),
  bounds: gridBoundsSchema,
  values: float32Array
})

const layerInspectionSchema = z.object({
  layer: z.number().int().min(0),
  weightNorm: z.number(),
  weightGradNorm: z.number(),
  biasGradNorm: z.number(),
  meanActivation: float64Array
})

const perLayer = z.array(z.number()).max(MAX_LAYERS)

const epochMeterRecordSchema = z.object({
  epoch: z.number().int().min(0),
  weightGradNorm: perLayer,
  biasGradNorm: perLayer,
  updateRatio: perLayer,
  outputErrorRms: z.number(),
  dead: z.array(z.array(z.number().int().min(0))).max(MAX_LAYERS),
  saturated: z.array(z.array(z.number().int().min(0))).max(MAX_LAYERS)
})

const currentStatsSchema = z.object({
  epoch: z.number().int().min(0),
  loss: z.number(),
  accuracy: z.number()
})

const neuronGridSchema = boundaryGridSchema.extend({
  layer: z.number().int().min(0),
  index: z.number().int().min(0)
})

const epochViewSchema = z.object({
  epoch: z.number().int().min(0),
  live: z.boolean(),
  grid: boundaryGridSchema,
  neuronGrid: neuronGridSchema.optional(),
  params: networkParamsSchema,
  layers: z.array(layerInspectionSchema),
  current: currentStatsSchema
})

const runSummarySchema = z.object({
  config: runConfigSchema,
  train: datasetSchema,
  test: datasetSchema,
  bounds: gridBoundsSchema,
  parameterCount: z.number().int().min(0),
  epoch: z.number().int().min(0),
  history: z.array(epochStatsSchema),
  params: networkParamsSchema
})

const layerTraceSchema = z.object({
  inputs: z.number().int().min(1),
  units: z.number().int().min(1),
  activation: z.enum([...ACTIVATIONS, 'softmax']),
  W: float64Array,
  b: float64Array,
  z: float64Array,
  a: float64Array,
  delta: float64Array,
  dW: float64Array,
  db: float64Array,
  Wafter: float64Array,
  bAfter: float64Array,
  gW: float64Array,
  memory: z.object({
    mW: float64Array,
    vW: float64Array,
    mb: float64Array,
    vb: float64Array,
    mWafter: float64Array,
    vWafter: float64Array,
    mbAfter: float64Array,
    vbAfter: float64Array
  })
})

const epochTraceSchema = z.object({
  epoch: z.number().int().min(1),
  lossBefore: z.number(),
  batchIndex: z.number().int().min(0),
  batches: z.number().int().min(1),
  m: z.number().int().min(1),
  rows: typedArray<Int32Array>(Int32Array, 'Int32Array'),
  x: float64Array,
  labels: typedArray<Int32Array>(Int32Array, 'Int32Array'),
  training: trainConfigSchema,
  learningRate: z.number().min(0),
  optimizerStep: z.number().int().min(1),
  layers: z.array(layerTraceSchema).max(MAX_LAYERS)
})

/** A history as flat arrays (protocol/packedHistory.ts). */
const packedHistorySchema = z.object({
  values: float64Array,
  has: typedArray<Uint8Array>(Uint8Array, 'Uint8Array')
})

/** Events are produced by our own trainer; hosts may still check them (tests, the web harness). */
export const trainerEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('configured'), requestId, summary: runSummarySchema }),
  z.object({
    type: z.literal('progress'),
    epoch: z.number().int().min(0),
    running: z.boolean(),
    points: z.array(epochStatsSchema),
    packedPoints: packedHistorySchema.optional(),
    samplesPerSecond: z.number().min(0),
    grid: boundaryGridSchema.optional(),
    neuronGrid: boundaryGridSchema
      .extend({ layer: z.number().int().min(0), index: z.number().int().min(0) })
      .optional(),
    params: networkParamsSchema.optional(),
    layers: z.array(layerInspectionSchema).optional(),
    memory: z
      .object({
        bytes: z.number().min(0),
        source: z.enum(['process', 'estimate']),
        runBytes: z.number().min(0),
        heapBytes: z.number().min(0).optional()
      })
      .optional(),
    meters: z.array(epochMeterRecordSchema).optional(),
    current: z
      .object({ epoch: z.number().int().min(0), loss: z.number(), accuracy: z.number() })
      .optional(),
    timeline: z
      .object({
        epochs: z.array(z.number().int().min(0)),
        bytes: z.number().min(0),
        budgetBytes: z.number().min(0)
      })
      .optional(),
    shownEpoch: z.number().int().min(0).optional()
  }),
  z.object({
    type: z.literal('paused'),
    reason: z.enum(['user', 'limit', 'diverged', 'step', 'early-stop']),
    epoch: z.number().int().min(0),
    message: z.string().optional(),
    finalAccuracy: z.number().optional(),
    finalLoss: z.number().optional(),
    bestEpoch: z.number().int().min(0).optional()
  }),
  z.object({
    type: z.literal('snapshot'),
    requestId,
    snapshot: runSnapshotSchema,
    packedHistory: packedHistorySchema.optional()
  }),
  z.object({
    type: z.literal('predictions'),
    requestId,
    probabilities: float64Array,
    classes: z.number().int().min(1)
  }),
  z.object({ type: z.literal('trace'), requestId, trace: epochTraceSchema }),
  z.object({ type: z.literal('error'), requestId: requestId.optional(), message: z.string() }),
  z.object({ type: z.literal('analysis'), requestId, result: analysisResultSchema }),
  z.object({ type: z.literal('epoch-view'), requestId, view: epochViewSchema }),
  ...sweepEventSchemas
])

export type ParseResult<T> = { ok: true; value: T } | { ok: false; message: string }

/** Turns zod's issues into one short sentence naming the first problem and where it is. */
export function describeIssues(error: z.ZodError): string {
  const issue = error.issues[0]
  if (!issue) return 'The message is not valid.'
  const field = issue.path.join('.')
  // A value past a limit names the limit in words: "config.network.layerSizes.1 must be at most
  // 1024." (zod's own text reads "Too big: expected number to be <=1024").
  if ((issue.code === 'too_big' || issue.code === 'too_small') && field !== '') {
    const big = issue.code === 'too_big'
    const bound = String(big ? issue.maximum : issue.minimum)
    const strict = issue.inclusive === false
    if (issue.origin === 'number' || issue.origin === 'int') {
      const relation = big ? (strict ? 'less than' : 'at most') : strict ? 'above' : 'at least'
      return `${field} must be ${relation} ${bound}.`
    }
    if (issue.origin === 'array') {
      return `${field} must have ${big ? 'at most' : 'at least'} ${bound} entries.`
    }
  }
  const where = field !== '' ? ` at ${field}` : ''
  return `${issue.message}${where}.`
}

export function parseTrainerCommand(raw: unknown): ParseResult<TrainerCommand> {
  const result = trainerCommandSchema.safeParse(raw)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, message: `The trainer refused a command: ${describeIssues(result.error)}` }
}

export function parseTrainerEvent(raw: unknown): ParseResult<TrainerEvent> {
  const result = trainerEventSchema.safeParse(raw)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, message: `Unexpected trainer message: ${describeIssues(result.error)}` }
}

/** The requestId of a raw message, if it has a usable one (to address an error reply). */
export function rawRequestId(raw: unknown): number | undefined {
  if (raw === null || typeof raw !== 'object') return undefined
  const id = (raw as { requestId?: unknown }).requestId
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : undefined
}

/** The engine's types are the source (the engine imports nothing, zod included); each schema
 *  must accept exactly its type. The compiler checks both directions, so a field added to one and
 *  not the other fails `npm run typecheck` instead of being cast away. */
export type Agree<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false
export const SCHEMAS_AGREE: {
  command: Agree<z.output<typeof trainerCommandSchema>, TrainerCommand>
  event: Agree<z.output<typeof trainerEventSchema>, TrainerEvent>
  runConfig: Agree<z.output<typeof runConfigSchema>, RunConfig>
  snapshot: Agree<z.output<typeof runSnapshotSchema>, RunSnapshot>
} = { command: true, event: true, runConfig: true, snapshot: true }
