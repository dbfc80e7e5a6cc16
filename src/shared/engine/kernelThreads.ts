// Helper threads for the big dense-layer kernels. Where the runtime has Node's worker_threads
// (the CLI, tests and bench under Node, and the Electron utility process that trains in the
// app), a batch's kernel calls are shared with helper threads working on the same WebAssembly
// memory: a forward or back-propagation product by chunks of batch rows, a weight gradient by
// chunks of gradient rows. Threads claim chunks from a shared counter until none are left, so a
// busy core simply takes fewer. Every output element is still computed by the same kernel code
// with its terms summed in the same order, so results are bit-identical whatever the number of
// threads and whoever computes which chunk. Elsewhere (a browser Web Worker) there are no helpers
// and every call runs on the calling thread.
//
// Protocol: one SharedArrayBuffer `control` for the pool. The trainer writes a job (kernel, arena,
// arguments, chunk size), resets the chunk counter, bumps SEQ and notifies; every helper claims
// chunks like the trainer does, then stores SEQ into its own DONE slot and notifies; the trainer
// waits for all of them. A helper learns a new arena's memory by message: the trainer posts it,
// then sends the RECEIVE job, which makes each helper return to its event loop, take the message,
// instantiate and acknowledge. If a helper fails or stops answering, threading is switched off
// and the trainer recomputes the whole call itself: slower, same numbers.

/** Below this many multiply-adds a kernel call runs on one thread (a hand-off costs ~20 µs). */
export const PARALLEL_MIN_MACS = 1 << 18

/** Arenas the helpers keep instantiated (the oldest received is dropped first). */
const HELPER_ARENAS = 3
/** A job taking longer than this is treated as a dead helper. */
const JOB_TIMEOUT_MS = 120_000
/** Taking an arena's memory (the first time: starting up) takes milliseconds; a helper that has
 *  not done it after this long is not going to. */
const RECEIVE_TIMEOUT_MS = 10_000
const MAX_HELPERS = 3
/** Polls of a control slot before sleeping on it (~20–50 µs). */
const SPIN = 20_000
/** A helper without work for this long visits its event loop (to forget dropped arenas). */
const IDLE_MS = 500

// Int32 slots of the control block. Kernel arguments: dense (inp, w, b, out, act, gate, count,
// K, J, flags) with its slope as float64 at byte 64; denseGrad (inp, delta, gw, count, K, J).
const SEQ = 0
const FN = 1
const ARENA = 2
const CHUNK = 3
const NEXT = 4 // the chunk counter: first row (dense) or gradient row (denseGrad) not yet claimed
const ARGS = 5
const SLOPE_F64 = 8
const DONE = 24 // helper i acknowledges in DONE + 2i, with its status in DONE + 2i + 1
const CONTROL_BYTES = 4 * (DONE + 2 * MAX_HELPERS)

const FN_DENSE = 1
const FN_GRAD = 2
const FN_RECEIVE = 3

/** The kernels a chunk runs (the exports of kernels.as it needs). */
interface ChunkKernels {
  dense(...args: number[]): void
  denseGrad(...args: number[]): void
}

/** Claims chunks of the current job until none are left and runs each. The helpers run this very
 *  function (its source is put into their program), so it may use only its parameters. */
function runChunks(k: ChunkKernels, ctl: Int32Array, f64: Float64Array, fn: number): void {
  const a = 5 // ARGS
  const chunk = ctl[3] // CHUNK
  if (fn === 1) {
    const count = ctl[a + 6]
    const K = ctl[a + 7]
    const J = ctl[a + 8]
    for (;;) {
      const r0 = Atomics.add(ctl, 4, chunk) // NEXT
      if (r0 >= count) return
      const n = Math.min(chunk, count - r0)
      const inOff = r0 * K * 8
      const outOff = r0 * J * 8
      const act = ctl[a + 4] === 0 ? 0 : ctl[a + 4] + outOff
      const gate = ctl[a + 5] === 0 ? 0 : ctl[a + 5] + outOff
      k.dense(ctl[a] + inOff, ctl[a + 1], ctl[a + 2], ctl[a + 3] + outOff, act, gate, n, K, J,
        ctl[a + 9], f64[8]) // prettier-ignore
    }
  } else {
    const K = ctl[a + 4]
    for (;;) {
      const k0 = Atomics.add(ctl, 4, chunk) // NEXT
      if (k0 >= K) return
      k.denseGrad(ctl[a], ctl[a + 1], ctl[a + 2], ctl[a + 3], K, ctl[a + 5], k0, Math.min(K, k0 + chunk)) // prettier-ignore
    }
  }
}

/** The helper's whole program (CommonJS, run with `eval: true`). */
const HELPER_SOURCE = `
const { parentPort } = require('node:worker_threads')
// A dropped arena's memory is freed only when this thread's heap lets go of its last view of
// it; this thread allocates almost nothing, so it would rarely collect by itself.
let collect = () => {}
try {
  require('node:v8').setFlagsFromString('--expose-gc')
  const gc = require('node:vm').runInNewContext('gc')
  if (typeof gc === 'function') collect = gc
} catch {
  // then memory is freed whenever this thread happens to collect
}
const runChunks = ${runChunks.toString()}
const instances = new Map()
let ctl, f64, module, slot, last = 0
function acknowledge(seq, status) {
  ctl[slot + 1] = status
  Atomics.store(ctl, slot, seq)
  Atomics.notify(ctl, slot)
}
let serving = false
function serve() {
  serving = true
  for (;;) {
    // Jobs come in bursts (one per layer): a short spin catches the next one without the cost
    // of being woken from a futex wait.
    for (let i = 0; i < ${SPIN} && Atomics.load(ctl, ${SEQ}) === last; i++);
    if (Atomics.wait(ctl, ${SEQ}, last, ${IDLE_MS}) === 'timed-out') {
      // Idle: back to the event loop for a moment, where arenas the trainer dropped are
      // forgotten (their memory freed), then carry on.
      serving = false
      setTimeout(resume, 0)
      return
    }
    const seq = Atomics.load(ctl, ${SEQ})
    if (seq === last) continue
    last = seq
    const fn = ctl[${FN}]
    if (fn === ${FN_RECEIVE}) {
      serving = false
      return
    }
    let status = 1
    try {
      if (fn !== ${FN_DENSE} && fn !== ${FN_GRAD}) throw new Error('unknown kernel ' + fn)
      runChunks(instances.get(ctl[${ARENA}]).exports, ctl, f64, fn)
    } catch {
      status = -1
    }
    acknowledge(seq, status)
  }
}
function resume() {
  if (!serving) serve()
}
parentPort.on('message', (m) => {
  if (m.control) {
    ctl = new Int32Array(m.control)
    f64 = new Float64Array(m.control)
    module = m.module
    slot = m.slot
  } else if (m.forget !== undefined) {
    instances.delete(m.forget)
    collect()
  } else {
    let status = 1
    try {
      instances.delete(m.id)
      instances.set(m.id, new WebAssembly.Instance(module, { env: { memory: m.memory } }))
      if (instances.size > ${HELPER_ARENAS}) {
        instances.delete(instances.keys().next().value)
        collect()
      }
    } catch {
      status = -1
    }
    last = m.seq
    acknowledge(m.seq, status)
  }
  resume()
})
`

/** What a helper thread needs from Node's Worker (structural: the engine has no Node types). */
interface NodeWorker {
  postMessage(message: unknown): void
  on(event: 'error', listener: (error: unknown) => void): void
  unref(): void
  terminate(): Promise<number>
}
interface WorkerThreadsModule {
  Worker: new (source: string, options: { eval: boolean }) => NodeWorker
}

/** The memory a kernel call works on, as the helpers need it. */
export interface SharedArena {
  readonly id: number
  readonly memory: WebAssembly.Memory
}

/** A kernel call to share: dense over rows of the batch, or denseGrad over rows of gw. */
export interface KernelJob {
  fn: 'dense' | 'denseGrad'
  /** The kernel's arguments without denseGrad's row range (see the slot layout above). */
  args: number[]
  slope: number
  /** Rows per chunk (batch rows for dense, gradient rows for denseGrad). */
  chunk: number
}

/** The helper threads and their control block. */
export class HelperPool {
  private readonly ctl: Int32Array
  private readonly f64: Float64Array
  private seq = 0
  /** Arena ids the helpers hold, in the order they received them (mirrors their own maps). */
  private readonly held: number[] = []

  constructor(
    private readonly workers: NodeWorker[],
    control: SharedArrayBuffer
  ) {
    this.ctl = new Int32Array(control)
    this.f64 = new Float64Array(control)
  }

  get size(): number {
    return this.workers.length
  }

  /** Runs `job` on this thread and the helpers together; false if a helper failed (the job's
   *  outputs are then incomplete and the caller recomputes them). */
  run(arena: SharedArena, kernels: ChunkKernels, job: KernelJob): boolean {
    if (!this.hold(arena)) return false
    const a = job.args
    for (let i = 0; i < a.length; i++) this.ctl[ARGS + i] = a[i]
    this.f64[SLOPE_F64] = job.slope
    const fn = job.fn === 'dense' ? FN_DENSE : FN_GRAD
    this.ctl[FN] = sabotage ? -1 : fn
    sabotage = false
    this.ctl[ARENA] = arena.id
    this.ctl[CHUNK] = job.chunk
    Atomics.store(this.ctl, NEXT, 0)
    const seq = this.post()
    runChunks(kernels, this.ctl, this.f64, fn)
    return this.waitAll(seq)
  }

  stop(): void {
    for (const w of this.workers) void w.terminate()
  }

  /** An arena was garbage-collected: the helpers drop their instance (and memory) of it. */
  forget(id: number): void {
    const i = this.held.indexOf(id)
    if (i < 0) return
    this.held.splice(i, 1)
    for (const w of this.workers) w.postMessage({ forget: id })
  }

  /** Arenas the helpers hold now. */
  get heldArenas(): number {
    return this.held.length
  }

  /** Makes sure every helper has this arena's memory. */
  private hold(arena: SharedArena): boolean {
    if (this.held.includes(arena.id)) return true
    const seq = this.seq + 1
    for (const w of this.workers) w.postMessage({ id: arena.id, memory: arena.memory, seq })
    this.ctl[FN] = FN_RECEIVE
    this.post()
    if (!this.waitAll(seq, RECEIVE_TIMEOUT_MS)) return false
    this.held.push(arena.id)
    if (this.held.length > HELPER_ARENAS) this.held.shift()
    return true
  }

  private post(): number {
    const seq = ++this.seq
    Atomics.store(this.ctl, SEQ, seq)
    Atomics.notify(this.ctl, SEQ)
    return seq
  }

  /** Waits until every helper acknowledged job `seq`; false if one failed or stopped answering. */
  private waitAll(seq: number, timeoutMs = JOB_TIMEOUT_MS): boolean {
    const deadline = Date.now() + timeoutMs
    for (let i = 0; i < this.workers.length; i++) {
      const slot = DONE + 2 * i
      for (let spin = 0; spin < SPIN && Atomics.load(this.ctl, slot) !== seq; spin++);
      for (;;) {
        const done = Atomics.load(this.ctl, slot)
        if (done === seq) break
        const left = deadline - Date.now()
        if (left <= 0) return false
        Atomics.wait(this.ctl, slot, done, left)
      }
      if (this.ctl[slot + 1] !== 1) return false
    }
    return true
  }
}

let wanted: number | null = null
let pool: HelperPool | null | undefined
/** Tests: the next job is one the helpers cannot run (see failNextHelperJob). */
let sabotage = false

function builtin<T>(id: string): T | null {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process
  const mod = typeof proc?.getBuiltinModule === 'function' ? proc.getBuiltinModule(id) : undefined
  return (mod as T | undefined) ?? null
}

/** Helper threads to use by default: one per core beyond the first, at most three. */
function defaultHelpers(): number {
  const os = builtin<{ availableParallelism?: () => number; cpus: () => unknown[] }>('node:os')
  if (!os) return 0
  const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length
  return Math.max(0, Math.min(MAX_HELPERS, cores - 1))
}

/** Sets the number of helper threads (0: everything on the calling thread; null: one per extra
 *  core, the default). Takes effect for arenas created from now on. */
export function setKernelThreads(helpers: number | null): void {
  const next = helpers === null ? null : Math.max(0, Math.min(MAX_HELPERS, helpers))
  if (next === wanted && pool !== null) return // unchanged: keep the helpers running
  if (pool) pool.stop()
  wanted = next
  pool = undefined
}

/** Helper threads in use now (0 where the runtime has no worker_threads or they failed). */
export function kernelHelperCount(): number {
  return pool ? pool.size : 0
}

/** The helper pool for the shared-memory kernel module, spawned on first use; null when
 *  threads are unavailable, switched off or broken. */
export function kernelHelpers(sharedModule: WebAssembly.Module): HelperPool | null {
  if (pool !== undefined) return pool
  pool = null
  const count = wanted ?? defaultHelpers()
  const threads = builtin<WorkerThreadsModule>('node:worker_threads')
  if (count <= 0 || !threads || typeof SharedArrayBuffer !== 'function') return null
  const control = new SharedArrayBuffer(CONTROL_BYTES)
  const workers: NodeWorker[] = []
  const created = new HelperPool(workers, control)
  try {
    for (let i = 0; i < count; i++) {
      const worker = new threads.Worker(HELPER_SOURCE, { eval: true })
      worker.unref() // never keeps a CLI run or a test process alive
      // A helper that crashes must not take the trainer with it (an 'error' event without a
      // listener would): threading is switched off instead.
      worker.on('error', () => {
        if (pool === created) stopKernelHelpers()
      })
      worker.postMessage({ control, module: sharedModule, slot: DONE + 2 * i })
      workers.push(worker)
    }
  } catch {
    for (const w of workers) void w.terminate()
    return null
  }
  pool = created
  return pool
}

/** Frees the helpers' view of arenas that were garbage-collected (registered by KernelArena). */
export const forgetArenaWhenCollected =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<number>((id) => pool?.forget(id))
    : null

/** Arenas the helpers hold (for tests: dropped arenas must not stay held). */
export function kernelHelperArenas(): number {
  return pool ? pool.heldArenas : 0
}

/** Whether `p` is the pool in use (not stopped or replaced since an arena took it). */
export function isLiveHelperPool(p: HelperPool): boolean {
  return pool === p
}

/** Switches threading off after a helper failed: every call runs on the calling thread. */
export function stopKernelHelpers(): void {
  if (pool) pool.stop()
  pool = null
}

/** For tests of the fallback: the next job fails in the helpers, as a crashed kernel would. */
export function failNextHelperJob(): void {
  sabotage = true
}
