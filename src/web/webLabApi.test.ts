// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { MenuCommand } from '../shared/protocol/labApi'
import { createWebLabApi, type WebLabApi } from './webLabApi'
import { RECOVERY_KEY, MAX_RECENT } from './webStorage'
import { WebTrainerHost } from './webTrainerHost'

function idleTrainer(): WebTrainerHost {
  // Never started: these tests are about files, storage and the window, not the worker.
  return new WebTrainerHost({
    createWorker: () => {
      throw new Error('not used')
    },
    deliverPort: () => undefined
  })
}

let lab: WebLabApi
let clock = 0
/** What the name dialog was asked (its prefilled names), and the answers it gives in turn
 *  (undefined: accept the prefilled name; null: Cancel). */
let asked: string[] = []
let answers: (string | null | undefined)[] = []

function makeLab(): WebLabApi {
  asked = []
  answers = []
  return createWebLabApi({
    window,
    storage: window.localStorage,
    trainer: idleTrainer(),
    versions: { app: '1.2.3' },
    now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, clock++)),
    askName: async (request) => {
      asked.push(request.initial)
      const answer = answers.shift()
      return answer === undefined ? request.initial : answer
    }
  })
}

/** Captures the next download started through an <a download> click. */
function captureDownloads(): { name: string; blob: Blob }[] {
  const downloads: { name: string; blob: Blob }[] = []
  const blobs = new Map<string, Blob>()
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    const url = `blob:test/${blobs.size}`
    blobs.set(url, blob as Blob)
    return url
  })
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement
  ) {
    downloads.push({ name: this.download, blob: blobs.get(this.getAttribute('href') ?? '')! })
  })
  return downloads
}

/** Answers the next file picker with `file` (or cancels it when null). */
function answerPicker(file: File | null): { accept: string[] } {
  const seen = { accept: [] as string[] }
  vi.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (
    this: HTMLInputElement
  ) {
    seen.accept.push(this.accept)
    queueMicrotask(() => {
      if (file) {
        Object.defineProperty(this, 'files', { value: [file], configurable: true })
        this.dispatchEvent(new Event('change'))
      } else {
        this.dispatchEvent(new Event('cancel'))
      }
    })
  })
  return seen
}

beforeEach(() => {
  window.localStorage.clear()
  document.title = ''
  clock = 0
})

afterEach(() => {
  lab?.dispose()
  vi.restoreAllMocks()
})

describe('createWebLabApi', () => {
  it('identifies itself as the web host with the versions it was given', () => {
    lab = makeLab()
    expect(lab.host).toBe('web')
    expect(lab.versions).toEqual({ app: '1.2.3' })
  })

  it('sets the document title, marking unsaved changes', () => {
    lab = makeLab()
    lab.setDocumentState({ title: 'circles run — NN Lab', dirty: true })
    expect(document.title).toBe('• circles run — NN Lab')
    lab.setDocumentState({ title: 'circles run — NN Lab', dirty: false })
    expect(document.title).toBe('circles run — NN Lab')
  })

  it('guards leaving the page only while there are unsaved changes', () => {
    lab = makeLab()
    const leave = (): boolean => {
      const event = new Event('beforeunload', { cancelable: true })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(leave()).toBe(false)
    lab.setDocumentState({ title: 'x', dirty: true })
    expect(leave()).toBe(true)
    lab.setDocumentState({ title: 'x', dirty: false })
    expect(leave()).toBe(false)
  })

  it('offers the recovery copy left by the previous page exactly once', async () => {
    window.localStorage.setItem(RECOVERY_KEY, '{"left":"by a crash"}')
    lab = makeLab()
    // What this page autosaves is not "left by a crash" for this page.
    await lab.autosave('{"new":"work"}')
    expect(await lab.takeRecovery()).toBe('{"left":"by a crash"}')
    expect(await lab.takeRecovery()).toBeNull()
    // ...but it is kept for the next page.
    lab.dispose()
    lab = makeLab()
    expect(await lab.takeRecovery()).toBe('{"new":"work"}')
  })

  it('an ordinary reload of a session with nothing unsaved leaves no recovery copy', async () => {
    lab = makeLab()
    lab.setDocumentState({ title: 'run', dirty: true })
    await lab.autosave('{"unsaved":"work"}')
    lab.setDocumentState({ title: 'run', dirty: false }) // saved since
    window.dispatchEvent(new Event('pagehide'))
    lab.dispose()
    lab = makeLab()
    expect(await lab.takeRecovery()).toBeNull()
  })

  it('leaving with unsaved work keeps the copy for the next page', async () => {
    lab = makeLab()
    lab.setDocumentState({ title: 'run', dirty: true })
    await lab.autosave('{"unsaved":"work"}')
    window.dispatchEvent(new Event('pagehide'))
    lab.dispose()
    lab = makeLab()
    expect(await lab.takeRecovery()).toBe('{"unsaved":"work"}')
  })

  it('has no recovery when nothing was left, and discarding removes it for good', async () => {
    lab = makeLab()
    expect(await lab.takeRecovery()).toBeNull()
    await lab.autosave('draft')
    await lab.discardRecovery()
    lab.dispose()
    lab = makeLab()
    expect(await lab.takeRecovery()).toBeNull()
  })

  it('saves a session as a download named after the suggestion, and lists it as recent', async () => {
    lab = makeLab()
    const downloads = captureDownloads()
    const result = await lab.saveSession({
      text: '{"format":"nnlab-session"}',
      path: null,
      suggestedName: 'my run',
      saveAs: false
    })
    // A first save asks for the name, offering the session's.
    expect(asked).toEqual(['my run'])
    expect(result).toEqual({ ok: true, value: { path: 'my run.nnlab', name: 'my run.nnlab' } })
    expect(downloads).toHaveLength(1)
    expect(downloads[0].name).toBe('my run.nnlab')
    expect(await downloads[0].blob.text()).toBe('{"format":"nnlab-session"}')
    const recent = await lab.listRecent()
    expect(recent.map((entry) => entry.name)).toEqual(['my run.nnlab'])
    // Open Recent gives back what was saved.
    expect(await lab.openSessionPath('my run.nnlab')).toEqual({
      ok: true,
      value: { path: 'my run.nnlab', name: 'my run.nnlab', text: '{"format":"nnlab-session"}' }
    })
  })

  it('Save with a known name downloads under that name; folders and odd characters are dropped', async () => {
    lab = makeLab()
    const downloads = captureDownloads()
    await lab.saveSession({ text: 'a', path: 'spiral.nnlab', suggestedName: 'x', saveAs: false })
    answers = ['../a/b:c?']
    await lab.saveSession({ text: 'b', path: null, suggestedName: 'y', saveAs: true })
    expect(downloads.map((d) => d.name)).toEqual(['spiral.nnlab', 'b_c_.nnlab'])
    // Save with a known name did not ask.
    expect(asked).toEqual(['y'])
  })

  it('Save As always asks, prefilled with the current name; Cancel saves nothing', async () => {
    lab = makeLab()
    const downloads = captureDownloads()
    answers = [null]
    expect(
      await lab.saveSession({
        text: 'a',
        path: 'moons.nnlab',
        suggestedName: 'moons',
        saveAs: true
      })
    ).toEqual({ ok: true, value: null })
    expect(asked).toEqual(['moons'])
    expect(downloads).toHaveLength(0)
    expect(await lab.listRecent()).toEqual([])
    answers = ['moons wide']
    const saved = await lab.saveSession({
      text: 'b',
      path: 'moons.nnlab',
      suggestedName: 'moons',
      saveAs: true
    })
    expect(saved).toEqual({
      ok: true,
      value: { path: 'moons wide.nnlab', name: 'moons wide.nnlab' }
    })
    expect(downloads.map((d) => d.name)).toEqual(['moons wide.nnlab'])
  })

  it('Open Recent keeps sessions saved under different names apart; the same name replaces', async () => {
    lab = makeLab()
    captureDownloads()
    answers = ['circles', 'spiral']
    await lab.saveSession({ text: 'c1', path: null, suggestedName: 'Untitled', saveAs: true })
    await lab.saveSession({ text: 's1', path: null, suggestedName: 'Untitled', saveAs: true })
    await lab.saveSession({ text: 'c2', path: 'circles.nnlab', suggestedName: 'x', saveAs: false })
    expect((await lab.listRecent()).map((entry) => entry.name)).toEqual([
      'circles.nnlab',
      'spiral.nnlab'
    ])
    expect(await lab.openSessionPath('spiral.nnlab')).toMatchObject({ value: { text: 's1' } })
    expect(await lab.openSessionPath('circles.nnlab')).toMatchObject({ value: { text: 'c2' } })
  })

  it('opens a session through the file picker and remembers it', async () => {
    lab = makeLab()
    const seen = answerPicker(new File(['{"session":1}'], 'moons.nnlab'))
    const result = await lab.openSession()
    expect(seen.accept[0]).toContain('.nnlab')
    expect(result).toEqual({
      ok: true,
      value: { path: 'moons.nnlab', name: 'moons.nnlab', text: '{"session":1}' }
    })
    expect((await lab.listRecent())[0]).toMatchObject({ path: 'moons.nnlab', name: 'moons.nnlab' })
    // The hidden input does not linger in the page.
    expect(document.querySelectorAll('input[type=file]')).toHaveLength(0)
  })

  it('a cancelled picker resolves to null and remembers nothing', async () => {
    lab = makeLab()
    answerPicker(null)
    expect(await lab.openSession()).toEqual({ ok: true, value: null })
    expect(await lab.listRecent()).toEqual([])
  })

  it('imports a CSV through the picker', async () => {
    lab = makeLab()
    const seen = answerPicker(new File(['x1,x2,label\n0,0,1\n'], 'points.csv'))
    const result = await lab.importDataset()
    expect(seen.accept[0]).toContain('.csv')
    expect(result.ok && result.value?.text).toBe('x1,x2,label\n0,0,1\n')
  })

  it('keeps the recent list most-recent-first, without duplicates, and bounded', async () => {
    lab = makeLab()
    captureDownloads()
    for (let i = 0; i < MAX_RECENT + 3; i++) {
      await lab.saveSession({
        text: `t${i}`,
        path: `f${i}.nnlab`,
        suggestedName: '',
        saveAs: false
      })
    }
    await lab.saveSession({ text: 'again', path: 'f5.nnlab', suggestedName: '', saveAs: false })
    const names = (await lab.listRecent()).map((entry) => entry.name)
    expect(names).toHaveLength(MAX_RECENT)
    expect(names[0]).toBe('f5.nnlab')
    expect(names.filter((name) => name === 'f5.nnlab')).toHaveLength(1)
    expect(names).not.toContain('f0.nnlab')
    // Dropped entries also drop their stored text.
    expect((await lab.openSessionPath('f0.nnlab')).ok).toBe(false)
    expect(await lab.openSessionPath('f5.nnlab')).toMatchObject({
      ok: true,
      value: { text: 'again' }
    })
  })

  it('clearing the recent list forgets entries and their texts', async () => {
    lab = makeLab()
    captureDownloads()
    await lab.saveSession({ text: 't', path: 'a.nnlab', suggestedName: '', saveAs: false })
    await lab.clearRecent()
    expect(await lab.listRecent()).toEqual([])
    const reopened = await lab.openSessionPath('a.nnlab')
    expect(reopened.ok).toBe(false)
    if (!reopened.ok) expect(reopened.message).toMatch(/use Open/)
  })

  it('survives a corrupt recent list in storage', async () => {
    window.localStorage.setItem('nnlab:recent', '{not json')
    lab = makeLab()
    expect(await lab.listRecent()).toEqual([])
    window.localStorage.setItem(
      'nnlab:recent',
      JSON.stringify([{ path: 1 }, { path: 'a', name: 'a', openedAt: 'x' }])
    )
    expect(await lab.listRecent()).toEqual([{ path: 'a', name: 'a', openedAt: 'x' }])
  })

  it('works without storage at all (privacy mode)', async () => {
    lab = createWebLabApi({
      window,
      storage: null,
      trainer: idleTrainer(),
      versions: {},
      askName: async (request) => request.initial
    })
    captureDownloads()
    await lab.autosave('x')
    expect(await lab.takeRecovery()).toBeNull()
    const saved = await lab.saveSession({
      text: 't',
      path: null,
      suggestedName: 's',
      saveAs: false
    })
    expect(saved.ok).toBe(true)
    expect(await lab.listRecent()).toEqual([])
  })

  it('exports bytes and text as downloads with the filter extension', async () => {
    lab = makeLab()
    const downloads = captureDownloads()
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const result = await lab.exportFile({
      suggestedName: 'boundary epoch 2000',
      filters: [{ name: 'PNG image', extensions: ['png'] }],
      data: png
    })
    expect(result).toEqual({
      ok: true,
      value: { path: 'boundary epoch 2000.png', name: 'boundary epoch 2000.png' }
    })
    expect(downloads[0].blob.type).toBe('image/png')
    expect(new Uint8Array(await downloads[0].blob.arrayBuffer())).toEqual(png)
    await lab.exportFile({
      suggestedName: 'model.py',
      filters: [{ name: 'Python', extensions: ['py'] }],
      data: 'print(1)'
    })
    expect(downloads[1].name).toBe('model.py')
    expect(await downloads[1].blob.text()).toBe('print(1)')
  })

  it('turns Ctrl/Cmd shortcuts into menu commands and stops the browser acting on them', () => {
    lab = makeLab()
    const commands: MenuCommand[] = []
    const unsubscribe = lab.onMenuCommand((command) => commands.push(command))
    const press = (init: KeyboardEventInit): boolean => {
      const event = new KeyboardEvent('keydown', { cancelable: true, ...init })
      window.dispatchEvent(event)
      return event.defaultPrevented
    }
    expect(press({ key: 's', ctrlKey: true })).toBe(true)
    expect(press({ key: 'S', ctrlKey: true, shiftKey: true })).toBe(true)
    press({ key: 'o', metaKey: true })
    press({ key: 'n', ctrlKey: true })
    press({ key: 'e', ctrlKey: true })
    expect(press({ key: 's' })).toBe(false)
    expect(press({ key: 'x', ctrlKey: true })).toBe(false)
    expect(commands).toEqual([
      'save-session',
      'save-session-as',
      'open-session',
      'new-session',
      'export-figure-combined'
    ])
    unsubscribe()
    press({ key: 's', ctrlKey: true })
    expect(commands).toHaveLength(5)
  })

  it('reports clearly when the clipboard cannot take images', async () => {
    lab = makeLab()
    Object.defineProperty(window.navigator, 'clipboard', { value: undefined, configurable: true })
    const result = await lab.copyImageToClipboard(new Uint8Array([1, 2, 3]))
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.message).toMatch(/can't copy images/)
  })

  it('copies a PNG to the clipboard as an image/png item', async () => {
    lab = makeLab()
    const written: unknown[][] = []
    class FakeClipboardItem {
      constructor(readonly items: Record<string, Blob>) {}
    }
    Object.defineProperty(window, 'ClipboardItem', { value: FakeClipboardItem, configurable: true })
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { write: async (items: unknown[]) => void written.push(items) },
      configurable: true
    })
    const result = await lab.copyImageToClipboard(new Uint8Array([9, 8, 7]))
    expect(result).toEqual({ ok: true, value: undefined })
    const item = written[0][0] as FakeClipboardItem
    expect(Object.keys(item.items)).toEqual(['image/png'])
    expect(new Uint8Array(await item.items['image/png'].arrayBuffer())).toEqual(
      new Uint8Array([9, 8, 7])
    )
  })

  it('reports a refused clipboard write as a sentence', async () => {
    lab = makeLab()
    Object.defineProperty(window, 'ClipboardItem', { value: class {}, configurable: true })
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { write: async () => Promise.reject(new Error('NotAllowedError')) },
      configurable: true
    })
    const result = await lab.copyImageToClipboard(new Uint8Array([1]))
    expect(result).toMatchObject({ ok: false })
  })

  it('passes files handed over by the host to onOpenFile listeners', () => {
    lab = makeLab()
    const seen: unknown[] = []
    lab.onOpenFile((file) => seen.push(file))
    lab.emitOpenFile({ ok: true, value: { path: 'a.nnlab', name: 'a.nnlab', text: '{}' } })
    expect(seen).toHaveLength(1)
  })
})
