// Tests only: how each shipped challenge is solved (settings that obey its locks) and in how
// many epochs (within its budget; fewer keeps the tests fast). challenges.test.ts and the CLI's
// check.test.ts train these with the engine and check that they pass.
import type { RunConfig } from '../engine/types'
import type { Challenge } from './schema'

export const SOLUTIONS: Record<string, (config: RunConfig) => void> = {
  'nnlab-xor-fewest-neurons': (c) => {
    c.network.layerSizes = [2, 4, 1]
    c.network.activations = ['tanh']
  },
  'nnlab-deep-sigmoid': (c) => {
    c.network.activations = c.network.activations.map(() => 'relu')
    c.network.init = 'he'
  },
  'nnlab-spiral-200': (c) => {
    c.network.layerSizes = [2, 10, 10, 1]
    c.network.activations = ['tanh', 'tanh']
    c.network.init = 'xavier'
    c.training.optimizer.kind = 'adam'
    c.training.optimizer.learningRate = 0.01
    c.training.batchSize = 32
  }
}
export const SOLUTION_EPOCHS: Record<string, number> = {
  'nnlab-xor-fewest-neurons': 1000,
  'nnlab-deep-sigmoid': 1000,
  'nnlab-spiral-200': 300
}

/** The challenge's starting settings with its solution applied. */
export function solvedConfig(challenge: Challenge): RunConfig {
  const config = structuredClone(challenge.start)
  SOLUTIONS[challenge.id](config)
  return config
}
