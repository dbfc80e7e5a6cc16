// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import TrainingControls from './TrainingControls.vue'
import TrainingLog from './TrainingLog.vue'
import { useTrainingStore } from '../stores/training'

describe('TrainingControls and TrainingLog', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('disables training until the trainer is ready, then shows the run’s numbers', async () => {
    const training = useTrainingStore()
    const wrapper = mount(TrainingControls)
    expect(wrapper.get('[data-testid="train-toggle"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="stat-loss"]').text()).toBe('—')

    training.phase = 'ready'
    training.epoch = 1234
    training.history = [
      { epoch: 1233, loss: 0.5, accuracy: 0.5 },
      { epoch: 1234, loss: 0.06164, accuracy: 0.9975, testLoss: 0.1, testAccuracy: 0.95 }
    ]
    training.historyVersion++
    await nextTick()
    // Loss and accuracy are the current weights' (after the update), not the log's record.
    expect(wrapper.get('[data-testid="stat-loss"]').text()).toBe('—')
    training.currentStats = { epoch: 1234, loss: 0.06151, accuracy: 1 }
    await nextTick()
    expect(wrapper.get('[data-testid="train-toggle"]').attributes('disabled')).toBeUndefined()
    expect(wrapper.get('[data-testid="epoch-counter"]').text()).toBe('1,234')
    expect(wrapper.get('[data-testid="stat-loss"]').text()).toBe('0.0615')
    expect(wrapper.get('[data-testid="stat-accuracy"]').text()).toBe('100.00%')
    expect(wrapper.get('[data-testid="stat-test-accuracy"]').text()).toBe('95.00%')
    const lossTitle = wrapper.get('[data-testid="stat-loss"]').element.parentElement?.title ?? ''
    expect(lossTitle).toContain('after epoch 1,234’s update (what the boundary map draws)')
    expect(lossTitle).toContain('before its update')

    // A tiny loss late in a long run reads in exponent form, never as 0.0000.
    training.currentStats = { epoch: 1300, loss: 3.2e-6, accuracy: 1 }
    await nextTick()
    expect(wrapper.get('[data-testid="stat-loss"]').text()).toBe('3.2e-6')

    training.epoch = 2000
    await nextTick()
    expect(wrapper.get('[data-testid="train-toggle"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="train-toggle"]').attributes('title')).toContain('epoch limit')
    expect(wrapper.get('[data-testid="train-step"]').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="train-step"]').attributes('title')).toContain('epoch limit')
  })

  it('says why each button is off while the trainer starts or builds the network', async () => {
    const training = useTrainingStore()
    const wrapper = mount(TrainingControls)
    const buttons = ['train-reset', 'train-toggle', 'train-step'].map((id) =>
      wrapper.get(`[data-testid="${id}"]`)
    )
    for (const button of buttons) {
      expect(button.attributes('disabled')).toBeDefined()
      expect(button.attributes('title')).toBe(
        'The trainer is starting; this works once it is ready.'
      )
    }
    training.phase = 'configuring'
    await nextTick()
    for (const button of buttons) {
      expect(button.attributes('title')).toBe(
        'The network is being built; this works once it is ready.'
      )
    }
    training.phase = 'ready'
    await nextTick()
    for (const button of buttons) expect(button.attributes('disabled')).toBeUndefined()
    expect(buttons[0].attributes('title')).toMatch(/^Reset: rebuild the network/)
    expect(buttons[2].attributes('title')).toBe('Train exactly one epoch, then stay paused.')
  })

  it('lists the log lines and highlights the final accuracy', async () => {
    const training = useTrainingStore()
    const wrapper = mount(TrainingLog)
    training.logLines = [
      'Network: 2, 16, 8, 1',
      'Total parameters: 193',
      '',
      '🎯 Final Accuracy: 100.00%'
    ]
    await nextTick()
    const lines = wrapper.findAll('[data-testid="training-log"] > div')
    expect(lines.map((l) => l.text())).toEqual([
      'Network: 2, 16, 8, 1',
      'Total parameters: 193',
      '',
      '🎯 Final Accuracy: 100.00%'
    ])
    // The blank line keeps its height; the 🎯 is drawn as an SVG (no emoji font needed).
    expect(lines[2].find('br').exists()).toBe(true)
    expect(lines[3].classes()).toContain('final')
    expect(lines[3].find('svg[data-testid="target-icon"]').exists()).toBe(true)
    expect(lines[1].find('svg').exists()).toBe(false)
  })
})
