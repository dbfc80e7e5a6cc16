// RunSnapshot → the version-1 `run` object (see schema.ts for why floats travel as base64).
import type { Dataset, EpochStats, RunSnapshot } from '../engine/types'
import { float64ToBase64, int32ToBase64 } from './binaryArrays'
import type { WireDataset, WireRun } from './schema'

function encodeDataset(data: Dataset): WireDataset {
  return {
    count: data.count,
    classes: data.classes,
    x: float64ToBase64(data.x.subarray(0, data.count * 2)),
    labels: int32ToBase64(data.labels.subarray(0, data.count)),
    ...(data.inputNames ? { inputNames: data.inputNames } : {}),
    ...(data.classNames ? { classNames: data.classNames } : {}),
    ...(data.targets ? { targets: float64ToBase64(data.targets.subarray(0, data.count)) } : {})
  }
}

function column(history: EpochStats[], pick: (e: EpochStats) => number): string {
  const values = new Float64Array(history.length)
  for (let i = 0; i < history.length; i++) values[i] = pick(history[i])
  return float64ToBase64(values)
}

export function encodeHistory(history: EpochStats[]): WireRun['history'] {
  const epochs = new Int32Array(history.length)
  for (let i = 0; i < history.length; i++) epochs[i] = history[i].epoch
  // The engine measures test figures every epoch or never (they exist only with held-out
  // points), so the test columns are all-or-nothing.
  const hasTest =
    history.length > 0 &&
    history.every((e) => e.testLoss !== undefined && e.testAccuracy !== undefined)
  return {
    count: history.length,
    epoch: int32ToBase64(epochs),
    loss: column(history, (e) => e.loss),
    accuracy: column(history, (e) => e.accuracy),
    testLoss: hasTest ? column(history, (e) => e.testLoss as number) : null,
    testAccuracy: hasTest ? column(history, (e) => e.testAccuracy as number) : null
  }
}

export function encodeRun(snapshot: RunSnapshot): WireRun {
  const { config } = snapshot
  return {
    // A plain copy with a fixed key order, so files diff cleanly.
    config: {
      dataset: {
        kind: config.dataset.kind,
        samples: config.dataset.samples,
        noise: config.dataset.noise,
        seed: config.dataset.seed,
        testFraction: config.dataset.testFraction,
        classes: config.dataset.classes,
        ...(config.dataset.standardize ? { standardize: true } : {})
      },
      network: {
        layerSizes: [...config.network.layerSizes],
        activations: [...config.network.activations],
        output: config.network.output,
        init: config.network.init,
        // Optional settings are written only when set, so older runs' files stay as they were.
        ...(config.network.features ? { features: [...config.network.features] } : {}),
        ...(config.network.standardize
          ? {
              standardize: {
                mean: [...config.network.standardize.mean],
                scale: [...config.network.standardize.scale]
              }
            }
          : {})
      },
      training: {
        optimizer: {
          kind: config.training.optimizer.kind,
          learningRate: config.training.optimizer.learningRate,
          momentum: config.training.optimizer.momentum,
          beta1: config.training.optimizer.beta1,
          beta2: config.training.optimizer.beta2,
          epsilon: config.training.optimizer.epsilon
        },
        batchSize: config.training.batchSize,
        l1: config.training.l1,
        l2: config.training.l2,
        epochLimit: config.training.epochLimit,
        ...(config.training.earlyStopPatience === undefined
          ? {}
          : { earlyStopPatience: config.training.earlyStopPatience }),
        ...(config.training.lrSchedule ? { lrSchedule: { ...config.training.lrSchedule } } : {}),
        ...(config.training.dropout ? { dropout: [...config.training.dropout] } : {})
      }
    },
    epoch: snapshot.epoch,
    train: encodeDataset(snapshot.train),
    test: encodeDataset(snapshot.test),
    params: {
      weights: snapshot.params.weights.map(float64ToBase64),
      biases: snapshot.params.biases.map(float64ToBase64)
    },
    optimizer: {
      step: snapshot.optimizer.step,
      m: snapshot.optimizer.m.map(float64ToBase64),
      v: snapshot.optimizer.v.map(float64ToBase64)
    },
    rng: {
      key: Array.from(snapshot.rng.key),
      pos: snapshot.rng.pos,
      hasGauss: snapshot.rng.hasGauss,
      gauss: snapshot.rng.gauss
    },
    history: encodeHistory(snapshot.history)
  }
}
