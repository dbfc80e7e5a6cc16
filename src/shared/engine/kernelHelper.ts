// A kernel helper thread's program (Node worker_threads; started by kernelThreads.ts, which
// describes the protocol). It is an entry file of its own: in the app electron-vite bundles it
// separately (a `?modulePath` import in main, whose path the trainer process is handed); running
// from source (the CLI, tests, bench) it is loaded as TypeScript through tsx.
import {
  CONTROL,
  HELPER_ARENAS,
  JOB,
  runChunks,
  SPIN,
  type ChunkKernels,
  type HelperMessage
} from './kernelProtocol'

/** A helper without work for this long visits its event loop (to forget dropped arenas). */
const IDLE_MS = 500

const parentPort = process.getBuiltinModule('node:worker_threads').parentPort
if (!parentPort) throw new Error('kernelHelper.ts runs as a worker thread')

// A dropped arena's memory is freed only when this thread's heap lets go of its last view of
// it; this thread allocates almost nothing, so it would rarely collect by itself.
let collect = (): void => {}
try {
  process.getBuiltinModule('node:v8').setFlagsFromString('--expose-gc')
  const gc: unknown = process.getBuiltinModule('node:vm').runInNewContext('gc')
  if (typeof gc === 'function') collect = gc as () => void
} catch {
  // then memory is freed whenever this thread happens to collect
}

const instances = new Map<number, ChunkKernels>()
let ctl: Int32Array<ArrayBufferLike> = new Int32Array(0)
let f64: Float64Array<ArrayBufferLike> = new Float64Array(0)
let kernels: WebAssembly.Module | null = null
let slot = 0
let last = 0
let serving = false

function acknowledge(seq: number, status: number): void {
  ctl[slot + 1] = status
  Atomics.store(ctl, slot, seq)
  Atomics.notify(ctl, slot)
}

/** Runs jobs until one asks this thread to take a message (an arena) or it idles. */
function serve(): void {
  serving = true
  for (;;) {
    // Jobs come in bursts (one per layer): a short spin catches the next one without the cost
    // of being woken from a futex wait.
    for (let i = 0; i < SPIN && Atomics.load(ctl, CONTROL.SEQ) === last; i++);
    if (Atomics.wait(ctl, CONTROL.SEQ, last, IDLE_MS) === 'timed-out') {
      // Idle: back to the event loop for a moment, where arenas the trainer dropped are
      // forgotten (their memory freed), then carry on.
      serving = false
      setTimeout(resume, 0)
      return
    }
    const seq = Atomics.load(ctl, CONTROL.SEQ)
    if (seq === last) continue
    last = seq
    const fn = ctl[CONTROL.FN]
    if (fn === JOB.RECEIVE) {
      serving = false
      return
    }
    let status = 1
    try {
      const arena = instances.get(ctl[CONTROL.ARENA])
      if (!arena) throw new Error(`no arena ${ctl[CONTROL.ARENA]}`)
      runChunks(arena, ctl, f64, fn)
    } catch {
      status = -1
    }
    acknowledge(seq, status)
  }
}

function resume(): void {
  if (!serving) serve()
}

parentPort.on('message', (m: HelperMessage) => {
  if ('control' in m) {
    ctl = new Int32Array(m.control)
    f64 = new Float64Array(m.control)
    kernels = m.module
    slot = m.slot
  } else if ('forget' in m) {
    instances.delete(m.forget)
    collect()
  } else {
    let status = 1
    try {
      instances.delete(m.id)
      const instance = new WebAssembly.Instance(kernels as WebAssembly.Module, {
        env: { memory: m.memory }
      })
      instances.set(m.id, instance.exports as unknown as ChunkKernels)
      if (instances.size > HELPER_ARENAS) {
        instances.delete(instances.keys().next().value as number)
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
