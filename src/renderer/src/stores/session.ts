// The open session as a document: its name, file path, unsaved-changes flag, and the file flows
// (New / Open / Open Recent / Save / Save As, CSV import, autosave and crash recovery, the
// close prompt). The run itself lives in the trainer and the training store: saving asks the
// trainer client for a snapshot; opening, New and CSV import go through a RunController (the
// training store, see useSessionFiles.ts), whose promise settles on the trainer's answer.
//
// Wiring (window.lab events, timers) is in composables/useSessionFiles.ts; this store holds state
// and actions only, so tests drive it with a fake `window.lab` and a fake trainer.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { askChoice, type ChoiceRequest } from '@renderer/components/ui/choice'
import type { CsvImportRequest } from '@shared/import'
import type { Dataset, RunSnapshot } from '@shared/engine/types'
import type { ChallengeAnswer, PinnedRun, SessionDocument } from '@shared/session'
import { CHALLENGE_EXTENSION } from '@shared/challenge/constants'
import { SESSION_EXTENSION } from '@shared/session/extension'
import type { LabApi, OpenedFile, RecentFile } from '@shared/protocol/labApi'
import type { TrainerEvent, TrainerMemory } from '@shared/protocol/trainerMessages'
import {
  TRAINER_MESSAGES,
  TrainerRequestError,
  type TrainerClient
} from '@renderer/composables/trainerClient'
import { sessionCodec } from '@renderer/composables/sessionCodec'
import { useDatasetStore, type ImportOptions } from './dataset'
import { useTrainingStore } from './training'
import { useChallengeStore } from './challenge'

/** What the session store needs of the trainer client. */
export type TrainerLink = Pick<TrainerClient, 'request' | 'onEvent'>

/** How the session store changes the run: through the stores that own the settings, so the
 *  Data/Network/Training views follow, and only once the trainer has accepted the new run. Each
 *  resolves true once the trainer built the run, false when the learner declined, and rejects
 *  with the trainer's sentence (the old run and settings stay). */
export interface RunController {
  /** Replace the run with a saved one, exactly. */
  restore(snapshot: RunSnapshot): Promise<boolean>
  /** A fresh run from the default preset (the seed notebook). */
  startFresh(): Promise<boolean>
  /** Train the current network on imported points (may ask before discarding weights). */
  importData(name: string, data: Dataset, options?: ImportOptions): Promise<boolean>
}

export const UNTITLED = 'Untitled'

/** Runs with more points than this serialize for long enough (≈ 330 ms for 1,000,000 points)
 *  that autosave waits for a pause in training and keeps a slower beat. */
export const LARGE_SESSION_POINTS = 200_000
/** Autosave cadence for large sessions. */
export const LARGE_AUTOSAVE_INTERVAL_MS = 60_000

export interface SessionMessage {
  kind: 'error' | 'info'
  /** Short heading, e.g. 'Could not open “run.nnlab”'. */
  title: string
  /** The one-sentence explanation (the host's or the loader's). */
  text: string
}

/** The unsaved-changes question's answers (Save / Don't save / Cancel). */
export type UnsavedAnswer = 'save' | 'discard' | 'cancel'

/** The unsaved-changes question before `action` (e.g. 'close NN Lab') proceeds. */
export function unsavedQuestion(name: string, action: string): ChoiceRequest<UnsavedAnswer> {
  return {
    id: 'unsaved',
    title: `Save changes to “${name}”?`,
    message: `You have unsaved changes. Save them before you ${action}?`,
    options: [
      { answer: 'cancel', label: 'Cancel' },
      { answer: 'discard', label: 'Don’t save', kind: 'danger' },
      { answer: 'save', label: 'Save…', kind: 'primary' }
    ],
    dismiss: 'cancel',
    focus: 'save'
  }
}

/** A CSV import under way: reading the rows (cancellable), then the trainer building the run. */
export interface ImportProgress {
  fileName: string
  stage: 'parsing' | 'building'
  /** Data rows read so far. */
  rows: number
  /** Share of the file read, 0…1. */
  fraction: number
}

/** A CSV file chosen for import, waiting in the import dialog for the learner's choices. */
export interface ImportDraft {
  text: string
  fileName: string
}

/** What the last import kept: shown beside the dataset (rows left out, names). */
export interface ImportSummary {
  fileName: string
  droppedRows: number
  inputNames: [string, string]
  classNames: string[]
}

/** File stem without folders or the .nnlab extension. */
export function sessionNameFromFile(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? fileName
  const stem = base.replace(new RegExp(`\\.${SESSION_EXTENSION}$`, 'i'), '')
  return stem.length > 0 ? stem : UNTITLED
}

export function fileKind(fileName: string): 'session' | 'csv' | 'challenge' | 'other' {
  const lower = fileName.toLowerCase()
  if (lower.endsWith(`.${CHALLENGE_EXTENSION}`)) return 'challenge'
  if (lower.endsWith(`.${SESSION_EXTENSION}`)) return 'session'
  if (lower.endsWith('.csv')) return 'csv'
  return 'other'
}

function appVersion(lab: LabApi): string {
  return lab.versions.app ?? lab.versions['nn-lab'] ?? '0.1.0'
}

export const useSessionStore = defineStore('session', () => {
  const training = useTrainingStore()
  const dataset = useDatasetStore()
  const name = ref(UNTITLED)
  /** Where the session was last saved or opened from; null for a new or recovered session. */
  const path = ref<string | null>(null)
  const note = ref('')
  const createdAt = ref(new Date().toISOString())
  /** The challenge this session answers (recorded in the file when saved), or null. */
  const challenge = ref<ChallengeAnswer | null>(null)
  /** Bumped on every change; the session is dirty while it differs from the saved count. */
  const changeCount = ref(0)
  const savedChangeCount = ref(0)
  const autosavedChangeCount = ref(0)
  const dirty = computed(() => changeCount.value !== savedChangeCount.value)
  /** The window title; the host adds its own unsaved-changes mark from `dirty`. */
  const title = computed(() => `${name.value} — NN Lab`)

  const message = ref<SessionMessage | null>(null)
  const recovery = shallowRef<SessionDocument | null>(null)
  const recent = ref<RecentFile[]>([])
  /** A sentence while a file operation runs ('Saving…'), else null. */
  const busy = ref<string | null>(null)
  /** The CSV import under way, or null. */
  const importProgress = ref<ImportProgress | null>(null)
  /** The file the import dialog is open on (the text is large: kept out of deep reactivity). */
  const importDraft = shallowRef<ImportDraft | null>(null)
  const lastImport = ref<ImportSummary | null>(null)
  /** Why the last Import from the dialog failed (shown in the dialog, beside the choices). */
  const importDialogError = ref<string | null>(null)
  /** The trainer's latest memory report (about once a second), or null before the first. */
  const trainerMemory = shallowRef<TrainerMemory | null>(null)
  let lastAutosaveAt = -Infinity
  let importAbort: AbortController | null = null

  let link: TrainerLink | null = null
  let run: RunController | null = null
  let detachLink: (() => void) | null = null
  /** The configuration of the run the trainer last built (JSON), null before the first. */
  let runConfigText: string | null = null

  function lab(): LabApi {
    return window.lab
  }

  function markDirty(): void {
    changeCount.value++
  }

  function markClean(atChange: number): void {
    savedChangeCount.value = atChange
    autosavedChangeCount.value = atChange
  }

  function showError(heading: string, text: string): void {
    message.value = { kind: 'error', title: heading, text }
  }

  function showInfo(heading: string, text: string): void {
    message.value = { kind: 'info', title: heading, text }
  }

  function dismissMessage(): void {
    message.value = null
  }

  function onTrainerEvent(event: TrainerEvent): void {
    switch (event.type) {
      case 'configured': {
        const configText = JSON.stringify(event.summary.config)
        // A configured run is a change unless it is the same run at the same epoch (the training
        // store handing a restarted trainer the run it already had). Opening a file or starting
        // a new session marks the document clean afterwards.
        const changed =
          runConfigText !== null &&
          (configText !== runConfigText || event.summary.epoch !== training.epoch)
        runConfigText = configText
        // A large run's first recovery copy waits a beat too: it was just read from a file.
        if (event.summary.train.count + event.summary.test.count > LARGE_SESSION_POINTS) {
          lastAutosaveAt = performance.now()
        }
        if (changed) markDirty()
        break
      }
      case 'progress':
        if (event.memory) trainerMemory.value = event.memory
        if (event.points.length > 0) markDirty()
        break
      default:
        break
    }
  }

  /** Connects to the trainer and the run's owner; returns the disconnect function. */
  function attachTrainer(next: TrainerLink, controller: RunController): () => void {
    detachLink?.()
    link = next
    run = controller
    const off = next.onEvent(onTrainerEvent)
    detachLink = () => {
      off()
      if (link === next) link = null
    }
    return () => detachLink?.()
  }

  /** A full, exact copy of the run from the trainer (for saving, autosave and exports). The
   *  timeline (up to 64 MB) comes too unless `withTimeline` is false (autosave: it would cross the
   *  window's main thread every few seconds; Save keeps it). */
  async function requestSnapshot(withTimeline = true): Promise<RunSnapshot> {
    if (!link) throw new TrainerRequestError('offline', TRAINER_MESSAGES.offline)
    return (await link.request({ type: 'get-snapshot', withTimeline })).snapshot
  }

  /** The run's owner, or the sentence saying there is none yet. */
  function runController(): RunController {
    if (!run) throw new TrainerRequestError('offline', TRAINER_MESSAGES.offline)
    return run
  }

  function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error)
  }

  /** Runs `proceed` now when nothing is unsaved, otherwise after the learner answers the
   *  unsaved-changes question (a cancelled or failed save runs `cancel`). */
  async function guardUnsaved(
    action: string,
    proceed: () => Promise<void> | void,
    cancel?: () => void
  ): Promise<void> {
    if (!dirty.value) {
      await proceed()
      return
    }
    const answer = await askChoice(unsavedQuestion(name.value, action))
    if (answer === 'cancel') {
      cancel?.()
      return
    }
    if (answer === 'save') {
      const saved = await save()
      if (!saved) {
        cancel?.()
        return
      }
    } else {
      // Discarding on purpose: the crash-recovery copy would only resurrect what was thrown away.
      await lab().discardRecovery()
    }
    await proceed()
  }

  /** The compare view's pinned runs (stores/compare.ts, loaded on first use: not on the first
   *  screen). `set` replaces them (an opened or a new session); `get` reads them for saving. */
  async function setPinnedRuns(runs: PinnedRun[]): Promise<void> {
    const { useCompareStore } = await import('./compare')
    useCompareStore().replaceAll(runs)
  }
  async function pinnedRuns(): Promise<PinnedRun[]> {
    const { useCompareStore } = await import('./compare')
    return [...useCompareStore().pinned]
  }

  /** Applies a parsed session document to the trainer and takes on its identity. */
  async function adopt(
    doc: SessionDocument,
    file: { path: string | null; name: string }
  ): Promise<void> {
    await runController().restore(doc.snapshot)
    name.value = file.name
    path.value = file.path
    note.value = doc.note
    createdAt.value = doc.createdAt
    challenge.value = doc.challenge ?? null
    await setPinnedRuns(doc.pinnedRuns ?? [])
  }

  /** Opens a session file's text (from a dialog, Open Recent, a drop or the host). On any
   *  failure the current session stays open and untouched. */
  async function openSessionFile(
    file: OpenedFile,
    options: { fromDrop?: boolean } = {}
  ): Promise<boolean> {
    const heading = `Could not open “${file.name}”`
    busy.value = 'Opening…'
    // Parsed in the session codec's worker: a big file must not freeze the window.
    const parsed = await sessionCodec().parse(file.text)
    if (!parsed.ok) {
      busy.value = null
      showError(heading, parsed.error.message)
      return false
    }
    try {
      await adopt(parsed.session, {
        // A dropped file in the browser has no path we could save back to.
        path: options.fromDrop ? null : file.path,
        name: sessionNameFromFile(file.name)
      })
      markClean(changeCount.value)
      await lab().discardRecovery()
      message.value = null
      if (parsed.migratedFrom !== undefined) {
        showInfo(
          `Opened “${file.name}”`,
          `It was written by an older NN Lab (format version ${parsed.migratedFrom}); saving will update it.`
        )
      }
      await refreshRecent()
      return true
    } catch (error) {
      showError(heading, errorText(error))
      return false
    } finally {
      busy.value = null
    }
  }

  async function newSession(): Promise<void> {
    busy.value = 'Starting a new session…'
    try {
      await runController().startFresh()
      await setPinnedRuns([])
      name.value = UNTITLED
      path.value = null
      note.value = ''
      createdAt.value = new Date().toISOString()
      challenge.value = null
      markClean(changeCount.value)
      await lab().discardRecovery()
      message.value = null
    } catch (error) {
      showError('Could not start a new session', errorText(error))
    } finally {
      busy.value = null
    }
  }

  async function openFromDialog(): Promise<void> {
    const result = await lab().openSession()
    if (!result.ok) {
      showError('Could not open the session', result.message)
      return
    }
    if (result.value && fileKind(result.value.name) === 'challenge') {
      await useChallengeStore().openFile(result.value, { asked: true })
    } else if (result.value) await openSessionFile(result.value)
  }

  /** A new, unsaved session that answers a challenge: `begin` builds its run. Asks first about
   *  unsaved changes unless the caller already has. */
  async function startChallengeSession(
    answer: ChallengeAnswer,
    begin: () => Promise<void>,
    options: { asked?: boolean } = {}
  ): Promise<boolean> {
    let started = false
    const proceed = async (): Promise<void> => {
      busy.value = 'Opening the challenge…'
      try {
        await begin()
        name.value = answer.title
        path.value = null
        note.value = ''
        createdAt.value = new Date().toISOString()
        challenge.value = { ...answer }
        markClean(changeCount.value)
        message.value = null
        started = true
      } catch (error) {
        showError('Could not open the challenge', errorText(error))
      } finally {
        busy.value = null
      }
    }
    if (options.asked) await proceed()
    else await guardUnsaved('start a challenge', proceed)
    return started
  }

  async function openRecentFile(recentPath: string): Promise<void> {
    const result = await lab().openSessionPath(recentPath)
    if (!result.ok) {
      showError(`Could not open “${sessionNameFromFile(recentPath)}”`, result.message)
      await refreshRecent()
      return
    }
    // Challenges opened with the Open dialog are listed there too.
    if (fileKind(result.value.name) === 'challenge') {
      await useChallengeStore().openFile(result.value, { asked: true })
    } else await openSessionFile(result.value)
  }

  /** The session's `.nnlab` text, built in the session codec's worker (JSON and base64 of a
   *  long run take a few hundred milliseconds: not on the main thread). */
  async function serializeOffThread(snapshot: RunSnapshot): Promise<string> {
    return sessionCodec().serialize(snapshot, {
      name: name.value,
      note: note.value,
      appVersion: appVersion(lab()),
      createdAt: createdAt.value,
      challenge: challenge.value ? { ...challenge.value } : undefined,
      pinnedRuns: await pinnedRuns()
    })
  }

  /** Writes the session (Save As when it has no path yet). True when written. */
  async function write(saveAs: boolean): Promise<boolean> {
    busy.value = 'Saving…'
    try {
      const atChange = changeCount.value
      let snapshot: RunSnapshot
      try {
        snapshot = await requestSnapshot()
      } catch (error) {
        showError('Could not save the session', errorText(error))
        return false
      }
      const result = await lab().saveSession({
        text: await serializeOffThread(snapshot),
        path: path.value,
        suggestedName: `${name.value}.${SESSION_EXTENSION}`,
        saveAs: saveAs || path.value === null
      })
      if (!result.ok) {
        // The host kept the previous file intact; the session stays open and unsaved.
        showError('Could not save the session', result.message)
        return false
      }
      if (!result.value) return false
      path.value = result.value.path
      name.value = sessionNameFromFile(result.value.name)
      // Training may have moved on while we wrote: only what the snapshot held is saved.
      markClean(atChange)
      if (!dirty.value) await lab().discardRecovery()
      if (message.value?.kind === 'error') message.value = null
      await refreshRecent()
      return true
    } finally {
      busy.value = null
    }
  }

  function save(): Promise<boolean> {
    return write(false)
  }

  function saveAs(): Promise<boolean> {
    return write(true)
  }

  /** Stops a CSV import while its rows are being read; the session stays as it was. */
  function cancelImport(): void {
    importAbort?.abort()
  }

  /** Imports a CSV dataset's text: the current network and training settings train on it.
   *  The rows are read in short slices (progress in importProgress, cancellable with
   *  cancelImport) so a 1,000,000-row file never freezes the window. Errors go to the session
   *  message, or to `onError` when the caller shows them itself. */
  async function importCsvText(
    text: string,
    fileName: string,
    options: {
      onError?: (message: string) => void
      request?: CsvImportRequest
      /** What the run does with the points (the dialog's "Standardise inputs"). */
      run?: ImportOptions
    } = {}
  ): Promise<boolean> {
    const heading = `Could not import “${fileName}”`
    const fail = (text: string): false => {
      if (options.onError) options.onError(text)
      else showError(heading, text)
      return false
    }
    // A new import replaces one still reading its rows.
    importAbort?.abort()
    const abort = new AbortController()
    importAbort = abort
    const progress: ImportProgress = { fileName, stage: 'parsing', rows: 0, fraction: 0 }
    importProgress.value = progress
    const done = (): void => {
      if (importAbort === abort) {
        importAbort = null
        importProgress.value = null
      }
    }
    let data: Dataset
    let summary: ImportSummary
    // The import rules and PapaParse load with the first import (not in the initial bundle).
    const { APP_HINTS, CsvImportError, planCsvImport } = await import('@shared/import')
    const { ImportCancelledError, readCsvOffThread } =
      await import('@renderer/composables/readCsvOffThread')
    try {
      const layout = planCsvImport(text, { ...options.request, hints: APP_HINTS })
      const imported = await readCsvOffThread(text, layout, {
        signal: abort.signal,
        onProgress: ({ rows, fraction }) => {
          if (importAbort === abort) importProgress.value = { ...progress, rows, fraction }
        }
      })
      data = imported.data
      summary = {
        fileName,
        droppedRows: imported.droppedRows,
        inputNames: imported.inputNames,
        classNames: imported.classNames
      }
    } catch (error) {
      done()
      if (error instanceof ImportCancelledError) return false
      return fail(error instanceof CsvImportError ? error.message : errorText(error))
    }
    if (importAbort !== abort) return false
    importProgress.value = { ...progress, stage: 'building', rows: data.count, fraction: 1 }
    busy.value = 'Importing…'
    try {
      // False: the learner kept the trained weights.
      if (!(await runController().importData(fileName, data, options.run))) return false
      markDirty()
      message.value = null
      lastImport.value = summary
      return true
    } catch (error) {
      return fail(errorText(error))
    } finally {
      busy.value = null
      done()
    }
  }

  async function importCsvFromDialog(): Promise<void> {
    const result = await lab().importDataset()
    if (!result.ok) {
      showError('Could not import the dataset', result.message)
      return
    }
    if (result.value) openImportDialog(result.value.text, result.value.name)
  }

  /** Shows the import dialog on a chosen CSV file (preview, columns, format); its Import calls
   *  importCsvText with the learner's choices. */
  function openImportDialog(text: string, fileName: string): void {
    if (importDraft.value?.text !== text) importDialogError.value = null
    importDraft.value = { text, fileName }
  }

  function closeImportDialog(): void {
    importDraft.value = null
  }

  /** A file from a drop, the command line or the host's recent menu: session or CSV by extension. */
  async function openAnyFile(
    file: OpenedFile,
    options: { fromDrop?: boolean } = {}
  ): Promise<void> {
    const kind = fileKind(file.name)
    if (kind === 'session') {
      void guardUnsaved('open another session', async () => {
        await openSessionFile(file, options)
      })
    } else if (kind === 'csv') {
      openImportDialog(file.text, file.name)
    } else if (kind === 'challenge') {
      await useChallengeStore().openFile(file)
    } else {
      showError(
        `Could not open “${file.name}”`,
        `NN Lab opens .${SESSION_EXTENSION} sessions and .csv datasets (and .${CHALLENGE_EXTENSION} challenges), and this file is none of them.`
      )
    }
  }

  // Guarded entry points for menus and buttons; each settles once the action ran or was called off.
  function requestNew(): Promise<void> {
    return guardUnsaved('start a new session', newSession)
  }
  function requestOpen(): Promise<void> {
    return guardUnsaved('open another session', openFromDialog)
  }
  function requestOpenRecent(recentPath: string): Promise<void> {
    return guardUnsaved('open another session', () => openRecentFile(recentPath))
  }
  function requestImportCsv(): void {
    // The training store asks before discarding trained weights (RunController.importData).
    void importCsvFromDialog()
  }
  /** The host asks whether the window may close. */
  function requestClose(): Promise<void> {
    return guardUnsaved(
      'close NN Lab',
      () => lab().respondToClose(true),
      () => lab().respondToClose(false)
    )
  }

  async function refreshRecent(): Promise<void> {
    try {
      recent.value = await lab().listRecent()
    } catch {
      recent.value = []
    }
  }

  async function clearRecent(): Promise<void> {
    await lab().clearRecent()
    await refreshRecent()
  }

  /** Keeps a crash-recovery copy when something changed since the last one. */
  async function autosave(): Promise<boolean> {
    if (!dirty.value || changeCount.value === autosavedChangeCount.value || !link) return false
    const points = (dataset.train?.count ?? 0) + (dataset.test?.count ?? 0)
    if (points > LARGE_SESSION_POINTS) {
      // Serializing a large run is one long main-thread task: never while training runs.
      if (training.running) return false
      if (performance.now() - lastAutosaveAt < LARGE_AUTOSAVE_INTERVAL_MS) return false
    }
    lastAutosaveAt = performance.now()
    const atChange = changeCount.value
    try {
      const snapshot = await requestSnapshot(false)
      await lab().autosave(await serializeOffThread(snapshot))
      autosavedChangeCount.value = atChange
      return true
    } catch {
      // Autosave is a safety net; a missed beat is retried on the next tick.
      return false
    }
  }

  /** At start: a recovery copy left by a crash becomes an offer (see acceptRecovery). */
  async function checkRecovery(): Promise<void> {
    const text = await lab().takeRecovery()
    if (text === null) return
    const parsed = await sessionCodec().parse(text)
    if (!parsed.ok) {
      await lab().discardRecovery()
      showError('The recovery copy could not be read', parsed.error.message)
      return
    }
    recovery.value = parsed.session
  }

  async function acceptRecovery(): Promise<boolean> {
    const doc = recovery.value
    if (!doc) return false
    recovery.value = null
    busy.value = 'Restoring…'
    try {
      await adopt(doc, { path: null, name: doc.name || UNTITLED })
      // Recovered work is not in any file yet.
      markDirty()
      return true
    } catch (error) {
      showError('Could not restore the recovered session', errorText(error))
      return false
    } finally {
      busy.value = null
    }
  }

  async function declineRecovery(): Promise<void> {
    recovery.value = null
    await lab().discardRecovery()
  }

  return {
    name,
    path,
    note,
    createdAt,
    dirty,
    title,
    changeCount,
    message,
    recovery,
    recent,
    busy,
    importProgress,
    cancelImport,
    trainerMemory,
    attachTrainer,
    markDirty,
    dismissMessage,
    showError,
    showInfo,
    requestSnapshot,
    guardUnsaved,
    openSessionFile,
    openAnyFile,
    challenge,
    startChallengeSession,
    newSession,
    openFromDialog,
    openRecentFile,
    save,
    saveAs,
    importCsvText,
    importCsvFromDialog,
    importDraft,
    importDialogError,
    lastImport,
    openImportDialog,
    closeImportDialog,
    requestNew,
    requestOpen,
    requestOpenRecent,
    requestImportCsv,
    requestClose,
    refreshRecent,
    clearRecent,
    autosave,
    checkRecovery,
    acceptRecovery,
    declineRecovery
  }
})
