import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { INVOKE, SEND } from '../../shared/protocol/ipcChannels'
import type { HostResult, RecentFile } from '../../shared/protocol/labApi'
import { RecentFiles } from '../files/recentFiles'
import { RecoveryStore } from '../files/recoveryStore'
import { isTrustedSender } from '../security'
import type { Dialogs } from './dialogs'
import { UNTRUSTED_MESSAGE, type IpcMainLike } from './guard'
import { registerExportHandlers } from './registerExportHandlers'
import { registerSessionHandlers } from './registerSessionHandlers'
import { registerTrainerHandlers } from './registerTrainerHandlers'
import { registerWindowHandlers } from './registerWindowHandlers'

type Invoke = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
type Listener = (event: IpcMainEvent, ...args: unknown[]) => void

const APP_FRAME = { url: 'app://nnlab/index.html', parent: null } as unknown as WebFrameMain
const STRANGER = { url: 'https://example.com/', parent: null } as unknown as WebFrameMain
const PNG = new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13])

let dir: string
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-ipc-'))
})
afterEach(() => rmSync(dir, { recursive: true, force: true }))

function setup() {
  const handlers = new Map<string, Invoke>()
  const listeners = new Map<string, Listener>()
  const ipc: IpcMainLike = {
    handle: (channel, listener) => {
      if (handlers.has(channel)) throw new Error(`twice: ${channel}`)
      handlers.set(channel, listener)
    },
    on: (channel, listener) => listeners.set(channel, listener)
  }
  const logs: string[] = []
  const guard = {
    isTrustedSender: (frame: WebFrameMain | null | undefined) => isTrustedSender(frame),
    log: (m: string) => logs.push(m)
  }
  const answers = { open: null as string | null, save: null as string | null }
  const dialogCalls: string[] = []
  const dialogs: Dialogs = {
    openFile: async (options) => {
      dialogCalls.push(`open:${options.title}`)
      return answers.open
    },
    saveFile: async (options) => {
      dialogCalls.push(`save:${options.defaultPath}`)
      return answers.save
    }
  }
  const recent = new RecentFiles(join(dir, 'recent.json'))
  const recovery = new RecoveryStore(join(dir, 'recovery'))
  const menus: RecentFile[][] = []
  let restarts = 0
  const clipboard: Uint8Array[] = []
  const windowCalls: unknown[] = []
  registerTrainerHandlers(ipc, guard, { restartTrainer: () => restarts++ })
  registerSessionHandlers(ipc, guard, {
    dialogs,
    recent,
    recovery,
    defaultFolder: () => dir,
    recentChanged: (list) => menus.push(list)
  })
  registerExportHandlers(ipc, guard, {
    dialogs,
    defaultFolder: () => dir,
    writeImageToClipboard: async (png) => {
      clipboard.push(png)
      return true
    }
  })
  registerWindowHandlers(ipc, guard, {
    setDocumentState: (state) => windowCalls.push(['state', state]),
    respondToClose: (allow) => windowCalls.push(['close', allow]),
    closeRequestReceived: () => windowCalls.push(['close-ack', null]),
    pageReady: () => windowCalls.push(['ready'])
  })
  const invoke = (channel: string, frame: WebFrameMain, ...args: unknown[]) =>
    handlers.get(channel)!(
      { senderFrame: frame } as IpcMainInvokeEvent,
      ...args
    ) as Promise<unknown>
  const send = (channel: string, frame: WebFrameMain, ...args: unknown[]) =>
    listeners.get(channel)!({ senderFrame: frame } as IpcMainEvent, ...args)
  return {
    handlers,
    listeners,
    invoke,
    send,
    answers,
    dialogCalls,
    recovery,
    menus,
    clipboard,
    windowCalls,
    logs,
    restarts: () => restarts
  }
}

/** Arguments no handler may accept. */
const GARBAGE: unknown[] = [
  null,
  42,
  'x'.repeat(10),
  { __proto__: { text: 'inherited' } },
  { text: 1, path: null, suggestedName: 'a', saveAs: false },
  { text: 'ok', path: 7, suggestedName: 'a', saveAs: false },
  { text: 'ok', path: null, suggestedName: '../../evil', saveAs: false },
  { suggestedName: 'a.png', filters: [{ name: 'PNG', extensions: ['p/ng'] }], data: 'x' },
  { suggestedName: 'a.png', filters: [], data: 12 },
  new Uint8Array([1, 2, 3]),
  ['array'],
  { title: 5, dirty: 'yes' }
]

describe('IPC handlers', () => {
  it('registers one handler per LabApi channel', () => {
    const t = setup()
    expect([...t.handlers.keys()].sort()).toEqual(Object.values(INVOKE).sort())
    expect([...t.listeners.keys()].sort()).toEqual(Object.values(SEND).sort())
  })

  it('refuses every channel from a frame that is not the app’s', async () => {
    const t = setup()
    for (const channel of Object.values(INVOKE)) {
      expect(await t.invoke(channel, STRANGER, 'anything')).toEqual({
        ok: false,
        message: UNTRUSTED_MESSAGE
      })
    }
    const child = { url: 'app://nnlab/index.html', parent: APP_FRAME } as unknown as WebFrameMain
    expect(await t.invoke(INVOKE.restartTrainer, child)).toMatchObject({ ok: false })
    for (const channel of Object.values(SEND))
      t.send(channel, STRANGER, { title: 'x', dirty: true })
    expect(t.windowCalls).toEqual([])
    expect(t.restarts()).toBe(0)
    expect(t.dialogCalls).toEqual([])
  })

  it('answers bad payloads on every channel with { ok: false, message } and never throws', async () => {
    const t = setup()
    for (const channel of Object.values(INVOKE)) {
      for (const argument of GARBAGE) {
        // Any string is a valid autosave (the renderer validates sessions itself).
        if (channel === INVOKE.autosave && typeof argument === 'string') continue
        const result = (await t.invoke(channel, APP_FRAME, argument)) as HostResult<unknown>
        expect(result, `${channel} ${String(argument)}`).toMatchObject({ ok: false })
        if (!result.ok) expect(result.message).toMatch(/^The app sent an invalid .+\.$/)
      }
      if (channel === INVOKE.openSessionPath) {
        for (const path of ['relative/file.nnlab', '/a\0b.nnlab', '']) {
          expect(await t.invoke(channel, APP_FRAME, path)).toMatchObject({ ok: false })
        }
      }
      const tooMany = (await t.invoke(
        channel,
        APP_FRAME,
        undefined,
        'extra'
      )) as HostResult<unknown>
      expect(tooMany.ok).toBe(false)
    }
    for (const channel of Object.values(SEND)) {
      for (const argument of GARBAGE) t.send(channel, APP_FRAME, argument)
    }
    // No dialog opened, nothing written, nothing restarted for any of it.
    expect(t.dialogCalls).toEqual([])
    expect(t.windowCalls).toEqual([])
    expect(t.restarts()).toBe(0)
    expect(t.logs.length).toBeGreaterThan(0)
  })

  it('saves through the Save dialog, then in place with a .bak, and keeps Open Recent', async () => {
    const t = setup()
    t.answers.save = join(dir, 'circles') // the extension is added
    await t.recovery.save('autosaved')
    const first = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      text: 'version 1',
      path: null,
      suggestedName: 'circles.nnlab',
      saveAs: false
    })
    const path = join(dir, 'circles.nnlab')
    expect(first).toEqual({ ok: true, value: { path, name: 'circles.nnlab' } })
    expect(t.dialogCalls).toEqual([`save:${path}`])
    expect(readFileSync(path, 'utf8')).toBe('version 1')
    // A clean save drops the crash copy.
    expect(existsSync(join(dir, 'recovery', 'session.nnlab'))).toBe(false)

    const second = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      text: 'version 2',
      path,
      suggestedName: 'circles.nnlab',
      saveAs: false
    })
    expect(second).toMatchObject({ ok: true })
    expect(t.dialogCalls).toHaveLength(1) // no dialog for a plain Save
    expect(readFileSync(path, 'utf8')).toBe('version 2')
    expect(readFileSync(`${path}.bak`, 'utf8')).toBe('version 1')
    expect(t.menus.at(-1)?.map((f) => f.path)).toEqual([path])
    expect(await t.invoke(INVOKE.listRecent, APP_FRAME)).toMatchObject([
      { path, name: 'circles.nnlab' }
    ])

    t.answers.save = null // cancelled Save As
    const cancelled = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      text: 'version 3',
      path,
      suggestedName: 'circles.nnlab',
      saveAs: true
    })
    expect(cancelled).toEqual({ ok: true, value: null })
    expect(readFileSync(path, 'utf8')).toBe('version 2')

    await t.invoke(INVOKE.clearRecent, APP_FRAME)
    expect(await t.invoke(INVOKE.listRecent, APP_FRAME)).toEqual([])
    expect(t.menus.at(-1)).toEqual([])
  })

  it('reports a failed save in one sentence', async () => {
    const t = setup()
    const folder = join(dir, 'project')
    mkdirSync(folder)
    t.answers.save = join(folder, 'a.nnlab')
    const request = { text: 'x', path: null, suggestedName: 'a.nnlab', saveAs: false }
    expect(await t.invoke(INVOKE.saveSession, APP_FRAME, request)).toMatchObject({ ok: true })
    rmSync(folder, { recursive: true })
    const result = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      ...request,
      path: join(folder, 'a.nnlab')
    })
    expect(result).toEqual({
      ok: false,
      message: 'The folder for “a.nnlab” no longer exists; choose another place to save.'
    })
  })

  it('opens or overwrites only files the user chose, never one the page names', async () => {
    const t = setup()
    const secret = join(dir, 'id_rsa')
    writeFileSync(secret, 'PRIVATE KEY')
    const read = (await t.invoke(INVOKE.openSessionPath, APP_FRAME, secret)) as HostResult<unknown>
    expect(read).toEqual({
      ok: false,
      message: '“id_rsa” is not a session you opened or saved here; use File › Open.'
    })
    // Saving "in place" to a path the user never chose goes through the Save dialog instead.
    t.answers.save = join(dir, 'chosen.nnlab')
    const saved = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      text: 'session',
      path: secret,
      suggestedName: 'x.nnlab',
      saveAs: false
    })
    expect(saved).toMatchObject({ ok: true, value: { path: join(dir, 'chosen.nnlab') } })
    expect(t.dialogCalls).toHaveLength(1)
    expect(readFileSync(secret, 'utf8')).toBe('PRIVATE KEY')
    // A dropped file knows only its name: Save offers the dialog in the default folder.
    t.answers.save = join(dir, 'dropped.nnlab')
    const dropped = await t.invoke(INVOKE.saveSession, APP_FRAME, {
      text: 'dropped',
      path: 'dropped.nnlab',
      suggestedName: 'dropped.nnlab',
      saveAs: false
    })
    expect(dropped).toMatchObject({ ok: true, value: { path: join(dir, 'dropped.nnlab') } })
    expect(t.dialogCalls.at(-1)).toBe(`save:${join(dir, 'dropped.nnlab')}`)
    // The chosen file may now be reopened by path (Open Recent).
    expect(
      await t.invoke(INVOKE.openSessionPath, APP_FRAME, join(dir, 'chosen.nnlab'))
    ).toMatchObject({
      ok: true,
      value: { text: 'session' }
    })
  })

  it('opens sessions by dialog and by path, and forgets recent files that vanished', async () => {
    const t = setup()
    const path = join(dir, 'xor.nnlab')
    writeFileSync(path, '{"format":"nnlab-session"}')
    t.answers.open = path
    expect(await t.invoke(INVOKE.openSession, APP_FRAME)).toEqual({
      ok: true,
      value: { path, name: 'xor.nnlab', text: '{"format":"nnlab-session"}' }
    })
    t.answers.open = null
    expect(await t.invoke(INVOKE.openSession, APP_FRAME)).toEqual({ ok: true, value: null })
    rmSync(path)
    const gone = (await t.invoke(INVOKE.openSessionPath, APP_FRAME, path)) as HostResult<unknown>
    expect(gone).toMatchObject({ ok: false })
    expect(await t.invoke(INVOKE.listRecent, APP_FRAME)).toEqual([])
  })

  it('imports CSV data, autosaves and hands out recovery once', async () => {
    const t = setup()
    const csv = join(dir, 'points.csv')
    writeFileSync(csv, 'x1,x2,label\n0,0,1\n')
    t.answers.open = csv
    expect(await t.invoke(INVOKE.importDataset, APP_FRAME)).toMatchObject({
      ok: true,
      value: { name: 'points.csv' }
    })
    expect(await t.invoke(INVOKE.listRecent, APP_FRAME)).toEqual([]) // datasets are not sessions
    expect(await t.invoke(INVOKE.autosave, APP_FRAME, '{"autosave":true}')).toBeUndefined()
    expect(await t.invoke(INVOKE.takeRecovery, APP_FRAME)).toBeNull() // nothing left by a crash
    await t.invoke(INVOKE.discardRecovery, APP_FRAME)
    expect(existsSync(join(dir, 'recovery', 'session.nnlab'))).toBe(false)
  })

  it('exports text and bytes, and copies PNG figures only', async () => {
    const t = setup()
    t.answers.save = join(dir, 'model.py')
    const saved = await t.invoke(INVOKE.exportFile, APP_FRAME, {
      suggestedName: 'model.py',
      filters: [{ name: 'Python', extensions: ['py'] }],
      data: 'print(1)\n'
    })
    expect(saved).toEqual({ ok: true, value: { path: join(dir, 'model.py'), name: 'model.py' } })
    expect(readFileSync(join(dir, 'model.py'), 'utf8')).toBe('print(1)\n')
    t.answers.save = join(dir, 'figure.png')
    await t.invoke(INVOKE.exportFile, APP_FRAME, {
      suggestedName: 'figure.png',
      filters: [],
      data: PNG
    })
    expect([...readFileSync(join(dir, 'figure.png'))]).toEqual([...PNG])
    expect(await t.invoke(INVOKE.copyImageToClipboard, APP_FRAME, PNG)).toEqual({
      ok: true,
      value: undefined
    })
    expect(t.clipboard).toHaveLength(1)
    expect(
      await t.invoke(INVOKE.copyImageToClipboard, APP_FRAME, new Uint8Array(20))
    ).toMatchObject({
      ok: false,
      message: expect.stringContaining('not a PNG image')
    })
  })

  it('passes valid window messages and restarts the trainer on request', async () => {
    const t = setup()
    t.send(SEND.setDocumentState, APP_FRAME, { title: 'spiral', dirty: true })
    t.send(SEND.respondToClose, APP_FRAME, true)
    t.send(SEND.pageReady, APP_FRAME)
    expect(t.windowCalls).toEqual([
      ['state', { title: 'spiral', dirty: true }],
      ['close', true],
      ['ready']
    ])
    expect(await t.invoke(INVOKE.restartTrainer, APP_FRAME)).toBeUndefined()
    expect(t.restarts()).toBe(1)
  })
})
