// Wires the session store to the host: menu commands, files the host asks us to open, the close
// question, the window title, the autosave timer and the crash-recovery offer at start.
// Called once from main.ts with the app's one trainer client, after the training store is attached:
//   const trainer = createTrainerClient(useTrainerPort()); useSessionFiles(trainer)
import { getCurrentScope, onScopeDispose, watch } from 'vue'
import type { MenuCommand } from '@shared/protocol/labApi'
import { SEED_NOTEBOOK } from '@shared/engine'
import { useSessionStore, type RunController, type TrainerLink } from '@renderer/stores/session'
import { useTrainingStore } from '@renderer/stores/training'
import { isChallengeCommand, useChallengeStore } from '@renderer/stores/challenge'
import { SEED_PRESET_ID } from '@renderer/stores/presets'
import type { DataExportKind } from '@renderer/figures/useFigureExport'
import type { FigureKind } from '@renderer/figures/figureText'

/** Autosave cadence while the session has unsaved changes. */
export const AUTOSAVE_INTERVAL_MS = 4000

const FIGURE_COMMANDS: Partial<Record<MenuCommand, FigureKind>> = {
  'export-figure-boundary': 'boundary',
  'export-figure-loss': 'loss',
  'export-figure-accuracy': 'accuracy',
  'export-figure-activations': 'activations',
  'export-figure-network': 'network',
  'export-figure-combined': 'combined'
}

const DATA_COMMANDS: Partial<Record<MenuCommand, DataExportKind>> = {
  'export-numpy': 'numpy',
  'export-notebook': 'notebook',
  'export-torch': 'torch',
  'export-weights-json': 'weights-json',
  'export-data-csv': 'data-csv',
  'export-history-csv': 'history-csv'
}

export interface SessionFilesOptions {
  autosaveIntervalMs?: number
}

/** The session store's way to change the run: through the training store, so the settings views
 *  follow what was opened once the trainer has built it. */
export function storeRunController(): RunController {
  const training = useTrainingStore()
  return {
    restore: (snapshot) => training.restore(snapshot),
    async startFresh() {
      await training.replaceRun(structuredClone(SEED_NOTEBOOK))
      training.presetId = SEED_PRESET_ID
      return true
    },
    importData: (name, data, options) => training.importData(name, data, options)
  }
}

export function useSessionFiles(
  trainer: TrainerLink,
  options: SessionFilesOptions & { run?: RunController } = {}
): () => void {
  const session = useSessionStore()
  const training = useTrainingStore()
  const lab = window.lab
  /** The export code (figures, NumPy/notebook writers) loads with the first export command. */
  const exports = async () => (await import('@renderer/figures/useFigureExport')).useFigureExport()

  /** Handles the file and export commands; the training ones belong to App.vue. */
  function onMenuCommand(command: MenuCommand): boolean {
    const figure = FIGURE_COMMANDS[command]
    if (figure) {
      void exports().then((e) => e.exportFigure(figure))
      return true
    }
    const data = DATA_COMMANDS[command]
    if (data) {
      void exports().then((e) => e.exportData(data))
      return true
    }
    if (isChallengeCommand(command)) {
      useChallengeStore().onMenuCommand(command)
      return true
    }
    switch (command) {
      case 'new-session':
        session.requestNew()
        return true
      case 'open-session':
        session.requestOpen()
        return true
      case 'save-session':
        void session.save()
        return true
      case 'save-session-as':
        void session.saveAs()
        return true
      case 'import-csv':
        session.requestImportCsv()
        return true
      default:
        return false
    }
  }

  const cleanups: (() => void)[] = [
    session.attachTrainer(trainer, options.run ?? storeRunController()),
    lab.onMenuCommand(onMenuCommand),
    lab.onOpenFile((result) => {
      if (result.ok) void session.openAnyFile(result.value)
      else session.showError('Could not open the file', result.message)
    }),
    lab.onCloseRequest(() => session.requestClose())
  ]

  // Hyper-parameter changes keep the weights and send only update-training (no event comes
  // back), so watch the settings themselves.
  cleanups.push(
    watch(
      () => JSON.stringify(training.trainConfig),
      () => session.markDirty()
    )
  )

  const stopTitle = watch(
    () => [session.title, session.dirty] as const,
    ([title, dirty]) => lab.setDocumentState({ title, dirty }),
    { immediate: true }
  )
  cleanups.push(stopTitle)

  const timer = setInterval(() => {
    void session.autosave()
  }, options.autosaveIntervalMs ?? AUTOSAVE_INTERVAL_MS)
  cleanups.push(() => clearInterval(timer))

  void session.checkRecovery()
  void session.refreshRecent()

  let disposed = false
  const dispose = (): void => {
    if (disposed) return
    disposed = true
    for (const cleanup of cleanups.reverse()) cleanup()
  }
  if (getCurrentScope()) onScopeDispose(dispose)
  return dispose
}
