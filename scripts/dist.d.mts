// Types for scripts/dist.mjs.
export declare function isNetworkError(error: unknown): boolean
export declare function loadValidatedConfig(): Promise<Record<string, unknown>>
export declare function buildCommand(): [string, string[]]
