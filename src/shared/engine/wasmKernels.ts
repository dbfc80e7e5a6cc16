// Loads the WebAssembly SIMD kernels (wasm/kernels.as) and lays out one batch's matrices in a
// private WebAssembly memory. Where WebAssembly or SIMD is unavailable (or a page's CSP forbids
// compiling it), kernels() returns null and the engine uses its TypeScript loops, which compute
// the very same numbers.
import { KERNELS_WASM, KERNELS_SHARED_WASM } from './wasm/kernelsWasm'
import {
  forgetArenaWhenCollected,
  isLiveHelperPool,
  kernelHelpers,
  PARALLEL_MIN_MACS,
  stopKernelHelpers,
  type HelperPool,
  type KernelJob
} from './kernelThreads'

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
  /** The sigmoid head's loss terms, delta and rows classified right (see kernels.as). */
  binaryHead(p: number, labels: number, count: number, terms: number, delta: number): number
  /** e^x and ln x as fdlibm computes them (V8's Math.exp; Math.log up to V8 12). */
  exp(x: number): number
  log(x: number): number
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
/** Also write the sigmoid of each sum into `act` (a single output column only). */
export const DENSE_SIGMOID = 8

export type KernelBackend = 'wasm' | 'js'

let preferred: KernelBackend = 'wasm'
let compiled: WebAssembly.Module | null | undefined
let compiledShared: WebAssembly.Module | null | undefined

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

/** The same kernels over a shared memory (for helper threads), or null where shared memory or
 *  threads are unavailable. */
function sharedKernelModule(): WebAssembly.Module | null {
  if (compiledShared === undefined) {
    compiledShared = null
    if (kernelModule() && typeof SharedArrayBuffer === 'function') {
      try {
        compiledShared = new WebAssembly.Module(KERNELS_SHARED_WASM)
      } catch {
        compiledShared = null
      }
    }
  }
  return compiledShared
}

/** Largest memory one batch's buffers may take in WebAssembly (beyond it: TypeScript loops);
 *  also the maximum the shared-memory module declares (16384 pages). */
const MAX_WASM_BYTES = 1 << 30

let nextArenaId = 1

/** A WebAssembly memory with a bump allocator for float64 arrays (16-byte aligned). */
export class KernelArena {
  readonly id = nextArenaId++
  readonly exports: KernelExports
  readonly memory: WebAssembly.Memory
  /** Helper threads sharing this memory (null: every call runs on the calling thread). */
  private readonly helpers: HelperPool | null
  private next = 16

  private constructor(
    exports: KernelExports,
    memory: WebAssembly.Memory,
    helpers: HelperPool | null
  ) {
    this.exports = exports
    this.memory = memory
    this.helpers = helpers
  }

  /** An arena able to hold `doubles` float64 values in arrays, or null (use TypeScript).
   *  `parallel`: the batch is big enough for helper threads to pay off, so put it in shared
   *  memory when threads are available. */
  static create(doubles: number, arrays: number, parallel = false): KernelArena | null {
    if (getKernelBackend() !== 'wasm') return null
    const bytes = 16 + doubles * 8 + arrays * 16
    if (bytes > MAX_WASM_BYTES) return null
    const pages = Math.ceil(bytes / 65536)
    const shared = parallel ? sharedKernelModule() : null
    const helpers = shared ? kernelHelpers(shared) : null
    try {
      if (shared && helpers) {
        const memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true })
        const instance = new WebAssembly.Instance(shared, { env: { memory } })
        const arena = new KernelArena(instance.exports as unknown as KernelExports, memory, helpers)
        forgetArenaWhenCollected?.register(arena, arena.id)
        return arena
      }
    } catch {
      // fall through to a private memory
    }
    try {
      const memory = new WebAssembly.Memory({ initial: pages })
      const instance = new WebAssembly.Instance(kernelModule() as WebAssembly.Module, {
        env: { memory }
      })
      return new KernelArena(instance.exports as unknown as KernelExports, memory, null)
    } catch {
      return null
    }
  }

  /** exports.dense; a big call is shared with the helper threads by chunks of batch rows. */
  dense(...args: Parameters<KernelExports['dense']>): void {
    const [, , , , , , count, K, J, , slope] = args
    if (this.worthSharing(count * K * J)) {
      if (this.share('dense', args.slice(0, 10), slope, count, 8, 8)) return
    }
    this.exports.dense(...args)
  }

  /** exports.denseGrad over all K rows of gw; a big call is shared by chunks of gw rows. */
  denseGrad(inp: number, delta: number, gw: number, count: number, K: number, J: number): void {
    if (this.worthSharing(count * K * J)) {
      // Few, large chunks: every chunk reads all of inp and delta.
      if (this.share('denseGrad', [inp, delta, gw, count, K, J], 0, K, 2, 1)) return
    }
    this.exports.denseGrad(inp, delta, gw, count, K, J, 0, K)
  }

  /** Whether a call of `macs` multiply-adds goes to the helper threads (there are live ones). */
  private worthSharing(macs: number): boolean {
    return this.helpers !== null && macs >= PARALLEL_MIN_MACS && isLiveHelperPool(this.helpers)
  }

  /** Runs a call together with the helper threads, in chunks of `total` rows (`perThread` chunks
   *  per thread, multiples of `align`). False when a helper failed: threading is then switched
   *  off and the caller runs the whole call. */
  private share(
    fn: KernelJob['fn'],
    args: number[],
    slope: number,
    total: number,
    align: number,
    perThread: number
  ): boolean {
    const helpers = this.helpers as HelperPool
    const perChunk = Math.ceil(total / (perThread * (helpers.size + 1)) / align) * align
    if (helpers.run(this, this.exports, { fn, args, slope, chunk: Math.max(align, perChunk) })) {
      return true
    }
    stopKernelHelpers()
    return false
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
