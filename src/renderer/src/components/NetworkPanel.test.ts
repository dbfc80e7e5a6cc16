// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import NetworkPanel from './NetworkPanel.vue'
import { useNetworkStore } from '../stores/network'
import { useDatasetStore } from '../stores/dataset'
import { useTrainingStore } from '../stores/training'
import { answerChoice, choiceState } from './ui/choice'
import { MAX_HIDDEN_LAYERS, MAX_LAYER_SIZE } from '@shared/engine/limits'
import { ACTIVATIONS_REGISTRY } from '@shared/engine/activations'
import { INITS_REGISTRY } from '@shared/engine/init'
import { ACTIVATIONS, INITS } from '@shared/engine/types'

describe('NetworkPanel', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.useRealTimers()
  })

  it('prints the notebook’s network lines and follows layer edits', async () => {
    const wrapper = mount(NetworkPanel)
    expect(wrapper.get('[data-testid="network-line"]').text()).toBe('Network: 2, 16, 8, 1')
    expect(wrapper.get('[data-testid="param-count"]').text()).toBe('Total parameters: 193')

    await wrapper.get('[data-testid="add-layer"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="param-count"]').text()).toBe('Total parameters: 265')
    expect(wrapper.findAll('[data-testid^="layer-"][data-testid$="-activation"]')).toHaveLength(3)

    await wrapper.get('[data-testid="layer-0-more"]').trigger('click')
    await flushPromises()
    expect(wrapper.get('[data-testid="network-line"]').text()).toBe('Network: 2, 17, 8, 8, 1')

    const neurons = wrapper.get('[data-testid="layer-1-neurons"]')
    ;(neurons.element as HTMLInputElement).value = '128'
    await neurons.trigger('change')
    await flushPromises()
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 17, 128, 8, 1])

    await wrapper.get('[data-testid="layer-2-activation"]').setValue('tanh')
    await flushPromises()
    expect(useNetworkStore().spec.activations).toEqual(['relu', 'relu', 'tanh'])

    await wrapper.get('[data-testid="remove-layer"]').trigger('click')
    await flushPromises()
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 17, 128, 1])
  })

  it('shows a softmax head for a multi-class spiral', async () => {
    useDatasetStore().applySpec({
      kind: 'spiral',
      samples: 300,
      noise: 0.1,
      seed: 1,
      testFraction: 0,
      classes: 4
    })
    const wrapper = mount(NetworkPanel)
    expect(wrapper.text()).toContain('Softmax · CE')
    expect(wrapper.get('[data-testid="network-line"]').text()).toBe('Network: 2, 16, 8, 4')
  })

  it('snaps a declined edit back on a trained network', async () => {
    const training = useTrainingStore()
    training.epoch = 12
    const wrapper = mount(NetworkPanel)
    const neurons = wrapper.get('[data-testid="layer-0-neurons"]')
    ;(neurons.element as HTMLInputElement).value = '40'
    await neurons.trigger('change')
    expect(choiceState.open).toBe(true)
    answerChoice('cancel')
    await flushPromises()
    expect((wrapper.get('[data-testid="layer-0-neurons"]').element as HTMLInputElement).value).toBe(
      '16'
    )
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 16, 8, 1])
  })

  it('refuses 0 neurons next to the layer, naming the range, and takes the engine’s widest', async () => {
    const wrapper = mount(NetworkPanel)
    const neurons = wrapper.get('[data-testid="layer-0-neurons"]')
    await neurons.setValue('0')
    await flushPromises()
    const error = wrapper.get('[data-testid="layer-0-error"]')
    expect(error.text()).toBe('Neurons must be a whole number from 1 to 1,024, not 0.')
    expect(error.attributes('role')).toBe('alert')
    const field = wrapper.get('[data-testid="layer-0-neurons"]')
    expect((field.element as HTMLInputElement).value).toBe('16')
    expect(field.attributes('aria-describedby')).toBe('layer-0-error')
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 16, 8, 1])

    await wrapper.get('[data-testid="layer-0-neurons"]').setValue(String(MAX_LAYER_SIZE))
    await flushPromises()
    expect(useNetworkStore().spec.layerSizes).toEqual([2, MAX_LAYER_SIZE, 8, 1])
    expect(wrapper.find('[data-testid="layer-0-error"]').exists()).toBe(false)
    const more = wrapper.get('[data-testid="layer-0-more"]')
    expect(more.attributes('disabled')).toBeDefined()
    expect(more.attributes('title')).toBe('A layer can have at most 1,024 neurons.')
  })

  it('says why + Layer and − Layer are off at the limits', async () => {
    const network = useNetworkStore()
    const wrapper = mount(NetworkPanel)
    const add = () => wrapper.get('[data-testid="add-layer"]')
    expect(add().attributes('title')).toMatch(/^Add a hidden layer/)
    while (network.canAddLayer) network.addLayer()
    await flushPromises()
    expect(network.hidden).toHaveLength(MAX_HIDDEN_LAYERS)
    expect(add().attributes('disabled')).toBeDefined()
    expect(add().attributes('title')).toBe(
      'This network already has 8 hidden layers, the most a network can have.'
    )
    while (network.canRemoveLayer) network.removeLayer()
    await flushPromises()
    const remove = wrapper.get('[data-testid="remove-layer"]')
    expect(remove.attributes('disabled')).toBeDefined()
    expect(remove.attributes('title')).toMatch(/no hidden layer to remove/)
    expect(add().attributes('disabled')).toBeUndefined()
  })

  it('offers exactly the registries’ activations and inits, with their labels and docs', () => {
    const wrapper = mount(NetworkPanel)
    const activation = wrapper.get('[data-testid="layer-0-activation"]').findAll('option')
    expect(activation.map((o) => o.attributes('value'))).toEqual([...ACTIVATIONS])
    expect(activation.map((o) => o.text())).toEqual(
      ACTIVATIONS.map((name) => ACTIVATIONS_REGISTRY[name].label)
    )
    expect(activation.map((o) => o.attributes('title'))).toEqual(
      ACTIVATIONS.map((name) => ACTIVATIONS_REGISTRY[name].doc)
    )
    const init = wrapper.get('[data-testid="init-select"]').findAll('option')
    expect(init.map((o) => o.attributes('value'))).toEqual([...INITS])
    expect(init.map((o) => o.text())).toEqual(INITS.map((name) => INITS_REGISTRY[name].label))
  })
})
