import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from '../../shared/engine'
import type { TrainerEvent } from '../../shared/protocol/trainerMessages'
import { WORKER_READY } from './trainerHost'
import type { MainPortLike } from './trainerPortSwitch'

/** Electron's MessagePortMain, as far as the worker uses it. */
class FakeMainPort extends EventEmitter implements MainPortLike {
  received: TrainerEvent[] = []
  start(): void {}
  close(): void {}
  postMessage(message: unknown): void {
    this.received.push(message as TrainerEvent)
  }
  deliver(data: unknown): void {
    this.emit('message', { data })
  }
}

describe('trainer.worker (utility-process entry)', () => {
  it('announces itself on parentPort and serves the trainer on each connected port', async () => {
    const parentPort = Object.assign(new EventEmitter(), { posted: [] as unknown[] })
    const post = (message: unknown) => parentPort.posted.push(message)
    Object.assign(parentPort, { postMessage: post })
    Object.defineProperty(process, 'parentPort', { value: parentPort, configurable: true })
    try {
      await import('./trainer.worker')
      expect(parentPort.posted).toEqual([{ type: WORKER_READY }])

      const port = new FakeMainPort()
      parentPort.emit('message', { data: { type: 'connect' }, ports: [port] })
      expect(port.received[0]).toEqual({ type: 'ready' })
      port.deliver({ type: 'configure', requestId: 1, config: SEED_NOTEBOOK })
      port.deliver({ type: 'step' })
      port.deliver({ type: 'bogus' })
      await new Promise((resolve) => setTimeout(resolve, 100))
      const types = port.received.map((e) => e.type)
      expect(types).toContain('configured')
      expect(types).toContain('error')
      expect(port.received.find((e) => e.type === 'paused')).toMatchObject({
        reason: 'step',
        epoch: 1
      })
      // A connect without a port is ignored, not a crash.
      parentPort.emit('message', { data: { type: 'connect' }, ports: [] })
    } finally {
      Reflect.deleteProperty(process, 'parentPort')
    }
  })
})
