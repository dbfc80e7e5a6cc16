import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '@shared/engine'
import { parseSession } from '@shared/session'
import {
  answerCodecRequest,
  packHistory,
  unpackHistory,
  type CodecRequest,
  type CodecResponse
} from '../workers/sessionCodecCore'
import { createSessionCodec, type WorkerLike } from './sessionCodec'

/** A worker stand-in: structured-clones each request (as postMessage does) and answers it on a
 *  later task with the same code the real worker runs; `fail()` plays a worker that crashed. */
function fakeWorker() {
  const listeners: {
    message: ((e: MessageEvent<CodecResponse>) => void)[]
    error: ((e: Event) => void)[]
  } = { message: [], error: [] }
  const received: CodecRequest[] = []
  let answering = true
  const worker: WorkerLike = {
    postMessage(message) {
      const copy = structuredClone(message)
      received.push(copy)
      if (!answering) return
      setTimeout(() => {
        const data = structuredClone(answerCodecRequest(copy))
        for (const l of listeners.message) l({ data } as MessageEvent<CodecResponse>)
      }, 0)
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      listeners[type].push(listener)
    },
    terminate() {
      answering = false
    }
  }
  return {
    worker,
    received,
    hang() {
      answering = false
    },
    fail() {
      for (const l of listeners.error) l(new Event('error'))
    }
  }
}

function trainedRun(epochs: number): TrainingRun {
  const run = TrainingRun.create(structuredClone(SEED_NOTEBOOK))
  for (let i = 0; i < epochs; i++) run.trainEpoch()
  return run
}

const meta = {
  name: 'circles',
  note: 'a note',
  appVersion: '9.9.9',
  createdAt: '2026-01-02T03:04:05.000Z'
}

describe('session codec', () => {
  it('serializes in the worker, and the text reopens to the same run bit for bit', async () => {
    const fake = fakeWorker()
    const codec = createSessionCodec(() => fake.worker)
    const run = trainedRun(25)
    const text = await codec.serialize(run.snapshot(), meta)
    expect(fake.received.map((r) => r.op)).toEqual(['serialize'])
    const parsed = parseSession(text)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.session).toMatchObject({ name: 'circles', note: 'a note', appVersion: '9.9.9' })
    expect(parsed.session.createdAt).toBe(meta.createdAt)
    expect(parsed.session.snapshot.epoch).toBe(25)
    expect(parsed.session.snapshot.history).toEqual(run.history)
    expect(Array.from(parsed.session.snapshot.params.weights[0])).toEqual(
      Array.from(run.params.weights[0])
    )
  })

  it('parses in the worker: good files come back as documents, bad ones as messages', async () => {
    const fake = fakeWorker()
    const codec = createSessionCodec(() => fake.worker)
    const text = await codec.serialize(trainedRun(3).snapshot(), meta)
    const good = await codec.parse(text)
    expect(good.ok && good.session.snapshot.epoch).toBe(3)
    const bad = await codec.parse(text.slice(0, text.length / 2))
    expect(bad).toMatchObject({ ok: false, error: { code: 'truncated' } })
    expect(fake.received.map((r) => r.op)).toEqual(['serialize', 'parse', 'parse'])
  })

  it('answers on the main thread when the worker dies with work pending, and after', async () => {
    const fake = fakeWorker()
    const codec = createSessionCodec(() => fake.worker)
    fake.hang()
    const pending = codec.serialize(trainedRun(2).snapshot(), meta)
    fake.fail()
    const text = await pending
    expect(parseSession(text).ok).toBe(true)
    const again = await codec.parse(text)
    expect(again.ok).toBe(true)
    // Nothing more went to the dead worker.
    expect(fake.received).toHaveLength(1)
  })

  it('works without any worker (no Worker in this runtime)', async () => {
    const codec = createSessionCodec(() => null)
    const text = await codec.serialize(trainedRun(1).snapshot(), meta)
    const parsed = await codec.parse(text)
    expect(parsed.ok && parsed.session.name).toBe('circles')
  })
})

describe('packed history', () => {
  it('round-trips exactly: NaN and huge losses, missing and present test figures', () => {
    const history = [
      { epoch: 1, loss: 0.6931471805599453, accuracy: 0.5 },
      { epoch: 2, loss: Number.NaN, accuracy: 0.5, testLoss: 0.1, testAccuracy: 0.25 },
      { epoch: 3, loss: 1e308, accuracy: 1, testLoss: 0 },
      { epoch: 4, loss: 5e-324, accuracy: 0, testAccuracy: 1 }
    ]
    const packed = packHistory(history)
    expect(packed.values).toBeInstanceOf(Float64Array)
    const back = unpackHistory(structuredClone(packed))
    expect(back).toEqual(history)
    expect(Object.keys(back[0])).toEqual(['epoch', 'loss', 'accuracy'])
    expect(Object.keys(back[3])).toEqual(['epoch', 'loss', 'accuracy', 'testAccuracy'])
  })
})
