// @vitest-environment happy-dom
// The preload with a stand-in electron module: what reaches the page is exactly window.lab, each
// method maps to its channel, listeners unsubscribe, and trainer ports are forwarded to the page.
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { EVENT, INVOKE, SEND } from '../shared/protocol/ipcChannels'
import { TRAINER_PORT_MESSAGE, type LabApi } from '../shared/protocol/labApi'

const fake = vi.hoisted(() => {
  const exposed = new Map<string, unknown>()
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>()
  const invoked: unknown[][] = []
  const sent: unknown[][] = []
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        invoked.push(args)
        return { ok: true, value: null }
      },
      send: (...args: unknown[]) => sent.push(args),
      on: (channel: string, listener: (...args: unknown[]) => void) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set())
        listeners.get(channel)!.add(listener)
      },
      removeListener: (channel: string, listener: (...args: unknown[]) => void) =>
        listeners.get(channel)?.delete(listener)
    }
  }
  const emit = (channel: string, event: unknown, payload?: unknown) => {
    for (const listener of listeners.get(channel) ?? []) listener(event, payload)
  }
  return { exposed, listeners, invoked, sent, electron, emit }
})

vi.mock('electron', () => ({ ...fake.electron, default: fake.electron }))

let lab: LabApi

beforeAll(async () => {
  await import('./index')
  lab = fake.exposed.get('lab') as LabApi
})

describe('preload', () => {
  it('exposes only window.lab, an electron host with versions', () => {
    expect([...fake.exposed.keys()]).toEqual(['lab'])
    expect(lab.host).toBe('electron')
    expect(Object.keys(lab.versions).sort()).toEqual(['app', 'chrome', 'electron', 'node', 'v8'])
    expect(lab.versions.app).toMatch(/^\d+\.\d+\.\d+/)
    expect(Object.values(lab).some((value) => value === fake.electron.ipcRenderer)).toBe(false)
  })

  it('maps each call to its channel with its argument only', async () => {
    await lab.openSessionPath('/a/b.nnlab')
    await lab.saveSession({ text: 't', path: null, suggestedName: 'b.nnlab', saveAs: true })
    await lab.autosave('text')
    await lab.exportFile({ suggestedName: 'a.csv', filters: [], data: 'x' })
    await lab.restartTrainer()
    expect(fake.invoked).toEqual([
      [INVOKE.openSessionPath, '/a/b.nnlab'],
      [INVOKE.saveSession, { text: 't', path: null, suggestedName: 'b.nnlab', saveAs: true }],
      [INVOKE.autosave, 'text'],
      [INVOKE.exportFile, { suggestedName: 'a.csv', filters: [], data: 'x' }],
      [INVOKE.restartTrainer]
    ])
    lab.setDocumentState({ title: 'x', dirty: true })
    lab.respondToClose(false)
    expect(fake.sent).toContainEqual([SEND.setDocumentState, { title: 'x', dirty: true }])
    expect(fake.sent).toContainEqual([SEND.respondToClose, false])
  })

  it('passes listeners the payload, never the IPC event, and unsubscribes', () => {
    const commands: unknown[] = []
    const unsubscribe = lab.onMenuCommand((command) => commands.push(command))
    const secretEvent = { sender: 'ipcRenderer internals' }
    fake.emit(EVENT.menuCommand, secretEvent, 'save-session')
    expect(commands).toEqual(['save-session'])
    unsubscribe()
    fake.emit(EVENT.menuCommand, secretEvent, 'train-step')
    expect(commands).toEqual(['save-session'])
    let closeRequests = 0
    lab.onCloseRequest((...args: unknown[]) => {
      expect(args).toEqual([])
      closeRequests++
    })
    const acksBefore = fake.sent.filter(([channel]) => channel === SEND.closeRequestReceived)
    expect(acksBefore).toHaveLength(0)
    fake.emit(EVENT.closeRequest, secretEvent)
    expect(closeRequests).toBe(1)
    // Acknowledged at once, so main waits for the page's own dialog instead of asking natively.
    expect(fake.sent.filter(([channel]) => channel === SEND.closeRequestReceived)).toEqual([
      [SEND.closeRequestReceived]
    ])
  })

  it('tells main the page is ready once its scripts have run', () => {
    document.dispatchEvent(new Event('DOMContentLoaded'))
    expect(fake.sent.filter(([channel]) => channel === SEND.pageReady)).toHaveLength(1)
  })

  it('forwards each trainer port to the page with window.postMessage', () => {
    const posted: unknown[][] = []
    const original = window.postMessage.bind(window)
    window.postMessage = ((...args: unknown[]) => posted.push(args)) as typeof window.postMessage
    try {
      const port = { name: 'port from main' }
      fake.emit(EVENT.trainerPort, { ports: [port] })
      fake.emit(EVENT.trainerPort, { ports: [] }) // nothing to forward
      expect(posted).toEqual([[{ type: TRAINER_PORT_MESSAGE }, '*', [port]]])
    } finally {
      window.postMessage = original
    }
  })
})
