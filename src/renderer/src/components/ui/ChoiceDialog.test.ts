// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { LabApi } from '@shared/protocol/labApi'
import { useSessionStore } from '../../stores/session'
import {
  connectTrainer,
  FakeTrainer,
  fakeLab,
  spiedController,
  type FakeLab
} from '../../stores/sessionFakes'
import { askChoice, askConfirm, choiceState } from './choice'
import ChoiceDialog from './ChoiceDialog.vue'

let lab: FakeLab
let trainer: FakeTrainer

beforeEach(() => {
  lab = fakeLab()
  ;(window as unknown as { lab: LabApi }).lab = lab as unknown as LabApi
  trainer = new FakeTrainer()
})

async function setup() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const session = useSessionStore()
  await connectTrainer(trainer, (client) => session.attachTrainer(client, spiedController()))
  const wrapper = mount(ChoiceDialog, { attachTo: document.body })
  return { session, wrapper }
}

describe('ChoiceDialog', () => {
  it('asks the unsaved-changes question: Save / Don’t save / Cancel, acted on', async () => {
    const { session, wrapper } = await setup()
    trainer.trainEpochs(2)
    let proceeded = 0
    const first = session.guardUnsaved('open another session', () => {
      proceeded++
    })
    await nextTick()
    await nextTick()
    const dialog = wrapper.get('[data-testid="unsaved-dialog"]')
    expect(dialog.text()).toContain('Save changes to “Untitled”?')
    expect(dialog.text()).toContain('before you open another session')
    const labels = wrapper.findAll('.dialog-actions button').map((b) => b.text())
    expect(labels).toEqual(['Cancel', 'Don’t save', 'Save…'])
    expect(document.activeElement?.getAttribute('data-testid')).toBe('unsaved-save')
    // A click beside this question does not answer it: every answer matters.
    await wrapper.get('.dialog-backdrop').trigger('click')
    expect(choiceState.open).toBe(true)
    await wrapper.get('[data-testid="unsaved-cancel"]').trigger('click')
    await first
    expect(proceeded).toBe(0)
    expect(wrapper.find('[data-testid="unsaved-dialog"]').exists()).toBe(false)

    const second = session.guardUnsaved('open another session', () => {
      proceeded++
    })
    await nextTick()
    await wrapper.get('[data-testid="unsaved-discard"]').trigger('click')
    await second
    expect(proceeded).toBe(1)
    expect(lab.discardRecovery).toHaveBeenCalled()
    wrapper.unmount()
  })

  it('confirms with the safe answer focused; Escape and the backdrop cancel', async () => {
    const { wrapper } = await setup()
    const escaped = askConfirm({ message: 'Discard the trained weights?', confirmLabel: 'Discard' })
    await nextTick()
    await nextTick()
    expect(wrapper.get('[data-testid="confirm-dialog"]').text()).toContain(
      'Discard the trained weights?'
    )
    expect(wrapper.get('[data-testid="confirm-accept"]').text()).toBe('Discard')
    expect(document.activeElement?.getAttribute('data-testid')).toBe('confirm-cancel')
    await wrapper.get('.dialog-backdrop').trigger('keydown', { key: 'Escape' })
    expect(await escaped).toBe(false)

    const clickedAway = askConfirm({ message: 'Sure?' })
    await nextTick()
    await wrapper.get('.dialog-backdrop').trigger('click')
    expect(await clickedAway).toBe(false)

    const accepted = askConfirm({ message: 'Sure?' })
    await nextTick()
    await wrapper.get('[data-testid="confirm-accept"]').trigger('click')
    expect(await accepted).toBe(true)
    wrapper.unmount()
  })

  it('a newer question replaces an unanswered one, whose caller hears its dismiss answer', async () => {
    const older = askChoice({
      id: 'older',
      title: 'Older',
      message: 'First?',
      options: [
        { answer: 'keep', label: 'Keep' },
        { answer: 'go', label: 'Go' }
      ],
      dismiss: 'keep',
      focus: 'keep'
    })
    const newer = askConfirm({ message: 'Second?' })
    expect(await older).toBe('keep')
    expect(choiceState.request?.message).toBe('Second?')
    const { wrapper } = await setup()
    await nextTick()
    await wrapper.get('[data-testid="confirm-accept"]').trigger('click')
    expect(await newer).toBe(true)
    wrapper.unmount()
  })
})
