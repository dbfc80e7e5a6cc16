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
  dataBounds,
  boundsOfBoth,
  gridPoints,
  mergeDatasets,
  validateDatasetSpec,
  DatasetError
} from './datasets'
export * from './limits'
export {
  ACTIVATION_FUNCTIONS,
  LEAKY_RELU_SLOPE,
  sigmoid,
  type ActivationFunction
} from './activations'
export { BCE_EPSILON } from './losses'
export { initParams, initWeights } from './init'
export { createOptimizerState, applyUpdate, penalty } from './optimizers'
export { parameterCount, validateNetworkSpec, outputSize } from './spec'
export { predict } from './network'
export { TrainingRun, validateTrainConfig, batchMemoryProblem } from './train'
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
