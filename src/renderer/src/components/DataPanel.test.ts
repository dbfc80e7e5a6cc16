// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import DataPanel from './DataPanel.vue'
import { useDatasetStore } from '../stores/dataset'
import { useNetworkStore } from '../stores/network'
import { useTrainingStore } from '../stores/training'
import { answerConfirm, confirmState } from './ui/confirm'

describe('DataPanel', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('offers every dataset with the notebook’s circles selected', () => {
    const wrapper = mount(DataPanel)
    const kinds = wrapper.findAll('[role="radio"]').map((b) => b.attributes('data-testid'))
    expect(kinds).toEqual([
      'dataset-circles',
      'dataset-xor',
      'dataset-gauss',
      'dataset-spiral',
      'dataset-moons',
      'dataset-csv'
    ])
    expect(wrapper.get('[data-testid="dataset-circles"]').attributes('aria-checked')).toBe('true')
    expect(wrapper.text()).toContain('400')
    expect(wrapper.text()).toContain('0.15')
    expect(wrapper.find('[data-testid="classes-select"]').exists()).toBe(false)
  })

  it('moves through the datasets with the arrow keys, as a radio group', async () => {
    const wrapper = mount(DataPanel, { attachTo: document.body })
    expect(wrapper.get('[data-testid="dataset-circles"]').attributes('tabindex')).toBe('0')
    expect(wrapper.get('[data-testid="dataset-xor"]').attributes('tabindex')).toBe('-1')
    await wrapper.get('[data-testid="dataset-circles"]').trigger('keydown', { key: 'ArrowRight' })
    await flushPromises()
    expect(useDatasetStore().kind).toBe('xor')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('dataset-xor')
    // Left from the first wraps to the last generated set (the CSV tile needs an import first).
    await wrapper.get('[data-testid="dataset-xor"]').trigger('keydown', { key: 'ArrowLeft' })
    await wrapper.get('[data-testid="dataset-circles"]').trigger('keydown', { key: 'ArrowLeft' })
    await flushPromises()
    expect(useDatasetStore().kind).toBe('moons')
    wrapper.unmount()
  })

  it('switches dataset; a spiral gets a class count and the network a softmax head', async () => {
    const wrapper = mount(DataPanel)
    await wrapper.get('[data-testid="dataset-spiral"]').trigger('click')
    await flushPromises()
    expect(useDatasetStore().kind).toBe('spiral')
    await wrapper.get('[data-testid="classes-select"]').setValue('5')
    await flushPromises()
    expect(useDatasetStore().spec.classes).toBe(5)
    expect(useNetworkStore().spec).toMatchObject({ layerSizes: [2, 16, 8, 5], output: 'softmax' })
  })

  it('commits a slider on release and snaps back when the learner keeps the trained weights', async () => {
    const wrapper = mount(DataPanel)
    const split = wrapper.get('[data-testid="split-input"]')
    await split.setValue('0.3')
    await flushPromises()
    expect(useDatasetStore().testFraction).toBe(0.3)

    useTrainingStore().epoch = 40
    const noise = wrapper.get('[data-testid="noise-input"]')
    ;(noise.element as HTMLInputElement).value = '0.4'
    await noise.trigger('input')
    expect(wrapper.text()).toContain('0.40')
    await noise.trigger('change')
    expect(confirmState.open).toBe(true)
    expect(confirmState.message).toContain('40 epochs')
    answerConfirm(false)
    await flushPromises()
    expect(useDatasetStore().noise).toBe(0.15)
    expect((wrapper.get('[data-testid="noise-input"]').element as HTMLInputElement).value).toBe(
      '0.15'
    )
    expect(wrapper.text()).toContain('0.15')
  })
})
