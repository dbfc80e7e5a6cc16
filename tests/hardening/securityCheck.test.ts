// The `npm run security` gate must be able to fail: run it on a small app with the classic
// mistakes (Node in the renderer, no isolation, remote content, no CSP) and on a locked-down one.
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const root = resolve(__dirname, '../..')
const work = mkdtempSync(join(tmpdir(), 'nnlab-security-'))
afterAll(() => rmSync(work, { recursive: true, force: true }))

function runCheck(dir: string): { status: number | null; stdout: string; stderr: string } {
  const ran = spawnSync(process.execPath, [join(root, 'scripts/security-check.mjs'), dir], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000
  })
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr }
}

function app(name: string, files: Record<string, string>): string {
  const dir = join(work, name)
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('npm run security', () => {
  it('fails on an insecure app and lists the medium/high findings', { timeout: 120_000 }, () => {
    const dir = app('insecure', {
      'main/index.js': `const { app, BrowserWindow } = require('electron')
app.whenReady().then(() => {
  const win = new BrowserWindow({
    webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false, webSecurity: false }
  })
  win.loadURL('http://example.com/')
})
`,
      'renderer/index.html': '<!doctype html><script src="http://cdn.example.com/x.js"></script>'
    })
    const ran = runCheck(dir)
    expect(ran.status).toBe(1)
    expect(ran.stderr).toMatch(/FAILED: \d+ finding\(s\) of medium or high severity/)
    for (const check of [
      'CONTEXT_ISOLATION_JS_CHECK',
      'SANDBOX_JS_CHECK',
      'WEB_SECURITY_JS_CHECK',
      'HTTP_RESOURCES_JS_CHECK',
      'LIMIT_NAVIGATION_GLOBAL_CHECK',
      'PERMISSION_REQUEST_HANDLER_GLOBAL_CHECK'
    ]) {
      expect(ran.stdout, check).toContain(check)
    }
  })

  it('passes a locked-down main process', { timeout: 120_000 }, () => {
    const dir = app('secure', {
      'main/index.js': `const { app, BrowserWindow, session } = require('electron')
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_c, _p, callback) => callback(false))
  const win = new BrowserWindow({
    webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, disableBlinkFeatures: 'Auxclick' }
  })
  win.webContents.on('will-navigate', (event) => event.preventDefault())
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }))
  win.loadURL('app://nnlab/index.html')
})
`,
      'renderer/index.html':
        "<!doctype html><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'\"><script src=\"./a.js\"></script>"
    })
    const ran = runCheck(dir)
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    expect(ran.stdout).toMatch(/passed: no medium or high findings/)
  })

  it('refuses to pass vacuously when there is nothing built', () => {
    const ran = runCheck(join(work, 'not-built'))
    expect(ran.status).toBe(1)
    expect(ran.stderr).toMatch(/does not exist; run `npm run build` first/)
    const empty = app('empty', { 'README.txt': 'no code here' })
    const emptyRun = runCheck(empty)
    expect(emptyRun.status).toBe(1)
    expect(emptyRun.stderr).toMatch(/no JavaScript or HTML to scan/)
  })
})
