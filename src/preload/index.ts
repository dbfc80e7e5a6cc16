// The preload: the renderer's only door to the desktop. It exposes exactly `window.lab` (LabApi)
// through contextBridge, as narrow functions and `onX(cb) => unsubscribe` listeners; ipcRenderer
// and Electron objects never reach the page. It runs sandboxed, so it is bundled as CommonJS
// and imports nothing but `electron` and plain constants.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { EVENT, INVOKE, SEND } from '../shared/protocol/ipcChannels'
import {
  TRAINER_PORT_MESSAGE,
  type HostResult,
  type LabApi,
  type MenuCommand,
  type OpenedFile,
  type TrainerStatus,
  type Unsubscribe
} from '../shared/protocol/labApi'

/** Subscribes `cb` to a main → renderer channel, passing only the payload (never the event). */
function listen<T>(channel: string, cb: (payload: T) => void): Unsubscribe {
  const listener = (_event: IpcRendererEvent, payload: T): void => cb(payload)
  ipcRenderer.on(channel, listener)
  return () => {
    ipcRenderer.removeListener(channel, listener)
  }
}

declare const __NNLAB_VERSION__: string

const versions: Record<string, string> = {
  app: __NNLAB_VERSION__,
  electron: process.versions.electron ?? '',
  chrome: process.versions.chrome ?? '',
  node: process.versions.node ?? '',
  v8: process.versions.v8 ?? ''
}

const lab: LabApi = {
  host: 'electron',
  versions,

  onTrainerStatus: (cb) => listen<TrainerStatus>(EVENT.trainerStatus, cb),
  restartTrainer: () => ipcRenderer.invoke(INVOKE.restartTrainer),

  openSession: () => ipcRenderer.invoke(INVOKE.openSession),
  openSessionPath: (path) => ipcRenderer.invoke(INVOKE.openSessionPath, path),
  saveSession: (request) => ipcRenderer.invoke(INVOKE.saveSession, request),
  listRecent: () => ipcRenderer.invoke(INVOKE.listRecent),
  clearRecent: () => ipcRenderer.invoke(INVOKE.clearRecent),
  autosave: (text) => ipcRenderer.invoke(INVOKE.autosave, text),
  takeRecovery: () => ipcRenderer.invoke(INVOKE.takeRecovery),
  discardRecovery: () => ipcRenderer.invoke(INVOKE.discardRecovery),
  setDocumentState: (state) => ipcRenderer.send(SEND.setDocumentState, state),
  onOpenFile: (cb) => listen<HostResult<OpenedFile>>(EVENT.openFile, cb),
  onCloseRequest: (cb) =>
    listen<void>(EVENT.closeRequest, () => {
      ipcRenderer.send(SEND.closeRequestReceived)
      cb()
    }),
  respondToClose: (allow) => ipcRenderer.send(SEND.respondToClose, allow),

  importDataset: () => ipcRenderer.invoke(INVOKE.importDataset),
  exportFile: (request) => ipcRenderer.invoke(INVOKE.exportFile, request),
  copyImageToClipboard: (png) => ipcRenderer.invoke(INVOKE.copyImageToClipboard, png),

  onMenuCommand: (cb) => listen<MenuCommand>(EVENT.menuCommand, cb)
}

contextBridge.exposeInMainWorld('lab', lab)

// Trainer ports: main posts one per (re)start and per page load. The page listens for window
// messages (useTrainerPort), so forward each port there; the transfer moves it into the page.
ipcRenderer.on(EVENT.trainerPort, (event) => {
  const port = event.ports[0]
  if (port) window.postMessage({ type: TRAINER_PORT_MESSAGE }, '*', [port])
})

// Ask for a port once the page's scripts have run (module scripts finish before
// DOMContentLoaded), so the page's listener is in place when the port arrives.
function announcePageReady(): void {
  ipcRenderer.send(SEND.pageReady)
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', announcePageReady, { once: true })
} else {
  announcePageReady()
}
