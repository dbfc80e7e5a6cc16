// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import NetworkPanel from './NetworkPanel.vue'
import { useNetworkStore } from '../stores/network'
import { useDatasetStore } from '../stores/dataset'
import { useTrainingStore } from '../stores/training'
import { answerConfirm, confirmState } from './ui/confirm'

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
    expect(confirmState.open).toBe(true)
    answerConfirm(false)
    await flushPromises()
    expect((wrapper.get('[data-testid="layer-0-neurons"]').element as HTMLInputElement).value).toBe(
      '16'
    )
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 16, 8, 1])
  })
})
