import { describe, expect, it } from 'vitest'
import {
  createTextBlobMaker,
  encodeTextBlob,
  OFF_THREAD_CHARS,
  type TextBlobAnswer,
  type TextBlobJob,
  type TextBlobWorker
} from './textBlob'

/** A worker stand-in that runs the real worker's encoder on a later task. */
function fakeWorker() {
  const received: TextBlobJob[] = []
  let onMessage: ((e: MessageEvent<TextBlobAnswer>) => void) | null = null
  const worker: TextBlobWorker = {
    postMessage(job) {
      received.push(job)
      setTimeout(
        () => onMessage?.({ data: encodeTextBlob(job) } as MessageEvent<TextBlobAnswer>),
        0
      )
    },
    addEventListener(type: 'message' | 'error', listener: never) {
      if (type === 'message') onMessage = listener
    },
    terminate() {}
  }
  return { worker, received }
}

describe('text to Blob', () => {
  it('encodes a small text on the page, without starting the worker', async () => {
    let spawned = 0
    const toBlob = createTextBlobMaker(() => (spawned++, fakeWorker().worker))
    const blob = await toBlob('{"é": 1}\n', 'application/json')
    expect(await blob.text()).toBe('{"é": 1}\n')
    expect(blob.type).toBe('application/json')
    expect(blob.size).toBe(10)
    expect(spawned).toBe(0)
  })

  it('hands a large text to the worker, and its Blob holds the text as UTF-8', async () => {
    const fake = fakeWorker()
    const toBlob = createTextBlobMaker(() => fake.worker)
    const text = 'ü'.repeat(OFF_THREAD_CHARS) + 'end'
    const blob = await toBlob(text, 'application/x-nnlab')
    expect(fake.received).toHaveLength(1)
    expect(blob.size).toBe(2 * OFF_THREAD_CHARS + 3)
    expect(await blob.text()).toBe(text)
    expect(blob.type).toBe('application/x-nnlab')
  })

  it('encodes a large text on the page when no worker can start', async () => {
    const toBlob = createTextBlobMaker(() => null)
    const text = 'x'.repeat(OFF_THREAD_CHARS + 1)
    expect(await (await toBlob(text, 'text/plain')).text()).toBe(text)
  })
})
