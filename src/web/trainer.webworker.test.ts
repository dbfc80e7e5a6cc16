// The Web Worker entry, run in Node with a stand-in for the worker scope: it must hand its port to
// the real trainer service, announce itself, and let the app train over that port.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { SEED_NOTEBOOK } from '../shared/engine'
import type { TrainerEvent } from '../shared/protocol/trainerMessages'
import { withHistory } from '../shared/protocol/packedHistory'
import { WORKER_CONNECT, WORKER_READY } from './workerProtocol'

/** What the entry sees as `self`: messages in, messages out. */
class FakeWorkerScope {
  readonly posted: unknown[] = []
  private listener: ((event: MessageEvent) => void) | null = null
  postMessage(message: unknown): void {
    this.posted.push(message)
  }
  addEventListener(_type: 'message', listener: (event: MessageEvent) => void): void {
    this.listener = listener
  }
  deliver(data: unknown, ports: MessagePort[] = []): void {
    this.listener?.({ data, ports } as unknown as MessageEvent)
  }
}

async function loadEntry(): Promise<FakeWorkerScope> {
  const scope = new FakeWorkerScope()
  vi.stubGlobal('self', scope)
  vi.resetModules()
  await import('./trainer.webworker')
  return scope
}

/** Collects the trainer's events on the app's end of the port. */
function listen(port: MessagePort): {
  events: TrainerEvent[]
  next(type: string): Promise<TrainerEvent>
} {
  const events: TrainerEvent[] = []
  const waiters: { type: string; resolve: (event: TrainerEvent) => void }[] = []
  port.onmessage = (message: MessageEvent) => {
    const event = message.data as TrainerEvent
    events.push(event)
    for (const waiter of waiters.splice(0)) {
      if (waiter.type === event.type) waiter.resolve(event)
      else waiters.push(waiter)
    }
  }
  return {
    events,
    next(type) {
      const seen = events.find((event) => event.type === type)
      if (seen) return Promise.resolve(seen)
      return new Promise((resolve) => waiters.push({ type, resolve }))
    }
  }
}

const channels: MessageChannel[] = []
afterEach(() => {
  for (const channel of channels.splice(0)) {
    channel.port1.close()
    channel.port2.close()
  }
  vi.unstubAllGlobals()
})

describe('trainer.webworker', () => {
  it('says nothing before it is connected', async () => {
    const scope = await loadEntry()
    expect(scope.posted).toEqual([])
  })

  it('ignores anything but a connect message with a port', async () => {
    const scope = await loadEntry()
    scope.deliver({ type: 'something-else' }, [])
    scope.deliver({ type: WORKER_CONNECT }, [])
    expect(scope.posted).toEqual([])
  })

  it('runs the trainer service on the port it is given and says it is ready', async () => {
    const scope = await loadEntry()
    const channel = new MessageChannel()
    channels.push(channel)
    scope.deliver({ type: WORKER_CONNECT }, [channel.port1])
    expect(scope.posted).toEqual([{ type: WORKER_READY }])

    const app = listen(channel.port2)
    await app.next('ready')
    const config = structuredClone(SEED_NOTEBOOK)
    config.training.epochLimit = 3
    channel.port2.postMessage({ type: 'configure', requestId: 7, config })
    const configured = await app.next('configured')
    expect(configured).toMatchObject({ type: 'configured', requestId: 7 })
    if (configured.type === 'configured') expect(configured.summary.parameterCount).toBe(193)

    channel.port2.postMessage({ type: 'start' })
    const paused = await app.next('paused')
    expect(paused).toMatchObject({ type: 'paused', reason: 'limit', epoch: 3 })
    // The epochs come packed (the worker's port moves buffers); the window unpacks them.
    const progress = app.events.filter((event) => event.type === 'progress')
    expect(progress.some((event) => event.packedPoints && event.points.length === 0)).toBe(true)
    const epochs = progress.flatMap((raw) => {
      const event = withHistory(raw)
      return event.type === 'progress' ? event.points.map((point) => point.epoch) : []
    })
    expect(epochs).toEqual([1, 2, 3])
  })

  it('a second connect replaces the first service', async () => {
    const scope = await loadEntry()
    const first = new MessageChannel()
    const second = new MessageChannel()
    channels.push(first, second)
    scope.deliver({ type: WORKER_CONNECT }, [first.port1])
    scope.deliver({ type: WORKER_CONNECT }, [second.port1])
    expect(scope.posted).toEqual([{ type: WORKER_READY }, { type: WORKER_READY }])
    const old = listen(first.port2)
    const app = listen(second.port2)
    await app.next('ready')
    const config = structuredClone(SEED_NOTEBOOK)
    first.port2.postMessage({ type: 'configure', requestId: 1, config })
    second.port2.postMessage({ type: 'configure', requestId: 2, config })
    expect(await app.next('configured')).toMatchObject({ requestId: 2 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(old.events.filter((event) => event.type === 'configured')).toEqual([])
  })
})
