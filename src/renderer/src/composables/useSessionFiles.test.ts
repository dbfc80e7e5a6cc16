// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import type { LabApi, MenuCommand } from '@shared/protocol/labApi'
import { choiceState } from '../components/ui/choice'
import { useSessionStore } from '../stores/session'
import { useTrainingStore } from '../stores/training'
import { connectTrainer, FakeTrainer, fakeLab, type FakeLab } from '../stores/sessionFakes'
import { useSessionFiles } from './useSessionFiles'

let lab: FakeLab
let trainer: FakeTrainer
let dispose: () => void

function menu(command: MenuCommand): void {
  for (const listener of lab.menuListeners) listener(command)
}

async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms))
  await nextTick()
}

beforeEach(async () => {
  setActivePinia(createPinia())
  lab = fakeLab()
  ;(window as unknown as { lab: LabApi }).lab = lab as unknown as LabApi
  trainer = new FakeTrainer()
  // As main.ts: the training store first, then the session files on the same client.
  await connectTrainer(trainer, (client) => {
    dispose = useSessionFiles(client, { autosaveIntervalMs: 20 })
  })
})

afterEach(() => dispose())

describe('useSessionFiles', () => {
  it('keeps the window title and unsaved mark in step', async () => {
    await nextTick()
    expect(lab.setDocumentState).toHaveBeenLastCalledWith({
      title: 'Untitled — NN Lab',
      dirty: false
    })
    trainer.trainEpochs(2)
    await nextTick()
    expect(lab.setDocumentState).toHaveBeenLastCalledWith({
      title: 'Untitled — NN Lab',
      dirty: true
    })
  })

  it('handles the file and export menu commands and leaves the others alone', async () => {
    trainer.trainEpochs(3)
    // The session codec and the export code load on first use: wait for the call, not a time.
    menu('save-session')
    await vi.waitFor(() => expect(lab.saveSession).toHaveBeenCalledTimes(1))
    menu('export-history-csv')
    await vi.waitFor(() => expect(lab.exportFile).toHaveBeenCalledTimes(1))
    const request = lab.exportFile.mock.calls[0][0] as { suggestedName: string; data: string }
    expect(request.suggestedName).toBe('Untitled-epoch3-history.csv')
    expect(request.data.trim().split('\n')).toHaveLength(4)
    menu('export-numpy')
    await vi.waitFor(() => expect(lab.exportFile).toHaveBeenCalledTimes(2))
    const script = lab.exportFile.mock.calls[1][0] as { suggestedName: string; data: string }
    expect(script.suggestedName).toBe('Untitled-epoch3-model.py')
    expect(script.data).toContain('def predict')
    menu('export-notebook')
    await settle()
    const notebook = lab.exportFile.mock.calls[2][0] as { suggestedName: string; data: string }
    expect(notebook.suggestedName).toMatch(/\.ipynb$/)
    expect(JSON.parse(notebook.data).nbformat).toBe(4)
    menu('export-torch')
    await settle()
    const torch = lab.exportFile.mock.calls[3][0] as { suggestedName: string; data: string }
    expect(torch.suggestedName).toMatch(/\.py$/)
    expect(torch.data).toContain('torch.nn.Sequential')
    menu('import-csv')
    await settle()
    expect(lab.importDataset).toHaveBeenCalledTimes(1)
    menu('train-toggle')
    await settle()
    expect(lab.saveSession).toHaveBeenCalledTimes(1)
  })

  it('marks hyper-parameter changes (which send no event back) as unsaved', async () => {
    const session = useSessionStore()
    const training = useTrainingStore()
    expect(session.dirty).toBe(false)
    training.config.optimizer.learningRate = 0.05
    await nextTick()
    expect(session.dirty).toBe(true)
  })

  it('autosaves while dirty, answers close requests and reports host open failures', async () => {
    const session = useSessionStore()
    for (const listener of lab.closeListeners) listener()
    expect(lab.respondToClose).toHaveBeenLastCalledWith(true)
    trainer.trainEpochs(1)
    await vi.waitFor(() => expect(lab.autosave).toHaveBeenCalled())
    for (const listener of lab.closeListeners) listener()
    expect(choiceState.request?.message).toMatch(/before you close NN Lab\?$/)
    for (const listener of lab.openFileListeners)
      listener({ ok: false, message: 'The file is gone.' })
    expect(session.message).toEqual({
      kind: 'error',
      title: 'Could not open the file',
      text: 'The file is gone.'
    })
  })

  it('stops listening when disposed', () => {
    dispose()
    expect(lab.menuListeners.size).toBe(0)
    expect(lab.closeListeners.size).toBe(0)
    expect(lab.openFileListeners.size).toBe(0)
  })
})
