// Serves the browser build (out/web) on 127.0.0.1 so anyone can use the lab in a browser, and
// so the renderer e2e suite has something to drive. Static files only, with a strict CSP.
//   PORT=5199 node scripts/serve-web.mjs [folder]
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize, resolve, sep } from 'node:path'

const DEFAULT_PORT = 4173
const HOST = '127.0.0.1'
const root = resolve(process.argv[2] ?? 'out/web')
// PORT=0 asks the system for a free port (the tests use it); the URL printed says which.
const port = process.env.PORT ? Number(process.env.PORT) : DEFAULT_PORT
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve-web: PORT must be a port number, not "${process.env.PORT}".`)
  process.exit(1)
}

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
  '.nnlab': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8'
}

// Nothing remote, no eval. 'wasm-unsafe-eval' allows compiling the engine's WebAssembly only;
// it does not allow eval() or new Function().
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cache-Control': 'no-cache'
}

/** The file a URL path names inside root, or null when it would leave root. */
function fileFor(urlPath) {
  let decoded
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const relative = decoded === '/' ? 'web.html' : decoded.replace(/^\/+/, '')
  const file = normalize(join(root, relative))
  return file === root || file.startsWith(root + sep) ? file : null
}

function send(response, status, body, type = 'text/plain; charset=utf-8') {
  response.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type })
  response.end(body)
}

const server = createServer(async (request, response) => {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method not allowed\n')
    return
  }
  const url = new URL(request.url ?? '/', `http://${HOST}`)
  const file = fileFor(url.pathname)
  if (!file) {
    send(response, 404, 'Not found\n')
    return
  }
  try {
    const info = await stat(file)
    if (!info.isFile()) throw new Error('not a file')
    const body = await readFile(file)
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': body.length
    })
    response.end(request.method === 'HEAD' ? undefined : body)
  } catch {
    send(response, 404, 'Not found\n')
  }
})

try {
  const index = await stat(join(root, 'web.html'))
  if (!index.isFile()) throw new Error('missing')
} catch {
  console.error(`serve-web: ${join(root, 'web.html')} is missing; run "npm run build:web" first.`)
  process.exit(1)
}

server.on('error', (error) => {
  console.error(`serve-web: cannot listen on ${HOST}:${port}: ${error.message}`)
  process.exit(1)
})
server.listen(port, HOST, () => {
  const { port: actual } = server.address()
  console.log(`NN Lab is served at http://${HOST}:${actual}/ (Ctrl+C to stop)`)
})

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.close(() => process.exit(0)))
}
