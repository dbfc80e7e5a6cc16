// `npm start`: build and launch the desktop app. Where the Electron binary is missing (npm install
// ran offline), fetch it first, with @electron/get's progress bar and no time cap; when that fails,
// one line that says why and what to do instead of a stack trace.
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import {
  downloadElectronBinary,
  ELECTRON_PACKAGE_DIR,
  electronViteCli,
  findElectronBinary,
  ROOT
} from './electron-binary.cjs'

/** The one line shown when the binary cannot be had. */
export function cannotStartLine(reason) {
  return `nn-lab: cannot start: the Electron binary could not be downloaded (${reason}). Connect to the network (or set ELECTRON_MIRROR) and run \`npm start\` again; meanwhile \`npm run preview:web\` runs the same lab in a browser.`
}

/**
 * Makes sure the binary is there. Prints progress on stdout and the failure line on stderr.
 * @returns {Promise<boolean>}
 */
export async function ensureElectron(packageDir = ELECTRON_PACKAGE_DIR, io = console) {
  const found = findElectronBinary(packageDir)
  if (found.found) return true
  io.log('nn-lab: the Electron binary is not installed yet; downloading it now (once, ~100 MB)…')
  const result = await downloadElectronBinary(packageDir)
  if (result.ok) {
    io.log(`nn-lab: Electron is ready (${result.path}).`)
    return true
  }
  io.error(cannotStartLine(result.reason))
  return false
}

async function main() {
  if (!(await ensureElectron())) process.exit(1)
  const cli = electronViteCli()
  const child = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], {
    cwd: ROOT,
    stdio: 'inherit'
  })
  child.on('exit', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main()
}
