// electron-builder `afterPack` hook: flips the Electron fuses of the packaged binary before it is
// signed, so a shipped NN Lab cannot be turned into a general-purpose Node runtime
// (ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect), only runs the code in its own app.asar, and
// gives file:// no extra privileges.
import { join } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses'

/** The fuse settings every packaged build gets. */
export const FUSE_SETTINGS = {
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The UI is served from app://, so file:// pages need none of the extra privileges Electron
  // grants them by default (reading other files, fetch of file:// URLs).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
}

/** The full @electron/fuses config for one platform/arch. */
export function fuseConfig(platformName, archName) {
  return {
    version: FuseVersion.V1,
    // Flipping fuses breaks the ad-hoc signature of an arm64 macOS binary; re-sign it ad hoc
    // (a real signing step, if configured, replaces it afterwards).
    resetAdHocDarwinSignature: platformName === 'darwin' && archName === 'arm64',
    ...FUSE_SETTINGS
  }
}

/** Where the Electron binary sits in electron-builder's unpacked output (as electron-builder
 *  itself computes it): `NN Lab.app` on macOS, `NN Lab.exe` on Windows, the executable on Linux. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`)
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
    case 'linux':
      return join(appOutDir, packager.executableName)
    default:
      throw new Error(`fuses: unknown platform "${electronPlatformName}"`)
  }
}

/** Arch enum (electron-builder: 0 ia32, 1 x64, 2 armv7l, 3 arm64, 4 universal) → name. */
const ARCH_NAMES = ['ia32', 'x64', 'armv7l', 'arm64', 'universal']

export async function afterPack(context) {
  const binary = electronBinaryPath(context)
  const archName = typeof context.arch === 'number' ? ARCH_NAMES[context.arch] : context.arch
  await flipFuses(binary, fuseConfig(context.electronPlatformName, archName))
  console.log(`fuses: set on ${binary}`)
}

export default afterPack
