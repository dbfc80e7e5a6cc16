import { describe, expect, it } from 'vitest'
import type { TrainerStatus } from '../shared/protocol/labApi'
import {
  CRASH_MESSAGE,
  START_FAILURE_MESSAGE,
  START_FAILURES_BEFORE_NOTICE,
  WebTrainerHost,
  type Timers,
  type WorkerLike
} from './webTrainerHost'
import { WORKER_CONNECT, WORKER_READY } from './workerProtocol'

/** A worker double: records what the host sends and lets the test raise its events. */
class FakeWorker implements WorkerLike {
  readonly sent: { message: unknown; transfer: Transferable[] }[] = []
  terminated = false
  private readonly handlers = new Map<string, ((event: never) => void)[]>()

  postMessage(message: unknown, transfer: Transferable[]): void {
    this.sent.push({ message, transfer })
  }
  terminate(): void {
    this.terminated = true
  }
  addEventListener(type: string, listener: (event: never) => void): void {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), listener])
  }
  private fire(type: string, event: unknown): void {
    for (const handler of this.handlers.get(type) ?? []) handler(event as never)
  }
  sayReady(): void {
    this.fire('message', { data: { type: WORKER_READY } })
  }
  /** Any other message (the worker saying something before it listens). */
  sayOther(): void {
    this.fire('message', { data: { type: 'something-else' } })
  }
  crash(): void {
    this.fire('error', { preventDefault: () => undefined })
  }
}

/** Timers the test advances by hand. */
class ManualTimers implements Timers {
  private now = 0
  private nextId = 1
  private readonly pending = new Map<number, { at: number; callback: () => void }>()
  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.nextId++
    this.pending.set(id, { at: this.now + ms, callback })
    return id
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number)
  }
  advance(ms: number): void {
    const until = this.now + ms
    for (;;) {
      const due = [...this.pending.entries()]
        .filter(([, timer]) => timer.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      this.pending.delete(due[0])
      this.now = due[1].at
      due[1].callback()
    }
    this.now = until
  }
}

function setup(
  options: { restartDelayMs?: number; startupTimeoutMs?: number; listeningWaitMs?: number } = {}
) {
  const workers: FakeWorker[] = []
  const ports: MessagePort[] = []
  const statuses: TrainerStatus[] = []
  const timers = new ManualTimers()
  const host = new WebTrainerHost({
    createWorker: () => {
      const worker = new FakeWorker()
      workers.push(worker)
      return worker
    },
    deliverPort: (port) => ports.push(port),
    timers,
    restartDelayMs: options.restartDelayMs ?? 100,
    startupTimeoutMs: options.startupTimeoutMs ?? 1000,
    listeningWaitMs: options.listeningWaitMs ?? 300
  })
  host.onStatus((status) => statuses.push(status))
  return { host, workers, ports, statuses, timers }
}

/** Whether `promise` has settled, after the microtasks queued so far have run. */
async function settled(promise: Promise<void>): Promise<boolean> {
  let done = false
  void promise.then(() => (done = true))
  for (let i = 0; i < 5; i++) await Promise.resolve()
  return done
}

describe('WebTrainerHost', () => {
  it('says the worker listens at its ready, not at another message', async () => {
    const { host, workers, timers } = setup()
    host.start()
    expect(await settled(host.whenListening())).toBe(false)
    timers.advance(100)
    workers[0].sayOther()
    expect(await settled(host.whenListening())).toBe(false)
    workers[0].sayReady()
    expect(await settled(host.whenListening())).toBe(true)
    expect(host.currentStatus.state).toBe('ready')
  })

  it('stops waiting for the worker after listeningWaitMs, or when it fails', async () => {
    const slow = setup({ listeningWaitMs: 300 })
    slow.host.start()
    slow.timers.advance(299)
    expect(await settled(slow.host.whenListening())).toBe(false)
    slow.timers.advance(1)
    expect(await settled(slow.host.whenListening())).toBe(true)

    const failing = setup({ listeningWaitMs: 10_000 })
    failing.host.start()
    failing.workers[0].crash()
    expect(await settled(failing.host.whenListening())).toBe(true)
  })

  it('hands the worker one end of a channel and the app the other at once, before it is ready', () => {
    const { host, workers, ports, statuses } = setup()
    host.start()
    expect(workers).toHaveLength(1)
    const connect = workers[0].sent[0]
    expect(connect.message).toEqual({ type: WORKER_CONNECT })
    expect(connect.transfer).toHaveLength(1)
    expect(connect.transfer[0]).toBeInstanceOf(MessagePort)
    // The app's end comes before the worker has loaded, so its first run can wait in the channel.
    expect(ports).toHaveLength(1)
    expect(ports[0]).not.toBe(connect.transfer[0])
    expect(statuses.map((s) => s.state)).toEqual(['starting'])

    workers[0].sayReady()
    expect(ports).toHaveLength(1)
    expect(statuses.map((s) => s.state)).toEqual(['starting', 'ready'])
    expect(host.counters).toMatchObject({ spawned: 1, crashes: 0, portsDelivered: 1 })
  })

  it('what the app sends before the worker listens reaches it when it does', async () => {
    const { host, workers, ports } = setup()
    host.start()
    ports[0].postMessage({ type: 'configure', requestId: 1 })
    const workerEnd = workers[0].sent[0].transfer[0] as MessagePort
    const received = new Promise<unknown>((resolve) => {
      workerEnd.onmessage = (event) => resolve(event.data)
    })
    expect(await received).toEqual({ type: 'configure', requestId: 1 })
    workerEnd.close()
    ports[0].close()
  })

  it('the two ends delivered are really connected', async () => {
    const { host, workers, ports } = setup()
    host.start()
    workers[0].sayReady()
    const workerEnd = workers[0].sent[0].transfer[0] as MessagePort
    const received = new Promise<unknown>((resolve) => {
      workerEnd.onmessage = (event) => resolve(event.data)
    })
    ports[0].postMessage({ type: 'start' })
    expect(await received).toEqual({ type: 'start' })
    workerEnd.close()
    ports[0].close()
  })

  it('reports a crash in words, then restarts with a new worker and a new port', () => {
    const { host, workers, ports, statuses, timers } = setup()
    host.start()
    workers[0].sayReady()
    statuses.length = 0

    workers[0].crash()
    expect(workers[0].terminated).toBe(true)
    expect(statuses).toEqual([{ state: 'crashed', message: CRASH_MESSAGE }])
    expect(workers).toHaveLength(1)

    timers.advance(100)
    expect(workers).toHaveLength(2)
    expect(statuses.at(-1)?.state).toBe('restarting')
    workers[1].sayReady()
    expect(statuses.at(-1)).toEqual({ state: 'ready' })
    expect(ports).toHaveLength(2)
    expect(host.counters).toMatchObject({ spawned: 2, crashes: 1, portsDelivered: 2 })
  })

  it('kill() behaves as a crash and survives many kills in a row', () => {
    const { host, workers, ports, timers } = setup()
    host.start()
    for (let round = 0; round < 20; round++) {
      workers.at(-1)!.sayReady()
      host.kill()
      expect(host.currentStatus).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
      // A worker that reached ready resets the backoff: the restart comes after the base delay.
      timers.advance(100)
    }
    workers.at(-1)!.sayReady()
    expect(host.currentStatus.state).toBe('ready')
    expect(workers).toHaveLength(21)
    expect(ports).toHaveLength(21)
    expect(workers.slice(0, 20).every((worker) => worker.terminated)).toBe(true)
    expect(host.counters.crashes).toBe(20)
  })

  it('ignores events from a worker it has already replaced', () => {
    const { host, workers, ports, timers } = setup()
    host.start()
    workers[0].sayReady()
    workers[0].crash()
    timers.advance(100)
    workers[0].crash()
    workers[0].sayReady()
    expect(host.counters.crashes).toBe(1)
    // One port per worker started: the replaced one's ready makes no difference.
    expect(ports.length).toBe(2)
    expect(host.currentStatus.state).toBe('restarting')
  })

  it('backs off while the worker keeps dying before it is ready', () => {
    const { host, workers, timers } = setup({ restartDelayMs: 100 })
    host.start()
    workers[0].crash()
    timers.advance(100)
    expect(workers).toHaveLength(2)
    workers[1].crash()
    timers.advance(100)
    expect(workers).toHaveLength(2)
    timers.advance(100)
    expect(workers).toHaveLength(3)
    workers[2].crash()
    timers.advance(399)
    expect(workers).toHaveLength(3)
    timers.advance(1)
    expect(workers).toHaveLength(4)
  })

  it('says so in other words when the trainer keeps failing before it ever starts', () => {
    const { host, workers, timers } = setup({ restartDelayMs: 10 })
    host.start()
    for (let failure = 1; failure <= START_FAILURES_BEFORE_NOTICE; failure++) {
      workers.at(-1)!.crash()
      const expected =
        failure < START_FAILURES_BEFORE_NOTICE ? CRASH_MESSAGE : START_FAILURE_MESSAGE
      expect(host.currentStatus).toEqual({ state: 'crashed', message: expected })
      // The restart delay doubles with each failure before ready: 10, 20, 40 ms.
      timers.advance(10 * 2 ** (failure - 1))
      expect(host.currentStatus).toEqual({ state: 'restarting', message: expected })
    }
    // Once a worker gets going, a later crash is an ordinary crash again.
    workers.at(-1)!.sayReady()
    workers.at(-1)!.crash()
    expect(host.currentStatus.message).toBe(CRASH_MESSAGE)
  })

  it('treats a worker that never says ready as crashed', () => {
    const { host, workers, timers } = setup({ startupTimeoutMs: 1000 })
    host.start()
    timers.advance(999)
    expect(host.currentStatus.state).toBe('starting')
    timers.advance(1)
    expect(host.currentStatus).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
    expect(workers[0].terminated).toBe(true)
  })

  it('restart() replaces a healthy worker without reporting a crash', () => {
    const { host, workers, ports, statuses } = setup()
    host.start()
    workers[0].sayReady()
    statuses.length = 0
    host.restart()
    expect(workers[0].terminated).toBe(true)
    expect(statuses).toEqual([{ state: 'starting' }])
    workers[1].sayReady()
    expect(ports).toHaveLength(2)
    expect(host.counters).toMatchObject({ crashes: 0, requestedRestarts: 1 })
  })

  it('a worker that cannot even be created counts as a crash and is retried', () => {
    let attempts = 0
    const timers = new ManualTimers()
    const host = new WebTrainerHost({
      createWorker: () => {
        attempts++
        if (attempts === 1) throw new Error('blocked by CSP')
        return new FakeWorker()
      },
      deliverPort: () => undefined,
      timers,
      restartDelayMs: 50
    })
    host.start()
    expect(host.currentStatus.state).toBe('crashed')
    timers.advance(50)
    expect(attempts).toBe(2)
    expect(host.currentStatus.state).toBe('restarting')
  })

  it('tells a new subscriber the current status at once', () => {
    const { host, workers } = setup()
    host.start()
    workers[0].sayReady()
    const seen: TrainerStatus[] = []
    const unsubscribe = host.onStatus((status) => seen.push(status))
    expect(seen).toEqual([{ state: 'ready' }])
    unsubscribe()
    host.kill()
    expect(seen).toHaveLength(1)
  })
})
