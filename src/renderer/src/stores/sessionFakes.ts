// Test support for the session store and its wiring: a trainer that answers like the real one
// over a real TrainingRun, a RunController that goes through it, and an in-memory window.lab.
import { vi } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '@shared/engine'
import type { Dataset, RunConfig, RunSnapshot } from '@shared/engine/types'
import type { HostResult, MenuCommand, OpenedFile, SavedFile } from '@shared/protocol/labApi'
import type { RunSummary, TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import { sessionNameFromFile, type RunController, type TrainerLink } from './session'

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

/** A trainer that answers like the real one, over a real TrainingRun. */
export class FakeTrainer implements TrainerLink {
  run = TrainingRun.create(SMALL)
  handlers = new Set<(event: TrainerEvent) => void>()
  sent: TrainerCommand[] = []
  /** When set, the next restore/configure fails with this sentence. */
  failNext: string | null = null

  send(command: TrainerCommand): boolean {
    this.sent.push(command)
    if (command.type === 'get-snapshot') {
      const snapshot = this.run.snapshot()
      queueMicrotask(() => this.emit({ type: 'snapshot', requestId: command.requestId, snapshot }))
    }
    return true
  }
  onEvent(handler: (event: TrainerEvent) => void): () => void {
    this.handlers.add(handler)
    return () => this.handlers.delete(handler)
  }
  emit(event: TrainerEvent): void {
    for (const handler of [...this.handlers]) handler(event)
  }
  /** What the training store's configure/restore leads to. */
  answerRun(build: () => TrainingRun): void {
    const failure = this.failNext
    this.failNext = null
    setTimeout(() => {
      if (failure) {
        this.emit({ type: 'error', requestId: 7, message: failure })
        return
      }
      this.run = build()
      this.emit({ type: 'configured', requestId: 7, summary: summaryOf(this.run) })
    }, 1)
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

export function fakeController(trainer: FakeTrainer) {
  return {
    restore: vi.fn((snapshot: RunSnapshot) => {
      trainer.answerRun(() => TrainingRun.restore(snapshot))
      return true
    }),
    startFresh: vi.fn(() => {
      trainer.answerRun(() => TrainingRun.create(SMALL))
      return true
    }),
    importData: vi.fn((_name: string, data: Dataset) => {
      trainer.answerRun(() =>
        TrainingRun.create(
          { ...SMALL, dataset: { ...SMALL.dataset, kind: 'csv', samples: data.count } },
          data
        )
      )
      return true
    })
  } satisfies RunController
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
