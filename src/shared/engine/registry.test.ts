// The registries are the one source of each concept's names: these tests show the compiler
// refusing an incomplete entry (npm run typecheck runs over this file), and the engine's own
// consumers listing exactly the registry's names.
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { ACTIVATIONS, ACTIVATIONS_REGISTRY, type ActivationEntry } from './activations'
import {
  DATASETS_REGISTRY,
  GENERATED_DATASETS,
  generateDataset,
  type GeneratedDatasetEntry
} from './datasets'
import { INITS, INITS_REGISTRY, initWeights, type InitEntry } from './init'
import { OPTIMIZERS, OPTIMIZERS_REGISTRY, type OptimizerEntry } from './optimizers'
import { RandomState } from './rng'
import { validateNetworkSpec } from './spec'

describe('an incomplete registry entry does not compile', () => {
  it('an activation without df, an init without doc, an optimizer without update, a dataset without generate', () => {
    const softsign = {
      f: (z: number) => z / (1 + Math.abs(z)),
      kernelId: 6,
      numpy: 'lambda z: z / (1 + np.abs(z))',
      label: 'Softsign',
      inlineName: 'softsign',
      shortLabel: 'ssign',
      plotted: false,
      doc: 'softsign(z) = z / (1 + |z|)'
    }
    // @ts-expect-error: an activation entry needs its derivative df
    const activation: ActivationEntry = softsign
    // @ts-expect-error: an init entry needs a doc
    const init: InitEntry = {
      draw: (fanIn, fanOut, rng) => rng.randn(fanIn * fanOut),
      label: 'Normal',
      inlineName: 'normal',
      formula: 'randn'
    }
    // @ts-expect-error: an optimizer entry needs its update
    const optimizer: OptimizerEntry = {
      moments: 0,
      label: 'Frozen',
      inlineName: 'frozen',
      doc: 'never moves'
    }
    // @ts-expect-error: a dataset entry needs its generator
    const dataset: GeneratedDatasetEntry = { choosesClasses: false, label: 'Empty', doc: '' }
    // The objects exist at run time all the same: the refusal is the compiler's.
    expect([activation, init, optimizer, dataset].every((entry) => 'label' in entry)).toBe(true)
  })
})

describe('the name lists are the registries’ keys', () => {
  it('in the registries’ order', () => {
    expect(ACTIVATIONS).toEqual(Object.keys(ACTIVATIONS_REGISTRY))
    expect(INITS).toEqual(Object.keys(INITS_REGISTRY))
    expect(OPTIMIZERS).toEqual(Object.keys(OPTIMIZERS_REGISTRY))
    expect(GENERATED_DATASETS).toEqual(Object.keys(DATASETS_REGISTRY))
  })

  it('the network validator accepts every activation and init, and names an unknown one', () => {
    for (const activation of ACTIVATIONS) {
      for (const init of INITS) {
        const spec = { layerSizes: [2, 3, 1], activations: [activation], output: 'sigmoid', init }
        expect(validateNetworkSpec(spec as Parameters<typeof validateNetworkSpec>[0])).toBeNull()
      }
    }
    const unknown = {
      layerSizes: [2, 3, 1],
      activations: ['no-such-activation'],
      output: 'sigmoid',
      init: 'he'
    }
    expect(
      validateNetworkSpec(unknown as unknown as Parameters<typeof validateNetworkSpec>[0])
    ).toBe('Unknown activation "no-such-activation".')
  })

  it('every dataset generator makes its points, with 2 classes unless the learner chooses', () => {
    for (const kind of GENERATED_DATASETS) {
      const classes = DATASETS_REGISTRY[kind].choosesClasses ? 3 : 2
      const spec = { kind, samples: 60, noise: 0.1, seed: 1, testFraction: 0, classes }
      const data = generateDataset(spec, new RandomState(1))
      expect(data.count).toBe(60)
      expect(data.classes).toBe(classes)
      expect(new Set(data.labels).size).toBe(classes)
    }
  })

  it('every init draws a fanIn×fanOut matrix', () => {
    for (const init of INITS) {
      const w = initWeights(init, 4, 3, new RandomState(0))
      expect(w).toHaveLength(12)
      expect(new Set(w).size).toBe(12)
    }
  })
})

describe('activation kernel ids', () => {
  // kernels.as keeps its own switch (activate4) on ACT_* constants; each registry id must be one
  // of them, and no two activations may share one.
  const source = readFileSync(new URL('./wasm/kernels.as', import.meta.url), 'utf8')
  const constants = new Map(
    [...source.matchAll(/^const (ACT_\w+) = (\d+)$/gm)].map((m) => [Number(m[2]), m[1]])
  )

  it('are distinct ACT_* codes of kernels.as (softmax is the output head’s, not an activation’s)', () => {
    const ids = ACTIVATIONS.map((name) => ACTIVATIONS_REGISTRY[name].kernelId)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ids) {
      expect(constants.get(id)).toBeDefined()
      expect(constants.get(id)).not.toBe('ACT_SOFTMAX')
    }
  })
})

describe('every entry’s words', () => {
  it('are filled in, and short labels fit a narrow column', () => {
    for (const name of ACTIVATIONS) {
      const entry = ACTIVATIONS_REGISTRY[name]
      for (const text of [entry.label, entry.inlineName, entry.numpy, entry.doc]) {
        expect(text.trim()).not.toBe('')
      }
      expect(entry.shortLabel.length).toBeGreaterThan(0)
      expect(entry.shortLabel.length).toBeLessThanOrEqual(5)
    }
    const others = [
      ...Object.values(INITS_REGISTRY),
      ...Object.values(OPTIMIZERS_REGISTRY),
      ...Object.values(DATASETS_REGISTRY)
    ]
    for (const entry of others) {
      expect(entry.label.trim()).not.toBe('')
      expect(entry.doc.trim()).not.toBe('')
    }
  })
})
