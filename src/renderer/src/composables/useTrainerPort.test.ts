// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { reactive } from 'vue'
import { TRAINER_PORT_MESSAGE } from '@shared/protocol/labApi'
import type { TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import { toPlain, useTrainerPort, type TrainerPortHandle } from './useTrainerPort'

/** Delivers a port the way the host does: a window message carrying it in `ports`. */
function deliverPort(target: EventTarget, port: MessagePort): void {
  const event = new MessageEvent('message', { data: { type: TRAINER_PORT_MESSAGE } })
  Object.defineProperty(event, 'ports', { value: [port] })
  target.dispatchEvent(event)
}

function nextMessage(port: MessagePort): Promise<unknown> {
  return new Promise((resolve) => {
    port.onmessage = (event) => resolve(event.data)
  })
}

describe('toPlain', () => {
  it('copies reactive objects into structured-clone-safe plain data with real typed arrays', () => {
    const state = reactive({
      config: { layerSizes: [2, 16, 8, 1], rate: 0.1, missing: undefined as number | undefined },
      data: { x: Float64Array.from([1, 2]), labels: Int32Array.from([0, 1]) }
    })
    expect(() => structuredClone(state)).toThrow()
    const plain = toPlain(state)
    expect(() => structuredClone(plain)).not.toThrow()
    expect(plain.data.x).toBeInstanceOf(Float64Array)
    expect(plain.data.labels).toBeInstanceOf(Int32Array)
    expect(Array.from(plain.data.x)).toEqual([1, 2])
    expect('missing' in plain.config).toBe(false)
    // A copy: later edits to the state do not reach what was sent.
    state.data.x[0] = 99
    expect(plain.data.x[0]).toBe(1)
  })
})

describe('useTrainerPort', () => {
  const open: Array<{ handle: TrainerPortHandle; channels: MessageChannel[] }> = []
  afterEach(() => {
    for (const { handle, channels } of open.splice(0)) {
      handle.dispose()
      for (const c of channels) c.port2.close()
    }
  })

  it('binds the port the host posts, sends plain commands and receives events', async () => {
    const target = new EventTarget() as unknown as Window
    const handle = useTrainerPort(target)
    const channel = new MessageChannel()
    open.push({ handle, channels: [channel] })
    let bound = 0
    handle.onPort(() => bound++)
    expect(handle.send({ type: 'start' })).toBe(false)

    deliverPort(target, channel.port1)
    expect(bound).toBe(1)
    expect(handle.connected.value).toBe(true)

    const received = nextMessage(channel.port2)
    expect(
      handle.send({ type: 'update-training', training: reactive({ ...sampleTraining() }) })
    ).toBe(true)
    expect(await received).toEqual({ type: 'update-training', training: sampleTraining() })

    const events: TrainerEvent[] = []
    const gotEvent = new Promise<void>((resolve) =>
      handle.onEvent((event) => {
        events.push(event)
        resolve()
      })
    )
    channel.port2.postMessage({ type: 'ready' })
    await gotEvent
    expect(events).toEqual([{ type: 'ready' }])
  })

  it('moves the arrays of what it sends where the port moves buffers, and copies them elsewhere', async () => {
    for (const movesBuffers of [true, false]) {
      const target = new EventTarget() as unknown as Window
      const handle = useTrainerPort(target, { movesBuffers })
      const channel = new MessageChannel()
      open.push({ handle, channels: [channel] })
      deliverPort(target, channel.port1)
      const x = Float64Array.from([0.5, -1, 2, 3])
      const labels = Int32Array.from([0, 1])
      const sent: ArrayBuffer[] = []
      const post = channel.port1.postMessage.bind(channel.port1)
      channel.port1.postMessage = ((message: unknown, transfer: Transferable[] = []) => {
        sent.push(...(transfer as ArrayBuffer[]))
        post(message, transfer)
      }) as typeof channel.port1.postMessage
      const received = nextMessage(channel.port2)
      handle.send({
        type: 'set-parameter',
        layer: 0,
        neuron: 0,
        value: 1,
        // Not a real field of the command: arrays at any depth are found.
        ...({ extra: { x, nested: [labels] } } as object)
      } as TrainerCommand)
      const message = (await received) as { extra: { x: Float64Array; nested: Int32Array[] } }
      expect(Array.from(message.extra.x)).toEqual([0.5, -1, 2, 3])
      expect(Array.from(message.extra.nested[0])).toEqual([0, 1])
      // The sender's own arrays are untouched either way (what moved was toPlain's copy).
      expect(Array.from(x)).toEqual([0.5, -1, 2, 3])
      expect(sent).toHaveLength(movesBuffers ? 2 : 0)
      expect(sent.every((buffer) => buffer.byteLength === 0)).toBe(true)
    }
  })

  it('re-binds to a new port after a trainer restart', async () => {
    const target = new EventTarget() as unknown as Window
    const handle = useTrainerPort(target)
    const first = new MessageChannel()
    const second = new MessageChannel()
    open.push({ handle, channels: [first, second] })
    let bound = 0
    handle.onPort(() => bound++)
    deliverPort(target, first.port1)
    deliverPort(target, second.port1)
    expect(bound).toBe(2)
    const received = nextMessage(second.port2)
    handle.send({ type: 'pause' })
    expect(await received).toEqual({ type: 'pause' })
  })

  it('ignores other window messages', () => {
    const target = new EventTarget() as unknown as Window
    const handle = useTrainerPort(target)
    open.push({ handle, channels: [] })
    target.dispatchEvent(new MessageEvent('message', { data: { type: 'something-else' } }))
    target.dispatchEvent(new MessageEvent('message', { data: null }))
    expect(handle.connected.value).toBe(false)
  })
})

function sampleTraining() {
  return {
    optimizer: {
      kind: 'sgd' as const,
      learningRate: 0.1,
      momentum: 0.9,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8
    },
    batchSize: 'full' as const,
    l1: 0,
    l2: 0,
    epochLimit: 2000
  }
}
