// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import type { TrainerCommand } from '@shared/protocol/trainerMessages'
import TrainingPanel from './TrainingPanel.vue'
import { useTrainingStore } from '../stores/training'
import { createTrainerClient } from '../composables/trainerClient'
import { MAX_EPOCHS, MAX_LEARNING_RATE } from '@shared/engine/limits'
import { OPTIMIZERS_REGISTRY } from '@shared/engine/optimizers'
import { OPTIMIZERS } from '@shared/engine/types'

describe('TrainingPanel', () => {
  let sent: TrainerCommand[]
  beforeEach(() => {
    setActivePinia(createPinia())
    sent = []
    useTrainingStore().attach(
      createTrainerClient({
        connected: ref(true),
        send: (command) => {
          sent.push(structuredClone(command))
          return true
        },
        onEvent: () => () => {},
        onPort: () => () => {},
        dispose: () => {}
      })
    )
  })

  const lastTraining = () =>
    (
      sent.filter((c) => c.type === 'update-training').at(-1) as Extract<
        TrainerCommand,
        { type: 'update-training' }
      >
    ).training

  it('sends every hyper-parameter change as update-training', async () => {
    const wrapper = mount(TrainingPanel)
    await wrapper.get('[data-testid="lr-input"]').setValue('0.03')
    expect(lastTraining().optimizer.learningRate).toBe(0.03)

    await wrapper.get('[data-testid="optimizer-select"]').setValue('adam')
    expect(lastTraining().optimizer.kind).toBe('adam')
    expect(wrapper.find('[data-testid="beta1-input"]').exists()).toBe(true)
    await wrapper.get('[data-testid="beta2-input"]').setValue('0.99')
    expect(lastTraining().optimizer.beta2).toBe(0.99)

    await wrapper.get('[data-testid="batch-select"]').setValue('32')
    expect(lastTraining().batchSize).toBe(32)
    await wrapper.get('[data-testid="batch-select"]').setValue('full')
    expect(lastTraining().batchSize).toBe('full')

    await wrapper.get('[data-testid="reg-select"]').setValue('l2')
    expect(lastTraining()).toMatchObject({ l1: 0, l2: 0.001 })
    await wrapper.get('[data-testid="reg-rate-input"]').setValue('0.01')
    expect(lastTraining()).toMatchObject({ l1: 0, l2: 0.01 })
    await wrapper.get('[data-testid="reg-select"]').setValue('l1')
    expect(lastTraining()).toMatchObject({ l1: 0.01, l2: 0 })

    await wrapper.get('[data-testid="epoch-limit-input"]').setValue('500')
    expect(lastTraining().epochLimit).toBe(500)
    expect(sent.some((c) => c.type === 'configure')).toBe(false)
  })

  it('snaps an invalid value back and sends nothing', async () => {
    const wrapper = mount(TrainingPanel)
    const before = sent.length
    await wrapper.get('[data-testid="lr-input"]').setValue('-1')
    await wrapper.get('[data-testid="epoch-limit-input"]').setValue('abc')
    expect(sent.length).toBe(before)
    expect((wrapper.get('[data-testid="lr-input"]').element as HTMLInputElement).value).toBe('0.1')
    expect(useTrainingStore().config.epochLimit).toBe(2000)
  })

  it('refuses a learning rate of 0 and epochs past the engine’s limit next to the field', async () => {
    const wrapper = mount(TrainingPanel)
    const before = sent.length
    await wrapper.get('[data-testid="lr-input"]').setValue('0')
    const lrError = wrapper.get('[data-testid="lr-error"]')
    expect(lrError.text()).toBe(
      'The learning rate must be a number above 0 and at most 100, not 0.'
    )
    expect(wrapper.get('[data-testid="lr-input"]').attributes('aria-describedby')).toBe('lr-error')
    await wrapper.get('[data-testid="epoch-limit-input"]').setValue(String(MAX_EPOCHS + 1))
    expect(wrapper.get('[data-testid="epoch-limit-error"]').text()).toBe(
      'The epoch limit must be a whole number from 1 to 5,000,000, not 5000001.'
    )
    await wrapper.get('[data-testid="epoch-limit-input"]').setValue('0')
    expect(wrapper.get('[data-testid="epoch-limit-error"]').text()).toMatch(/not 0\.$/)
    expect(sent.length).toBe(before)

    // At the limits themselves the values are taken, and the messages go.
    await wrapper.get('[data-testid="lr-input"]').setValue(String(MAX_LEARNING_RATE))
    expect(lastTraining().optimizer.learningRate).toBe(MAX_LEARNING_RATE)
    await wrapper.get('[data-testid="epoch-limit-input"]').setValue(String(MAX_EPOCHS))
    expect(lastTraining().epochLimit).toBe(MAX_EPOCHS)
    expect(wrapper.find('[data-testid="lr-error"]').exists()).toBe(false)
    expect(wrapper.find('[data-testid="epoch-limit-error"]').exists()).toBe(false)
  })

  it('offers exactly the registry’s optimizers, with their labels', () => {
    const options = mount(TrainingPanel).get('[data-testid="optimizer-select"]').findAll('option')
    expect(options.map((o) => o.attributes('value'))).toEqual([...OPTIMIZERS])
    expect(options.map((o) => o.text())).toEqual(
      OPTIMIZERS.map((name) => OPTIMIZERS_REGISTRY[name].label)
    )
  })
})
