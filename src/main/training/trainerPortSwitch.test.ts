import { describe, expect, it } from 'vitest'
import type { TrainerEvent } from '../../shared/protocol/trainerMessages'
import { createTrainerPortSwitch, type MainPortLike } from './trainerPortSwitch'

class FakeMainPort implements MainPortLike {
  sent: unknown[] = []
  started = false
  closed = false
  private listener: (event: { data: unknown }) => void = () => {}
  on(_event: 'message', listener: (event: { data: unknown }) => void): void {
    this.listener = listener
  }
  postMessage(message: unknown): void {
    this.sent.push(message)
  }
  start(): void {
    this.started = true
  }
  close(): void {
    this.closed = true
  }
  deliver(data: unknown): void {
    this.listener({ data })
  }
}

describe('trainer port switch', () => {
  it('greets each new port, routes both ways to the latest one only', () => {
    const link = createTrainerPortSwitch()
    const received: unknown[] = []
    link.port.onMessage((command) => received.push(command))
    const pause: TrainerEvent = { type: 'paused', reason: 'user', epoch: 3 }
    link.port.postMessage(pause) // nobody connected yet: dropped quietly

    const first = new FakeMainPort()
    link.attach(first)
    expect(first.started).toBe(true)
    expect(first.sent).toEqual([{ type: 'ready' }])
    first.deliver({ type: 'start' })
    link.port.postMessage(pause)
    expect(first.sent).toEqual([{ type: 'ready' }, pause])

    const second = new FakeMainPort()
    link.attach(second)
    expect(first.closed).toBe(true)
    first.deliver({ type: 'pause' }) // a late message from the old page is ignored
    second.deliver({ type: 'step' })
    link.port.postMessage(pause)
    expect(received).toEqual([{ type: 'start' }, { type: 'step' }])
    expect(second.sent).toEqual([{ type: 'ready' }, pause])
    expect(first.sent).toHaveLength(2)
  })

  it('asks the trainer for packed epochs (MessagePortMain serialises every message)', () => {
    expect(createTrainerPortSwitch().port).toMatchObject({ packsEpochs: true })
    expect(createTrainerPortSwitch().port.movesBuffers).toBeUndefined()
  })
})
