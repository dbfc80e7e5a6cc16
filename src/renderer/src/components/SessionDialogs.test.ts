// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { createSessionDocument, serializeSession } from '@shared/session'
import type { LabApi } from '@shared/protocol/labApi'
import { useSessionStore } from '../stores/session'
import {
  connectTrainer,
  FakeTrainer,
  fakeLab,
  spiedController,
  type FakeLab
} from '../stores/sessionFakes'
import SessionDialogs from './SessionDialogs.vue'

let lab: FakeLab
let trainer: FakeTrainer

async function setup() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  await connectTrainer(trainer, (client) => session.attachTrainer(client, spiedController()))
  const wrapper = mount(SessionDialogs, { global: { plugins: [pinia] }, attachTo: document.body })
  return { session, wrapper }
}

beforeEach(() => {
  lab = fakeLab()
  ;(window as unknown as { lab: LabApi }).lab = lab as unknown as LabApi
  trainer = new FakeTrainer()
})

describe('SessionDialogs', () => {
  it('shows an error with its sentence until dismissed', async () => {
    const { session, wrapper } = await setup()
    session.showError('Could not open “x.nnlab”', 'The file ends early.')
    await nextTick()
    const message = wrapper.get('[data-testid="session-message"]')
    expect(message.attributes('role')).toBe('alert')
    expect(message.text()).toContain('Could not open “x.nnlab”')
    expect(message.text()).toContain('The file ends early.')
    await wrapper.get('[data-testid="session-message-dismiss"]').trigger('click')
    expect(wrapper.find('[data-testid="session-message"]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('offers a recovered session with its name and epoch; Restore restores it', async () => {
    for (let i = 0; i < 3; i++) trainer.run.trainEpoch()
    lab.setRecovery(
      serializeSession(
        createSessionDocument(trainer.run.snapshot(), { name: 'Lost work', appVersion: '0.1.0' })
      )
    )
    const { session, wrapper } = await setup()
    await session.checkRecovery()
    await nextTick()
    const dialog = wrapper.get('[data-testid="recovery-dialog"]')
    expect(dialog.text()).toContain('“Lost work” at epoch 3')
    await wrapper.get('[data-testid="recovery-restore"]').trigger('click')
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(session.name).toBe('Lost work')
    expect(session.dirty).toBe(true)
    expect(wrapper.find('[data-testid="recovery-dialog"]').exists()).toBe(false)
    wrapper.unmount()
  })
})
