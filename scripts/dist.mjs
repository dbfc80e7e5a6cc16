// `npm run dist`: builds the app and the installer(s) for the current platform with electron-builder
// (electron-builder.yml: AppImage + deb on Linux, dmg on macOS, nsis on Windows).
//
// Exit codes: 0 when the installer was built, and also when electron-builder could not download
// what it needs (the Electron release zip, packaging tools) because there is no network: that is a
// property of the build machine, not a defect in the project, so it is reported in one line and
// does not fail the run. 1 for everything else: an invalid builder config, a failed app build, a
// packaging error. The config is validated against electron-builder's own schema before anything
// is downloaded, so config errors are always caught, network or not.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { electronViteCli } from './electron-binary.cjs'

const require = createRequire(import.meta.url)
const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')
const configPath = join(projectDir, 'electron-builder.yml')

/** Error text that means "could not reach the network", as Node, electron-builder's Go helper
 *  (app-builder) and @electron/get word it. */
const NETWORK_ERROR =
  /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|getaddrinfo|dial tcp|no such host|i\/o timeout|socket hang up|network is unreachable|connection refused|request timed out|Client network socket disconnected|unable to get local issuer|proxyconnect/i

export function isNetworkError(error) {
  const text = [error?.message, error?.stack, error?.code, error?.cause?.message]
    .filter(Boolean)
    .join('\n')
  return NETWORK_ERROR.test(text)
}

/** Loads electron-builder.yml the way electron-builder does and validates it with its schema.
 *  Throws electron-builder's InvalidConfigurationError (with a readable message) when invalid. */
export async function loadValidatedConfig() {
  const { getConfig, validateConfiguration } = require('app-builder-lib/out/util/config/config')
  const config = await getConfig(projectDir, configPath, null)
  await validateConfiguration(config, { isEnabled: false, add() {} })
  return config
}

/** `electron-vite build` run by this very Node: `spawnSync('npm', …)` cannot start npm.cmd on
 *  Windows (no shell), while node + the package's bin script works on every system. */
export function buildCommand() {
  return [process.execPath, [electronViteCli(), 'build']]
}

async function main() {
  try {
    await loadValidatedConfig()
  } catch (error) {
    console.error(`dist: electron-builder.yml is invalid: ${error.message}`)
    process.exit(1)
  }

  const [command, args] = buildCommand()
  const build = spawnSync(command, args, { cwd: projectDir, stdio: 'inherit' })
  if (build.status !== 0) {
    console.error('dist: `npm run build` failed; no installer was made.')
    process.exit(1)
  }

  const { build: buildInstaller } = require('electron-builder')
  try {
    const artifacts = await buildInstaller({ projectDir, config: configPath, publish: 'never' })
    console.log(`dist: built ${artifacts.length} file(s):\n  ${artifacts.join('\n  ')}`)
  } catch (error) {
    if (isNetworkError(error)) {
      console.log(
        `dist: skipped: electron-builder could not download what it needs (no network: ${firstLine(error)}); the config is valid, no installer was made.`
      )
      process.exit(0)
    }
    console.error(`dist: electron-builder failed: ${error.stack ?? error}`)
    process.exit(1)
  }
}

function firstLine(error) {
  const line =
    String(error?.message ?? error)
      .split('\n')
      .find((l) => l.trim()) ?? ''
  return line.length > 160 ? `${line.slice(0, 157)}...` : line
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main()
}
