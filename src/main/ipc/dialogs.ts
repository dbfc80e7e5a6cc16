// The dialogs the handlers need, as a narrow interface: Electron's dialog in the app (looked up
// at call time so the desktop e2e suite can stub it in the main process), fakes in unit tests.
import type { OpenDialogOptions, SaveDialogOptions } from 'electron'

export interface Dialogs {
  /** The chosen path, or null when cancelled. */
  openFile(options: OpenDialogOptions): Promise<string | null>
  saveFile(options: SaveDialogOptions): Promise<string | null>
}

export const SESSION_FILTERS = [
  { name: 'NN Lab session or challenge', extensions: ['nnlab', 'nnlab-challenge'] },
  { name: 'All files', extensions: ['*'] }
]

export const CSV_FILTERS = [
  { name: 'CSV dataset', extensions: ['csv', 'txt'] },
  { name: 'All files', extensions: ['*'] }
]
