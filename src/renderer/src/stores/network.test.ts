// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { SEED_NOTEBOOK } from '@shared/engine'
import { MAX_HIDDEN_LAYERS, MAX_LAYER_SIZE } from '@shared/engine/limits'
import type { NetworkSpec } from '@shared/engine/types'
import { outputHead, useNetworkStore, withOutputHead } from './network'
import { useDatasetStore } from './dataset'

describe('network and dataset stores', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('start as the notebook: [2, 16, 8, 1], ReLU, He, sigmoid head, 193 parameters', () => {
    const network = useNetworkStore()
    const dataset = useDatasetStore()
    expect(network.spec).toEqual(SEED_NOTEBOOK.network)
    expect(dataset.spec).toEqual(SEED_NOTEBOOK.dataset)
    expect(network.totalParameters).toBe(193)
    expect(network.summaryLines).toEqual(['Network: 2, 16, 8, 1', 'Total parameters: 193'])
    expect(network.problem).toBeNull()
  })

  it('adds layers like the last one, up to the engine’s limit, and clamps neuron counts', () => {
    const network = useNetworkStore()
    network.setActivation(1, 'tanh')
    network.addLayer()
    expect(network.hidden.at(-1)).toEqual({ size: 8, activation: 'tanh' })
    while (network.canAddLayer) network.addLayer()
    expect(network.hidden).toHaveLength(MAX_HIDDEN_LAYERS)
    network.addLayer()
    expect(network.hidden).toHaveLength(MAX_HIDDEN_LAYERS)
    network.setNeurons(0, 10_000)
    expect(network.hidden[0].size).toBe(MAX_LAYER_SIZE)
    network.setNeurons(0, 0)
    expect(network.hidden[0].size).toBe(1)
    while (network.canRemoveLayer) network.removeLayer()
    expect(network.spec.layerSizes).toEqual([2, 1])
    expect(network.totalParameters).toBe(3)
    network.addLayer()
    expect(network.hidden).toEqual([{ size: 8, activation: 'relu' }])
  })

  it('follows the data: k spiral arms or k CSV classes give a softmax head of k', () => {
    const network = useNetworkStore()
    const dataset = useDatasetStore()
    dataset.kind = 'spiral'
    dataset.spiralArms = 3
    expect(network.spec).toMatchObject({ layerSizes: [2, 16, 8, 3], output: 'softmax' })
    dataset.kind = 'moons'
    expect(network.spec).toMatchObject({ layerSizes: [2, 16, 8, 1], output: 'sigmoid' })
    dataset.setImported('four.csv', {
      x: new Float64Array(8),
      labels: Int32Array.from([0, 1, 2, 3]),
      count: 4,
      classes: 4
    })
    expect(dataset.spec).toMatchObject({ kind: 'csv', samples: 4, classes: 4 })
    expect(network.spec.layerSizes).toEqual([2, 16, 8, 4])
  })

  it('applies a saved spec and draws a different seed on Regenerate', () => {
    const network = useNetworkStore()
    const dataset = useDatasetStore()
    network.applySpec({
      layerSizes: [2, 32, 4, 1],
      activations: ['tanh', 'leaky-relu'],
      output: 'sigmoid',
      init: 'xavier'
    })
    expect(network.hidden).toEqual([
      { size: 32, activation: 'tanh' },
      { size: 4, activation: 'leaky-relu' }
    ])
    expect(network.init).toBe('xavier')
    // A draw equal to the current seed (42) is drawn again: Regenerate always changes the data.
    const values = [0.00042, 0.5]
    dataset.newSeed(() => values.shift() ?? 0.9)
    expect(dataset.seed).toBe(50000)
  })
})

describe('the output head an import sets', () => {
  const base = {
    layerSizes: [2, 16, 8, 1],
    activations: ['relu', 'relu'],
    output: 'sigmoid',
    init: 'he'
  } as const satisfies NetworkSpec
  it('softmax per class beyond two, one sigmoid for two, one linear unit for a target', () => {
    expect(withOutputHead(base, { classes: 3 })).toMatchObject({
      layerSizes: [2, 16, 8, 3],
      output: 'softmax'
    })
    expect(
      withOutputHead({ ...base, layerSizes: [2, 16, 8, 3], output: 'softmax' }, { classes: 2 })
    ).toMatchObject({ layerSizes: [2, 16, 8, 1], output: 'sigmoid' })
    expect(withOutputHead(base, { classes: 2, targets: new Float64Array(1) })).toMatchObject({
      layerSizes: [2, 16, 8, 1],
      output: 'linear'
    })
    expect(outputHead(5, false)).toEqual({ size: 5, output: 'softmax' })
  })
})
