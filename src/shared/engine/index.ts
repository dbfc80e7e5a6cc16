// The engine's public API (see docs/ARCHITECTURE.md). Pure TypeScript, no I/O.
export * from './types'
export { RandomState } from './rng'
export {
  makeCircles,
  generateDataset,
  splitDataset,
  ownTestFraction,
  parseCsvDataset,
  CsvDatasetParser,
  MAX_CSV_POINTS,
  dataBounds,
  boundsOfBoth,
  gridPoints,
  mergeDatasets,
  validateDatasetSpec,
  DatasetError,
  MAX_CLASSES,
  MAX_SAMPLES
} from './datasets'
export {
  ACTIVATION_FUNCTIONS,
  LEAKY_RELU_SLOPE,
  sigmoid,
  type ActivationFunction
} from './activations'
export { BCE_EPSILON } from './losses'
export { initParams, initWeights } from './init'
export { createOptimizerState, applyUpdate, penalty } from './optimizers'
export {
  parameterCount,
  validateNetworkSpec,
  outputSize,
  MAX_LAYER_SIZE,
  MAX_HIDDEN_LAYERS
} from './spec'
export { predict } from './network'
export { TrainingRun, validateTrainConfig, batchMemoryProblem, MAX_BATCH_BYTES } from './train'
export { SEED_NOTEBOOK, SEED_NOTEBOOK_PRINT_EVERY, DEFAULT_OPTIMIZER } from './presets'
export {
  finalAccuracyLines,
  formatEpochLine,
  formatFinalAccuracy,
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
