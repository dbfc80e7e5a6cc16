import { describe, expect, it } from 'vitest'
import { createWorkerJobs, type JobWorker } from './workerJobs'

interface Job {
  id: number
  x: number
}
interface Answer {
  id: number
  y: number
  by: 'worker' | 'here'
}

/** A worker that doubles x on a later task, unless told to hang or refuse messages. */
function fakeWorker(mode: 'answer' | 'hang' | 'refuse' = 'answer') {
  const listeners = {
    message: [] as ((e: MessageEvent<Answer>) => void)[],
    error: [] as (() => void)[]
  }
  let terminated = false
  const worker: JobWorker<Job, Answer> = {
    postMessage(job) {
      if (mode === 'refuse') throw new DOMException('could not be cloned', 'DataCloneError')
      if (mode === 'hang') return
      const copy = structuredClone(job)
      setTimeout(() => {
        if (terminated) return
        for (const l of listeners.message)
          l({ data: { id: copy.id, y: copy.x * 2, by: 'worker' } } as MessageEvent<Answer>)
      }, 0)
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      listeners[type].push(listener)
    },
    terminate() {
      terminated = true
    }
  }
  return {
    worker,
    crash: () => listeners.error.forEach((l) => l()),
    isTerminated: () => terminated
  }
}

const here = (job: Job): Answer => ({ id: job.id, y: job.x * 2, by: 'here' })

describe('worker jobs', () => {
  it('answers each job from the worker, matched by id, and starts the worker once', async () => {
    let spawned = 0
    const fake = fakeWorker()
    const jobs = createWorkerJobs(() => (spawned++, fake.worker), here)
    const answers = await Promise.all([1, 2, 3].map((x) => jobs.run((id) => ({ id, x }))))
    expect(answers.map((a) => [a.y, a.by])).toEqual([
      [2, 'worker'],
      [4, 'worker'],
      [6, 'worker']
    ])
    expect(new Set(answers.map((a) => a.id)).size).toBe(3)
    expect(spawned).toBe(1)
  })

  it('answers here when no worker starts, or starting one throws', async () => {
    for (const spawn of [
      () => null,
      () => {
        throw new Error('blocked')
      }
    ]) {
      const jobs = createWorkerJobs<Job, Answer>(spawn, here)
      expect(await jobs.run((id) => ({ id, x: 5 }))).toMatchObject({ y: 10, by: 'here' })
    }
  })

  it('answers here a job the worker cannot take', async () => {
    const jobs = createWorkerJobs(() => fakeWorker('refuse').worker, here)
    expect(await jobs.run((id) => ({ id, x: 4 }))).toMatchObject({ y: 8, by: 'here' })
  })

  it('answers here the jobs a crashed worker held, and the next ones too', async () => {
    const fake = fakeWorker('hang')
    const jobs = createWorkerJobs(() => fake.worker, here)
    const held = [jobs.run((id) => ({ id, x: 1 })), jobs.run((id) => ({ id, x: 2 }))]
    fake.crash()
    expect(fake.isTerminated()).toBe(true)
    expect((await Promise.all(held)).map((a) => [a.y, a.by])).toEqual([
      [2, 'here'],
      [4, 'here']
    ])
    expect(await jobs.run((id) => ({ id, x: 3 }))).toMatchObject({ y: 6, by: 'here' })
  })
})
