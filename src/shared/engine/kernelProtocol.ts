// What the trainer (kernelThreads.ts) and its kernel helper threads (kernelHelper.ts) share: the
// layout of the control block, the messages, and the loop that claims and runs chunks of a job,
// which both sides run.

/** The control block: Int32 slots of one SharedArrayBuffer for the whole pool. */
export const CONTROL = {
  /** The job number: bumped (and notified) by the trainer for each job. */
  SEQ: 0,
  /** Which job: one of JOB. */
  FN: 1,
  /** The id of the arena (WebAssembly memory) the job works on. */
  ARENA: 2,
  /** Rows per chunk. */
  CHUNK: 3,
  /** The chunk counter: first row (dense) or gradient row (denseGrad) not yet claimed. */
  NEXT: 4,
  /** The kernel's arguments from here: dense (inp, w, b, out, act, gate, count, K, J, flags),
   *  denseGrad (inp, delta, gw, count, K, J). */
  ARGS: 5,
  /** dense's slope, a float64: this index of a Float64Array over the block (bytes 64–71). */
  SLOPE_F64: 8,
  /** Helper i stores the number of each job it finished in DONE + 2i, its status (1 done,
   *  −1 failed) in DONE + 2i + 1. */
  DONE: 24
} as const

export const JOB = { DENSE: 1, GRAD: 2, RECEIVE: 3 } as const

export const MAX_HELPERS = 3
export const CONTROL_BYTES = 4 * (CONTROL.DONE + 2 * MAX_HELPERS)
/** Arenas the helpers keep instantiated (the oldest received is dropped first). */
export const HELPER_ARENAS = 3
/** Polls of a control slot before sleeping on it (~20–50 µs). */
export const SPIN = 20_000

/** Trainer → helper messages: the pool's control block and kernel module (once), an arena to
 *  take before job `seq` is acknowledged, an arena to drop. */
export type HelperMessage =
  | { control: SharedArrayBuffer; module: WebAssembly.Module; slot: number }
  | { id: number; memory: WebAssembly.Memory; seq: number }
  | { forget: number }

/** The kernels a chunk runs (the exports of kernels.as it needs). */
export interface ChunkKernels {
  dense(...args: number[]): void
  denseGrad(...args: number[]): void
}

/** Claims chunks of the current job (JOB.DENSE or JOB.GRAD) until none are left and runs each;
 *  every output element is computed by the same kernel code whoever claims it. */
export function runChunks(k: ChunkKernels, ctl: Int32Array, f64: Float64Array, fn: number): void {
  const chunk = ctl[CONTROL.CHUNK]
  if (fn === JOB.DENSE) {
    const [inp, w, b, out, act, gate, count, K, J, flags] = ctl.subarray(CONTROL.ARGS)
    const slope = f64[CONTROL.SLOPE_F64]
    for (;;) {
      const r0 = Atomics.add(ctl, CONTROL.NEXT, chunk)
      if (r0 >= count) return
      const n = Math.min(chunk, count - r0)
      const inOff = r0 * K * 8
      const outOff = r0 * J * 8
      const rowAct = act === 0 ? 0 : act + outOff
      const rowGate = gate === 0 ? 0 : gate + outOff
      k.dense(inp + inOff, w, b, out + outOff, rowAct, rowGate, n, K, J, flags, slope)
    }
  } else if (fn === JOB.GRAD) {
    const [inp, delta, gw, count, K, J] = ctl.subarray(CONTROL.ARGS)
    for (;;) {
      const k0 = Atomics.add(ctl, CONTROL.NEXT, chunk)
      if (k0 >= K) return
      k.denseGrad(inp, delta, gw, count, K, J, k0, Math.min(K, k0 + chunk))
    }
  } else {
    throw new Error(`unknown kernel job ${fn}`)
  }
}
