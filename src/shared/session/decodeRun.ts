// From a shape-checked version-1 `run` object to the engine's RunSnapshot, checking everything
// zod cannot see: that each binary array decodes, holds finite numbers, and has exactly the
// length the architecture and point counts demand. A file that passes can be restored and
// trained without surprises.
import { validateDatasetSpec, validateNetworkSpec, validateTrainConfig } from '../engine'
import { MAX_CSV_POINTS } from '../engine/limits'
import type {
  Dataset,
  EpochStats,
  NetworkParams,
  OptimizerState,
  RunConfig,
  RunSnapshot
} from '../engine/types'
import { base64ElementCount, base64ToFloat64, base64ToInt32 } from './binaryArrays'
import { fail } from './errors'
import type { WireDataset, WireRun } from './schema'

function lowerFirst(sentence: string): string {
  return sentence.charAt(0).toLowerCase() + sentence.slice(1)
}

/** Decodes a float64 array that must hold `expected` finite values. */
export function decodeFloats(
  text: string,
  expected: number,
  where: string,
  allowNonFinite = false
): Float64Array {
  const count = base64ElementCount(text, 8)
  if (count === null) {
    fail('corrupt-data', `The session's "${where}" is not valid base64-encoded float64 data.`)
  }
  if (count !== expected) {
    fail(
      'inconsistent',
      `The session's "${where}" holds ${count} numbers, but the run needs ${expected}.`
    )
  }
  const values = base64ToFloat64(text)
  if (values === null) {
    fail('corrupt-data', `The session's "${where}" is not valid base64-encoded float64 data.`)
  }
  if (!allowNonFinite) {
    for (let i = 0; i < values.length; i++) {
      if (!Number.isFinite(values[i])) {
        fail(
          'not-finite',
          `The session's "${where}" contains ${values[i]} at position ${i}; only finite numbers are allowed.`
        )
      }
    }
  }
  return values
}

export function decodeInts(text: string, expected: number, where: string): Int32Array {
  const count = base64ElementCount(text, 4)
  if (count === null) {
    fail('corrupt-data', `The session's "${where}" is not valid base64-encoded int32 data.`)
  }
  if (count !== expected) {
    fail(
      'inconsistent',
      `The session's "${where}" holds ${count} numbers, but the run needs ${expected}.`
    )
  }
  const values = base64ToInt32(text)
  if (values === null) {
    fail('corrupt-data', `The session's "${where}" is not valid base64-encoded int32 data.`)
  }
  return values
}

export function checkConfig(config: RunConfig): void {
  const network = validateNetworkSpec(config.network)
  if (network) fail('inconsistent', `The session's network is not valid: ${lowerFirst(network)}`)
  if (config.dataset.kind !== 'csv') {
    const dataset = validateDatasetSpec(config.dataset)
    if (dataset) {
      fail('inconsistent', `The session's dataset settings are not valid: ${lowerFirst(dataset)}`)
    }
  }
  const training = validateTrainConfig(config.training)
  if (training) {
    fail('inconsistent', `The session's training settings are not valid: ${lowerFirst(training)}`)
  }
  if (config.dataset.standardize && !config.network.standardize) {
    fail(
      'inconsistent',
      "The session's settings ask for standardised inputs, but its network has no standardisation (mean and scale)."
    )
  }
  const rates = config.training.dropout
  const hidden = config.network.layerSizes.length - 2
  if (rates && rates.length !== hidden) {
    fail(
      'inconsistent',
      `The session's dropout lists ${rates.length} rates but its network has ${hidden} hidden layers.`
    )
  }
}

/** The class count of the points must fit the network's head, as TrainingRun checks it. */
function checkClasses(config: RunConfig, classes: number): void {
  if (config.dataset.kind !== 'csv' && classes !== config.dataset.classes) {
    fail(
      'inconsistent',
      `The session's points have ${classes} classes, but its dataset settings say ${config.dataset.classes}.`
    )
  }
  const sizes = config.network.layerSizes
  const outputs = sizes[sizes.length - 1]
  if (config.network.output === 'sigmoid' && classes !== 2) {
    fail(
      'inconsistent',
      `The session's data has ${classes} classes, but its network has a single sigmoid output.`
    )
  }
  if (config.network.output === 'linear' && classes !== 2) {
    fail(
      'inconsistent',
      `The session's regression data has ${classes} classes, but regression points carry 2 (their targets' signs).`
    )
  }
  if (config.network.output === 'softmax' && classes > outputs) {
    fail(
      'inconsistent',
      `The session's data has ${classes} classes, but its softmax output has only ${outputs} neurons.`
    )
  }
}

function decodeDataset(wire: WireDataset, classes: number, where: string): Dataset {
  if (wire.classes !== classes) {
    fail(
      'inconsistent',
      `The session's "${where}.classes" is ${wire.classes}, but the training points have ${classes}.`
    )
  }
  const x = decodeFloats(wire.x, wire.count * 2, `${where}.x`)
  const labels = decodeInts(wire.labels, wire.count, `${where}.labels`)
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0 || labels[i] >= classes) {
      fail(
        'inconsistent',
        `The session's "${where}.labels" has label ${labels[i]} at point ${i}, but the classes are 0 to ${classes - 1}.`
      )
    }
  }
  const data: Dataset = { x, labels, count: wire.count, classes }
  if (wire.targets !== undefined)
    data.targets = decodeFloats(wire.targets, wire.count, `${where}.targets`)
  if (wire.inputNames) data.inputNames = [wire.inputNames[0], wire.inputNames[1]]
  if (wire.classNames) {
    if (wire.classNames.length > classes) {
      fail(
        'inconsistent',
        `The session's "${where}.classNames" names ${wire.classNames.length} classes, but there are ${classes}.`
      )
    }
    data.classNames = [...wire.classNames]
  }
  return data
}

/** Lengths of the parameter arrays in the engine's slot order: weights[0..L−1], biases[0..L−1]. */
export function slotLengths(sizes: number[]): { weights: number[]; biases: number[] } {
  const weights: number[] = []
  const biases: number[] = []
  for (let i = 0; i < sizes.length - 1; i++) {
    weights.push(sizes[i] * sizes[i + 1])
    biases.push(sizes[i + 1])
  }
  return { weights, biases }
}

export function decodeParams(
  wire: WireRun['params'],
  sizes: number[],
  where = 'run.params'
): NetworkParams {
  const lengths = slotLengths(sizes)
  const layers = lengths.weights.length
  if (wire.weights.length !== layers || wire.biases.length !== layers) {
    fail(
      'inconsistent',
      `The session's network has ${layers} weight layers, but the file stores ${wire.weights.length} weight and ${wire.biases.length} bias arrays.`
    )
  }
  return {
    weights: wire.weights.map((t, i) =>
      decodeFloats(t, lengths.weights[i], `${where}.weights[${i}]`)
    ),
    biases: wire.biases.map((t, i) => decodeFloats(t, lengths.biases[i], `${where}.biases[${i}]`))
  }
}

export function decodeOptimizer(
  wire: WireRun['optimizer'],
  config: Pick<RunConfig, 'network' | 'training'>,
  where = 'run.optimizer'
): OptimizerState {
  const lengths = slotLengths(config.network.layerSizes)
  const slots = [...lengths.weights, ...lengths.biases]
  const kind = config.training.optimizer.kind
  // The engine keeps momentum's velocity in m, Adam's moments in m and v, and nothing for SGD.
  const needM = kind !== 'sgd'
  const needV = kind === 'adam'
  const decodeSlots = (list: string[], needed: boolean, name: 'm' | 'v'): Float64Array[] => {
    const expected = needed ? slots.length : 0
    if (list.length !== expected) {
      fail(
        'inconsistent',
        `The session's "${where}.${name}" has ${list.length} arrays, but the ${kind} optimizer needs ${expected}.`
      )
    }
    return list.map((t, i) => decodeFloats(t, slots[i], `${where}.${name}[${i}]`))
  }
  return { step: wire.step, m: decodeSlots(wire.m, needM, 'm'), v: decodeSlots(wire.v, needV, 'v') }
}

export function decodeHistory(
  wire: WireRun['history'],
  epoch: number,
  where = 'run.history'
): EpochStats[] {
  const n = wire.count
  if (n > epoch) {
    fail(
      'inconsistent',
      `The session's history has ${n} entries, but only ${epoch} epochs were trained.`
    )
  }
  if ((wire.testLoss === null) !== (wire.testAccuracy === null)) {
    fail('inconsistent', `The session's history must have both test columns or neither.`)
  }
  const epochs = decodeInts(wire.epoch, n, `${where}.epoch`)
  // Losses may legitimately be NaN or Infinity: a diverged epoch is part of the record.
  const loss = decodeFloats(wire.loss, n, `${where}.loss`, true)
  const accuracy = decodeFloats(wire.accuracy, n, `${where}.accuracy`, true)
  const testLoss =
    wire.testLoss === null ? null : decodeFloats(wire.testLoss, n, `${where}.testLoss`, true)
  const testAccuracy =
    wire.testAccuracy === null
      ? null
      : decodeFloats(wire.testAccuracy, n, `${where}.testAccuracy`, true)
  const history: EpochStats[] = new Array(n)
  for (let i = 0; i < n; i++) {
    if (epochs[i] < 1 || epochs[i] > epoch) {
      fail(
        'inconsistent',
        `The session's history entry ${i} is for epoch ${epochs[i]}, outside 1 to ${epoch}.`
      )
    }
    const entry: EpochStats = { epoch: epochs[i], loss: loss[i], accuracy: accuracy[i] }
    if (testLoss && testAccuracy) {
      entry.testLoss = testLoss[i]
      entry.testAccuracy = testAccuracy[i]
    }
    history[i] = entry
  }
  return history
}

export function decodeRun(run: WireRun): RunSnapshot {
  const config = run.config as RunConfig
  checkConfig(config)
  if (run.train.count + run.test.count > MAX_CSV_POINTS) {
    fail(
      'too-large',
      `The session has ${run.train.count + run.test.count} points; the most a session can hold is ${MAX_CSV_POINTS}.`
    )
  }
  if (run.train.count < 1) fail('inconsistent', `The session has no training points.`)
  const classes = run.train.classes
  checkClasses(config, classes)
  const train = decodeDataset(run.train, classes, 'run.train')
  const test = decodeDataset(run.test, classes, 'run.test')
  const regression = config.network.output === 'linear'
  if (regression !== (train.targets !== undefined) || regression !== (test.targets !== undefined)) {
    fail(
      'inconsistent',
      regression
        ? `The session's network is a regression network, but its points have no targets.`
        : `The session's points have real-valued targets, but its network classifies.`
    )
  }
  const params = decodeParams(run.params, config.network.layerSizes)
  const optimizer = decodeOptimizer(run.optimizer, config)
  const rng = {
    key: Uint32Array.from(run.rng.key),
    pos: run.rng.pos,
    hasGauss: run.rng.hasGauss,
    gauss: run.rng.gauss
  }
  const history = decodeHistory(run.history, run.epoch)
  return { config, train, test, params, optimizer, rng, epoch: run.epoch, history }
}
