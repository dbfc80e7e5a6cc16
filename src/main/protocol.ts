// The UI is served from app://nnlab/ (a privileged, standard, secure scheme) instead of file://,
// so the page has a real origin, the CSP applies, and only files inside out/renderer can be read.
import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path'
import type { Protocol } from 'electron'
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './security'

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8'
}

/** The file an app:// URL names inside `root`, or null when it is not ours or tries to leave
 *  `root` (../, encoded separators, absolute paths). */
export function resolveAppPath(root: string, url: string): string | null {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return null
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  if (pathname === '/' || pathname === '') pathname = '/index.html'
  const target = normalize(join(root, pathname))
  const inside = relative(root, target)
  if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
    return null
  }
  return target
}

export function mimeTypeFor(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Answers one app:// request. Exported for tests; Electron calls it through protocol.handle. */
export async function serveAppRequest(root: string, url: string): Promise<Response> {
  const path = resolveAppPath(root, url)
  if (!path) return new Response('Not found', { status: 404 })
  try {
    const body = await readFile(path)
    return new Response(body, {
      status: 200,
      headers: {
        'Content-Type': mimeTypeFor(path),
        'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-cache'
      }
    })
  } catch {
    return new Response('Not found', { status: 404 })
  }
}

/** Must run before app 'ready': a standard, secure scheme gets a real origin, fetch and the
 *  code cache, like https. (Electron's `protocol` is passed in so this file loads in Node tests.) */
export function registerAppScheme(electronProtocol: Protocol): void {
  electronProtocol.registerSchemesAsPrivileged([
    {
      scheme: APP_SCHEME,
      privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true }
    }
  ])
}

/** After 'ready': serve `root` (out/renderer) on app://nnlab/. */
export function installAppProtocol(electronProtocol: Protocol, root: string): void {
  electronProtocol.handle(APP_SCHEME, (request) => serveAppRequest(root, request.url))
}
