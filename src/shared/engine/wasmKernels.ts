// Loads the WebAssembly SIMD kernels (wasm/kernels.as), lays out one batch's matrices in a
// WebAssembly memory (KernelArena) and implements LayerKernels on them (WasmLayerKernels). Where
// WebAssembly or SIMD is unavailable (or a page's CSP forbids compiling it), no arena can be
// made and the engine uses its TypeScript loops, which compute the very same numbers.
import { LEAKY_RELU_SLOPE } from './activations'
import { activate, multiplyDerivative, type KernelBackend, type LayerKernels } from './layerKernels'
import { crossEntropyFromLogTerms } from './losses'
import type { ActivationName, NetworkSpec } from './types'
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
  /** counts[j] (int32) = the rows whose sigmoid (tanh ≠ 0: tanh) slope is below limit. */
  countSaturated(
    a: number,
    count: number,
    J: number,
    tanh: number,
    limit: number,
    counts: number
  ): void
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

/** LayerKernels on the WebAssembly kernels. Every array they work on lives in the arena: the
 *  batch buffers (alloc) and staging copies of what the caller holds elsewhere — the input rows,
 *  the labels, and the weights and biases of the layer being computed. */
export class WasmLayerKernels implements LayerKernels {
  readonly backend: KernelBackend = 'wasm'
  private readonly arena: KernelArena
  private readonly x: Float64Array
  private readonly labels: Int32Array
  /** One layer's weights (forward) or transposed weights (backward) at a time. */
  private readonly w: Float64Array
  private readonly b: Float64Array
  /** One layer's per-unit counts (countSaturated), added to the caller's. */
  private readonly counts: Int32Array

  /** Input columns per row: 2, or the engineered features' count (features.ts). */
  private readonly inputs: number

  private constructor(
    arena: KernelArena,
    capacity: number,
    widestMatrix: number,
    widest: number,
    inputs = 2
  ) {
    this.arena = arena
    this.inputs = inputs
    this.x = arena.alloc(capacity * inputs)
    this.labels = arena.allocI32(capacity)
    this.w = arena.alloc(widestMatrix)
    this.b = arena.alloc(widest)
    this.counts = arena.allocI32(widest)
  }

  /** Kernels for batches of up to `capacity` rows with room for `doubles` float64 values more in
   *  `arrays` arrays (the caller's buffers), or null: use the TypeScript loops. */
  static create(
    spec: NetworkSpec,
    capacity: number,
    doubles: number,
    arrays: number
  ): WasmLayerKernels | null {
    const s = spec.layerSizes
    let widestMatrix = 0
    for (let i = 0; i < s.length - 1; i++) widestMatrix = Math.max(widestMatrix, s[i] * s[i + 1])
    const widest = Math.max(...s)
    // Staging: x (one value per input column and row), labels (int32: half a double per row),
    // one matrix, one bias row, one row of counts (int32).
    const staging =
      s[0] * capacity + Math.ceil(capacity / 2) + widestMatrix + widest + Math.ceil(widest / 2)
    const parallel = capacity * widestMatrix >= PARALLEL_MIN_MACS
    const arena = KernelArena.create(doubles + staging, arrays + 5, parallel)
    return arena ? new WasmLayerKernels(arena, capacity, widestMatrix, widest, s[0]) : null
  }

  alloc(length: number): Float64Array {
    return this.arena.alloc(length)
  }

  loadInput(x: Float64Array, count: number): Float64Array {
    this.x.set(x.subarray(0, count * this.inputs))
    return this.x
  }

  loadedInput(): Float64Array {
    return this.x
  }

  forwardLayer(
    inp: Float64Array,
    w: Float64Array,
    b: Float64Array,
    z: Float64Array,
    a: Float64Array,
    count: number,
    K: number,
    J: number,
    act: ActivationName | null
  ): void {
    this.w.set(w)
    this.b.set(b)
    // The kernel applies the (leaky) ReLU and a single sigmoid column as it stores each sum;
    // other activations run over z afterwards.
    const reluLike = act === 'relu' || act === 'leaky-relu'
    const sigmoidColumn = act === 'sigmoid' && J === 1
    const flags =
      DENSE_ADD_BIAS | (reluLike ? DENSE_ACTIVATE : 0) | (sigmoidColumn ? DENSE_SIGMOID : 0)
    const slope = act === 'leaky-relu' ? LEAKY_RELU_SLOPE : 0
    const [pi, pw, pb] = [inp.byteOffset, this.w.byteOffset, this.b.byteOffset]
    this.arena.dense(pi, pw, pb, z.byteOffset, a.byteOffset, 0, count, K, J, flags, slope)
    if (act !== null && !reluLike && !sigmoidColumn) activate(act, z, a, count * J)
  }

  weightGrad(
    inp: Float64Array,
    delta: Float64Array,
    gw: Float64Array,
    count: number,
    K: number,
    J: number
  ): void {
    this.arena.denseGrad(inp.byteOffset, delta.byteOffset, gw.byteOffset, count, K, J)
  }

  biasGrad(delta: Float64Array, gb: Float64Array, count: number, J: number): void {
    this.arena.exports.biasGrad(delta.byteOffset, gb.byteOffset, count, J)
  }

  backLayer(
    delta: Float64Array,
    w: Float64Array,
    prev: Float64Array,
    zPrev: Float64Array,
    aPrev: Float64Array,
    count: number,
    K: number,
    J: number,
    act: ActivationName
  ): void {
    // delta @ Wᵀ is the dense kernel over the transposed weights, without bias, with the (leaky)
    // ReLU derivative applied as each sum is stored.
    const wT = this.w
    for (let r = 0; r < K; r++) for (let c = 0; c < J; c++) wT[c * K + r] = w[r * J + c]
    const reluLike = act === 'relu' || act === 'leaky-relu'
    const slope = act === 'leaky-relu' ? LEAKY_RELU_SLOPE : 0
    const flags = reluLike ? DENSE_GATE : 0
    const [pd, pw, pp, pz] = [delta.byteOffset, wT.byteOffset, prev.byteOffset, zPrev.byteOffset]
    this.arena.dense(pd, pw, 0, pp, 0, pz, count, J, K, flags, slope)
    if (!reluLike) multiplyDerivative(act, zPrev, aPrev, prev, count * K)
  }

  binaryHead(
    p: Float64Array,
    labels: Int32Array,
    count: number,
    terms: Float64Array,
    delta: Float64Array
  ): { loss: number; correct: number } {
    this.labels.set(labels.subarray(0, count))
    const k = this.arena.exports
    const correct = k.binaryHead(
      p.byteOffset,
      this.labels.byteOffset,
      count,
      terms.byteOffset,
      delta.byteOffset
    )
    return { loss: crossEntropyFromLogTerms(terms, count), correct }
  }

  countSaturated(
    tanh: boolean,
    a: Float64Array,
    count: number,
    J: number,
    limit: number,
    counts: Int32Array
  ): void {
    const c = this.counts
    this.arena.exports.countSaturated(a.byteOffset, count, J, tanh ? 1 : 0, limit, c.byteOffset)
    for (let j = 0; j < J; j++) counts[j] += c[j]
  }
}
