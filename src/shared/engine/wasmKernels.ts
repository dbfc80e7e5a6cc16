// Loads the WebAssembly SIMD kernels (wasm/kernels.as) and lays out one batch's matrices in a
// private WebAssembly memory. Where WebAssembly or SIMD is unavailable (or a page's CSP forbids
// compiling it), kernels() returns null and the engine uses its TypeScript loops, which compute
// the very same numbers.
import { KERNELS_WASM } from './wasm/kernelsWasm'

export interface KernelExports {
  /** out = inp @ w, finished per `flags` (see DENSE_* below); pointers are byte offsets. */
  dense(
    inp: number,
    w: number,
    b: number,
    out: number,
    act: number,
    gate: number,
    count: number,
    K: number,
    J: number,
    flags: number,
    slope: number
  ): void
  /** gw rows k0 ≤ k < k1 of inpᵀ @ delta / count. */
  denseGrad(
    inp: number,
    delta: number,
    gw: number,
    count: number,
    K: number,
    J: number,
    k0: number,
    k1: number
  ): void
  biasGrad(delta: number, gb: number, count: number, J: number): void
  /** float32 live-map inference over grid points [first, first + count); see kernels.as. */
  gridMap(
    layers: number,
    sizes: number,
    acts: number,
    params: number,
    bufA: number,
    bufB: number,
    xMin: number,
    dx: number,
    yMax: number,
    dy: number,
    width: number,
    first: number,
    count: number,
    upto: number,
    unit: number,
    out: number
  ): void
}

/** dense() flags, as in kernels.as: add the bias; also write the (leaky) ReLU activation;
 *  multiply by the (leaky) ReLU derivative read from a gate matrix. */
export const DENSE_ADD_BIAS = 1
export const DENSE_ACTIVATE = 2
export const DENSE_GATE = 4

export type KernelBackend = 'wasm' | 'js'

let preferred: KernelBackend = 'wasm'
let compiled: WebAssembly.Module | null | undefined

/** Chooses the backend for buffers created from now on ('js' is for comparison and tests). */
export function setKernelBackend(backend: KernelBackend): void {
  preferred = backend
}

export function getKernelBackend(): KernelBackend {
  return preferred === 'wasm' && kernelModule() ? 'wasm' : 'js'
}

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    // A page's main thread is skipped: browsers refuse synchronous compiles there above 4 KB,
    // and a page CSP may forbid it (logging a violation). Training runs in workers anyway.
    const pageMainThread = 'document' in globalThis
    try {
      compiled =
        typeof WebAssembly === 'object' && !pageMainThread
          ? new WebAssembly.Module(KERNELS_WASM)
          : null
    } catch {
      compiled = null // no SIMD support, or compilation not allowed here
    }
  }
  return compiled
}

/** Largest memory one batch's buffers may take in WebAssembly (beyond it: TypeScript loops). */
const MAX_WASM_BYTES = 1 << 30

/** A WebAssembly memory with a bump allocator for float64 arrays (16-byte aligned). */
export class KernelArena {
  readonly exports: KernelExports
  readonly memory: WebAssembly.Memory
  private next = 16

  private constructor(exports: KernelExports, memory: WebAssembly.Memory) {
    this.exports = exports
    this.memory = memory
  }

  /** An arena able to hold `doubles` float64 values in arrays, or null (use TypeScript). */
  static create(doubles: number, arrays: number): KernelArena | null {
    if (getKernelBackend() !== 'wasm') return null
    const bytes = 16 + doubles * 8 + arrays * 16
    if (bytes > MAX_WASM_BYTES) return null
    try {
      const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) })
      const instance = new WebAssembly.Instance(kernelModule() as WebAssembly.Module, {
        env: { memory }
      })
      return new KernelArena(instance.exports as unknown as KernelExports, memory)
    } catch {
      return null
    }
  }

  /** A zeroed Float64Array of `length` living in this memory (its byteOffset is the pointer). */
  alloc(length: number): Float64Array {
    const view = new Float64Array(this.memory.buffer, this.next, length)
    this.next += Math.ceil((length * 8) / 16) * 16
    return view
  }

  /** A zeroed Float32Array of `length` in this memory (16-byte aligned, like alloc). */
  allocF32(length: number): Float32Array {
    const view = new Float32Array(this.memory.buffer, this.next, length)
    this.next += Math.ceil((length * 4) / 16) * 16
    return view
  }

  /** A zeroed Int32Array of `length` in this memory (16-byte aligned, like alloc). */
  allocI32(length: number): Int32Array {
    const view = new Int32Array(this.memory.buffer, this.next, length)
    this.next += Math.ceil((length * 4) / 16) * 16
    return view
  }
}
