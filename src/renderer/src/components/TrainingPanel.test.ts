// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import type { TrainerCommand } from '@shared/protocol/trainerMessages'
import TrainingPanel from './TrainingPanel.vue'
import { useTrainingStore } from '../stores/training'
import { createTrainerClient } from '../composables/trainerClient'

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
    expect(useTrainingStore().epochLimit).toBe(2000)
  })
})
