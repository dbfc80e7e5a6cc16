// NN Lab's main process: app lifecycle and the one main window. Everything else lives in its own
// module: security rules (security.ts), app:// (protocol.ts), the menu (menu.ts), IPC groups
// (ipc/), file safety (files/), and the trainer process (training/).
import { join } from 'node:path'
import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  protocol,
  screen,
  session,
  type IpcMainEvent,
  type WebPreferences,
  type WebContents
} from 'electron'
import { EVENT } from '../shared/protocol/ipcChannels'
import type { MenuCommand, RecentFile } from '../shared/protocol/labApi'
import { CloseGuard, windowTitle } from './documentState'
import { removeOrphanedTemporaries } from './files/atomicWrite'
import { GrantedPaths } from './files/grantedPaths'
import { RecentFiles } from './files/recentFiles'
import { RecoveryStore } from './files/recoveryStore'
import type { Dialogs } from './ipc/dialogs'
import type { GuardOptions } from './ipc/guard'
import { registerExportHandlers } from './ipc/registerExportHandlers'
import {
  openPath,
  registerSessionHandlers,
  type SessionHandlerDeps
} from './ipc/registerSessionHandlers'
import { registerTrainerHandlers } from './ipc/registerTrainerHandlers'
import { registerWindowHandlers } from './ipc/registerWindowHandlers'
import { sessionPathFromArgv } from './launchArgs'
import { buildMenuTemplate } from './menu'
import { installAppProtocol, registerAppScheme } from './protocol'
import {
  APP_ENTRY_URL,
  isTrustedSender,
  lockDownSession,
  lockDownWebContents,
  secureWebPreferences
} from './security'
import { createElectronTrainerHost, TRAINER_SERVICE_NAME } from './training/electronTrainerHost'
import type { TrainerHost } from './training/trainerHost'
import { loadWindowState, MIN_SIZE, restoreBounds, saveWindowStateSync } from './windowState'

const APP_NAME = 'NN Lab'
/** How long the page has to acknowledge "may I close?" (its preload does so the moment the
 *  page's listener runs) before main asks natively: only a page that is hung or has no listener
 *  gets the native dialog. Once acknowledged, the page's own dialog waits for the learner. */
const CLOSE_ACK_TIMEOUT_MS = 3_000

const devServerUrl = (!app.isPackaged && process.env.ELECTRON_RENDERER_URL) || undefined
// Tests (and careful users) can keep NN Lab's data elsewhere.
if (process.env.NN_LAB_USER_DATA) app.setPath('userData', process.env.NN_LAB_USER_DATA)

registerAppScheme(protocol)

let mainWindow: BrowserWindow | null = null
let pageReady = false
let trainerHost: TrainerHost | null = null
const closeGuard = new CloseGuard()
let closeAnswerTimer: ReturnType<typeof setTimeout> | null = null
const appliedWebPreferences = new Map<number, WebPreferences>()
Object.assign(globalThis, { __nnlabWebPreferences: appliedWebPreferences })
/** Files the OS asked us to open before the page could receive them. */
const pendingOpens: string[] = []

const recent = new RecentFiles(join(app.getPath('userData'), 'recent-sessions.json'))
const recovery = new RecoveryStore(join(app.getPath('userData'), 'recovery'))
const windowStatePath = join(app.getPath('userData'), 'window-state.json')

function liveContents(): WebContents | null {
  if (!mainWindow || mainWindow.isDestroyed()) return null
  return mainWindow.webContents
}

function readyContents(): WebContents | null {
  return pageReady ? liveContents() : null
}

function sendMenuCommand(command: MenuCommand): void {
  liveContents()?.send(EVENT.menuCommand, command)
}

// ---- files from the OS (command line, second launch, macOS open-file, Open Recent) ----------

const dialogs: Dialogs = {
  // `dialog` is looked up at call time, so the desktop e2e suite can stub it in main.
  async openFile(options) {
    const result = mainWindow
      ? await dialog.showOpenDialog(mainWindow, options)
      : await dialog.showOpenDialog(options)
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths[0]
  },
  async saveFile(options) {
    const result = mainWindow
      ? await dialog.showSaveDialog(mainWindow, options)
      : await dialog.showSaveDialog(options)
    return result.canceled || !result.filePath ? null : result.filePath
  }
}

/** Paths the user chose; the page may open or save in place only these (see grantedPaths.ts). */
const granted = new GrantedPaths()

const sessionDeps: SessionHandlerDeps = {
  dialogs,
  granted,
  recent,
  recovery,
  defaultFolder: () => app.getPath('documents'),
  recentChanged: (list) => installMenu(list)
}

async function deliverPendingOpens(): Promise<void> {
  while (pendingOpens.length > 0 && readyContents()) {
    const path = pendingOpens.shift()!
    const result = await openPath(sessionDeps, path, true)
    readyContents()?.send(EVENT.openFile, result)
  }
}

function openFromOs(path: string): void {
  granted.grant(path)
  pendingOpens.push(path)
  void deliverPendingOpens()
}

// ---- menu -------------------------------------------------------------------------------------

function showAbout(): void {
  const detail = [
    `Version ${app.getVersion()}`,
    `Electron ${process.versions.electron}`,
    `Chromium ${process.versions.chrome}`,
    `Node.js ${process.versions.node}`,
    `V8 ${process.versions.v8}`
  ].join('\n')
  const options = {
    type: 'info' as const,
    title: `About ${APP_NAME}`,
    message: `${APP_NAME}: a visual lab for learning how neural networks work from scratch.`,
    detail
  }
  void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options))
}

function installMenu(list: RecentFile[]): void {
  const template = buildMenuTemplate(
    { platform: process.platform, isDev: Boolean(devServerUrl), appName: APP_NAME, recent: list },
    {
      send: sendMenuCommand,
      openRecent: (path) => openFromOs(path),
      clearRecent: () => {
        void recent.clear().then(() => installMenu([]))
      },
      showAbout
    }
  )
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}

// ---- window -------------------------------------------------------------------------------------

async function askNativelyToClose(): Promise<void> {
  if (!mainWindow || !closeGuard.waitingForAnswer) return
  const { response } = await dialog.showMessageBox(mainWindow, {
    type: 'warning',
    buttons: ['Close Without Saving', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'This session has unsaved changes.',
    detail: 'The lab did not answer; close anyway and lose the changes since the last save?'
  })
  respondToClose(response === 0)
}

function respondToClose(allow: boolean): void {
  if (closeAnswerTimer) clearTimeout(closeAnswerTimer)
  closeAnswerTimer = null
  const next = closeGuard.answer(allow)
  if (next === 'quit') app.quit()
  else if (next === 'close') mainWindow?.close()
}

async function createMainWindow(): Promise<void> {
  const saved = await loadWindowState(windowStatePath)
  const { bounds, maximized } = restoreBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea)
  )
  const webPreferences = secureWebPreferences(join(__dirname, '../preload/index.js'))
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: APP_NAME,
    backgroundColor: '#ffffff',
    webPreferences
  })
  mainWindow = window
  // Main-process only, read by the desktop e2e suite: Electron has no public getter for a
  // window's webPreferences, and the suite must check the ones each window really got.
  appliedWebPreferences.set(window.webContents.id, webPreferences)
  lockDownWebContents(window.webContents, devServerUrl)

  window.once('ready-to-show', () => {
    if (maximized) window.maximize()
    window.show()
  })
  window.webContents.on('did-start-loading', () => {
    pageReady = false
  })
  // A crashed page is reloaded; its last autosave is offered again (takeRecovery) so the work
  // since the last save comes back. The trainer process is not affected.
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    void recovery.loadLeftover().then(() => {
      if (!window.isDestroyed()) window.webContents.reload()
    })
  })
  window.on('close', (event) => {
    saveWindowStateSync(windowStatePath, {
      bounds: window.getNormalBounds(),
      maximized: window.isMaximized()
    })
    if (closeGuard.attempt() === 'close') return
    event.preventDefault()
    window.webContents.send(EVENT.closeRequest)
    if (closeAnswerTimer) clearTimeout(closeAnswerTimer)
    closeAnswerTimer = setTimeout(() => {
      closeAnswerTimer = null
      void askNativelyToClose()
    }, CLOSE_ACK_TIMEOUT_MS)
  })
  window.on('closed', () => {
    mainWindow = null
    pageReady = false
  })

  await window.loadURL(devServerUrl ?? APP_ENTRY_URL)
}

function focusMainWindow(): void {
  if (!mainWindow) return
  if (mainWindow.isMinimized()) mainWindow.restore()
  mainWindow.show()
  mainWindow.focus()
}

// ---- IPC --------------------------------------------------------------------------------------

function registerIpc(): void {
  const guard: GuardOptions = {
    // Only the main window's own top frame may call.
    isTrustedSender: (frame) =>
      Boolean(frame && mainWindow && frame === mainWindow.webContents.mainFrame) &&
      isTrustedSender(frame, devServerUrl),
    log: (message) => console.warn(`[nn-lab] ${message}`)
  }
  registerTrainerHandlers(ipcMain, guard, { restartTrainer: () => trainerHost?.restart() })
  registerSessionHandlers(ipcMain, guard, sessionDeps)
  registerExportHandlers(ipcMain, guard, {
    dialogs,
    defaultFolder: () => app.getPath('documents'),
    writeImageToClipboard: async (png) => {
      // Decoding first rejects bytes that merely start like a PNG.
      if (nativeImage.createFromBuffer(Buffer.from(png)).isEmpty()) return false
      await clipboard.write([new ClipboardItem({ 'image/png': new Blob([Buffer.from(png)]) })])
      return true
    }
  })
  registerWindowHandlers(ipcMain, guard, {
    setDocumentState: (state) => {
      closeGuard.dirty = state.dirty
      if (!mainWindow) return
      mainWindow.setTitle(windowTitle(state, process.platform, APP_NAME))
      if (process.platform === 'darwin') mainWindow.setDocumentEdited(state.dirty)
    },
    respondToClose: (allow) => respondToClose(allow),
    closeRequestReceived: () => {
      if (closeAnswerTimer) clearTimeout(closeAnswerTimer)
      closeAnswerTimer = null
    },
    pageReady: (event: IpcMainEvent) => {
      if (event.sender !== liveContents()) return
      pageReady = true
      if (trainerHost) {
        event.sender.send(EVENT.trainerStatus, trainerHost.currentStatus)
        trainerHost.connectRenderer()
      }
      void deliverPendingOpens()
    }
  })
}

// ---- lifecycle ----------------------------------------------------------------------------------

if (!app.requestSingleInstanceLock()) {
  // Another NN Lab is running: it gets our command line (second-instance) and we leave.
  app.quit()
} else {
  const firstPath = sessionPathFromArgv(process.argv, process.cwd())
  if (firstPath) openFromOs(firstPath)

  app.on('second-instance', (_event, argv, workingDirectory) => {
    focusMainWindow()
    const path = sessionPathFromArgv(argv, workingDirectory)
    if (path) openFromOs(path)
  })

  // macOS: double-clicked .nnlab files arrive here (also before ready).
  app.on('open-file', (event, path) => {
    event.preventDefault()
    openFromOs(path)
  })

  app.on('child-process-gone', (_event, details) => {
    if (details.type === 'Utility' && details.serviceName === TRAINER_SERVICE_NAME) {
      trainerHost?.noteGone(details.reason)
    }
  })

  app.on('before-quit', () => {
    closeGuard.quitting = true
  })

  app.on('window-all-closed', () => {
    app.quit()
  })

  app.on('will-quit', () => {
    trainerHost?.dispose()
    // An orderly quit: the user saved or chose to discard, so no recovery copy is left behind.
    recovery.discardSync()
  })

  app
    .whenReady()
    .then(async () => {
      lockDownSession(session.defaultSession, devServerUrl)
      installAppProtocol(protocol, join(__dirname, '../renderer'))
      await recovery.loadLeftover()
      const recentList = await recent.list()
      installMenu(recentList)
      // Temporary files that saves killed mid-write left beside the recent sessions.
      for (const item of recentList) void removeOrphanedTemporaries(item.path)
      registerIpc()
      trainerHost = createElectronTrainerHost(readyContents)
      trainerHost.start()
      await createMainWindow()
    })
    .catch((error: unknown) => {
      dialog.showErrorBox(APP_NAME, `NN Lab could not start: ${String(error)}`)
      app.exit(1)
    })
}
