// Test support for the session store and its wiring: a trainer that answers like the real one
// over a real TrainingRun (at the far end of the port, so the real TrainerClient and training
// store run in front of it), the app's run controller with spies, and an in-memory window.lab.
import { expect, vi } from 'vitest'
import { ref } from 'vue'
import { predict, SEED_NOTEBOOK, TrainingRun } from '@shared/engine'
import type { RunConfig } from '@shared/engine/types'
import type { HostResult, MenuCommand, OpenedFile, SavedFile } from '@shared/protocol/labApi'
import type { RunSummary, TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import { createTrainerClient, type TrainerClient } from '@renderer/composables/trainerClient'
import { toPlain, type TrainerPortHandle } from '@renderer/composables/useTrainerPort'
import { storeRunController } from '@renderer/composables/useSessionFiles'
import { sessionNameFromFile } from './session'
import { useTrainingStore } from './training'

export const SMALL: RunConfig = {
  ...SEED_NOTEBOOK,
  dataset: { ...SEED_NOTEBOOK.dataset, samples: 60 }
}

export function summaryOf(run: TrainingRun): RunSummary {
  const snapshot = run.snapshot()
  return {
    config: snapshot.config,
    train: snapshot.train,
    test: snapshot.test,
    bounds: run.bounds(),
    parameterCount: run.parameterCount(),
    epoch: run.epoch,
    history: snapshot.history,
    params: snapshot.params
  }
}

/** The trainer's end of the port: answers every request like the real trainer, over a real
 *  TrainingRun, a moment later (as a worker would). Training is driven by the test (trainEpochs). */
export class FakeTrainer implements TrainerPortHandle {
  readonly connected = ref(true)
  run = TrainingRun.create(SMALL)
  sent: TrainerCommand[] = []
  /** When set, the next configure/restore fails with this sentence (the run stays). */
  failNext: string | null = null
  /** While true, answers to configure/restore wait for release(). */
  holdRuns = false
  private held: Array<() => void> = []
  private handlers = new Set<(event: TrainerEvent) => void>()
  private portHandlers = new Set<() => void>()

  send(command: TrainerCommand): boolean {
    // As the real port: a plain copy (a Vue proxy would not survive structured clone).
    const copy = structuredClone(toPlain(command))
    this.sent.push(copy)
    switch (copy.type) {
      case 'configure':
        this.answerRun(copy.requestId, () => TrainingRun.create(copy.config, copy.data))
        break
      case 'restore':
        this.answerRun(copy.requestId, () => TrainingRun.restore(copy.snapshot))
        break
      case 'get-snapshot': {
        const snapshot = this.run.snapshot()
        this.later({ type: 'snapshot', requestId: copy.requestId, snapshot })
        break
      }
      case 'predict':
        this.later({
          type: 'predictions',
          requestId: copy.requestId,
          probabilities: predict(this.run.config.network, this.run.params, copy.x, copy.count),
          classes: this.run.train.classes
        })
        break
      case 'update-training':
        this.run.setTraining(copy.training)
        break
      default:
        break
    }
    return true
  }
  onEvent(handler: (event: TrainerEvent) => void): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }
  onPort(handler: () => void): () => void {
    this.portHandlers.add(handler)
    return () => this.portHandlers.delete(handler)
  }
  dispose(): void {}
  emit(event: TrainerEvent): void {
    for (const handler of [...this.handlers]) handler(event)
  }
  /** A restarted trainer: a new port, then its 'ready'. */
  restart(): void {
    for (const handler of [...this.portHandlers]) handler()
    this.emit({ type: 'ready' })
  }
  /** Sends the configure/restore answers held back while holdRuns was set. */
  release(): void {
    this.holdRuns = false
    for (const answer of this.held.splice(0)) answer()
  }
  private later(event: TrainerEvent): void {
    setTimeout(() => this.emit(event), 1)
  }
  private answerRun(requestId: number, build: () => TrainingRun): void {
    const failure = this.failNext
    this.failNext = null
    const answer = (): void => {
      if (failure) {
        this.emit({ type: 'error', requestId, message: failure })
        return
      }
      this.run = build()
      this.emit({ type: 'configured', requestId, summary: summaryOf(this.run) })
    }
    if (this.holdRuns) this.held.push(answer)
    else setTimeout(answer, 1)
  }
  trainEpochs(n: number): void {
    const points = []
    for (let i = 0; i < n; i++) points.push(this.run.trainEpoch())
    this.emit({
      type: 'progress',
      epoch: this.run.epoch,
      running: true,
      points,
      samplesPerSecond: 1
    })
  }
}

/** The app's boot over a fake trainer: one client, the training store attached (then whatever
 *  `attach` connects, as main.ts does), the trainer ready and the first run (SMALL) built. */
export async function connectTrainer(
  trainer: FakeTrainer,
  attach: (client: TrainerClient) => void = () => {}
): Promise<TrainerClient> {
  const client = createTrainerClient(trainer)
  const training = useTrainingStore()
  training.applyConfig(structuredClone(SMALL))
  training.attach(client)
  attach(client)
  trainer.emit({ type: 'ready' })
  await vi.waitFor(() => expect(training.phase).toBe('ready'))
  return client
}

/** The app's run controller (the training store), with spies to see what the session asked. */
export function spiedController() {
  const controller = storeRunController()
  return {
    restore: vi.fn(controller.restore),
    startFresh: vi.fn(controller.startFresh),
    importData: vi.fn(controller.importData)
  }
}

export function fakeLab() {
  const files = new Map<string, string>()
  let recovery: string | null = null
  const lab = {
    host: 'web' as const,
    versions: { app: '9.9.9' },
    files,
    setRecovery(text: string | null) {
      recovery = text
    },
    autosaved: [] as string[],
    saveResult: null as HostResult<SavedFile | null> | null,
    openResult: null as HostResult<OpenedFile | null> | null,
    onTrainerStatus: () => () => {},
    restartTrainer: async () => {},
    openSession: vi.fn(
      async (): Promise<HostResult<OpenedFile | null>> =>
        lab.openResult ?? { ok: true, value: null }
    ),
    openSessionPath: vi.fn(async (path: string): Promise<HostResult<OpenedFile>> => {
      const text = files.get(path)
      return text === undefined
        ? { ok: false, message: 'The file is no longer there.' }
        : { ok: true, value: { path, name: sessionNameFromFile(path) + '.nnlab', text } }
    }),
    saveSession: vi.fn(
      async (request: {
        text: string
        path: string | null
        suggestedName: string
        saveAs: boolean
      }) => {
        if (lab.saveResult) return lab.saveResult
        const path =
          request.saveAs || !request.path ? `/home/me/${request.suggestedName}` : request.path
        files.set(path, request.text)
        return { ok: true as const, value: { path, name: path.split('/').pop() ?? path } }
      }
    ),
    listRecent: vi.fn(async () =>
      [...files.keys()].map((path) => ({ path, name: path.split('/').pop() ?? path, openedAt: '' }))
    ),
    clearRecent: vi.fn(async () => {}),
    autosave: vi.fn(async (text: string) => {
      lab.autosaved.push(text)
    }),
    takeRecovery: vi.fn(async () => {
      const text = recovery
      recovery = null
      return text
    }),
    discardRecovery: vi.fn(async () => {}),
    setDocumentState: vi.fn(),
    menuListeners: new Set<(command: MenuCommand) => void>(),
    openFileListeners: new Set<(file: HostResult<OpenedFile>) => void>(),
    closeListeners: new Set<() => void>(),
    onOpenFile: (cb: (file: HostResult<OpenedFile>) => void) => {
      lab.openFileListeners.add(cb)
      return () => lab.openFileListeners.delete(cb)
    },
    onCloseRequest: (cb: () => void) => {
      lab.closeListeners.add(cb)
      return () => lab.closeListeners.delete(cb)
    },
    respondToClose: vi.fn(),
    importDataset: vi.fn(async () => ({ ok: true as const, value: null })),
    exportFile: vi.fn(
      async (_request: {
        suggestedName: string
        filters: unknown[]
        data: Uint8Array | string
      }) => ({
        ok: true as const,
        value: null
      })
    ),
    copyImageToClipboard: vi.fn(async (_png: Uint8Array) => ({
      ok: true as const,
      value: undefined
    })),
    onMenuCommand: (cb: (command: MenuCommand) => void) => {
      lab.menuListeners.add(cb)
      return () => lab.menuListeners.delete(cb)
    }
  }
  return lab
}

export type FakeLab = ReturnType<typeof fakeLab>
