// serve-web.mjs as a learner or the e2e suite meets it: the build served with the right types and
// a strict CSP, and nothing outside the build folder, however the path is spelled.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const SCRIPT = resolve(__dirname, 'serve-web.mjs')

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A raw GET: the path goes out exactly as written (no client-side URL normalisation). */
function get(port: number, path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolvePromise, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () =>
        resolvePromise({ status: res.statusCode ?? 0, headers: res.headers, body })
      )
    })
    req.on('error', reject)
    req.end()
  })
}

function startServer(root: string): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [SCRIPT, root], {
      env: { ...process.env, PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      const match = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output)
      if (match) resolvePromise({ child, port: Number(match[1]) })
    })
    child.on('exit', (code) => reject(new Error(`server exited with ${code}: ${output}`)))
  })
}

describe('serve-web.mjs', () => {
  let base: string
  let root: string
  let server: { child: ChildProcess; port: number }

  beforeAll(async () => {
    base = mkdtempSync(join(tmpdir(), 'nnlab-serve-'))
    root = join(base, 'web')
    mkdirSync(join(root, 'assets'), { recursive: true })
    writeFileSync(join(root, 'web.html'), '<!doctype html><title>NN Lab</title>')
    writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)')
    writeFileSync(join(root, 'assets', 'kernels.wasm'), Buffer.from([0, 97, 115, 109, 1, 0, 0, 0]))
    writeFileSync(join(base, 'secret.txt'), 'outside the build')
    server = await startServer(root)
  })

  afterAll(() => {
    server?.child.kill()
    rmSync(base, { recursive: true, force: true })
  })

  it('serves web.html at / with a strict CSP', async () => {
    const reply = await get(server.port, '/')
    expect(reply.status).toBe(200)
    expect(reply.body).toContain('<title>NN Lab</title>')
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    const csp = String(reply.headers['content-security-policy'])
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).toContain("frame-ancestors 'none'")
    expect(csp).not.toMatch(/'unsafe-eval'|https?:|\*/)
    // The same rules as the desktop app's: no inline styles, no blob: workers.
    expect(csp).not.toContain("'unsafe-inline'")
    expect(csp).toMatch(/worker-src 'self'(;|$)/)
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
  })

  it('names JavaScript and WebAssembly correctly', async () => {
    expect((await get(server.port, '/assets/app.js')).headers['content-type']).toBe(
      'text/javascript; charset=utf-8'
    )
    const wasm = await get(server.port, '/assets/kernels.wasm')
    expect(wasm.status).toBe(200)
    expect(wasm.headers['content-type']).toBe('application/wasm')
  })

  it('never serves anything outside the build folder', async () => {
    for (const path of [
      '/../secret.txt',
      '/..%2fsecret.txt',
      '/%2e%2e%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..\\secret.txt',
      '/%00',
      '/%E0%A4%A'
    ]) {
      const reply = await get(server.port, path)
      expect(reply.status, path).toBe(404)
      expect(reply.body).not.toContain('outside the build')
    }
  })

  it('answers missing files and folders with 404 and refuses writes', async () => {
    expect((await get(server.port, '/nope.js')).status).toBe(404)
    expect((await get(server.port, '/assets')).status).toBe(404)
    expect((await get(server.port, '/', 'POST')).status).toBe(405)
  })

  it('says what to do when there is no build to serve', async () => {
    await expect(startServer(join(base, 'missing'))).rejects.toThrow(/exited with 1/)
  })
})
