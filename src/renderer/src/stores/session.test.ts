// @vitest-environment happy-dom
import { beforeEach, describe, expect, it, onTestFinished, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { TrainingRun } from '@shared/engine'
import type { RunSnapshot } from '@shared/engine/types'
import { createSessionDocument, parseSession, serializeSession } from '@shared/session'
import type { LabApi } from '@shared/protocol/labApi'
import { readCsv } from '@shared/import'
import type { CsvWorkerReply, CsvWorkerRequest } from '../workers/csvImportMessages'
import { answerChoice, choiceState } from '../components/ui/choice'
import { fileKind, sessionNameFromFile, useSessionStore } from './session'
import { useDatasetStore } from './dataset'
import { useNetworkStore } from './network'
import { useTrainingStore } from './training'
import {
  connectTrainer,
  FakeTrainer,
  fakeLab,
  SMALL,
  spiedController,
  summaryOf,
  type FakeLab
} from './sessionFakes'

function until(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const check = (): void => {
      if (condition()) resolve()
      else if (Date.now() - started > timeoutMs) reject(new Error('condition not met'))
      else setTimeout(check, 2)
    }
    check()
  })
}

let lab: FakeLab
let trainer: FakeTrainer
let controller: ReturnType<typeof spiedController>

/** The app as main.ts wires it, over the fake trainer; resolves once the first run is built. */
async function setup() {
  const session = useSessionStore()
  controller = spiedController()
  await connectTrainer(trainer, (client) => session.attachTrainer(client, controller))
  return session
}

/** A run unlike the open one in data, network and training settings. */
function otherRun(): TrainingRun {
  return TrainingRun.create({
    dataset: { ...SMALL.dataset, kind: 'xor' },
    network: { ...SMALL.network, layerSizes: [2, 4, 1], activations: ['tanh'] },
    training: { ...SMALL.training, optimizer: { ...SMALL.training.optimizer, learningRate: 0.05 } }
  })
}

function sessionText(snapshot: RunSnapshot, name = 'Saved run'): string {
  return serializeSession(createSessionDocument(snapshot, { name, appVersion: '0.1.0' }))
}

beforeEach(() => {
  setActivePinia(createPinia())
  lab = fakeLab()
  ;(window as unknown as { lab: LabApi }).lab = lab as unknown as LabApi
  trainer = new FakeTrainer()
})

describe('file names', () => {
  it('takes the session name from the file name', () => {
    expect(sessionNameFromFile('/a/b/Two circles.nnlab')).toBe('Two circles')
    expect(sessionNameFromFile('C:\\runs\\x.NNLAB')).toBe('x')
    expect(fileKind('data.CSV')).toBe('csv')
    expect(fileKind('run.nnlab')).toBe('session')
    expect(fileKind('plot.png')).toBe('other')
  })
})

describe('dirty tracking', () => {
  it('starts clean and becomes dirty when training advances', async () => {
    const session = await setup()
    expect(session.dirty).toBe(false)
    trainer.emit({ type: 'progress', epoch: 0, running: true, points: [], samplesPerSecond: 0 })
    expect(session.dirty).toBe(false)
    trainer.trainEpochs(3)
    expect(session.dirty).toBe(true)
    // Within PROGRESS_COMMIT_MS of the previous progress, the epochs show a moment later.
    await vi.waitFor(() => expect(useTrainingStore().epoch).toBe(3))
  })

  it('becomes dirty when the learner changes the run, not when the same run is handed back', async () => {
    const session = await setup()
    trainer.emit({ type: 'configured', requestId: 2, summary: summaryOf(trainer.run) })
    expect(session.dirty).toBe(false)
    const changed = TrainingRun.create({
      ...SMALL,
      network: { ...SMALL.network, layerSizes: [2, 4, 1], activations: ['relu'] }
    })
    trainer.emit({ type: 'configured', requestId: 3, summary: summaryOf(changed) })
    expect(session.dirty).toBe(true)
  })

  it('markDirty marks settings changes', async () => {
    const session = await setup()
    session.markDirty()
    expect(session.dirty).toBe(true)
    expect(session.title).toBe('Untitled — NN Lab')
  })
})

describe('save', () => {
  it('asks for a file the first time and writes a session that parses back exactly', async () => {
    const session = await setup()
    trainer.trainEpochs(5)
    expect(await session.save()).toBe(true)
    expect(lab.saveSession).toHaveBeenCalledTimes(1)
    const request = lab.saveSession.mock.calls[0][0]
    expect(request.saveAs).toBe(true)
    expect(request.suggestedName).toBe('Untitled.nnlab')
    const parsed = parseSession(request.text)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.session.appVersion).toBe('9.9.9')
    expect(parsed.session.snapshot.epoch).toBe(5)
    expect(parsed.session.snapshot.params.weights[0]).toEqual(trainer.run.params.weights[0])
    expect(session.dirty).toBe(false)
    expect(session.path).toBe('/home/me/Untitled.nnlab')
    expect(lab.discardRecovery).toHaveBeenCalled()
    expect(session.recent.map((r) => r.path)).toEqual(['/home/me/Untitled.nnlab'])

    // Save again: same path, no dialog.
    trainer.trainEpochs(1)
    expect(await session.save()).toBe(true)
    expect(lab.saveSession.mock.calls[1][0]).toMatchObject({
      path: '/home/me/Untitled.nnlab',
      saveAs: false
    })
  })

  it('saves the note and reads it back on open', async () => {
    const session = await setup()
    session.note = 'ReLU, lr 0.1: ring by epoch 300'
    session.markDirty()
    expect(await session.save()).toBe(true)
    const text = lab.saveSession.mock.calls[0][0].text
    const parsed = parseSession(text)
    expect(parsed.ok && parsed.session.note).toBe('ReLU, lr 0.1: ring by epoch 300')
    session.note = ''
    await session.openSessionFile({ path: '/x/n.nnlab', name: 'n.nnlab', text })
    expect(session.note).toBe('ReLU, lr 0.1: ring by epoch 300')
  })

  it('stays dirty when training moved on while writing', async () => {
    const session = await setup()
    trainer.trainEpochs(2)
    const saving = session.save()
    trainer.trainEpochs(1)
    expect(await saving).toBe(true)
    expect(session.dirty).toBe(true)
  })

  it('keeps the session open and unsaved when the write fails, with the host sentence', async () => {
    const session = await setup()
    trainer.trainEpochs(2)
    lab.saveResult = { ok: false, message: 'There is no space left on the disk.' }
    expect(await session.save()).toBe(false)
    expect(session.dirty).toBe(true)
    expect(session.path).toBeNull()
    expect(session.message).toEqual({
      kind: 'error',
      title: 'Could not save the session',
      text: 'There is no space left on the disk.'
    })
  })

  it('does nothing when the Save dialog is cancelled', async () => {
    const session = await setup()
    trainer.trainEpochs(1)
    lab.saveResult = { ok: true, value: null }
    expect(await session.saveAs()).toBe(false)
    expect(session.dirty).toBe(true)
    expect(session.message).toBeNull()
  })
})

describe('open', () => {
  it('restores a session through the run controller and takes its name and path', async () => {
    const session = await setup()
    const saved = TrainingRun.create(SMALL)
    for (let i = 0; i < 4; i++) saved.trainEpoch()
    lab.openResult = {
      ok: true,
      value: {
        path: '/runs/Four epochs.nnlab',
        name: 'Four epochs.nnlab',
        text: sessionText(saved.snapshot())
      }
    }
    await session.openFromDialog()
    expect(controller.restore).toHaveBeenCalledTimes(1)
    const restored = controller.restore.mock.calls[0][0]
    expect(restored.epoch).toBe(4)
    expect(restored.params.weights[1]).toEqual(saved.params.weights[1])
    expect(session.name).toBe('Four epochs')
    expect(session.path).toBe('/runs/Four epochs.nnlab')
    expect(session.dirty).toBe(false)
    expect(useTrainingStore().epoch).toBe(4)
    expect(session.message).toBeNull()
  })

  it('shows the loader sentence for a corrupt file and leaves the open session alone', async () => {
    const session = await setup()
    trainer.trainEpochs(2)
    session.name = 'Mine'
    const text = sessionText(trainer.run.snapshot()).slice(0, 300)
    const ok = await session.openSessionFile({
      path: '/x/broken.nnlab',
      name: 'broken.nnlab',
      text
    })
    expect(ok).toBe(false)
    expect(controller.restore).not.toHaveBeenCalled()
    expect(session.name).toBe('Mine')
    expect(session.dirty).toBe(true)
    expect(session.message?.kind).toBe('error')
    expect(session.message?.title).toBe('Could not open “broken.nnlab”')
    const parsed = parseSession(text)
    expect(parsed.ok).toBe(false)
    if (!parsed.ok) expect(session.message?.text).toBe(parsed.error.message)
  })

  it('reports a trainer refusal and keeps the name and every setting', async () => {
    const session = await setup()
    const training = useTrainingStore()
    const network = useNetworkStore()
    const dataset = useDatasetStore()
    session.name = 'Mine'
    const before = JSON.stringify(training.runConfig)
    trainer.failNext = 'The saved network is too large for this trainer.'
    const ok = await session.openSessionFile({
      path: '/x/a.nnlab',
      name: 'a.nnlab',
      text: sessionText(otherRun().snapshot())
    })
    expect(ok).toBe(false)
    expect(session.name).toBe('Mine')
    expect(session.message).toEqual({
      kind: 'error',
      title: 'Could not open “a.nnlab”',
      text: 'The saved network is too large for this trainer.'
    })
    // The Network/Data/Training panels read these: still the old run's settings.
    expect(JSON.stringify(training.runConfig)).toBe(before)
    expect(network.spec.layerSizes).toEqual([2, 16, 8, 1])
    expect(dataset.kind).toBe('circles')
    expect(training.config.optimizer.learningRate).toBe(0.1)
    // The message is the session's to show, not also the run notice's.
    expect(training.notice).toBeNull()
    expect(training.phase).toBe('ready')
  })

  it('shows the file’s settings only once the trainer has accepted them', async () => {
    const session = await setup()
    const training = useTrainingStore()
    const saved = otherRun()
    for (let i = 0; i < 3; i++) saved.trainEpoch()
    trainer.holdRuns = true
    const opening = session.openSessionFile({
      path: '/x/xor.nnlab',
      name: 'xor.nnlab',
      text: sessionText(saved.snapshot())
    })
    await vi.waitFor(() => expect(trainer.sent.at(-1)?.type).toBe('restore'))
    // Asked, not answered: the panels still show the open run.
    expect(useDatasetStore().kind).toBe('circles')
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 16, 8, 1])
    expect(training.config.optimizer.learningRate).toBe(0.1)
    expect(training.phase).toBe('configuring')
    trainer.release()
    expect(await opening).toBe(true)
    expect(useDatasetStore().kind).toBe('xor')
    expect(useNetworkStore().spec.layerSizes).toEqual([2, 4, 1])
    expect(training.config.optimizer.learningRate).toBe(0.05)
    expect(training.epoch).toBe(3)
    expect(training.phase).toBe('ready')
    expect(session.name).toBe('xor')
  })

  it('asks before replacing unsaved work: cancel, discard, save', async () => {
    const session = await setup()
    trainer.trainEpochs(2)
    lab.openResult = {
      ok: true,
      value: {
        path: '/runs/b.nnlab',
        name: 'b.nnlab',
        text: sessionText(TrainingRun.create(SMALL).snapshot())
      }
    }
    let opening = session.requestOpen()
    expect(choiceState.request?.id).toBe('unsaved')
    expect(choiceState.request?.message).toBe(
      'You have unsaved changes. Save them before you open another session?'
    )
    answerChoice('cancel')
    await opening
    expect(choiceState.open).toBe(false)
    expect(lab.openSession).not.toHaveBeenCalled()

    opening = session.requestOpen()
    answerChoice('save')
    await opening
    expect(lab.saveSession).toHaveBeenCalledTimes(1)
    await until(() => session.name === 'b')
    expect(lab.openSession).toHaveBeenCalledTimes(1)

    trainer.trainEpochs(1)
    opening = session.requestOpen()
    answerChoice('discard')
    await opening
    expect(lab.saveSession).toHaveBeenCalledTimes(1)
    expect(lab.openSession).toHaveBeenCalledTimes(2)
  })

  it('opens a recent file, and refuses files that are neither session nor CSV', async () => {
    const session = await setup()
    lab.files.set('/r/old.nnlab', sessionText(trainer.run.snapshot(), 'old'))
    await session.openRecentFile('/r/old.nnlab')
    expect(session.name).toBe('old')
    await session.openRecentFile('/r/gone.nnlab')
    expect(session.message?.text).toBe('The file is no longer there.')
    await session.openAnyFile({ path: 'x.png', name: 'x.png', text: '' })
    expect(session.message?.text).toMatch(/\.nnlab sessions and \.csv datasets/)
  })
})

describe('new session', () => {
  it('starts fresh through the controller and forgets the file', async () => {
    const session = await setup()
    lab.files.set('/r/old.nnlab', sessionText(trainer.run.snapshot(), 'old'))
    await session.openRecentFile('/r/old.nnlab')
    trainer.trainEpochs(1)
    const starting = session.requestNew()
    expect(choiceState.request?.id).toBe('unsaved')
    answerChoice('discard')
    await starting
    await until(() => session.name === 'Untitled')
    expect(controller.startFresh).toHaveBeenCalled()
    expect(session.path).toBeNull()
    expect(session.dirty).toBe(false)
  })
})

describe('closing', () => {
  it('allows closing at once when clean', async () => {
    const session = await setup()
    session.requestClose()
    expect(lab.respondToClose).toHaveBeenCalledWith(true)
  })

  it('asks when dirty: cancel keeps the window, discard closes and drops the recovery copy', async () => {
    const session = await setup()
    trainer.trainEpochs(1)
    let closing = session.requestClose()
    expect(choiceState.request?.message).toMatch(/before you close NN Lab\?$/)
    answerChoice('cancel')
    await closing
    expect(lab.respondToClose).toHaveBeenLastCalledWith(false)
    closing = session.requestClose()
    answerChoice('discard')
    await closing
    expect(lab.discardRecovery).toHaveBeenCalled()
    expect(lab.respondToClose).toHaveBeenLastCalledWith(true)
  })

  it('saves then closes; a cancelled save keeps the window open', async () => {
    const session = await setup()
    trainer.trainEpochs(1)
    lab.saveResult = { ok: true, value: null }
    let closing = session.requestClose()
    answerChoice('save')
    await closing
    expect(lab.respondToClose).toHaveBeenLastCalledWith(false)
    lab.saveResult = null
    closing = session.requestClose()
    answerChoice('save')
    await closing
    expect(lab.respondToClose).toHaveBeenLastCalledWith(true)
  })
})

describe('autosave and recovery', () => {
  it('autosaves only when something changed since the last copy', async () => {
    const session = await setup()
    expect(await session.autosave()).toBe(false)
    trainer.trainEpochs(3)
    expect(await session.autosave()).toBe(true)
    expect(await session.autosave()).toBe(false)
    const parsed = parseSession(lab.autosaved[0])
    expect(parsed.ok && parsed.session.snapshot.epoch).toBe(3)
  })

  it('waits for a pause, and a slower beat, to autosave a run of more than 200,000 points', async () => {
    let now = 1000
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => now)
    try {
      const session = await setup()
      // A large import, built by the trainer (the first copy of it waits a beat too).
      const count = 250_000
      const x = new Float64Array(count * 2)
      const labels = new Int32Array(count)
      for (let i = 0; i < count; i++) {
        x[2 * i] = (i % 101) / 50 - 1
        x[2 * i + 1] = (i % 89) / 44 - 1
        labels[i] = i % 2
      }
      await useTrainingStore().importData('large.csv', { x, labels, count, classes: 2 })
      expect(useDatasetStore().train?.count).toBe(count)
      useTrainingStore().start()
      trainer.trainEpochs(1)
      expect(useTrainingStore().running).toBe(true)
      now += 61_000
      expect(await session.autosave()).toBe(false) // training runs
      trainer.emit({ type: 'paused', reason: 'user', epoch: trainer.run.epoch })
      expect(await session.autosave()).toBe(true)
      trainer.trainEpochs(1)
      trainer.emit({ type: 'paused', reason: 'user', epoch: trainer.run.epoch })
      now += 30_000
      expect(await session.autosave()).toBe(false) // the last copy is half a minute old
      now += 31_000
      expect(await session.autosave()).toBe(true)
    } finally {
      clock.mockRestore()
    }
  })

  it('keeps the trainer’s latest memory report', async () => {
    const session = await setup()
    expect(session.trainerMemory).toBeNull()
    const memory = { bytes: 300e6, source: 'estimate' as const, runBytes: 290e6 }
    trainer.emit({
      type: 'progress',
      epoch: 0,
      running: false,
      points: [],
      samplesPerSecond: 0,
      memory
    })
    trainer.emit({ type: 'progress', epoch: 0, running: false, points: [], samplesPerSecond: 0 })
    expect(session.trainerMemory).toEqual(memory)
  })

  it('offers a recovery copy and restores it as unsaved work', async () => {
    const crashed = TrainingRun.create(SMALL)
    for (let i = 0; i < 7; i++) crashed.trainEpoch()
    lab.setRecovery(sessionText(crashed.snapshot(), 'Before the crash'))
    const session = await setup()
    await session.checkRecovery()
    expect(session.recovery?.name).toBe('Before the crash')
    expect(await session.acceptRecovery()).toBe(true)
    expect(controller.restore.mock.calls[0][0].epoch).toBe(7)
    expect(session.name).toBe('Before the crash')
    expect(session.path).toBeNull()
    expect(session.dirty).toBe(true)
  })

  it('declining clears the copy; an unreadable copy is reported and cleared', async () => {
    lab.setRecovery(sessionText(trainer.run.snapshot()))
    const session = await setup()
    await session.checkRecovery()
    await session.declineRecovery()
    expect(session.recovery).toBeNull()
    expect(lab.discardRecovery).toHaveBeenCalledTimes(1)
    lab.setRecovery('{"format": "nnlab-session", "vers')
    await session.checkRecovery()
    expect(session.recovery).toBeNull()
    expect(session.message?.title).toBe('The recovery copy could not be read')
    expect(lab.discardRecovery).toHaveBeenCalledTimes(2)
  })
})

describe('CSV import', () => {
  it('shows the line-numbered error for a bad row and changes nothing', async () => {
    const session = await setup()
    const ok = await session.importCsvText('x1,x2,label\n0,1,0\n2,oops,1\n', 'bad.csv')
    expect(ok).toBe(false)
    expect(controller.importData).not.toHaveBeenCalled()
    expect(session.message?.title).toBe('Could not import “bad.csv”')
    expect(session.message?.text).toMatch(/^Line 3: "oops" in column 'x2' is not a number/)
  })

  it('hands good points to the controller and marks the session changed', async () => {
    const session = await setup()
    const ok = await session.importCsvText('x1,x2,label\n0,1,0\n2,3,1\n4,5,1\n', 'good.csv')
    expect(ok).toBe(true)
    expect(controller.importData).toHaveBeenCalledTimes(1)
    expect(controller.importData.mock.calls[0][1].count).toBe(3)
    expect(session.dirty).toBe(true)
    expect(useDatasetStore().kind).toBe('csv')
    expect(useDatasetStore().imported?.name).toBe('good.csv')
    expect(useDatasetStore().train?.count).toBe(3)
  })

  it('a refused import keeps the old data in the Data panel and says why', async () => {
    const session = await setup()
    const dataset = useDatasetStore()
    trainer.failNext = 'This run needs at least 10 points.'
    const ok = await session.importCsvText('x1,x2,label\n0,1,0\n2,3,1\n', 'tiny.csv')
    expect(ok).toBe(false)
    expect(session.message).toEqual({
      kind: 'error',
      title: 'Could not import “tiny.csv”',
      text: 'This run needs at least 10 points.'
    })
    expect(dataset.kind).toBe('circles')
    expect(dataset.imported).toBeNull()
    expect(dataset.train?.count).toBe(SMALL.dataset.samples)
    expect(session.dirty).toBe(false)
  })

  /** Stands in for the CSV import worker: reads with the same readCsv, delivering each progress
   *  message (and the result) in its own macrotask, as a real worker's messages arrive. */
  class FakeCsvWorker {
    private listeners: ((event: MessageEvent<CsvWorkerReply>) => void)[] = []
    private stopped = false
    addEventListener(type: string, listener: (event: MessageEvent<CsvWorkerReply>) => void): void {
      if (type === 'message') this.listeners.push(listener)
    }
    postMessage({ text, layout }: CsvWorkerRequest): void {
      const replies: CsvWorkerReply[] = []
      const imported = readCsv(text, layout, {
        chunkChars: 16 * 1024,
        onProgress: ({ rows, fraction }) => replies.push({ type: 'progress', rows, fraction })
      })
      replies.push({ type: 'done', imported })
      const next = (): void => {
        const reply = replies.shift()
        if (!reply || this.stopped) return
        for (const l of this.listeners) l({ data: reply } as MessageEvent<CsvWorkerReply>)
        setTimeout(next, 0)
      }
      setTimeout(next, 0)
    }
    terminate(): void {
      this.stopped = true
    }
  }

  it('reads a large file in slices with progress, then clears the progress', async () => {
    vi.stubGlobal('Worker', FakeCsvWorker)
    onTestFinished(() => void vi.unstubAllGlobals())
    const session = await setup()
    const lines = ['x1,x2,label']
    for (let i = 0; i < 60_000; i++) lines.push(`${i % 97},${(i * 7) % 89},${i % 2}`)
    const seen: number[] = []
    const importing = session.importCsvText(lines.join('\n'), 'big.csv')
    await until(() => {
      const progress = session.importProgress
      if (progress?.stage === 'parsing') seen.push(progress.rows)
      return session.importProgress === null
    })
    expect(await importing).toBe(true)
    // Seen part-way: some rows read, not all yet (the parse took more than one slice).
    expect(seen.some((rows) => rows > 0 && rows < 60_000)).toBe(true)
    expect(controller.importData.mock.calls[0][1].count).toBe(60_000)
    expect(session.importProgress).toBeNull()
  })

  it('a cancelled import leaves the session as it was', async () => {
    vi.stubGlobal('Worker', FakeCsvWorker)
    onTestFinished(() => void vi.unstubAllGlobals())
    const session = await setup()
    const before = { name: session.name, dirty: session.dirty, epoch: useTrainingStore().epoch }
    const lines = ['x1,x2,label']
    for (let i = 0; i < 200_000; i++) lines.push(`${i % 97},${(i * 7) % 89},${i % 2}`)
    const importing = session.importCsvText(lines.join('\n'), 'huge.csv')
    await until(() => (session.importProgress?.rows ?? 0) > 0)
    session.cancelImport()
    expect(await importing).toBe(false)
    expect(controller.importData).not.toHaveBeenCalled()
    expect(session.importProgress).toBeNull()
    expect(session.message).toBeNull()
    expect({ name: session.name, dirty: session.dirty, epoch: useTrainingStore().epoch }).toEqual(
      before
    )
  })
})
