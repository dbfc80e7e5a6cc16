// The engine's validators hold every run to engine/limits.ts: each limit is accepted and the
// nearest value past it is refused with a sentence naming the range. (src/cli/limits.test.ts
// checks that the trainer, the session format and the CLI agree.)
import { describe, expect, it } from 'vitest'
import { validateDatasetSpec } from './datasets'
import {
  DECAY_BELOW,
  MAX_BATCH_SIZE,
  MAX_CLASSES,
  MAX_EPOCHS,
  MAX_EPSILON,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_PENALTY_RATE,
  MAX_SAMPLES,
  MAX_SEED,
  MIN_SAMPLES
} from './limits'
import { validateNetworkSpec } from './spec'
import { SEED_NOTEBOOK } from './presets'
import { RandomState } from './rng'
import { validateTrainConfig } from './train'
import type { DatasetSpec, NetworkSpec, TrainConfig } from './types'

const dataset = (change: Partial<DatasetSpec>): string | null =>
  validateDatasetSpec({ ...SEED_NOTEBOOK.dataset, ...change })
const training = (change: Partial<TrainConfig>, optimizer = {}): string | null =>
  validateTrainConfig({
    ...SEED_NOTEBOOK.training,
    ...change,
    optimizer: { ...SEED_NOTEBOOK.training.optimizer, ...optimizer }
  })
const network = (hidden: number[]): string | null => {
  const spec: NetworkSpec = {
    ...SEED_NOTEBOOK.network,
    layerSizes: [2, ...hidden, 1],
    activations: hidden.map(() => 'relu')
  }
  return validateNetworkSpec(spec)
}

describe('engine limits', () => {
  const cases: [string, () => string | null, () => string | null, RegExp][] = [
    [
      'fewest samples',
      () => dataset({ samples: MIN_SAMPLES }),
      () => dataset({ samples: MIN_SAMPLES - 1 }),
      /whole number from 4 to 100000/
    ],
    [
      'most samples',
      () => dataset({ samples: MAX_SAMPLES }),
      () => dataset({ samples: MAX_SAMPLES + 1 }),
      /whole number from 4 to 100000/
    ],
    [
      'noise',
      () => dataset({ noise: MAX_NOISE }),
      () => dataset({ noise: MAX_NOISE + 0.01 }),
      /^Noise must be a number from 0 to 5\.$/
    ],
    [
      'spiral arms',
      () => dataset({ kind: 'spiral', classes: MAX_CLASSES }),
      () => dataset({ kind: 'spiral', classes: MAX_CLASSES + 1 }),
      /^A spiral has 2 to 8 arms\.$/
    ],
    [
      'widest layer',
      () => network([MAX_LAYER_SIZE]),
      () => network([MAX_LAYER_SIZE + 1]),
      /the most a layer can have is 1024/
    ],
    [
      'hidden layers',
      () => network(Array<number>(MAX_HIDDEN_LAYERS).fill(2)),
      () => network(Array<number>(MAX_HIDDEN_LAYERS + 1).fill(2)),
      /at most 8 hidden layers/
    ],
    [
      'learning rate',
      () => training({}, { learningRate: MAX_LEARNING_RATE }),
      () => training({}, { learningRate: MAX_LEARNING_RATE + 1 }),
      /^The learning rate must be a number above 0 and at most 100\.$/
    ],
    [
      'epoch limit',
      () => training({ epochLimit: MAX_EPOCHS }),
      () => training({ epochLimit: MAX_EPOCHS + 1 }),
      /^The epoch limit must be a whole number from 1 to 5000000\.$/
    ],
    [
      'batch size',
      () => training({ batchSize: MAX_BATCH_SIZE }),
      () => training({ batchSize: MAX_BATCH_SIZE + 1 }),
      /"full" or a whole number from 1 to 2000000/
    ],
    [
      'L1 rate',
      () => training({ l1: MAX_PENALTY_RATE }),
      () => training({ l1: MAX_PENALTY_RATE + 1 }),
      /^L1 and L2 rates must be numbers from 0 to 1000\.$/
    ],
    [
      'momentum',
      () => training({}, { kind: 'momentum', momentum: 0.999 }),
      () => training({}, { kind: 'momentum', momentum: DECAY_BELOW }),
      /^Momentum must be at least 0 and below 1\.$/
    ],
    [
      "Adam's ε",
      () => training({}, { kind: 'adam', epsilon: MAX_EPSILON }),
      () => training({}, { kind: 'adam', epsilon: MAX_EPSILON * 2 }),
      /^Adam's ε must be above 0 and at most 1\.$/
    ]
  ]
  for (const [name, at, past, message] of cases) {
    it(`${name}: the limit is accepted, one past it is refused with the range`, () => {
      expect(at()).toBeNull()
      expect(past()).toMatch(message)
    })
  }

  it('the seed is NumPy’s: 0 to 2³² − 1', () => {
    expect(() => new RandomState(MAX_SEED)).not.toThrow()
    expect(() => new RandomState(MAX_SEED + 1)).toThrow(/between 0 and 4294967295/)
  })
})
