// The engine's public vocabulary. Pure data: every type here is structured-clone safe
// (plain objects, numbers, strings, typed arrays), so it crosses worker/IPC boundaries as is.

// The names of each concept are the keys of its registry (activations.ts, init.ts,
// optimizers.ts, datasets.ts): one source for the lists, the types and everything shown.
export { ACTIVATIONS, type ActivationName } from './activations'
export { INITS, type InitName } from './init'
export { OPTIMIZERS, type OptimizerName } from './optimizers'
export { GENERATED_DATASETS, type DatasetKind, type GeneratedDatasetKind } from './datasets'
import type { ActivationName } from './activations'
import type { InitName } from './init'
import type { OptimizerName } from './optimizers'
import type { DatasetKind } from './datasets'
import type { TimelineData } from './timeline'
import type { LrSchedule } from './schedules'
import type { FeatureName } from './features'
import type { InputStandardization } from './standardize'

/** Output head: one sigmoid unit + binary cross-entropy (the notebook), k softmax units + CE, or
 *  (the regression problem type) one linear unit + ½·mean((ŷ − y)²), as TF Playground and
 *  scikit-learn's MLPRegressor. For all three the output delta dL/dz is ŷ − y. */
export type OutputKind = 'sigmoid' | 'softmax' | 'linear'

/** How to make (or where we got) the points. One RandomState(seed) drives, in this order:
 *  dataset generation → train/test split (only if testFraction > 0) → weight init → mini-batch shuffles.
 *  That order makes the seed-notebook preset consume NumPy's stream exactly as the notebook does. */
export interface DatasetSpec {
  kind: DatasetKind
  /** Number of points generated (ignored for csv). */
  samples: number
  /** Noise level; for circles it is the notebook's radial std-dev. */
  noise: number
  /** Seed of the run's RandomState. */
  seed: number
  /** Fraction of points held out as a test set, 0 ≤ f < 1. 0 = all points train (notebook). */
  testFraction: number
  /** Number of classes: 2 for every dataset except spiral, where it is the number of arms (2..8). */
  classes: number
  /** Standardise the inputs (z-score): TrainingRun.create fits NetworkSpec.standardize on the
   *  training points (standardize.ts). Absent: off. */
  standardize?: boolean
}

/** A set of labelled 2-D points. */
export interface Dataset {
  /** Row-major count×2 coordinates. */
  x: Float64Array
  /** Class index per row, 0..classes-1. Regression points (with targets): the target's sign
   *  class, 1 where the target is above 0, for the views that only draw classes. */
  labels: Int32Array
  count: number
  /** Number of classes (regression points: 2, the sign classes of `labels`). */
  classes: number
  /** Regression points only: the real-valued target per row (what a linear output predicts). */
  targets?: Float64Array
  /** Imported points only, when the CSV file had a split column: 1 marks a test row, 0 a train
   *  row. splitDataset keeps this split while the test fraction asks for that many test points. */
  split?: Uint8Array
  /** Imported points only: the names of the two input columns (axis titles). */
  inputNames?: [string, string]
  /** Imported points only: each class's name, by class index (legend, softmax outputs). */
  classNames?: string[]
}

export interface NetworkSpec {
  /** Neurons per layer, input first: the notebook's [2, 16, 8, 1]. Input is 2; output is 1 for
   *  sigmoid (binary) or k for softmax. */
  layerSizes: number[]
  /** One activation per hidden layer (length = layerSizes.length - 2). */
  activations: ActivationName[]
  output: OutputKind
  init: InitName
  /** Engineered inputs computed from (x1, x2) before the first layer (features.ts); absent =
   *  the raw x1, x2. layerSizes[0] is their count. */
  features?: FeatureName[]
  /** The z-score of the inputs, applied before the features (standardize.ts); part of the model,
   *  fitted on the training points when DatasetSpec.standardize asks for it. Absent: none. */
  standardize?: InputStandardization
}

/** Weights and biases. weights[i] is layerSizes[i] × layerSizes[i+1], row-major, exactly the
 *  notebook's `self.weights[i]`; biases[i] has layerSizes[i+1] entries. */
export interface NetworkParams {
  weights: Float64Array[]
  biases: Float64Array[]
}

export interface OptimizerConfig {
  kind: OptimizerName
  learningRate: number
  /** Momentum coefficient (momentum optimizer). */
  momentum: number
  /** Adam's β1, β2, ε. */
  beta1: number
  beta2: number
  epsilon: number
}

export interface TrainConfig {
  optimizer: OptimizerConfig
  /** 'full' = the notebook's full-batch gradient descent; a number = mini-batch size. */
  batchSize: 'full' | number
  /** L1 and L2 penalty rates on weights (not biases); 0 = off. */
  l1: number
  l2: number
  /** The epoch limit: training pauses when it is reached (notebook: 2000). */
  epochLimit: number
  /** Early stopping (issue 15): pause when the test loss has not improved for this many epochs
   *  and show the best epoch's weights. Absent: off. Needs held-out points. */
  earlyStopPatience?: number
  /** How the learning rate changes over epochs (schedules.ts); absent = constant. */
  lrSchedule?: LrSchedule
  /** Inverted-dropout rate per hidden layer while training (0 = off); absent = none. Masks are
   *  drawn from the run's RandomState at each step's forward pass (see dropout.ts). */
  dropout?: number[]
}

/** Everything needed to build a run from nothing, deterministically. */
export interface RunConfig {
  dataset: DatasetSpec
  network: NetworkSpec
  training: TrainConfig
}

/** One epoch's record. Loss and accuracy are measured on the forward pass *before* the update,
 *  as the notebook records them (for mini-batches: the size-weighted mean over the epoch's batches).
 *  Regression (a linear output): loss is ½·MSE and `accuracy` holds the model's score R² (as
 *  scikit-learn's score() is accuracy for a classifier and R² for a regressor); for mini-batches
 *  R² = 1 − Σ batch residuals² / the training targets' total sum of squares.
 *  Test figures are measured after the epoch on the held-out points (absent when there are none). */
export interface EpochStats {
  epoch: number
  loss: number
  accuracy: number
  testLoss?: number
  testAccuracy?: number
}

/** The plane area a boundary map covers. */
export interface GridBounds {
  xMin: number
  xMax: number
  yMin: number
  yMax: number
}

/** A map of class probabilities over the plane, in image order: row 0 is the top (yMax),
 *  pixel (r, c) is centred at x = xMin + (c + 0.5)·dx, y = yMax − (r + 0.5)·dy.
 *  Binary models: values[r·width + c] = P(class 1). k classes: values[(r·width + c)·k + j] = P(class j).
 *  Regression models and single neurons: classes 1, values[r·width + c] = the predicted value. */
export interface BoundaryGrid {
  width: number
  height: number
  classes: number
  bounds: GridBounds
  values: Float32Array
}

/** What inspection tools see of one layer after the last step. */
export interface LayerInspection {
  /** Index of the weight matrix (0 = input→first hidden). */
  layer: number
  weightNorm: number
  /** L2 norm of dL/dW and dL/db for the last update. */
  weightGradNorm: number
  biasGradNorm: number
  /** Mean activation of this layer's outputs over the training batch, per neuron. */
  meanActivation: Float64Array
}

/** NumPy RandomState's full state: exactly what `np.random.get_state()` holds. */
export interface RngState {
  key: Uint32Array
  pos: number
  hasGauss: boolean
  gauss: number
}

/** Optimizer memory (empty arrays for plain SGD). */
export interface OptimizerState {
  step: number
  /** Momentum velocity or Adam's first moment, per weight/bias array, same order as params. */
  m: Float64Array[]
  /** Adam's second moment. */
  v: Float64Array[]
}

/** A complete, resumable picture of a run. Restoring it and training N more epochs gives
 *  bit-for-bit what training straight through would have given. */
export interface RunSnapshot {
  config: RunConfig
  train: Dataset
  test: Dataset
  params: NetworkParams
  optimizer: OptimizerState
  rng: RngState
  epoch: number
  history: EpochStats[]
  /** The run's kept checkpoints (the trainer's timeline, issue 15), when the snapshot carries
   *  them: sessions save them; TrainingRun itself neither makes nor reads them. */
  timeline?: TimelineData
}

/** What a run needs to continue bit for bit from one epoch (its data and network stay the run's):
 *  the weights, the optimizer's memory, the RandomState and the training settings in force. */
export interface RunCheckpoint {
  epoch: number
  training: TrainConfig
  params: NetworkParams
  optimizer: OptimizerState
  rng: RngState
}
