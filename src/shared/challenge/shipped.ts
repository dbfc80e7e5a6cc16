// The three challenges NN Lab ships (the Challenges menu). challenges.test.ts trains a solution of
// each with the engine and checks it passes, so each one is known to be solvable.
import { DEFAULT_OPTIMIZER } from '../engine/presets'
import type { RunConfig } from '../engine/types'
import { CHALLENGE_FORMAT, CHALLENGE_VERSION } from './constants'
import type { Challenge } from './schema'

function config(
  dataset: Partial<RunConfig['dataset']>,
  network: Partial<RunConfig['network']>,
  training: Partial<RunConfig['training']> = {}
): RunConfig {
  return {
    dataset: {
      kind: 'circles',
      samples: 400,
      noise: 0.1,
      seed: 1,
      testFraction: 0.25,
      classes: 2,
      ...dataset
    },
    network: {
      layerSizes: [2, 8, 1],
      activations: ['tanh'],
      output: 'sigmoid',
      init: 'xavier',
      ...network
    },
    training: {
      optimizer: { ...DEFAULT_OPTIMIZER },
      batchSize: 'full',
      l1: 0,
      l2: 0,
      epochLimit: 1000,
      ...training
    }
  }
}

const XOR_FEWEST_NEURONS: Challenge = {
  format: CHALLENGE_FORMAT,
  version: CHALLENGE_VERSION,
  id: 'nnlab-xor-fewest-neurons',
  title: 'Separate XOR with the fewest neurons',
  instructions: `XOR puts class 1 in two opposite quadrants. No straight line separates it, so the
network needs hidden neurons — but how few?

**Goal:** reach **95% test accuracy** with **at most 4 hidden neurons**, within 1000 epochs.

Remove neurons from the hidden layer, train, and watch the decision boundary. The data is locked.`,
  goal: { minTestAccuracy: 0.95, maxHiddenNeurons: 4, maxEpochs: 1000 },
  locked: ['dataset', 'epochLimit'],
  hidden: [],
  start: config(
    { kind: 'xor', samples: 200, noise: 0, seed: 1 },
    { layerSizes: [2, 8, 1], activations: ['tanh'] },
    { optimizer: { ...DEFAULT_OPTIMIZER, kind: 'adam', learningRate: 0.05 } }
  ),
  hints: [
    'Each hidden neuron draws one straight line; XOR’s boundary is made of two lines crossing.',
    'Two lines are not quite enough for a network to bend them into quadrants: try three or four neurons.',
    'If a small network gets stuck, try another seed: with so few neurons the starting weights matter.'
  ]
}

const DEEP_SIGMOID: Challenge = {
  format: CHALLENGE_FORMAT,
  version: CHALLENGE_VERSION,
  id: 'nnlab-deep-sigmoid',
  title: 'Fix a deep sigmoid network that does not learn',
  instructions: `This network has six hidden layers of sigmoid neurons. Train it: the loss stays near
0.693 and the boundary never forms. The gradient fades a little in every sigmoid layer on its way
back (**vanishing gradients**), so the first layers hardly learn.

**Goal:** reach **95% test accuracy** within 1000 epochs — without removing layers (the
architecture is locked).`,
  goal: { minTestAccuracy: 0.95, maxEpochs: 1000 },
  locked: ['dataset', 'architecture', 'epochLimit'],
  hidden: [],
  start: config(
    { kind: 'circles', samples: 400, noise: 0.1, seed: 7 },
    { layerSizes: [2, 8, 8, 8, 8, 8, 8, 1], activations: Array(6).fill('sigmoid'), init: 'xavier' }
  ),
  hints: [
    'The sigmoid’s slope is at most 0.25: six of them in a row shrink the gradient at least 4000 times.',
    'Look at the Activations: which function keeps a slope of 1 where it is active?',
    'ReLU with He initialisation is made for deep networks.'
  ]
}

const SPIRAL_200: Challenge = {
  format: CHALLENGE_FORMAT,
  version: CHALLENGE_VERSION,
  id: 'nnlab-spiral-200',
  title: 'The spiral with at most 200 parameters',
  instructions: `Two interleaved spiral arms. A big network untangles them easily; a small one must
use every parameter well.

**Goal:** reach **95% test accuracy** with **at most 200 parameters** (weights and biases), within
2000 epochs.`,
  goal: { minTestAccuracy: 0.95, maxParameters: 200, maxEpochs: 2000 },
  locked: ['dataset', 'epochLimit'],
  hidden: [],
  start: config(
    { kind: 'spiral', samples: 600, noise: 0.1, seed: 3, testFraction: 0.25, classes: 2 },
    { layerSizes: [2, 32, 32, 1], activations: ['relu', 'relu'], init: 'he' },
    { epochLimit: 2000 }
  ),
  hints: [
    'A network with 2 inputs, hidden layers a and b and one output has 3a + ab + 2b + 1 parameters.',
    'Two hidden layers of about ten neurons fit in 200 parameters.',
    'Plain gradient descent is slow on the spiral: try Adam with mini-batches.'
  ]
}

export const SHIPPED_CHALLENGES: readonly Challenge[] = [
  XOR_FEWEST_NEURONS,
  DEEP_SIGMOID,
  SPIRAL_200
]

export function findShippedChallenge(id: string): Challenge | undefined {
  return SHIPPED_CHALLENGES.find((c) => c.id === id)
}
