// Bad-input sweep over every IPC handler of the main process. All four handler groups are
// registered on a stand-in ipcMain with real files underneath (RecentFiles, RecoveryStore and the
// atomic writer in a temp folder; dialogs answer with a temp path). Then every channel gets hostile
// payloads from the app's own frame, and every channel gets a valid-looking call from a foreign
// frame. Contract: invoke handlers always answer (never throw or reject), a refusal is
// `{ ok: false, message }` with one sentence; send handlers never throw and never act on bad
// payloads; nothing acts for a foreign frame. Finally: what a compromised page could do with
// well-formed requests (read or overwrite files it names).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import type { IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import { INVOKE, SEND } from '../../src/shared/protocol/ipcChannels'
import { APP_ENTRY_URL, isTrustedSender } from '../../src/main/security'
import { UNTRUSTED_MESSAGE, type IpcMainLike } from '../../src/main/ipc/guard'
import { registerExportHandlers } from '../../src/main/ipc/registerExportHandlers'
import { registerSessionHandlers } from '../../src/main/ipc/registerSessionHandlers'
import { registerTrainerHandlers } from '../../src/main/ipc/registerTrainerHandlers'
import { registerWindowHandlers } from '../../src/main/ipc/registerWindowHandlers'
import { RecentFiles } from '../../src/main/files/recentFiles'
import { RecoveryStore } from '../../src/main/files/recoveryStore'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-ipc-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

type InvokeListener = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
type SendListener = (event: IpcMainEvent, ...args: unknown[]) => void

function frame(url: string, parent: unknown = null): WebFrameMain {
  return { url, parent } as unknown as WebFrameMain
}
const appFrame = frame(APP_ENTRY_URL)
const foreignFrames = [
  frame('https://evil.example/'),
  frame('file:///tmp/page.html'),
  frame('app://evil/index.html'),
  frame(APP_ENTRY_URL, appFrame) // an iframe inside the app
]

/** Everything the handlers did, so a test can tell whether a refused call acted anyway. */
const actions: string[] = []

function setUp(): { invoke: Map<string, InvokeListener>; send: Map<string, SendListener> } {
  const invoke = new Map<string, InvokeListener>()
  const send = new Map<string, SendListener>()
  const ipc: IpcMainLike = {
    handle: (channel, listener) => void invoke.set(channel, listener),
    on: (channel, listener) => void send.set(channel, listener)
  }
  const guard = { isTrustedSender: (f: WebFrameMain | null | undefined) => isTrustedSender(f) }
  const dialogs = {
    openFile: async () => {
      actions.push('open dialog')
      return null
    },
    saveFile: async () => {
      actions.push('save dialog')
      return join(dir, 'chosen.nnlab')
    }
  }
  const recent = new RecentFiles(join(dir, 'recent.json'))
  const recovery = new RecoveryStore(join(dir, 'recovery'))
  registerSessionHandlers(ipc, guard, {
    dialogs,
    recent,
    recovery,
    defaultFolder: () => dir,
    recentChanged: () => actions.push('recent changed')
  })
  registerExportHandlers(ipc, guard, {
    dialogs,
    defaultFolder: () => dir,
    writeImageToClipboard: async () => {
      actions.push('clipboard')
      return false
    }
  })
  registerTrainerHandlers(ipc, guard, { restartTrainer: () => actions.push('restart trainer') })
  registerWindowHandlers(ipc, guard, {
    setDocumentState: (state) => actions.push(`document state ${JSON.stringify(state)}`),
    respondToClose: (allow) => actions.push(`close ${allow}`),
    closeRequestReceived: () => actions.push('close-ack'),
    pageReady: () => actions.push('page ready')
  })
  return { invoke, send }
}

const { invoke, send } = setUp()

function invokeEvent(senderFrame: WebFrameMain): IpcMainInvokeEvent {
  return { senderFrame } as unknown as IpcMainInvokeEvent
}
function sendEvent(senderFrame: WebFrameMain): IpcMainEvent {
  return { senderFrame } as unknown as IpcMainEvent
}

/** Payloads no handler should act on (plus a few a handler may legitimately accept). */
function deepArray(depth: number): unknown {
  let value: unknown = []
  for (let i = 0; i < depth; i++) value = [value]
  return value
}
/** A short label for a payload (String() would recurse through the deep array). */
function describe_(value: unknown): string {
  if (Array.isArray(value)) return `array(${value.length})`
  if (value instanceof Uint8Array || value instanceof Float64Array) return value.constructor.name
  if (typeof value === 'string') return JSON.stringify(value.slice(0, 30))
  if (value && typeof value === 'object') return `{${Object.keys(value).join(',')}}`
  return String(value)
}

const HOSTILE: unknown[] = [
  null,
  0,
  -1,
  NaN,
  Infinity,
  true,
  '',
  '\u0000',
  'x'.repeat(10_000),
  [],
  {},
  [1, 2, 3],
  { text: 1, path: 2, suggestedName: 3, saveAs: 'yes' },
  { text: 'x', path: '\u0000/etc/passwd', suggestedName: 'a', saveAs: false },
  { text: 'x', path: null, suggestedName: '../../etc/passwd', saveAs: false },
  { text: 'x', path: null, suggestedName: 'a/b', saveAs: false },
  { title: 42, dirty: 'no' },
  { title: 'x'.repeat(100_000), dirty: true },
  { suggestedName: 'a.png', filters: [{ name: 'x', extensions: ['../../x'] }], data: 'x' },
  { suggestedName: 'a.png', filters: 'all', data: 'x' },
  { suggestedName: 'a.png', filters: [], data: { length: 5 } },
  new Uint8Array([1, 2, 3]),
  new Float64Array([NaN]),
  JSON.parse('{"__proto__": {"polluted": true}, "text": "x"}'),
  deepArray(10_000),
  new Date(0),
  new Map([['a', 1]])
]

describe('every IPC handler against hostile payloads', () => {
  it('registers every channel of ipcChannels.ts', () => {
    expect([...invoke.keys()].sort()).toEqual(Object.values(INVOKE).sort())
    expect([...send.keys()].sort()).toEqual(Object.values(SEND).sort())
  })

  it(
    'invoke handlers answer every payload, refusals in one sentence',
    { timeout: 60_000 },
    async () => {
      let calls = 0
      let refused = 0
      for (const [channel, listener] of invoke) {
        for (const args of [...HOSTILE.map((p) => [p]), ['a', 'b'], [undefined, undefined]]) {
          calls++
          const answer = await Promise.resolve(listener(invokeEvent(appFrame), ...args)).catch(
            (error: unknown) => ({ threw: String(error) })
          )
          const what = `${channel} ${describe_(args[0])}`
          expect((answer as { threw?: string } | undefined)?.threw, what).toBeUndefined()
          if (answer && typeof answer === 'object' && 'ok' in answer && answer.ok === false) {
            refused++
            const message = (answer as unknown as { message: unknown }).message
            expect(typeof message, what).toBe('string')
            expect(message as string, what).not.toContain('\n')
            expect((message as string).length, what).toBeLessThan(400)
          }
        }
      }
      expect(({} as Record<string, unknown>).polluted).toBeUndefined()
      console.log(
        `IPC sweep: ${calls} hostile invokes on ${invoke.size} channels, ${refused} refused in one sentence, 0 threw`
      )
    }
  )

  it('send handlers never throw and never act on a bad payload', () => {
    for (const [channel, listener] of send) {
      for (const payload of HOSTILE) {
        const before = actions.length
        expect(() => listener(sendEvent(appFrame), payload), channel).not.toThrow()
        const acted = actions.slice(before)
        if (channel === SEND.setDocumentState) {
          // Only a well-formed state may reach the window title.
          for (const action of acted) {
            const state = JSON.parse(action.replace('document state ', '')) as unknown
            expect(state).toMatchObject({ title: expect.any(String), dirty: expect.any(Boolean) })
          }
        }
        if (channel === SEND.respondToClose && typeof payload !== 'boolean') {
          expect(acted, `${channel} ${describe_(payload)}`).toEqual([])
        }
      }
    }
  })

  it('nothing acts for a foreign or nested frame', async () => {
    const before = actions.length
    const valid: Record<string, unknown> = {
      [INVOKE.openSessionPath]: join(dir, 'x.nnlab'),
      [INVOKE.saveSession]: {
        text: 'x',
        path: join(dir, 'x.nnlab'),
        suggestedName: 'x',
        saveAs: false
      },
      [INVOKE.autosave]: 'x',
      [INVOKE.exportFile]: { suggestedName: 'a.csv', filters: [], data: 'x' },
      [INVOKE.copyImageToClipboard]: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10, 0])
    }
    for (const senderFrame of foreignFrames) {
      for (const [channel, listener] of invoke) {
        const answer = await listener(invokeEvent(senderFrame), valid[channel])
        expect(answer, `${channel} from ${senderFrame.url}`).toEqual({
          ok: false,
          message: UNTRUSTED_MESSAGE
        })
      }
      for (const [channel, listener] of send) {
        listener(sendEvent(senderFrame), channel === SEND.respondToClose ? true : undefined)
      }
    }
    expect(actions.slice(before)).toEqual([])
    expect(existsSync(join(dir, 'x.nnlab'))).toBe(false)
  })
})

// A page that is compromised (a script injected through a bug) still passes the sender check: it
// *is* the app's frame. What it can ask for with well-formed requests is what matters then.
describe('what a compromised page can reach with well-formed requests', () => {
  it('cannot read an arbitrary file that is not a session', async () => {
    const secret = join(dir, 'id_rsa')
    writeFileSync(secret, 'PRIVATE KEY')
    const answer = (await invoke.get(INVOKE.openSessionPath)?.(invokeEvent(appFrame), secret)) as {
      ok: boolean
      value?: { text: string }
    }
    expect(answer.ok && answer.value?.text, 'openSessionPath returned a non-session file').not.toBe(
      'PRIVATE KEY'
    )
  })

  it('cannot overwrite an arbitrary file by naming it in a save', async () => {
    const victim = join(dir, 'victim.sh')
    writeFileSync(victim, 'echo original')
    await invoke.get(INVOKE.saveSession)?.(invokeEvent(appFrame), {
      text: 'echo replaced by the page',
      path: victim,
      suggestedName: 'x',
      saveAs: false
    })
    expect(readFileSync(victim, 'utf8'), 'saveSession wrote to a path the page chose').toBe(
      'echo original'
    )
  })
})
