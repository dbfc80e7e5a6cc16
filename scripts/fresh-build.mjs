// `npm run test:e2e`'s first step: rebuild the desktop app (out/main, out/preload, out/renderer)
// and the browser build (out/web) only when a source is newer than the build, so running the
// e2e suites again after `npm test` (or twice in a row) does not rebuild for nothing.
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { electronViteCli, ROOT } from './electron-binary.cjs'

/** Newest modification time under the given paths (files or folders), 0 when none exist. */
export function newestMtime(paths) {
  let newest = 0
  const visit = (path) => {
    if (!existsSync(path)) return
    const stat = statSync(path)
    if (stat.isDirectory()) {
      for (const entry of readdirSync(path)) if (entry !== 'node_modules') visit(join(path, entry))
    } else if (stat.mtimeMs > newest) newest = stat.mtimeMs
  }
  for (const path of paths) visit(path)
  return newest
}

const INPUTS = ['src', 'package.json', 'electron.vite.config.ts', 'vite.web.config.ts'].map((p) =>
  join(ROOT, p)
)

/** When the least recently built of these output folders was last written (0 when one is
 *  missing): the build is fresh when that is after every source's last change. */
function oldestOutput(dirs) {
  let oldest = Infinity
  for (const dir of dirs) {
    const path = join(ROOT, dir)
    if (!existsSync(path)) return 0
    oldest = Math.min(oldest, newestMtime([path]))
  }
  return oldest
}

export function freshBuild() {
  const sources = newestMtime(INPUTS)
  const steps = [
    { outputs: ['out/main', 'out/preload', 'out/renderer'], args: [electronViteCli(), 'build'] },
    {
      outputs: ['out/web'],
      args: [
        join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
        'build',
        '--config',
        'vite.web.config.ts'
      ]
    }
  ]
  for (const { outputs, args } of steps) {
    if (oldestOutput(outputs) > sources) {
      console.log(`fresh-build: ${outputs.join(', ')} is newer than the sources; not rebuilt.`)
      continue
    }
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' })
    if (result.status !== 0) return result.status ?? 1
  }
  return 0
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(freshBuild())
}
