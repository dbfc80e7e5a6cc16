import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveAppPath, serveAppRequest } from './protocol'
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  contentSecurityPolicy,
  isAppUrl,
  isTrustedSender,
  secureWebPreferences
} from './security'

describe('window security settings', () => {
  it('isolates, sandboxes and keeps Node out of every window', () => {
    const prefs = secureWebPreferences('/app/out/preload/index.cjs')
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false
    })
  })

  it('has a CSP with no remote sources and no JavaScript eval', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-eval'|https?:|\*/)
    const dev = contentSecurityPolicy('http://localhost:5173')
    expect(dev).toContain("connect-src 'self' ws://localhost:5173")
    expect(dev).not.toContain("'unsafe-eval'")
  })

  it('recognises only the app’s own pages', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true)
    expect(isAppUrl('app://nnlab/assets/index.js')).toBe(true)
    expect(isAppUrl('app://evil/index.html')).toBe(false)
    expect(isAppUrl('https://nnlab/index.html')).toBe(false)
    expect(isAppUrl('file:///etc/passwd')).toBe(false)
    expect(isAppUrl('not a url')).toBe(false)
    expect(isAppUrl('http://localhost:5173/')).toBe(false)
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
  })

  it('refuses IPC from frames that are not the app’s top frame', () => {
    const top = { url: APP_ENTRY_URL, parent: null }
    expect(isTrustedSender(top)).toBe(true)
    expect(isTrustedSender(null)).toBe(false)
    expect(isTrustedSender(undefined)).toBe(false)
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false)
    const child = { url: APP_ENTRY_URL, parent: top } as unknown as Parameters<
      typeof isTrustedSender
    >[0]
    expect(isTrustedSender(child)).toBe(false)
  })
})

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'nnlab-renderer-'))
  mkdirSync(join(root, 'assets'))
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>NN Lab</title>')
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('maps URLs inside the renderer folder and nothing outside it', () => {
    expect(resolveAppPath(root, 'app://nnlab/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://nnlab/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
    expect(resolveAppPath(root, 'app://nnlab/assets/../index.html')).toBe(join(root, 'index.html'))
    // The URL parser already resolves plain ../ against the root: still inside.
    expect(resolveAppPath(root, 'app://nnlab/../secret.txt')).toBe(join(root, 'secret.txt'))
    // Encoded separators and dots survive URL parsing; decoding them must not escape.
    for (const url of [
      'app://nnlab/..%2fsecret.txt',
      'app://nnlab/..%2F..%2Fetc%2Fpasswd',
      'app://nnlab/assets/..%2F..%2Fsecret.txt',
      'app://nnlab/%5c..%5csecret.txt',
      'app://nnlab/a%00b',
      'app://nnlab/%E0%A4%A',
      'app://other/index.html',
      'file:///etc/passwd'
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull()
    }
  })

  it('serves files with their type and the CSP, and 404s the rest', async () => {
    const page = await serveAppRequest(root, 'app://nnlab/index.html')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('NN Lab')
    const script = await serveAppRequest(root, 'app://nnlab/assets/app.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect((await serveAppRequest(root, 'app://nnlab/missing.js')).status).toBe(404)
    expect((await serveAppRequest(root, 'app://nnlab/../../etc/passwd')).status).toBe(404)
  })
})
