// `window.lab`: the renderer's only door to the outside world. The Electron preload implements
// it over IPC; src/web implements it in a plain browser (Web Worker trainer, file pickers).
//
// The trainer itself is reached over a MessagePort, not through this API: the host posts
// `{ type: TRAINER_PORT_MESSAGE }` to the window with the port in `event.ports[0]` whenever a
// (new) trainer is ready. See src/renderer/src/composables/useTrainerPort.ts.

import type { z } from 'zod'
import type {
  documentStateSchema,
  exportFileSchema,
  fileFilterSchema,
  saveSessionSchema
} from './ipcSchemas'

export const TRAINER_PORT_MESSAGE = 'nnlab:trainer-port'

export type Unsubscribe = () => void

/** Commands the application menu (and its accelerators) sends to the renderer. */
export type MenuCommand =
  | 'new-session'
  | 'open-session'
  | 'save-session'
  | 'save-session-as'
  | 'import-csv'
  | 'export-figure-boundary'
  | 'export-figure-loss'
  | 'export-figure-accuracy'
  | 'export-figure-activations'
  | 'export-figure-network'
  | 'export-figure-combined'
  | 'export-numpy'
  | 'export-notebook'
  | 'export-torch'
  | 'export-weights-json'
  | 'export-data-csv'
  | 'export-history-csv'
  | 'train-toggle'
  | 'train-step'
  | 'train-reset'
  /** Compare runs: pin the lab's run (stores/compare.ts pinCurrent). */
  | 'pin-run'
  /** Sweeps: open the Sweep dialog (components/sweep/SweepDialog.vue). */
  | 'open-sweep'
  | 'open-challenge'
  | 'make-challenge'
  /** Starts a shipped challenge: `start-challenge:` + its id (src/shared/challenge/shipped.ts). */
  | `start-challenge:${string}`

export interface TrainerStatus {
  state: 'starting' | 'ready' | 'crashed' | 'restarting'
  /** A sentence for the learner, e.g. "Training stopped unexpectedly; your session is safe." */
  message?: string
}

/** A file the user picked or dropped, read by the host. */
export interface OpenedFile {
  /** Absolute path on the desktop; the file name in the browser. */
  path: string
  /** Display name without folders. */
  name: string
  text: string
}

export interface SavedFile {
  path: string
  name: string
}

/** Every host call that can fail resolves to this instead of throwing. */
export type HostResult<T> = { ok: true; value: T } | { ok: false; message: string }

export interface RecentFile {
  path: string
  name: string
  openedAt: string
}

// Request payloads are their schemas' types (ipcSchemas.ts): main validates exactly these.
export type FileFilter = z.infer<typeof fileFilterSchema>
export type SaveSessionRequest = z.infer<typeof saveSessionSchema>
export type ExportFileRequest = z.infer<typeof exportFileSchema>
export type DocumentState = z.infer<typeof documentStateSchema>

export interface LabApi {
  readonly host: 'electron' | 'web'
  readonly versions: Record<string, string>

  // Trainer lifecycle (the port itself arrives by window message, see above)
  onTrainerStatus(cb: (status: TrainerStatus) => void): Unsubscribe
  /** Ask the host to (re)start the trainer; a new port follows. */
  restartTrainer(): Promise<void>
  /** The browser host: resolves when the app may mount without holding up the trainer worker's
   *  first run (see web/webTrainerHost.ts, whenListening). Absent (Electron: the trainer is a
   *  process of its own): mount at once. */
  whenTrainerListening?(): Promise<void>

  // Session files (.nnlab). The renderer parses and validates with src/shared/session.
  /** Show an Open dialog; null when cancelled. */
  openSession(): Promise<HostResult<OpenedFile | null>>
  /** Open a known path (Open Recent). */
  openSessionPath(path: string): Promise<HostResult<OpenedFile>>
  /** Write atomically (previous version kept as .bak). path null or saveAs → Save dialog. */
  saveSession(request: SaveSessionRequest): Promise<HostResult<SavedFile | null>>
  listRecent(): Promise<RecentFile[]>
  clearRecent(): Promise<void>
  /** Keep a crash-recovery copy of the open session (every few seconds while it changes). */
  autosave(text: string): Promise<void>
  /** A recovery copy left by a crash, once, or null. */
  takeRecovery(): Promise<string | null>
  /** Clear the recovery copy (after a clean save, or when the user declines to restore). */
  discardRecovery(): Promise<void>
  /** Window title and unsaved-changes mark; the host asks before closing when dirty. */
  setDocumentState(state: DocumentState): void
  /** Files the host wants opened: dropped on the window, given on the command line, recent menu. */
  onOpenFile(cb: (file: HostResult<OpenedFile>) => void): Unsubscribe
  /** The host asks whether it may close (unsaved changes): answer with respondToClose. */
  onCloseRequest(cb: () => void): Unsubscribe
  respondToClose(allow: boolean): void

  // Other files
  /** Read a dataset CSV chosen with a dialog; null when cancelled. */
  importDataset(): Promise<HostResult<OpenedFile | null>>
  /** Save bytes (PNG) or text (script, CSV, JSON) with a Save dialog; null when cancelled. */
  exportFile(request: ExportFileRequest): Promise<HostResult<SavedFile | null>>
  copyImageToClipboard(png: Uint8Array): Promise<HostResult<void>>

  // Menu
  onMenuCommand(cb: (command: MenuCommand) => void): Unsubscribe
}

declare global {
  interface Window {
    lab: LabApi
  }
}
