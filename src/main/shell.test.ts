import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { describe, expect, it } from 'vitest'
import { CloseGuard, windowTitle } from './documentState'
import { GrantedPaths } from './files/grantedPaths'
import { sessionPathFromArgv } from './launchArgs'
import {
  DEFAULT_SIZE,
  loadWindowState,
  MIN_SIZE,
  restoreBounds,
  saveWindowStateSync
} from './windowState'

describe('window title', () => {
  it('names the session and marks unsaved changes the platform’s way', () => {
    expect(windowTitle({ title: 'spiral', dirty: false }, 'linux', 'NN Lab')).toBe(
      'spiral — NN Lab'
    )
    expect(windowTitle({ title: 'spiral', dirty: true }, 'win32', 'NN Lab')).toBe(
      '*spiral — NN Lab'
    )
    // macOS shows the mark in the window's close button instead (setDocumentEdited).
    expect(windowTitle({ title: 'spiral', dirty: true }, 'darwin', 'NN Lab')).toBe(
      'spiral — NN Lab'
    )
    expect(windowTitle({ title: '  ', dirty: false }, 'linux', 'NN Lab')).toBe('NN Lab')
  })
})

describe('close guard', () => {
  it('closes clean documents at once and asks about unsaved ones', () => {
    const guard = new CloseGuard()
    expect(guard.attempt()).toBe('close')
    guard.dirty = true
    expect(guard.attempt()).toBe('ask')
    expect(guard.waitingForAnswer).toBe(true)
    expect(guard.answer(false)).toBe('stay')
    expect(guard.attempt()).toBe('ask')
    expect(guard.answer(true)).toBe('close')
    expect(guard.attempt()).toBe('close') // the second close event goes through
  })

  it('turns a yes during quit into a quit, and a no cancels the quit', () => {
    const guard = new CloseGuard()
    guard.dirty = true
    guard.quitting = true
    guard.attempt()
    expect(guard.answer(false)).toBe('stay')
    expect(guard.quitting).toBe(false)
    guard.quitting = true
    guard.attempt()
    expect(guard.answer(true)).toBe('quit')
  })

  it('ignores answers nobody asked for', () => {
    const guard = new CloseGuard()
    guard.dirty = true
    expect(guard.answer(true)).toBe('stay')
    expect(guard.attempt()).toBe('ask')
  })
})

describe('session path on the command line', () => {
  it('finds the last .nnlab argument, absolute, skipping flags', () => {
    expect(sessionPathFromArgv(['/opt/nn-lab/nn-lab'], '/home/a')).toBeNull()
    expect(sessionPathFromArgv(['nn-lab', 'runs/xor.NNLAB'], '/home/a')).toBe(
      '/home/a/runs/xor.NNLAB'
    )
    expect(
      sessionPathFromArgv(['nn-lab', '--no-sandbox', '/data/a.nnlab', '--flag=x.nnlab'], '/home/a')
    ).toBe('/data/a.nnlab')
    expect(sessionPathFromArgv(['nn-lab', 'notes.txt'], '/home/a')).toBeNull()
    // argv[0] is the executable, never a document.
    expect(sessionPathFromArgv(['weird.nnlab'], '/home/a')).toBeNull()
  })

  it('takes the file:// URLs a Linux file manager passes (%U), decoded', () => {
    const path = join(tmpdir(), 'my run (1).nnlab')
    const url = pathToFileURL(path).href
    expect(url).toContain('%20')
    expect(sessionPathFromArgv(['nn-lab', url], '/home/a')).toBe(path)
    expect(sessionPathFromArgv(['nn-lab', 'FILE:///data/x.nnlab'], '/home/a')).toBe(
      process.platform === 'win32' ? null : '/data/x.nnlab'
    )
    // Other URLs are not local files; a file URL of another type is not a session.
    expect(sessionPathFromArgv(['nn-lab', 'https://example.com/a.nnlab'], '/home/a')).toBeNull()
    expect(sessionPathFromArgv(['nn-lab', 'file:///data/notes.txt'], '/home/a')).toBeNull()
    expect(sessionPathFromArgv(['nn-lab', 'file://remote-host/share/a.nnlab'], '/home/a')).toBe(
      process.platform === 'win32' ? '\\\\remote-host\\share\\a.nnlab' : null
    )
  })
})

describe('granted paths', () => {
  it('match absolute paths only, so a bare name can never stand for a granted file', () => {
    const granted = new GrantedPaths()
    const absolute = join(process.cwd(), 'run.nnlab')
    expect(granted.grant(absolute)).toBe(true)
    expect(granted.has(absolute)).toBe(true)
    expect(granted.has(join(process.cwd(), '.', 'run.nnlab'))).toBe(true)
    // The same file named relatively (as a dropped file's bare name would be) does not match.
    expect(granted.has('run.nnlab')).toBe(false)
    expect(granted.has('./run.nnlab')).toBe(false)
    expect(granted.grant('other.nnlab')).toBe(false)
    expect(granted.has(join(process.cwd(), 'other.nnlab'))).toBe(false)
  })
})

describe('window state file', () => {
  it('is written synchronously, read back, and leaves no temp file, even when it fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlab-window-'))
    try {
      const path = join(dir, 'window-state.json')
      const state = { bounds: { x: 10, y: 20, width: 1300, height: 850 }, maximized: true }
      saveWindowStateSync(path, state)
      expect(readdirSync(dir)).toEqual(['window-state.json'])
      expect(await loadWindowState(path)).toEqual(state)
      // A folder that does not exist: nothing is written, nothing is thrown, nothing is left.
      saveWindowStateSync(join(dir, 'missing', 'window-state.json'), state)
      expect(readdirSync(dir)).toEqual(['window-state.json'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('window bounds', () => {
  const screen = { x: 0, y: 0, width: 1920, height: 1080 }

  it('opens at 1280×820 the first time', () => {
    expect(restoreBounds(null, [screen])).toEqual({ bounds: DEFAULT_SIZE, maximized: false })
  })

  it('restores saved bounds that are on screen', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1400, height: 900 }, maximized: true }
    expect(restoreBounds(saved, [screen])).toEqual({ bounds: saved.bounds, maximized: true })
  })

  it('falls back when the display it was on is gone, and clamps to the minimum and the display', () => {
    const offScreen = { bounds: { x: 3000, y: 0, width: 1300, height: 800 }, maximized: false }
    expect(restoreBounds(offScreen, [screen]).bounds).toEqual(DEFAULT_SIZE)
    const tiny = { bounds: { x: 10, y: 10, width: 300, height: 200 }, maximized: false }
    expect(restoreBounds(tiny, [screen]).bounds).toMatchObject(MIN_SIZE)
    const hanging = { bounds: { x: 1000, y: 500, width: 1200, height: 800 }, maximized: false }
    const fixed = restoreBounds(hanging, [screen]).bounds
    expect(fixed.x! + fixed.width).toBeLessThanOrEqual(1920)
    expect(fixed.y! + fixed.height).toBeLessThanOrEqual(1080)
  })
})
