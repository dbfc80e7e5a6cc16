// Spreads jobs over worker threads, each taking the next job when it finishes one: the one
// scheduler of `nn-lab sweep` (Node worker_threads), the Electron trainer's sweeps (worker_threads
// in the utility process) and the browser's (Web Workers). Runtime-neutral: a thread is anything
// that takes a message and answers each with one message, in order.

/** One worker thread as the pool sees it. */
export interface PoolThread<J, R> {
  post(job: J): void
  /** The answer to the job posted last. */
  onResult(handler: (result: R) => void): void
  /** The thread failed (it will not answer). */
  onError(handler: (error: unknown) => void): void
  terminate(): void
}

export interface PoolRun<R> {
  /** Every result, in job order, once all have come (rejects on a thread's failure). */
  done: Promise<R[]>
  /** Stops handing out jobs and ends the threads; `done` then resolves with what came. */
  cancel(): void
}

/** Runs `jobs` on `threads` threads from `spawn`; `onResult` sees each result as it comes. */
export function runOnPool<J, R>(
  jobs: readonly J[],
  threads: number,
  spawn: () => PoolThread<J, R>,
  onResult?: (index: number, result: R) => void
): PoolRun<R> {
  const results: R[] = new Array<R>(jobs.length)
  const started: PoolThread<J, R>[] = []
  let next = 0
  let running = 0
  let settled = false
  let settle: (error?: unknown) => void = () => {}
  const done = new Promise<R[]>((resolve, reject) => {
    settle = (error?: unknown) => {
      if (settled) return
      settled = true
      for (const thread of started) thread.terminate()
      if (error !== undefined) reject(error instanceof Error ? error : new Error(String(error)))
      else resolve(results)
    }
  })
  const count = Math.max(1, Math.min(threads, jobs.length))
  if (jobs.length === 0) settle()
  for (let t = 0; t < count && !settled; t++) {
    let thread: PoolThread<J, R>
    try {
      thread = spawn()
    } catch (error) {
      settle(error)
      break
    }
    started.push(thread)
    let holding = -1
    const give = (): void => {
      if (settled) return
      if (next >= jobs.length) {
        if (--running === 0) settle()
        return
      }
      holding = next++
      thread.post(jobs[holding])
    }
    running++
    thread.onResult((result) => {
      if (settled || holding < 0) return
      results[holding] = result
      onResult?.(holding, result)
      holding = -1
      give()
    })
    thread.onError((error) => settle(error ?? new Error('A sweep thread stopped.')))
    give()
  }
  return { done, cancel: () => settle() }
}
