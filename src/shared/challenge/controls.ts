// The lab's controls a challenge can lock or hide. Each one names the part of the run's settings it
// governs, so the lab knows which fields to lock and `nn-lab check` can tell a session that changed
// a locked setting (whatever the file claims, the settings are what the weights were built with).
import type { RunConfig } from '../engine/types'

export const CHALLENGE_CONTROLS = {
  dataset: {
    label: 'Data set',
    doc: 'the kind of data, its points, noise, classes and test split',
    value: (c: RunConfig) => {
      const { seed: _seed, ...data } = c.dataset
      return data
    }
  },
  seed: { label: 'Seed', doc: 'the random seed', value: (c: RunConfig) => c.dataset.seed },
  architecture: {
    label: 'Layers and neurons',
    doc: 'the hidden layers and their sizes',
    value: (c: RunConfig) => c.network.layerSizes
  },
  activations: {
    label: 'Activations',
    doc: 'the hidden layers’ activation functions',
    value: (c: RunConfig) => c.network.activations
  },
  init: {
    label: 'Weight init',
    doc: 'how the weights start',
    value: (c: RunConfig) => c.network.init
  },
  optimizer: {
    label: 'Optimizer',
    doc: 'the optimizer and its momentum and β settings',
    value: (c: RunConfig) => {
      const { learningRate: _lr, ...optimizer } = c.training.optimizer
      return optimizer
    }
  },
  learningRate: {
    label: 'Learning rate',
    doc: 'the learning rate',
    value: (c: RunConfig) => c.training.optimizer.learningRate
  },
  batchSize: {
    label: 'Batch size',
    doc: 'full batch or the mini-batch size',
    value: (c: RunConfig) => c.training.batchSize
  },
  regularization: {
    label: 'Regularization',
    doc: 'the L1 and L2 penalties',
    value: (c: RunConfig) => [c.training.l1, c.training.l2]
  },
  epochLimit: {
    label: 'Epoch limit',
    doc: 'when training stops',
    value: (c: RunConfig) => c.training.epochLimit
  }
} satisfies Record<string, { label: string; doc: string; value: (c: RunConfig) => unknown }>

export type ChallengeControl = keyof typeof CHALLENGE_CONTROLS

export const CHALLENGE_CONTROL_NAMES = Object.keys(CHALLENGE_CONTROLS) as ChallengeControl[]

/** JSON with object keys sorted: settings compare by content whatever their key order. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    return Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1)))
  })
}

/** Whether two configurations agree on what one control governs. */
export function controlAgrees(control: ChallengeControl, a: RunConfig, b: RunConfig): boolean {
  const value = CHALLENGE_CONTROLS[control].value
  return canonicalJson(value(a)) === canonicalJson(value(b))
}

/** The words a locked control shows in its title. */
export const LOCKED_TITLE = 'Locked by the challenge'
