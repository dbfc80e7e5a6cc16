// Types for scripts/electron-binary.mjs.
export declare const ROOT: string
export declare const ELECTRON_PACKAGE_DIR: string
export type ElectronBinary = { found: true; path: string } | { found: false; reason: string }
export declare function electronViteCli(): string
export declare function platformExecutable(platform?: string): string
export declare function findElectronBinary(packageDir?: string): ElectronBinary
export declare function describeError(error: unknown): string
export declare function downloadElectronBinary(
  packageDir?: string
): Promise<{ ok: true; path: string } | { ok: false; reason: string }>
