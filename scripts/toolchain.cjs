// The outside tools the test suites use, found the same way by the provisioner (`npm test`'s first
// step) and by playwright.config.ts, so the two can never disagree about which Chromium runs.
// CommonJS so that plain node, vitest and Playwright's config loader (which cannot load an .mjs
// from a .ts config) all read this one file.
const { spawnSync } = require('node:child_process')
const { existsSync } = require('node:fs')

/** The Python whose NumPy the fidelity checks compare with (Debian's, as on the build machines). */
const PYTHON = '/usr/bin/python3'

/** System browsers the renderer suite can drive, in order of preference. */
const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe'
]

/** Where Playwright keeps its own Chromium (downloaded by `npx playwright install chromium`), or
 *  null when this Playwright has none for the platform. */
function playwrightChromium() {
  try {
    const { chromium } = require('playwright-core')
    const path = chromium.executablePath()
    return typeof path === 'string' && path.length > 0 ? path : null
  } catch {
    return null
  }
}

/**
 * The Chromium for the renderer suite: `NNLAB_CHROMIUM` when set (it must exist), else the first
 * system Chromium/Chrome, else Playwright's own browser when it has been downloaded.
 * @param {{ env?: Record<string, string | undefined>, exists?: (path: string) => boolean, playwright?: () => string | null }} [probe]
 * @returns {{ path: string, source: 'NNLAB_CHROMIUM' | 'system' | 'playwright' } | { path: null, reason: string }}
 */
function findChromium(probe = {}) {
  const env = probe.env ?? process.env
  const exists = probe.exists ?? existsSync
  const playwright = probe.playwright ?? playwrightChromium
  const explicit = env.NNLAB_CHROMIUM
  if (explicit) {
    if (exists(explicit)) return { path: explicit, source: 'NNLAB_CHROMIUM' }
    return { path: null, reason: `NNLAB_CHROMIUM names ${explicit}, which does not exist` }
  }
  const system = SYSTEM_CHROMIUMS.find((path) => exists(path))
  if (system) return { path: system, source: 'system' }
  const own = playwright()
  if (own && exists(own)) return { path: own, source: 'playwright' }
  return { path: null, reason: 'no Chromium or Chrome is installed' }
}

/** True when `command args…` runs and exits 0 (quietly). */
function runsCleanly(command, args) {
  const result = spawnSync(command, args, { stdio: 'ignore', timeout: 60_000 })
  return !result.error && result.status === 0
}

function hasNumpy() {
  return existsSync(PYTHON) && runsCleanly(PYTHON, ['-c', 'import numpy'])
}

/** What running the exported Jupyter notebooks needs (nbclient executes them in an ipykernel). */
function hasJupyter() {
  return (
    existsSync(PYTHON) &&
    runsCleanly(PYTHON, ['-c', 'import nbformat, nbclient, ipykernel, matplotlib'])
  )
}

function hasGcc() {
  return runsCleanly('gcc', ['--version'])
}

module.exports = {
  PYTHON,
  SYSTEM_CHROMIUMS,
  playwrightChromium,
  findChromium,
  runsCleanly,
  hasNumpy,
  hasJupyter,
  hasGcc
}
