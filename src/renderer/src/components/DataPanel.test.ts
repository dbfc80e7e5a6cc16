// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import DataPanel from './DataPanel.vue'
import { useDatasetStore } from '../stores/dataset'
import { useNetworkStore } from '../stores/network'
import { useTrainingStore } from '../stores/training'
import { answerChoice, choiceState } from './ui/choice'
import { MAX_NOISE, MAX_SAMPLES } from '@shared/engine/limits'

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
      'dataset-plane',
      'dataset-gauss-mix',
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
    expect(useDatasetStore().kind).toBe('gauss-mix')
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
    expect(choiceState.open).toBe(true)
    expect(choiceState.request?.message).toContain('40 epochs')
    answerChoice('cancel')
    await flushPromises()
    expect(useDatasetStore().noise).toBe(0.15)
    expect((wrapper.get('[data-testid="noise-input"]').element as HTMLInputElement).value).toBe(
      '0.15'
    )
    expect(wrapper.text()).toContain('0.15')
  })

  it('takes typed samples and noise over the engine’s whole range, past the sliders', async () => {
    const wrapper = mount(DataPanel)
    const typedSamples = wrapper.get('[data-testid="samples-value"]')
    await typedSamples.setValue(String(MAX_SAMPLES))
    await flushPromises()
    expect(useDatasetStore().samples).toBe(MAX_SAMPLES)
    expect(wrapper.get('[data-testid="samples-output"]').text()).toBe('100,000')
    expect(wrapper.find('[data-testid="samples-error"]').exists()).toBe(false)

    await wrapper.get('[data-testid="noise-value"]').setValue(String(MAX_NOISE))
    await flushPromises()
    expect(useDatasetStore().noise).toBe(MAX_NOISE)
    // The sliders keep their comfortable travel and say so.
    const slider = wrapper.get('[data-testid="samples-input"]')
    expect(slider.attributes('max')).toBe('2000')
    expect(slider.attributes('title')).toContain('a comfortable range')
    expect(slider.attributes('title')).toContain('100,000')
  })

  it('refuses a value past the limit next to its field, naming the range', async () => {
    const wrapper = mount(DataPanel)
    const typedSamples = wrapper.get('[data-testid="samples-value"]')
    await typedSamples.setValue(String(MAX_SAMPLES + 1))
    await flushPromises()
    expect(useDatasetStore().samples).toBe(400)
    const error = wrapper.get('[data-testid="samples-error"]')
    expect(error.text()).toBe('Samples must be a whole number from 4 to 100,000, not 100001.')
    expect(error.attributes('role')).toBe('alert')
    const field = wrapper.get('[data-testid="samples-value"]')
    expect((field.element as HTMLInputElement).value).toBe('400')
    expect(field.attributes('aria-invalid')).toBe('true')
    expect(field.attributes('aria-describedby')).toBe(error.attributes('id'))

    await wrapper.get('[data-testid="noise-value"]').setValue('6')
    await flushPromises()
    expect(wrapper.get('[data-testid="noise-error"]').text()).toBe(
      'Noise must be a number from 0 to 5, not 6.'
    )
    await wrapper.get('[data-testid="seed-input"]').setValue('-1')
    expect(wrapper.get('[data-testid="seed-error"]').text()).toBe(
      'The seed must be a whole number from 0 to 4,294,967,295, not -1.'
    )
    // An accepted value clears its field's message.
    await wrapper.get('[data-testid="samples-value"]').setValue('500')
    await flushPromises()
    expect(useDatasetStore().samples).toBe(500)
    expect(wrapper.find('[data-testid="samples-error"]').exists()).toBe(false)
  })

  it('says why the generator controls are off for imported points', async () => {
    useDatasetStore().setImported('four.csv', {
      x: new Float64Array(8),
      labels: Int32Array.from([0, 1, 0, 1]),
      count: 4,
      classes: 2
    })
    const wrapper = mount(DataPanel)
    for (const id of ['samples-input', 'samples-value']) {
      const control = wrapper.get(`[data-testid="${id}"]`)
      expect(control.attributes('disabled')).toBeDefined()
      expect(control.attributes('title')).toMatch(/come from the imported file/)
    }
    expect(wrapper.get('[data-testid="noise-value"]').attributes('title')).toMatch(
      /noise applies to generated data only/
    )
    const regenerate = wrapper.get('[data-testid="regenerate"]')
    expect(regenerate.attributes('disabled')).toBeDefined()
    expect(regenerate.attributes('title')).toMatch(/nothing to regenerate/)
  })
})
