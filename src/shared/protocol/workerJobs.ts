// Jobs for a worker that may be missing or may fail (the session codec's, the browser host's text
// encoder). The worker starts on the first job; each job carries an id its answer echoes. A job
// the worker cannot take (no worker, a message it cannot clone, a worker that fails to load or
// crashes) is answered by `here` on the calling thread instead, so no job is lost.

export interface JobWorker<Job, Answer> {
  postMessage(job: Job): void
  addEventListener(type: 'message', listener: (event: MessageEvent<Answer>) => void): void
  addEventListener(type: 'error', listener: (event: Event) => void): void
  terminate(): void
}

export interface WorkerJobs<Job, Answer> {
  /** Runs the job that `build` makes for the id it is given. */
  run(build: (id: number) => Job): Promise<Answer>
  /** Stops the worker; jobs still out are dropped. */
  dispose(): void
}

export function createWorkerJobs<Job, Answer extends { id: number }>(
  spawn: () => JobWorker<Job, Answer> | null,
  here: (job: Job) => Answer | Promise<Answer>
): WorkerJobs<Job, Answer> {
  let worker: JobWorker<Job, Answer> | null | undefined
  let nextId = 1
  const pending = new Map<number, { job: Job; resolve: (answer: Answer) => void }>()
  const answerHere = (job: Job, resolve: (answer: Answer) => void): void =>
    void Promise.resolve()
      .then(() => here(job))
      .then(resolve)

  /** The worker could not load or crashed: answer what it held here, and stop using it. */
  function giveUpWorker(): void {
    worker?.terminate()
    worker = null
    for (const [id, { job, resolve }] of pending) {
      pending.delete(id)
      answerHere(job, resolve)
    }
  }

  function ensureWorker(): JobWorker<Job, Answer> | null {
    if (worker !== undefined) return worker
    try {
      worker = spawn()
    } catch {
      worker = null
    }
    worker?.addEventListener('message', (event) => {
      const entry = pending.get(event.data.id)
      if (!entry) return
      pending.delete(event.data.id)
      entry.resolve(event.data)
    })
    worker?.addEventListener('error', giveUpWorker)
    return worker
  }

  return {
    run(build) {
      const id = nextId++
      const job = build(id)
      return new Promise((resolve) => {
        const target = ensureWorker()
        if (!target) return answerHere(job, resolve)
        pending.set(id, { job, resolve })
        try {
          target.postMessage(job)
        } catch {
          pending.delete(id)
          answerHere(job, resolve)
        }
      })
    },
    dispose() {
      worker?.terminate()
      worker = null
      pending.clear()
    }
  }
}
