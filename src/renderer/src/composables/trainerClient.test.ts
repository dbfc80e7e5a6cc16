// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { ref } from 'vue'
import type { TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import type { LabApi } from '@shared/protocol/labApi'
import { FakeTrainer, connectTrainer, fakeLab, spiedController } from '../stores/sessionFakes'
import { useSessionStore } from '../stores/session'
import { useTrainingStore } from '../stores/training'
import {
  createTrainerClient,
  TRAINER_MESSAGES,
  TRAINER_TIMEOUT_MS,
  TrainerRequestError
} from './trainerClient'
import type { TrainerPortHandle } from './useTrainerPort'

/** A port whose far end the test plays. */
function fakePort(options: { connected?: boolean } = {}) {
  const sent: TrainerCommand[] = []
  const eventHandlers = new Set<(event: TrainerEvent) => void>()
  const portHandlers = new Set<() => void>()
  const handle: TrainerPortHandle = {
    connected: ref(options.connected ?? true),
    send(command) {
      if (!handle.connected.value) return false
      sent.push(command)
      return true
    },
    onEvent(handler) {
      eventHandlers.add(handler)
      return () => eventHandlers.delete(handler)
    },
    onPort(handler) {
      portHandlers.add(handler)
      return () => portHandlers.delete(handler)
    },
    dispose() {}
  }
  return {
    handle,
    sent,
    emit(event: TrainerEvent) {
      for (const handler of [...eventHandlers]) handler(event)
    },
    newPort() {
      for (const handler of [...portHandlers]) handler()
    },
    lastId(): number {
      const last = sent.at(-1)
      if (!last || !('requestId' in last)) throw new Error('no request sent')
      return last.requestId
    }
  }
}

async function rejection(promise: Promise<unknown>): Promise<TrainerRequestError> {
  try {
    await promise
  } catch (error) {
    if (error instanceof TrainerRequestError) return error
    throw error
  }
  throw new Error('the request resolved')
}

describe('TrainerClient', () => {
  afterEach(() => vi.useRealTimers())

  it('resolves a request with the reply carrying its id; the stream sees the reply first', async () => {
    const port = fakePort()
    const client = createTrainerClient(port.handle)
    const order: string[] = []
    client.onEvent((event) => order.push(`stream:${event.type}`))
    const first = client.request({ type: 'get-snapshot' })
    const firstId = port.lastId()
    const second = client.request({ type: 'predict', x: Float64Array.from([0, 0]), count: 1 })
    const secondId = port.lastId()
    expect(secondId).not.toBe(firstId)
    void first.then(() => order.push('resolved'))

    const probabilities = Float64Array.from([0.25])
    port.emit({ type: 'predictions', requestId: secondId, probabilities, classes: 2 })
    expect(await second).toEqual({
      type: 'predictions',
      requestId: secondId,
      probabilities,
      classes: 2
    })
    const snapshot = { epoch: 3 } as never
    port.emit({ type: 'snapshot', requestId: firstId, snapshot })
    expect((await first).snapshot).toBe(snapshot)
    expect(order).toEqual(['stream:predictions', 'stream:snapshot', 'resolved'])
  })

  it('rejects with the trainer’s sentence on an error reply, and on an answer of the wrong kind', async () => {
    const port = fakePort()
    const client = createTrainerClient(port.handle)
    const refused = client.request({ type: 'get-snapshot' })
    port.emit({ type: 'error', requestId: port.lastId(), message: 'There is no run to save yet.' })
    const error = await rejection(refused)
    expect(error.reason).toBe('refused')
    expect(error.message).toBe('There is no run to save yet.')

    const confused = client.request({ type: 'get-snapshot' })
    port.emit({
      type: 'predictions',
      requestId: port.lastId(),
      probabilities: new Float64Array(),
      classes: 2
    })
    expect((await rejection(confused)).message).toBe(TRAINER_MESSAGES.unexpected)
  })

  it('times out when no reply comes, and ignores the late reply', async () => {
    vi.useFakeTimers()
    const port = fakePort()
    const client = createTrainerClient(port.handle)
    const asked = client.request({ type: 'get-snapshot' })
    const id = port.lastId()
    const failed = rejection(asked)
    vi.advanceTimersByTime(TRAINER_TIMEOUT_MS - 1)
    let settled = false
    void failed.then(() => (settled = true))
    await Promise.resolve()
    expect(settled).toBe(false)
    vi.advanceTimersByTime(1)
    const error = await failed
    expect(error.reason).toBe('timeout')
    expect(error.message).toBe(TRAINER_MESSAGES.timeout)
    // Too late: nothing left to settle, nothing thrown.
    expect(() =>
      port.emit({ type: 'snapshot', requestId: id, snapshot: {} as never })
    ).not.toThrow()
  })

  it('waits as long as it takes when asked to (timeoutMs: null)', async () => {
    vi.useFakeTimers()
    const port = fakePort()
    const client = createTrainerClient(port.handle)
    const asked = client.request({ type: 'configure', config: {} as never }, { timeoutMs: null })
    vi.advanceTimersByTime(10 * TRAINER_TIMEOUT_MS)
    port.emit({ type: 'configured', requestId: port.lastId(), summary: {} as never })
    expect((await asked).type).toBe('configured')
  })

  it('rejects every request still waiting when a new trainer port arrives (a restart)', async () => {
    const port = fakePort()
    const client = createTrainerClient(port.handle)
    const a = rejection(client.request({ type: 'get-snapshot' }))
    const b = rejection(
      client.request({ type: 'restore', snapshot: {} as never }, { timeoutMs: null })
    )
    port.newPort()
    for (const error of await Promise.all([a, b])) {
      expect(error.reason).toBe('restart')
      expect(error.message).toBe(TRAINER_MESSAGES.restart)
    }
    // The new trainer's requests work as before.
    const next = client.request({ type: 'get-snapshot' })
    port.emit({ type: 'snapshot', requestId: port.lastId(), snapshot: {} as never })
    expect((await next).type).toBe('snapshot')
  })

  it('rejects at once when there is no trainer to ask', async () => {
    const port = fakePort({ connected: false })
    const client = createTrainerClient(port.handle)
    const error = await rejection(client.request({ type: 'get-snapshot' }))
    expect(error.reason).toBe('offline')
    expect(error.message).toBe(TRAINER_MESSAGES.offline)
    expect(client.send({ type: 'start' })).toBe(false)
  })
})

describe('one client for every store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    ;(window as unknown as { lab: LabApi }).lab = fakeLab() as unknown as LabApi
  })

  it('gives the training and session stores request ids that never meet', async () => {
    const trainer = new FakeTrainer()
    const session = useSessionStore()
    await connectTrainer(trainer, (client) => session.attachTrainer(client, spiedController()))
    const training = useTrainingStore()
    // The training store: configure at boot, a recovery snapshot at a pause, a reset.
    trainer.emit({ type: 'paused', reason: 'user', epoch: 0 })
    void training.configure()
    // The session store: saving and exporting ask for snapshots.
    await Promise.all([session.requestSnapshot(), session.requestSnapshot()])
    await vi.waitFor(() => expect(training.phase).toBe('ready'))
    const ids = trainer.sent.flatMap((command) =>
      'requestId' in command ? [command.requestId] : []
    )
    const kinds = new Set(trainer.sent.filter((c) => 'requestId' in c).map((c) => c.type))
    expect(kinds).toEqual(new Set(['configure', 'get-snapshot']))
    expect(ids.length).toBeGreaterThanOrEqual(5)
    expect(new Set(ids).size).toBe(ids.length)
  })
})
