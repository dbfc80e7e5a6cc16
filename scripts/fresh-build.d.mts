// Types for scripts/fresh-build.mjs.
export declare function newestMtime(paths: string[]): number
export declare function freshBuild(): number
