// The Electron binary: where it is, and fetching it when it is not there (postinstall and
// `npm start`). We download with @electron/get ourselves instead of running electron's own
// install.js because install.js prints only `err.stack` ("TypeError: fetch failed" and its
// frames), which hides the real cause (a DNS failure, a refused connection, an HTTP 404); here the
// learner gets that cause in one sentence, and the progress bar @electron/get draws.
// Found WITHOUT require('electron'): that module's index.js would itself try to download.
// CommonJS so that plain node, vitest and Playwright (the desktop suite) all load this one file.
const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs')
const { dirname, join, resolve } = require('node:path')

const ROOT = resolve(__dirname, '..')
const ELECTRON_PACKAGE_DIR = join(ROOT, 'node_modules', 'electron')

/** electron-vite's command-line entry, to run with this Node (`npm start`, `npm run dist`): its
 *  package exports only its API and package.json. */
function electronViteCli() {
  return join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js')
}

/** The executable's path inside dist/, as electron's install.js names it. */
function platformExecutable(platform = process.platform) {
  if (platform === 'darwin' || platform === 'mas') return 'Electron.app/Contents/MacOS/Electron'
  if (platform === 'win32') return 'electron.exe'
  return 'electron'
}

/**
 * @param {string} [packageDir]
 * @returns {{ found: true, path: string } | { found: false, reason: string }}
 */
function findElectronBinary(packageDir = ELECTRON_PACKAGE_DIR) {
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed (run `npm install`)' }
  }
  const pathFile = join(packageDir, 'path.txt')
  if (!existsSync(pathFile)) {
    return {
      found: false,
      reason:
        'the Electron binary was never downloaded (node_modules/electron/path.txt is missing; no network for it here)'
    }
  }
  const executable = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim())
  if (!existsSync(executable)) {
    return { found: false, reason: `the Electron binary is missing at ${executable}` }
  }
  return { found: true, path: executable }
}

/** An error and its causes as one short phrase: "fetch failed (connect ECONNREFUSED 127.0.0.1:1)". */
function describeError(error) {
  const parts = []
  for (let e = error, depth = 0; e && depth < 5; e = e.cause, depth++) {
    const text = String(e.message ?? e)
      .split('\n')[0]
      .trim()
    if (text && !parts.includes(text)) parts.push(text)
  }
  if (parts.length === 0) return 'unknown error'
  return parts.length === 1 ? parts[0] : `${parts[0]} (${parts.slice(1).join(': ')})`
}

/**
 * Downloads (or takes from @electron/get's cache) the binary of the installed electron package and
 * unpacks it where electron's own install.js would. Never throws.
 * @param {string} [packageDir]
 * @returns {Promise<{ ok: true, path: string } | { ok: false, reason: string }>}
 */
async function downloadElectronBinary(packageDir = ELECTRON_PACKAGE_DIR) {
  try {
    const { version } = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'))
    const { downloadArtifact } = await import('@electron/get')
    const zipPath = await downloadArtifact({
      version,
      artifactName: 'electron',
      cacheRoot: process.env.electron_config_cache,
      checksums: existsSync(join(packageDir, 'checksums.json'))
        ? JSON.parse(readFileSync(join(packageDir, 'checksums.json'), 'utf8'))
        : undefined,
      platform: process.platform,
      arch: process.arch
    })
    const { extract } = require('@electron-internal/extract-zip')
    const distDir = join(packageDir, 'dist')
    await extract(zipPath, { dir: distDir })
    const typings = join(distDir, 'electron.d.ts')
    if (existsSync(typings)) renameSync(typings, join(packageDir, 'electron.d.ts'))
    writeFileSync(join(packageDir, 'path.txt'), platformExecutable())
    const found = findElectronBinary(packageDir)
    return found.found ? { ok: true, path: found.path } : { ok: false, reason: found.reason }
  } catch (error) {
    return { ok: false, reason: describeError(error) }
  }
}

module.exports = {
  ROOT,
  ELECTRON_PACKAGE_DIR,
  electronViteCli,
  platformExecutable,
  findElectronBinary,
  describeError,
  downloadElectronBinary
}
