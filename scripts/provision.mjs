// `npm test`'s first step: find or provide the outside tools the suites need, before any suite
// starts, so a fresh machine needs only `npm install` and `npm test`.
//   - a Chromium for the renderer e2e suite (NNLAB_CHROMIUM, a system Chromium/Chrome, or
//     Playwright's own browser);
//   - NumPy under /usr/bin/python3 for the fidelity checks;
//   - Jupyter's nbformat, nbclient and ipykernel, and matplotlib, to run the exported notebooks;
//   - gcc for the bench's C reference.
// On Debian/Ubuntu as root it installs what is missing with apt-get (one line per thing); else it
// tries Playwright's browser download for Chromium. What still cannot be had stops the run with
// one line naming the exact command to run. Nothing is ever skipped silently.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { pathToFileURL } from 'node:url'
import { findChromium, hasGcc, hasJupyter, hasNumpy, PYTHON } from './toolchain.cjs'

const require = createRequire(import.meta.url)
const PREFIX = 'nn-lab test:'

/** What each tool is for and how it is had. */
export const TOOLS = {
  chromium: { apt: ['chromium'], why: 'the browser the renderer e2e suite drives' },
  numpy: { apt: ['python3-numpy'], why: `NumPy under ${PYTHON} for the fidelity checks` },
  jupyter: {
    apt: ['python3-nbformat', 'python3-nbclient', 'python3-ipykernel', 'python3-matplotlib'],
    why: 'Jupyter (nbformat, nbclient, ipykernel) and matplotlib to run the exported notebooks'
  },
  gcc: { apt: ['gcc'], why: "the C compiler for the bench's reference" }
}

/**
 * Decides what to do from what is there. Pure, so the tests can walk every case.
 * @param {{ missing: Array<keyof typeof TOOLS>, explicitChromiumMissing?: string | null, canApt: boolean, aptAvailable: boolean }} state
 * @returns {{ apt: string[], playwrightInstall: boolean, stop: string | null }}
 */
export function planProvisioning(state) {
  if (state.explicitChromiumMissing) {
    // The person chose a browser; installing another would hide their mistake.
    return {
      apt: [],
      playwrightInstall: false,
      stop: `${PREFIX} NNLAB_CHROMIUM is set to ${state.explicitChromiumMissing}, which does not exist; point it at a Chromium or Chrome executable, or unset it.`
    }
  }
  if (state.missing.length === 0) return { apt: [], playwrightInstall: false, stop: null }
  if (state.canApt) {
    return {
      apt: state.missing.flatMap((tool) => TOOLS[tool].apt),
      playwrightInstall: false,
      stop: null
    }
  }
  const playwrightInstall = state.missing.includes('chromium')
  const others = state.missing.filter((tool) => tool !== 'chromium')
  if (others.length === 0) return { apt: [], playwrightInstall, stop: null }
  return { apt: [], playwrightInstall, stop: manualLine(others, state.aptAvailable) }
}

/** The one line for tools that cannot be installed from here. */
export function manualLine(tools, aptAvailable) {
  const packages = tools.flatMap((tool) => TOOLS[tool].apt).join(' ')
  const what = tools.map((tool) => TOOLS[tool].why).join(', ')
  const command = aptAvailable
    ? `sudo apt-get install ${packages}`
    : tools.includes('chromium')
      ? `install ${packages} with your package manager (or set NNLAB_CHROMIUM to a Chrome executable)`
      : `install ${packages} with your package manager`
  return `${PREFIX} missing ${what}; run \`${command}\`, then \`npm test\` again.`
}

function missingTools() {
  const chromium = findChromium()
  const missing = []
  if (!chromium.path) missing.push('chromium')
  if (!hasNumpy()) missing.push('numpy')
  if (!hasJupyter()) missing.push('jupyter')
  if (!hasGcc()) missing.push('gcc')
  return { missing, explicitChromiumMissing: chromium.path ? null : process.env.NNLAB_CHROMIUM }
}

/** Runs a command with its output kept; on failure returns its last meaningful line. */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options })
  if (!result.error && result.status === 0) return null
  if (result.error) return result.error.message
  const lines = `${result.stderr ?? ''}\n${result.stdout ?? ''}`
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
  return (
    lines.find((line) => /^E:|error/i.test(line)) ?? lines.at(-1) ?? `exit code ${result.status}`
  )
}

function aptInstall(tools) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  for (const tool of tools) {
    const { apt, why } = TOOLS[tool]
    console.log(`${PREFIX} installing ${apt.join(' ')} (${why}) with apt-get…`)
  }
  const packages = tools.flatMap((tool) => TOOLS[tool].apt)
  const updateError = run('apt-get', ['update', '-qq'], { env })
  if (updateError)
    console.log(`${PREFIX} apt-get update failed (${updateError}); trying the install anyway.`)
  return run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env })
}

function playwrightInstall() {
  console.log(`${PREFIX} installing Playwright's Chromium (npx playwright install chromium)…`)
  let cli
  try {
    cli = require.resolve('playwright-core/cli.js')
  } catch {
    return 'playwright-core is not installed (run `npm install`)'
  }
  // Inherit the output: a download shows its own progress.
  const result = spawnSync(process.execPath, [cli, 'install', 'chromium'], { stdio: 'inherit' })
  return !result.error && result.status === 0
    ? null
    : (result.error?.message ?? `exit code ${result.status}`)
}

export function provision() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const aptAvailable = process.platform === 'linux' && existsSync('/usr/bin/apt-get')
  const state = { ...missingTools(), canApt: isRoot && aptAvailable, aptAvailable }
  const plan = planProvisioning(state)
  if (plan.stop) {
    console.error(plan.stop)
    return 1
  }
  if (plan.apt.length > 0) {
    const error = aptInstall(state.missing)
    if (error) console.log(`${PREFIX} apt-get install failed: ${error}`)
  }
  if (plan.playwrightInstall) {
    const error = playwrightInstall()
    if (error) console.log(`${PREFIX} Playwright's browser download failed: ${error}`)
  }
  const after = missingTools()
  if (after.missing.length > 0) {
    console.error(manualLine(after.missing, aptAvailable))
    return 1
  }
  if (state.missing.length > 0) {
    console.log(`${PREFIX} ready (Chromium at ${findChromium().path}).`)
  }
  return 0
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exit(provision())
}
