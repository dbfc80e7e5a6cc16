// @vitest-environment happy-dom
// v-challenge-lock: while a challenge fixes a control its inputs are disabled and titled
// "Locked by the challenge: …", hidden ones are not shown, fields mounted later are locked too,
// and leaving the challenge gives the panel back its own state and titles.
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick, ref } from 'vue'
import { SHIPPED_CHALLENGES, type Challenge } from '@shared/challenge'
import TrainingPanel from '../components/TrainingPanel.vue'
import { useChallengeStore } from '../stores/challenge'
import { useTrainingStore } from '../stores/training'
import { createTrainerClient } from './trainerClient'
import { useChallengeLock } from './useChallengeLock'

const challenge: Challenge = {
  ...SHIPPED_CHALLENGES[1],
  locked: ['learningRate', 'optimizer'],
  hidden: ['batchSize']
}

describe('v-challenge-lock', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    useTrainingStore().attach(
      createTrainerClient({
        connected: ref(true),
        send: () => true,
        onEvent: () => () => {},
        onPort: () => () => {},
        dispose: () => {}
      })
    )
  })

  it('locks, hides, follows new fields and unlocks', async () => {
    const wrapper = mount(TrainingPanel)
    const lr = () => wrapper.get<HTMLInputElement>('[data-testid="lr-input"]').element
    const batch = () => wrapper.get('[data-testid="batch-select"]').element.parentElement!
    const ownTitle = lr().title
    expect(ownTitle).toMatch(/^How big a step/)
    expect(lr().disabled).toBe(false)

    const store = useChallengeStore()
    store.active = challenge
    await nextTick()
    await nextTick()
    expect(lr().disabled).toBe(true)
    expect(lr().title).toMatch(/^Locked by the challenge: learning rate/)
    expect(lr().parentElement!.classList.contains('challenge-locked')).toBe(true)
    expect(batch().style.display).toBe('none')
    expect(
      wrapper.get<HTMLInputElement>('[data-testid="epoch-limit-input"]').element.disabled
    ).toBe(false)
    const lock = useChallengeLock()
    expect(lock.locked('optimizer')).toBe(true)
    expect(lock.hidden('batchSize')).toBe(true)
    expect(lock.locked('seed')).toBe(false)

    // Adam's fields appear after the lock was set: they are locked as they mount.
    useTrainingStore().config.optimizer.kind = 'adam'
    await nextTick()
    await nextTick()
    const beta1 = wrapper.get<HTMLInputElement>('[data-testid="beta1-input"]').element
    expect(beta1.disabled).toBe(true)
    expect(beta1.title).toMatch(/^Locked by the challenge/)

    store.active = null
    await nextTick()
    await nextTick()
    expect(lr().disabled).toBe(false)
    expect(lr().title).toBe(ownTitle)
    expect(batch().style.display).toBe('')
  })
})
