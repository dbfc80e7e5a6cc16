// `npm start`'s first-launch download, against a local stand-in for Electron's release server
// (ELECTRON_MIRROR on loopback): a missing binary is fetched and unpacked where electron's own
// install script puts it; a server that cannot be reached gives one line, no stack trace.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { describeError, findElectronBinary, platformExecutable } from './electron-binary.cjs'
import { ensureElectron } from './start.mjs'

const VERSION = '45.5.0'
const work = mkdtempSync(join(tmpdir(), 'nnlab-start-'))
let server: Server
let mirror = ''
const requested: string[] = []

function fakePackage(): string {
  const dir = mkdtempSync(join(work, 'electron-'))
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: VERSION }))
  return dir
}

function collect(): {
  io: { log(l: string): void; error(l: string): void }
  out: string[]
  err: string[]
} {
  const out: string[] = []
  const err: string[] = []
  return { io: { log: (l) => out.push(l), error: (l) => err.push(l) }, out, err }
}

const savedEnv = { ...process.env }

beforeAll(async () => {
  // A zip holding what Electron's holds at the top: the executable (and its typings).
  const zipPath = join(work, 'electron.zip')
  execFileSync('python3', [
    '-c',
    `import zipfile,sys
with zipfile.ZipFile(sys.argv[1], 'w') as z:
    z.writestr(sys.argv[2], '#!/bin/sh\\necho fake electron\\n')
    z.writestr('electron.d.ts', '// typings')`,
    zipPath,
    platformExecutable()
  ])
  const zip = readFileSync(zipPath)
  const sha = createHash('sha256').update(zip).digest('hex')
  server = createServer((request, response) => {
    const url = request.url ?? ''
    requested.push(url)
    if (url.endsWith('SHASUMS256.txt')) {
      const name = `electron-v${VERSION}-${process.platform}-${process.arch}.zip`
      response.end(`${sha} *${name}\n`)
    } else if (url.endsWith('.zip')) {
      response.end(zip)
    } else {
      response.statusCode = 404
      response.end()
    }
  })
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  process.env.ELECTRON_GET_NO_PROGRESS = '1'
})

afterEach(() => {
  for (const key of ['ELECTRON_MIRROR', 'electron_config_cache']) {
    if (savedEnv[key] === undefined) delete process.env[key]
    else process.env[key] = savedEnv[key]
  }
})

afterAll(() => {
  server.close()
  rmSync(work, { recursive: true, force: true })
})

describe('npm start without the Electron binary', () => {
  it('downloads it, unpacks it where electron expects it, and goes on', async () => {
    process.env.ELECTRON_MIRROR = mirror
    process.env.electron_config_cache = mkdtempSync(join(work, 'cache-'))
    const dir = fakePackage()
    expect(findElectronBinary(dir).found).toBe(false)
    const { io, out, err } = collect()
    expect(await ensureElectron(dir, io)).toBe(true)
    expect(err).toEqual([])
    expect(out[0]).toContain('downloading')
    const found = findElectronBinary(dir)
    expect(found).toEqual({ found: true, path: join(dir, 'dist', platformExecutable()) })
    expect(readFileSync(join(dir, 'path.txt'), 'utf8')).toBe(platformExecutable())
    expect(existsSync(join(dir, 'electron.d.ts'))).toBe(true)
    expect(requested.some((url) => url.includes(`v${VERSION}/electron-v${VERSION}-`))).toBe(true)
    // A second start finds it and downloads nothing.
    const before = requested.length
    expect(await ensureElectron(dir, collect().io)).toBe(true)
    expect(requested.length).toBe(before)
  })

  it('says in one line why it cannot, with the real cause, and what to do instead', async () => {
    // A loopback port that was just closed: nothing listens, so the connection is refused at once.
    const closed = createServer()
    await new Promise<void>((done) => closed.listen(0, '127.0.0.1', done))
    const port = (closed.address() as AddressInfo).port
    await new Promise<void>((done) => closed.close(() => done()))
    process.env.ELECTRON_MIRROR = `http://127.0.0.1:${port}/`
    process.env.electron_config_cache = mkdtempSync(join(work, 'cache-'))
    const dir = fakePackage()
    const { io, err } = collect()
    expect(await ensureElectron(dir, io)).toBe(false)
    expect(err).toHaveLength(1)
    const line = err[0]
    expect(line.split('\n')).toHaveLength(1)
    expect(line).toMatch(/ECONNREFUSED/)
    expect(line).toContain('npm start')
    expect(line).toContain('npm run preview:web')
    expect(line).not.toMatch(/\n\s+at /)
    expect(findElectronBinary(dir).found).toBe(false)
  })

  it('describes an error by its chain of causes', () => {
    const inner = new Error('getaddrinfo ENOTFOUND example.invalid')
    expect(describeError(new TypeError('fetch failed', { cause: inner }))).toBe(
      'fetch failed (getaddrinfo ENOTFOUND example.invalid)'
    )
    expect(describeError(new Error('HTTP 404\n  at x'))).toBe('HTTP 404')
  })
})
