// Types of build-kernels.mjs for the TypeScript tests that import it.
export const ASC_FLAGS: string[]
export const ASC_SHARED_FLAGS: string[]
export function kernelSourceHash(): string
export function compileKernels(flags?: string[]): Uint8Array
export function renderModule(bytes: Uint8Array, sharedBytes: Uint8Array, sourceHash: string): string
