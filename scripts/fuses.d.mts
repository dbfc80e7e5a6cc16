// Types for scripts/fuses.mjs (an electron-builder hook, kept as plain JS so electron-builder can load it).
import type { FuseV1Config } from '@electron/fuses'

export interface PackContextLike {
  appOutDir: string
  electronPlatformName: string
  arch: number | string
  packager: { executableName?: string; appInfo: { productFilename: string } }
}
export declare const FUSE_SETTINGS: Record<number, boolean>
export declare function fuseConfig(platformName: string, archName: string): FuseV1Config
export declare function electronBinaryPath(context: PackContextLike): string
export declare function afterPack(context: PackContextLike): Promise<void>
export default afterPack
