// The preload: the renderer's only door to the desktop. It exposes exactly `window.lab` (LabApi)
// through contextBridge, as narrow functions and `onX(cb) => unsubscribe` listeners; ipcRenderer
// and Electron objects never reach the page. It runs sandboxed, so it is bundled as CommonJS
// and imports nothing but `electron` and plain constants.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import {
  EVENT,
  INVOKE,
  SEND,
  type InvokeChannel,
  type SendChannel
} from '../shared/protocol/ipcChannels'
import type { ArgList, InvokeArg, InvokeResult, SendArg } from '../shared/protocol/ipcContract'
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

/** ipcRenderer.invoke typed by the contract (ipcContract.ts): the argument its schema accepts,
 *  the result its LabApi method promises. Main validates the argument again. */
function invoke<C extends InvokeChannel>(
  channel: C,
  ...args: ArgList<InvokeArg<C>>
): Promise<InvokeResult<C>> {
  return ipcRenderer.invoke(channel, ...args)
}

function send<C extends SendChannel>(channel: C, ...args: ArgList<SendArg<C>>): void {
  ipcRenderer.send(channel, ...args)
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
  restartTrainer: () => invoke(INVOKE.restartTrainer),

  openSession: () => invoke(INVOKE.openSession),
  openSessionPath: (path) => invoke(INVOKE.openSessionPath, path),
  saveSession: (request) => invoke(INVOKE.saveSession, request),
  listRecent: () => invoke(INVOKE.listRecent),
  clearRecent: () => invoke(INVOKE.clearRecent),
  autosave: (text) => invoke(INVOKE.autosave, text),
  takeRecovery: () => invoke(INVOKE.takeRecovery),
  discardRecovery: () => invoke(INVOKE.discardRecovery),
  setDocumentState: (state) => send(SEND.setDocumentState, state),
  onOpenFile: (cb) => listen<HostResult<OpenedFile>>(EVENT.openFile, cb),
  onCloseRequest: (cb) =>
    listen<void>(EVENT.closeRequest, () => {
      send(SEND.closeRequestReceived)
      cb()
    }),
  respondToClose: (allow) => send(SEND.respondToClose, allow),

  importDataset: () => invoke(INVOKE.importDataset),
  exportFile: (request) => invoke(INVOKE.exportFile, request),
  copyImageToClipboard: (png) => invoke(INVOKE.copyImageToClipboard, png),

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
  send(SEND.pageReady)
}
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', announcePageReady, { once: true })
} else {
  announcePageReady()
}
