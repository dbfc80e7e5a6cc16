// postinstall: fetch the Electron binary now, so `npm start` later works offline.
// Where that cannot work (no network), say so in one line and still succeed: `npm start` fetches
// it on first launch.
import { downloadElectronBinary, findElectronBinary } from './electron-binary.cjs'

if (process.env.NN_LAB_SKIP_ELECTRON_DOWNLOAD) {
  console.log(
    'nn-lab: skipped the Electron binary download (NN_LAB_SKIP_ELECTRON_DOWNLOAD is set).'
  )
} else if (!findElectronBinary().found) {
  const result = await downloadElectronBinary()
  console.log(
    result.ok
      ? 'nn-lab: the Electron binary is ready; the app will start offline.'
      : `nn-lab: could not download the Electron binary now (${result.reason}); \`npm start\` will fetch it on first launch.`
  )
}
