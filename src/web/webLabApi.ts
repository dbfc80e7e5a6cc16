// `window.lab` in a plain browser. The same contract the Electron preload fulfils, with what a
// browser offers: a file picker to open, downloads to save, localStorage for recent files and
// crash recovery, keyboard shortcuts instead of a menu, and the trainer in a Web Worker.
import type {
  HostResult,
  LabApi,
  MenuCommand,
  OpenedFile,
  RecentFile,
  SavedFile,
  TrainerStatus,
  Unsubscribe
} from '../shared/protocol/labApi'
import {
  downloadFile,
  mimeTypeFor,
  pickTextFile,
  safeFileName,
  withExtension
} from './browserFiles'
import type { NameRequest } from './nameDialog'
import { menuCommandForKey } from './shortcuts'
import { createTextBlobMaker, type TextToBlob } from './textBlob'
import type { WebTrainerHost } from './webTrainerHost'
import { WebStorage } from './webStorage'

export interface WebLabApiOptions {
  window: Window
  /** null when the browser gives none (privacy mode). */
  storage: Storage | null
  trainer: WebTrainerHost
  versions: Record<string, string>
  now?: () => Date
  /** Asks for a session file's name (the Save dialog's stand-in); nameDialog.ts by default. */
  askName?: (request: NameRequest) => Promise<string | null>
  /** Encodes a download's text (a large one in a worker: textBlob.ts); on the page by default. */
  textToBlob?: TextToBlob
}

const SESSION_EXTENSION = 'nnlab'
const CHALLENGE_EXTENSION = 'nnlab-challenge'

function failure(message: string): { ok: false; message: string } {
  return { ok: false, message }
}

/** A listener set whose `add` returns the matching unsubscribe. */
class Listeners<T> {
  private readonly set = new Set<(value: T) => void>()
  add(listener: (value: T) => void): Unsubscribe {
    this.set.add(listener)
    return () => {
      this.set.delete(listener)
    }
  }
  emit(value: T): void {
    for (const listener of [...this.set]) listener(value)
  }
  get size(): number {
    return this.set.size
  }
}

export interface WebLabApi extends LabApi {
  /** Feeds onOpenFile listeners (the harness uses it; the browser itself never does). */
  emitOpenFile(file: HostResult<OpenedFile>): void
  /** Stops listening to the window (keyboard, beforeunload). */
  dispose(): void
}

export function createWebLabApi(options: WebLabApiOptions): WebLabApi {
  const { window: win, trainer } = options
  const doc = win.document
  const now = options.now ?? (() => new Date())
  // The dialog (and its styles) load with the first Save: not on the first screen.
  const askName =
    options.askName ??
    (async (request: NameRequest) => (await import('./nameDialog')).askFileName(doc, request))
  const storage = new WebStorage(options.storage)
  const textToBlob = options.textToBlob ?? createTextBlobMaker(() => null)
  // What the previous page left behind: offered once, whatever this page autosaves later.
  let pendingRecovery = storage.readRecovery()
  let dirty = false

  const menuListeners = new Listeners<MenuCommand>()
  const openFileListeners = new Listeners<HostResult<OpenedFile>>()
  const closeListeners = new Listeners<void>()

  const onKeyDown = (event: KeyboardEvent): void => {
    const command = menuCommandForKey(event)
    if (!command) return
    // Keep the browser's own Save Page / Open File / New Window from taking over.
    event.preventDefault()
    menuListeners.emit(command)
  }
  const onBeforeUnload = (event: BeforeUnloadEvent): void => {
    if (!dirty) return
    // The browser shows its own "Leave site?" prompt; it cannot wait for an in-app dialog.
    event.preventDefault()
    event.returnValue = ''
  }
  // An ordinary reload or close of a tab whose session has nothing unsaved is a normal close:
  // the recovery copy goes, so the next page does not offer to restore what is already safe.
  // With unsaved work (the browser asked "Leave site?" and the learner left) the copy stays.
  const onPageHide = (): void => {
    if (!dirty) storage.discardRecovery()
  }
  win.addEventListener('keydown', onKeyDown)
  win.addEventListener('beforeunload', onBeforeUnload)
  win.addEventListener('pagehide', onPageHide)

  async function pick(accept: string, what: string): Promise<HostResult<OpenedFile | null>> {
    try {
      return { ok: true, value: await pickTextFile(doc, accept) }
    } catch {
      return failure(`The browser could not read the ${what} you picked.`)
    }
  }

  async function download(name: string, data: Uint8Array | string): Promise<HostResult<SavedFile>> {
    try {
      downloadFile(
        doc,
        name,
        typeof data === 'string' ? await textToBlob(data, mimeTypeFor(name)) : data
      )
      return { ok: true, value: { path: name, name } }
    } catch {
      return failure(`The browser could not save ${name}.`)
    }
  }

  return {
    host: 'web',
    versions: { ...options.versions },

    onTrainerStatus(cb: (status: TrainerStatus) => void): Unsubscribe {
      return trainer.onStatus(cb)
    },
    async restartTrainer(): Promise<void> {
      trainer.restart()
    },
    whenTrainerListening: () => trainer.whenListening(),

    async openSession() {
      const result = await pick(
        `.${SESSION_EXTENSION},.${CHALLENGE_EXTENSION},application/json`,
        'session file'
      )
      if (result.ok && result.value) {
        const file = result.value
        storage.addRecent(file.path, file.name, file.text, now())
      }
      return result
    },
    async openSessionPath(path: string): Promise<HostResult<OpenedFile>> {
      const text = storage.recentText(path)
      if (text === null) {
        return failure(
          `The browser no longer has a copy of ${path}; use Open… to pick the file again.`
        )
      }
      storage.addRecent(path, path, text, now())
      return { ok: true, value: { path, name: path, text } }
    },
    async saveSession(request) {
      // A browser cannot write back to a file: Save and Save As both download a copy. The first
      // Save and every Save As ask for the name (a session's name is its file's name); a later
      // Save downloads under the name already chosen.
      const fallback = withExtension(safeFileName(request.suggestedName, 'session'), 'nnlab')
      let name: string
      if (request.saveAs || !request.path) {
        const current = safeFileName(request.path ?? fallback, fallback)
        const typed = await askName({
          title: 'Save session as',
          initial: current.replace(/\.nnlab$/i, ''),
          extension: SESSION_EXTENSION,
          hint: 'The browser saves a copy in your downloads; Open Recent keeps it here too.'
        })
        if (typed === null) return { ok: true, value: null }
        name = withExtension(safeFileName(typed, fallback), SESSION_EXTENSION)
      } else {
        name = withExtension(safeFileName(request.path, fallback), SESSION_EXTENSION)
      }
      const result = await download(name, request.text)
      if (result.ok) storage.addRecent(name, name, request.text, now())
      return result
    },
    async listRecent(): Promise<RecentFile[]> {
      return storage.listRecent()
    },
    async clearRecent(): Promise<void> {
      storage.clearRecent()
    },
    async autosave(text: string): Promise<void> {
      // Best effort: a full quota loses only the recovery copy, never the open session.
      storage.writeRecovery(text)
    },
    async takeRecovery(): Promise<string | null> {
      const text = pendingRecovery
      pendingRecovery = null
      return text
    },
    async discardRecovery(): Promise<void> {
      pendingRecovery = null
      storage.discardRecovery()
    },
    setDocumentState(state: { title: string; dirty: boolean }): void {
      dirty = state.dirty
      doc.title = state.dirty ? `• ${state.title}` : state.title
    },
    onOpenFile(cb) {
      return openFileListeners.add(cb)
    },
    onCloseRequest(cb) {
      // A tab's close cannot be held for an in-app answer; beforeunload covers unsaved work.
      return closeListeners.add(cb)
    },
    respondToClose(): void {
      // Nothing waits for an answer in the browser (see onCloseRequest).
    },

    async importDataset() {
      return pick('.csv,text/csv', 'data file')
    },
    async exportFile(request) {
      // No save dialog in a browser: the first filter's extension names the download.
      const extension = request.filters[0]?.extensions[0]
      const base = safeFileName(request.suggestedName, 'export')
      const name = extension ? withExtension(base, extension) : base
      return download(name, request.data)
    },
    async copyImageToClipboard(png: Uint8Array): Promise<HostResult<void>> {
      const clipboard = win.navigator.clipboard as Clipboard | undefined
      const ClipboardItemCtor = (win as Window & { ClipboardItem?: typeof ClipboardItem })
        .ClipboardItem
      if (!clipboard?.write || !ClipboardItemCtor) {
        return failure(
          "This browser can't copy images to the clipboard; use Export to save the PNG instead."
        )
      }
      try {
        const blob = new Blob([new Uint8Array(png)], { type: 'image/png' })
        await clipboard.write([new ClipboardItemCtor({ 'image/png': blob })])
        return { ok: true, value: undefined }
      } catch {
        return failure(
          'The browser did not allow copying the image to the clipboard; use Export to save the PNG instead.'
        )
      }
    },

    onMenuCommand(cb) {
      return menuListeners.add(cb)
    },

    emitOpenFile(file) {
      openFileListeners.emit(file)
    },
    dispose() {
      win.removeEventListener('keydown', onKeyDown)
      win.removeEventListener('beforeunload', onBeforeUnload)
      win.removeEventListener('pagehide', onPageHide)
    }
  }
}
