// The engine's public API (see docs/ARCHITECTURE.md). Pure TypeScript, no I/O.
export * from './types'
export { RandomState } from './rng'
export {
  makeCircles,
  generateDataset,
  splitDataset,
  ownTestFraction,
  dataBounds,
  boundsOfBoth,
  gridPoints,
  mergeDatasets,
  validateDatasetSpec,
  DatasetError,
  DATASETS_REGISTRY,
  CSV_DATASET,
  datasetLabel,
  datasetDoc,
  isRegressionDataset,
  signLabels,
  type GeneratedDatasetEntry
} from './datasets'
export * from './limits'
export {
  ACTIVATIONS_REGISTRY,
  LEAKY_RELU_SLOPE,
  sigmoid,
  type ActivationEntry
} from './activations'
export { BCE_EPSILON, rSquared } from './losses'
export { INITS_REGISTRY, initParams, initWeights, type InitEntry } from './init'
export {
  OPTIMIZERS_REGISTRY,
  createOptimizerState,
  applyUpdate,
  penalty,
  type OptimizerEntry
} from './optimizers'
export {
  parameterCount,
  validateNetworkSpec,
  outputSize,
  isRegression,
  PROBLEM_TYPES,
  type ProblemType
} from './spec'
export { predict } from './network'
export {
  TrainingRun,
  copyDataset,
  copyParams,
  validateTrainConfig,
  batchMemoryProblem
} from './train'
export type { StepArrays, StepObserver } from './train'
export {
  traceNextEpoch,
  traceRow,
  type EpochTrace,
  type LayerTrace,
  type TraceActivation,
  type TraceOptions
} from './trace'
export { MeterRecorder, SATURATION_SLOPE, type EpochMeters } from './meters'
export { SEED_NOTEBOOK, SEED_NOTEBOOK_PRINT_EVERY, DEFAULT_OPTIMIZER } from './presets'
export {
  finalAccuracyLines,
  formatEpochLine,
  formatFinalAccuracy,
  formatFinalRegression,
  formatRegressionLine,
  formatRunEpochLine,
  formatLoss,
  formatNetworkLines,
  pythonFixed,
  pythonPercent,
  pythonThousands
} from './format'
export { gradcheck, objective, backpropGradient, type GradcheckOptions } from './gradcheck'
export { getKernelBackend, setKernelBackend } from './wasmKernels'
export type { KernelBackend } from './layerKernels'
export { kernelHelperCount, setKernelHelperEntry, setKernelThreads } from './kernelThreads'
export {
  RunTimeline,
  keptAt,
  timelineSpacing,
  checkpointBytes,
  TIMELINE_BUDGET_BYTES,
  TIMELINE_DENSE_EPOCHS,
  MAX_TIMELINE_LEVEL,
  type TimelineData
} from './timeline'
export { EarlyStopping, EARLY_STOP_NEEDS_TEST, validatePatience } from './earlyStopping'
export {
  LR_SCHEDULES_REGISTRY,
  LR_SCHEDULES,
  CONSTANT_SCHEDULE,
  scheduledRate,
  validateSchedule,
  formatSchedule,
  parseSchedule,
  pythonScheduleExpression,
  scheduleSpelling,
  type LrSchedule,
  type LrScheduleName,
  type LrScheduleEntry
} from './schedules'
export {
  FEATURES_REGISTRY,
  FEATURES,
  RAW_FEATURES,
  isRawInput,
  readsRawPoints,
  computeFeatures,
  validateFeatures,
  type FeatureName,
  type FeatureEntry
} from './features'
export {
  fitStandardization,
  standardizeInto,
  validateStandardization,
  STANDARDIZE_DOC,
  type InputStandardization
} from './standardize'
export { hasDropout } from './dropout'
