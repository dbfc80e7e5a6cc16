// Named starting configurations.
import type { OptimizerConfig, RunConfig } from './types'

/** Defaults for the optimizer knobs that SGD does not use (common textbook values). */
export const DEFAULT_OPTIMIZER: OptimizerConfig = {
  kind: 'sgd',
  learningRate: 0.1,
  momentum: 0.9,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-8
}

/** The notebook's run: np.random.seed(42), make_circles(400, noise=0.15), [2, 16, 8, 1], He init,
 *  ReLU/ReLU/sigmoid, BCE, full-batch gradient descent with lr 0.1 for 2000 epochs. */
export const SEED_NOTEBOOK: RunConfig = {
  dataset: { kind: 'circles', samples: 400, noise: 0.15, seed: 42, testFraction: 0, classes: 2 },
  network: {
    layerSizes: [2, 16, 8, 1],
    activations: ['relu', 'relu'],
    output: 'sigmoid',
    init: 'he'
  },
  training: {
    optimizer: { ...DEFAULT_OPTIMIZER },
    batchSize: 'full',
    l1: 0,
    l2: 0,
    epochLimit: 2000
  }
}

/** How often the notebook prints a line (print_every=200). */
export const SEED_NOTEBOOK_PRINT_EVERY = 200
