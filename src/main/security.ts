// Electron's security checklist in one place: every window's webPreferences, the CSP, navigation
// and window-open blocking, permission denial and the IPC sender check. Only types come from
// electron here, so the rules are unit-tested from source in plain Node.
import type { Session, WebContents, WebFrameMain, WebPreferences } from 'electron'

export const APP_SCHEME = 'app'
export const APP_HOST = 'nnlab'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** No remote anything: the app works with the network unplugged. No inline styles either: the
 *  build puts every stylesheet in a file, and Vue's `:style` bindings and Chart.js set styles
 *  through the CSSOM, which style-src does not govern. No eval of any kind, WebAssembly included: training runs in the
 *  utility process, and the engine falls back to its TypeScript loops where it cannot compile.
 *  Workers only from the app's own files (the renderer starts none from blob: URLs). */
export const CONTENT_SECURITY_POLICY =
  // One literal (not joined at run time) so security scanners can read it.
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; frame-src 'none'"

/** The dev server (electron-vite dev) needs its websocket for hot reload; nothing else changes. */
export function contentSecurityPolicy(devServerUrl?: string): string {
  if (!devServerUrl) return CONTENT_SECURITY_POLICY
  const origin = new URL(devServerUrl)
  const ws = `ws://${origin.host}`
  return CONTENT_SECURITY_POLICY.replace("connect-src 'self'", `connect-src 'self' ${ws}`)
}

/** The only webPreferences a window of ours may have. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    // A middle click would otherwise open links in a new window (electronegativity AUXCLICK).
    disableBlinkFeatures: 'Auxclick'
  }
}

/** True for pages of the app itself: app://nnlab/…, or the dev server in development. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return false
  }
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (devServerUrl) {
    const dev = new URL(devServerUrl)
    return parsed.protocol === dev.protocol && parsed.host === dev.host
  }
  return false
}

/** IPC is accepted only from the top frame of one of our pages (not an iframe, not a remote
 *  page that somehow got loaded). */
export function isTrustedSender(
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
  devServerUrl?: string
): boolean {
  if (!frame) return false
  if (frame.parent !== null) return false
  return isAppUrl(frame.url, devServerUrl)
}

/** Navigation (links, drag-and-drop of a URL, location changes) may not leave the app; new
 *  windows are never opened. */
export function lockDownWebContents(contents: WebContents, devServerUrl?: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) event.preventDefault()
  })
  contents.on('will-attach-webview', (event) => event.preventDefault())
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
}

/** The one permission the lab uses: writing text or a PNG to the clipboard (the training log's
 *  Copy, "Copy figure"). Chromium asks for it on navigator.clipboard.write/writeText. */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write'])

/** Granted only for the app's own pages; every other permission, and every other origin, no. */
export function isPermissionAllowed(
  permission: string,
  url: string | undefined,
  devServerUrl?: string
): boolean {
  return ALLOWED_PERMISSIONS.has(permission) && url !== undefined && isAppUrl(url, devServerUrl)
}

/** No camera, microphone, notifications, geolocation…: the lab needs none (only the clipboard
 *  write above). Also sets the CSP on every response (the app:// handler sets it too; this covers
 *  the dev server). */
export function lockDownSession(target: Session, devServerUrl?: string): void {
  target.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(isPermissionAllowed(permission, details?.requestingUrl, devServerUrl))
  )
  target.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    isPermissionAllowed(permission, requestingOrigin, devServerUrl)
  )
  const policy = contentSecurityPolicy(devServerUrl)
  target.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [policy] }
    })
  })
}
