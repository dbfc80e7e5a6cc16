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
// Protocol (layout and messages in kernelProtocol.ts, the helper's side in kernelHelper.ts): one
// SharedArrayBuffer `control` for the pool. The trainer writes a job (kernel, arena, arguments,
// chunk size), resets the chunk counter, bumps SEQ and notifies; every helper claims chunks like
// the trainer does, then stores SEQ into its own DONE slot and notifies; the trainer waits for
// all of them. A helper learns a new arena's memory by message: the trainer posts it, then sends
// the RECEIVE job, which makes each helper return to its event loop, take the message,
// instantiate and acknowledge. If a helper fails or stops answering, threading is switched off
// (with one line on the console) and the trainer recomputes the whole call itself: slower, same
// numbers.
import {
  CONTROL,
  CONTROL_BYTES,
  HELPER_ARENAS,
  JOB,
  MAX_HELPERS,
  runChunks,
  SPIN,
  type ChunkKernels,
  type HelperMessage
} from './kernelProtocol'

/** Below this many multiply-adds a kernel call runs on one thread (a hand-off costs ~20 µs). */
export const PARALLEL_MIN_MACS = 1 << 18

/** A job taking longer than this is treated as a dead helper. */
const JOB_TIMEOUT_MS = 120_000
/** Taking an arena's memory (the first time: starting up) takes milliseconds; a helper that has
 *  not done it after this long is not going to. */
const RECEIVE_TIMEOUT_MS = 10_000
/** The helper program beside this file, for runs from source (see helperProgram). */
const HELPER_SOURCE = './kernelHelper.ts'

/** What a helper thread needs from Node's Worker (structural: the engine has no Node types). */
interface NodeWorker {
  postMessage(message: HelperMessage): void
  on(event: 'error', listener: (error: unknown) => void): void
  on(event: 'exit', listener: () => void): void
  unref(): void
  terminate(): Promise<number>
}
interface WorkerThreadsModule {
  Worker: new (entry: string | URL, options: { execArgv?: string[] }) => NodeWorker
}

/** The memory a kernel call works on, as the helpers need it. */
export interface SharedArena {
  readonly id: number
  readonly memory: WebAssembly.Memory
}

/** A kernel call to share: dense over rows of the batch, or denseGrad over rows of gw. */
export interface KernelJob {
  fn: 'dense' | 'denseGrad'
  /** The kernel's arguments without dense's slope or denseGrad's row range (CONTROL.ARGS). */
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
    this.ctl.set(job.args, CONTROL.ARGS)
    this.f64[CONTROL.SLOPE_F64] = job.slope
    const fn = job.fn === 'dense' ? JOB.DENSE : JOB.GRAD
    this.ctl[CONTROL.FN] = fn
    this.ctl[CONTROL.ARENA] = arena.id
    this.ctl[CONTROL.CHUNK] = job.chunk
    Atomics.store(this.ctl, CONTROL.NEXT, 0)
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
    this.ctl[CONTROL.FN] = JOB.RECEIVE
    this.post()
    if (!this.waitAll(seq, RECEIVE_TIMEOUT_MS)) return false
    this.held.push(arena.id)
    if (this.held.length > HELPER_ARENAS) this.held.shift()
    return true
  }

  private post(): number {
    const seq = ++this.seq
    Atomics.store(this.ctl, CONTROL.SEQ, seq)
    Atomics.notify(this.ctl, CONTROL.SEQ)
    return seq
  }

  /** Waits until every helper acknowledged job `seq`; false if one failed or stopped answering. */
  private waitAll(seq: number, timeoutMs = JOB_TIMEOUT_MS): boolean {
    const deadline = Date.now() + timeoutMs
    for (let i = 0; i < this.workers.length; i++) {
      const slot = CONTROL.DONE + 2 * i
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
let helperEntry: string | URL | null = null

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

/** The helper program and how Node loads it. The app sets its bundled file (see
 *  setKernelHelperEntry); running from source (the CLI, tests and bench under tsx or vitest) it
 *  is kernelHelper.ts beside this file, loaded through tsx's require hook, which is found from
 *  here so that any working directory will do. */
function helperProgram(): { entry: string | URL; execArgv?: string[] } {
  const entry = helperEntry ?? new URL(HELPER_SOURCE, import.meta.url)
  if (!String(entry).endsWith('.ts')) return { entry }
  const modules = builtin<{ createRequire(from: string): { resolve(id: string): string } }>(
    'node:module'
  )
  if (!modules) throw new Error('no node:module to find tsx with')
  return {
    entry,
    execArgv: ['--require', modules.createRequire(import.meta.url).resolve('tsx/cjs')]
  }
}

/** The first line of an error's message, for the one-line notice. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error)
  return text.split('\n')[0]
}

/** Stops the helpers for good (until the setting changes) and says so, once. */
function switchOff(reason: string): void {
  if (pool) pool.stop()
  pool = null
  console.warn(`[nn-lab] Kernel helper threads off: ${reason}; one thread goes on (same numbers).`)
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

/** The helper program's file (the app's bundled copy), or null for kernelHelper.ts beside this
 *  file. Running helpers are stopped; new ones start from this file. */
export function setKernelHelperEntry(entry: string | URL | null): void {
  if (pool) pool.stop()
  helperEntry = entry
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
    const { entry, execArgv } = helperProgram()
    for (let i = 0; i < count; i++) {
      const worker = new threads.Worker(entry, execArgv ? { execArgv } : {})
      worker.unref() // never keeps a CLI run or a test process alive
      // A helper that crashes or cannot load must not take the trainer with it (an 'error'
      // event without a listener would): threading is switched off instead.
      worker.on('error', (error) => {
        if (pool === created) switchOff(`a helper thread failed (${firstLine(error)})`)
      })
      worker.on('exit', () => {
        if (pool === created) switchOff('a helper thread exited')
      })
      worker.postMessage({ control, module: sharedModule, slot: CONTROL.DONE + 2 * i })
      workers.push(worker)
    }
  } catch (error) {
    for (const w of workers) void w.terminate()
    console.warn(`[nn-lab] Kernel helper threads could not start: ${firstLine(error)}.`)
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

/** Switches threading off after a helper failed a job or stopped answering. */
export function stopKernelHelpers(): void {
  if (pool) switchOff('a helper thread failed a kernel call or stopped answering')
}
