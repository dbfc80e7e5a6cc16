// The desktop suite finds the Electron binary exactly as `npm start` does (one module for both).
export { ROOT, findElectronBinary, type ElectronBinary } from '../../scripts/electron-binary.cjs'
