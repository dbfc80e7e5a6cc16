// The main process's glue, driven with a stand-in `electron` module (the real binary cannot run
// here): startup order, the window's settings, the trainer port handshake, crash restart, the
// unsaved-changes close handshake, menu commands and the title.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { EVENT, INVOKE, SEND } from '../shared/protocol/ipcChannels'

const userData = mkdtempSync(join(tmpdir(), 'nnlab-main-'))

const fake = vi.hoisted(() => {
  // Built inside vi.hoisted so the electron mock below can use it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EventEmitter: Emitter } = require('node:events') as typeof import('node:events')
  const state = {
    windows: [] as FakeWindow[],
    forks: [] as FakeChild[],
    menus: [] as unknown[],
    handlers: new Map<string, (...args: unknown[]) => unknown>(),
    listeners: new Map<string, (...args: unknown[]) => void>(),
    privileged: [] as unknown[],
    protocolHandlers: [] as string[],
    quitCalls: 0,
    readyResolve: (() => {}) as () => void,
    userData: ''
  }
  class FakeWebContents extends Emitter {
    id = 1
    mainFrame = { url: 'app://nnlab/index.html', parent: null }
    sent: [string, unknown][] = []
    posted: [string, unknown[]][] = []
    windowOpenHandler: unknown = null
    setWindowOpenHandler(handler: unknown) {
      this.windowOpenHandler = handler
    }
    send(channel: string, payload?: unknown) {
      this.sent.push([channel, payload])
    }
    postMessage(channel: string, _message: unknown, ports: unknown[]) {
      this.posted.push([channel, ports])
    }
    isDestroyed() {
      return false
    }
  }
  class FakeWindow extends Emitter {
    webContents = new FakeWebContents()
    title = ''
    loaded: string | null = null
    closeCalls = 0
    shown = false
    constructor(public options: Record<string, unknown>) {
      super()
      state.windows.push(this)
    }
    async loadURL(url: string) {
      this.loaded = url
    }
    show() {
      this.shown = true
    }
    maximize() {}
    focus() {}
    restore() {}
    isMinimized() {
      return false
    }
    isMaximized() {
      return false
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 820 }
    }
    setTitle(title: string) {
      this.title = title
    }
    setDocumentEdited() {}
    isDestroyed() {
      return false
    }
    close() {
      this.closeCalls++
    }
  }
  class FakeChild extends Emitter {
    killed = false
    posted: unknown[] = []
    constructor(
      public modulePath: string,
      public args: string[],
      public options: Record<string, unknown>
    ) {
      super()
    }
    postMessage(message: unknown, ports: unknown[]) {
      this.posted.push([message, ports])
    }
    kill() {
      this.killed = true
      return true
    }
  }
  const ready = new Promise<void>((resolve) => (state.readyResolve = resolve))
  const electron = {
    app: Object.assign(new Emitter(), {
      isPackaged: true,
      getPath: (name: string) => (name === 'userData' ? state.userData : state.userData),
      setPath: (_name: string, value: string) => (state.userData = value),
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: () => true,
      whenReady: () => ready,
      quit: () => state.quitCalls++,
      exit: () => {},
      getAppMetrics: () => []
    }),
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => state.privileged.push(...schemes),
      handle: (scheme: string) => state.protocolHandlers.push(scheme)
    },
    BrowserWindow: FakeWindow,
    Menu: {
      buildFromTemplate: (template: unknown) => template,
      setApplicationMenu: (menu: unknown) => state.menus.push(menu)
    },
    ipcMain: {
      handle: (channel: string, listener: (...args: unknown[]) => unknown) =>
        state.handlers.set(channel, listener),
      on: (channel: string, listener: (...args: unknown[]) => void) =>
        state.listeners.set(channel, listener)
    },
    dialog: {
      showMessageBox: async () => ({ response: 1 }),
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showErrorBox: () => {}
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        webRequest: { onHeadersReceived: () => {} }
      }
    },
    MessageChannelMain: class {
      port1 = { name: 'trainer end' }
      port2 = { name: 'renderer end' }
    },
    utilityProcess: {
      fork: (modulePath: string, args: string[], options: Record<string, unknown>) => {
        const child = new FakeChild(modulePath, args, options)
        state.forks.push(child)
        return child
      }
    },
    clipboard: { write: async () => {} },
    ClipboardItem: class {},
    nativeImage: { createFromBuffer: () => ({ isEmpty: () => false }) }
  }
  return { state, electron }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))
vi.mock('./training/trainer.worker?modulePath', () => ({ default: '/out/main/trainer.worker.js' }))
vi.mock('../shared/engine/kernelHelper?modulePath', () => ({
  default: '/out/main/kernelHelper.js'
}))
vi.mock('./training/sweep.thread?modulePath', () => ({ default: '/out/main/sweep.thread.js' }))

type MenuItem = { label?: string; submenu?: MenuItem[]; click?: () => void }

function menuItem(...labels: string[]): MenuItem {
  let items = fake.state.menus.at(-1) as MenuItem[]
  let found: MenuItem | undefined
  for (const label of labels) {
    found = items.find((item) => item.label === label)
    if (!found) throw new Error(`no menu item ${labels.join(' › ')}`)
    items = found.submenu ?? []
  }
  return found!
}

const window = () => fake.state.windows[0]
const contents = () => window().webContents
const sendFromPage = (channel: string, payload?: unknown) =>
  fake.state.listeners.get(channel)!(
    { senderFrame: contents().mainFrame, sender: contents() },
    payload
  )

beforeAll(async () => {
  process.env.NN_LAB_USER_DATA = userData
  await import('./index')
  fake.state.readyResolve()
  await vi.waitFor(() => expect(window()?.loaded).toBeTruthy())
})

afterAll(() => {
  delete process.env.NN_LAB_USER_DATA
  rmSync(userData, { recursive: true, force: true })
})

describe('main process startup', () => {
  it('registers app:// before ready and serves the UI from it', () => {
    expect(fake.state.privileged).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true })
      })
    ])
    expect(fake.state.protocolHandlers).toEqual(['app'])
    expect(window().loaded).toBe('app://nnlab/index.html')
  })

  it('opens one hidden window at 1280×820 (min 1024×700) with the secure preferences', () => {
    expect(fake.state.windows).toHaveLength(1)
    expect(window().options).toMatchObject({
      width: 1280,
      height: 820,
      minWidth: 1024,
      minHeight: 700,
      show: false
    })
    expect(window().options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false
    })
    expect(window().shown).toBe(false)
    window().emit('ready-to-show')
    expect(window().shown).toBe(true)
  })

  it('registers every IPC channel', () => {
    expect([...fake.state.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort())
    expect([...fake.state.listeners.keys()].sort()).toEqual(Object.values(SEND).sort())
  })

  it('forks the trainer and hands out a port only once both sides are ready', () => {
    const [child] = fake.state.forks
    expect(child.modulePath).toBe('/out/main/trainer.worker.js')
    // The trainer learns where its kernel helper threads' and sweep threads' bundles are.
    expect(child.args).toEqual([
      '--kernel-helper=/out/main/kernelHelper.js',
      '--sweep-thread=/out/main/sweep.thread.js'
    ])
    expect(child.options).toMatchObject({ serviceName: 'NN Lab trainer' })
    child.emit('message', { type: 'worker-ready' })
    expect(contents().posted).toEqual([]) // the page has not said it is ready
    sendFromPage(SEND.pageReady)
    expect(contents().posted).toEqual([[EVENT.trainerPort, [{ name: 'renderer end' }]]])
    expect(child.posted).toEqual([[{ type: 'connect' }, [{ name: 'trainer end' }]]])
    expect(contents().sent).toContainEqual([EVENT.trainerStatus, { state: 'ready' }])
  })

  it('says so in words when the trainer dies and restarts it', async () => {
    fake.state.forks[0].emit('exit', 9)
    expect(contents().sent).toContainEqual([
      EVENT.trainerStatus,
      { state: 'crashed', message: 'Training stopped unexpectedly; your session is safe.' }
    ])
    await vi.waitFor(() => expect(fake.state.forks).toHaveLength(2), { timeout: 2000 })
    fake.state.forks[1].emit('message', { type: 'worker-ready' })
    expect(contents().posted).toHaveLength(2)
  })

  it('sends menu items to the page as MenuCommands', () => {
    menuItem('File', 'Save').click!()
    menuItem('Train', 'Step One Epoch').click!()
    expect(contents().sent.slice(-2)).toEqual([
      [EVENT.menuCommand, 'save-session'],
      [EVENT.menuCommand, 'train-step']
    ])
  })

  it('waits for the learner as long as they take once the page acknowledges the close', async () => {
    const ask = vi.spyOn(fake.electron.dialog, 'showMessageBox')
    vi.useFakeTimers()
    try {
      sendFromPage(SEND.setDocumentState, { title: 'spiral', dirty: true })
      window().emit('close', { preventDefault: () => {} })
      sendFromPage(SEND.closeRequestReceived)
      await vi.advanceTimersByTimeAsync(10 * 60_000) // ten minutes at the page's dialog
      expect(ask).not.toHaveBeenCalled()
      const closes = window().closeCalls
      sendFromPage(SEND.respondToClose, false) // the learner chose Cancel
      expect(window().closeCalls).toBe(closes)
    } finally {
      vi.useRealTimers()
      ask.mockRestore()
    }
  })

  it('asks natively only when the page does not acknowledge (hung, or no listener)', async () => {
    const ask = vi.spyOn(fake.electron.dialog, 'showMessageBox')
    vi.useFakeTimers()
    try {
      sendFromPage(SEND.setDocumentState, { title: 'spiral', dirty: true })
      window().emit('close', { preventDefault: () => {} })
      await vi.advanceTimersByTimeAsync(2_000)
      expect(ask).not.toHaveBeenCalled()
      await vi.advanceTimersByTimeAsync(1_000)
      expect(ask).toHaveBeenCalledTimes(1)
      await vi.advanceTimersByTimeAsync(60_000)
      expect(ask).toHaveBeenCalledTimes(1) // one native dialog, never a second
      // Its Cancel (the fake answers 1) keeps the window open.
      expect(window().closeCalls).toBe(0)
    } finally {
      vi.useRealTimers()
      ask.mockRestore()
    }
  })

  it('titles the window and asks the page before closing with unsaved changes', () => {
    sendFromPage(SEND.setDocumentState, { title: 'spiral', dirty: true })
    expect(window().title).toBe(
      process.platform === 'darwin' ? 'spiral — NN Lab' : '*spiral — NN Lab'
    )
    let prevented = false
    window().emit('close', { preventDefault: () => (prevented = true) })
    expect(prevented).toBe(true)
    expect(contents().sent.at(-1)).toEqual([EVENT.closeRequest, undefined])
    sendFromPage(SEND.respondToClose, false)
    expect(window().closeCalls).toBe(0)
    window().emit('close', { preventDefault: () => {} })
    sendFromPage(SEND.respondToClose, true)
    expect(window().closeCalls).toBe(1)
    // The close that follows the answer goes through.
    let preventedAgain = false
    window().emit('close', { preventDefault: () => (preventedAgain = true) })
    expect(preventedAgain).toBe(false)
  })

  it('saves the window bounds synchronously on close, leaving no temp file', async () => {
    const { readdirSync, readFileSync } = await import('node:fs')
    window().emit('close', { preventDefault: () => {} })
    expect(JSON.parse(readFileSync(join(userData, 'window-state.json'), 'utf8'))).toEqual({
      bounds: { x: 0, y: 0, width: 1280, height: 820 },
      maximized: false
    })
    expect(readdirSync(userData).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('kills the trainer on quit', () => {
    fake.electron.app.emit('will-quit')
    expect(fake.state.forks[1].killed).toBe(true)
  })
})
