// Ready-made runs. "Seed notebook" is the notebook's run exactly (the engine's SEED_NOTEBOOK) and is
// what the lab opens with; the others show something the notebook does not.
import { SEED_NOTEBOOK } from '@shared/engine'
import type { RunConfig } from '@shared/engine/types'

export interface Preset {
  id: string
  name: string
  /** One sentence: what the learner will see. */
  description: string
  config: RunConfig
}

export const SEED_PRESET_ID = 'seed-notebook'

function variant(patch: {
  dataset?: Partial<RunConfig['dataset']>
  network?: Partial<RunConfig['network']>
  training?: Partial<RunConfig['training']>
  optimizer?: Partial<RunConfig['training']['optimizer']>
}): RunConfig {
  const base = structuredClone(SEED_NOTEBOOK)
  return {
    dataset: { ...base.dataset, ...patch.dataset },
    network: { ...base.network, ...patch.network },
    training: {
      ...base.training,
      ...patch.training,
      optimizer: { ...base.training.optimizer, ...patch.optimizer }
    }
  }
}

export const PRESETS: readonly Preset[] = [
  {
    id: SEED_PRESET_ID,
    name: 'Seed notebook',
    description:
      'The notebook’s run, number for number: two circles, a 2-16-8-1 ReLU network, plain gradient descent.',
    config: structuredClone(SEED_NOTEBOOK)
  },
  {
    id: 'logistic-gauss',
    name: 'No hidden layer',
    description:
      'Logistic regression on two blobs: with no hidden layer the boundary is a straight line.',
    config: variant({
      dataset: { kind: 'gauss', samples: 400, testFraction: 0.25 },
      network: { layerSizes: [2, 1], activations: [] },
      training: { epochLimit: 500 }
    })
  },
  {
    id: 'xor-tanh',
    name: 'XOR with tanh',
    description: 'A small tanh network learns XOR, which no single straight line can separate.',
    config: variant({
      dataset: { kind: 'xor', samples: 400, testFraction: 0.25 },
      network: { layerSizes: [2, 8, 1], activations: ['tanh'], init: 'xavier' },
      training: { epochLimit: 1000 },
      optimizer: { kind: 'adam', learningRate: 0.03 }
    })
  },
  {
    id: 'spiral-deep',
    name: 'Deep spiral',
    description: 'Interleaved spirals need a deeper network, Adam and mini-batches to untangle.',
    config: variant({
      dataset: { kind: 'spiral', samples: 600, testFraction: 0.2, classes: 2 },
      network: {
        layerSizes: [2, 32, 32, 16, 1],
        activations: ['tanh', 'tanh', 'tanh'],
        init: 'xavier'
      },
      training: { epochLimit: 3000, batchSize: 32 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    })
  },
  {
    id: 'moons-momentum',
    name: 'Moons with momentum',
    description: 'Half-moons with a held-out test set, trained with momentum.',
    config: variant({
      dataset: { kind: 'moons', samples: 400, testFraction: 0.3 },
      network: { layerSizes: [2, 12, 12, 1], activations: ['relu', 'relu'] },
      training: { epochLimit: 1500 },
      optimizer: { kind: 'momentum', learningRate: 0.05 }
    })
  }
]

export function findPreset(id: string): Preset | undefined {
  return PRESETS.find((preset) => preset.id === id)
}

/** JSON with object keys sorted, so two configs compare by content whatever their key order
 *  (a config read back from a session file lists its keys in the schema's order). */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) return inner
    const sorted: Record<string, unknown> = {}
    for (const key of Object.keys(inner).sort())
      sorted[key] = (inner as Record<string, unknown>)[key]
    return sorted
  })
}

const PRESET_KEYS = new Map(PRESETS.map((preset) => [canonicalJson(preset.config), preset]))

/** The preset whose settings equal `config` exactly (e.g. a demo or an opened session that is
 *  the seed notebook's run), or undefined for the learner's own settings. */
export function presetMatching(config: RunConfig): Preset | undefined {
  return PRESET_KEYS.get(canonicalJson(config))
}
