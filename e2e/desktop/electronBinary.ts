// Finds the Electron binary WITHOUT require('electron'): that module's index.js (and its install
// script) would try to download the binary, which cannot work offline. electron's install script
// writes node_modules/electron/path.txt (the executable's path inside dist/) once it has the binary.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const ROOT = resolve(__dirname, '..', '..')

export type ElectronBinary = { found: true; path: string } | { found: false; reason: string }

export function findElectronBinary(root = ROOT): ElectronBinary {
  const packageDir = join(root, 'node_modules', 'electron')
  if (!existsSync(join(packageDir, 'package.json'))) {
    return { found: false, reason: 'the electron package is not installed' }
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
