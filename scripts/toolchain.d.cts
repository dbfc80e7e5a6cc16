// Types for scripts/toolchain.mjs.
export declare const PYTHON: string
export declare const SYSTEM_CHROMIUMS: string[]
export declare function playwrightChromium(): string | null
export type ChromiumFound =
  | { path: string; source: 'NNLAB_CHROMIUM' | 'system' | 'playwright' }
  | { path: null; reason: string }
export declare function findChromium(probe?: {
  env?: Record<string, string | undefined>
  exists?: (path: string) => boolean
  playwright?: () => string | null
}): ChromiumFound
export declare function runsCleanly(command: string, args: string[]): boolean
export declare function hasNumpy(): boolean
export declare function hasGcc(): boolean
export declare function hasJupyter(): boolean
