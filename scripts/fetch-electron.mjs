// postinstall: fetch the Electron binary now, so `npm start` later works offline.
// Where that cannot work (no network), say so in one line and still succeed.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)

if (process.env.NN_LAB_SKIP_ELECTRON_DOWNLOAD) {
  console.log(
    'nn-lab: skipped the Electron binary download (NN_LAB_SKIP_ELECTRON_DOWNLOAD is set).'
  )
  process.exit(0)
}

let installScript
try {
  installScript = require.resolve('electron/install.js')
} catch {
  console.log('nn-lab: electron is not installed; skipping the binary download.')
  process.exit(0)
}
if (!existsSync(installScript)) process.exit(0)

const result = spawnSync(process.execPath, [installScript], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: 180_000,
  encoding: 'utf8'
})
if (result.status === 0) {
  console.log('nn-lab: the Electron binary is ready; the app will start offline.')
} else {
  console.log(
    'nn-lab: could not download the Electron binary now (no network?); `npm start` will fetch it on first launch.'
  )
}
