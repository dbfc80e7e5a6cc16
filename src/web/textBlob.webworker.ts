// Encodes a large text as a Blob off the page's main thread (textBlob.ts).
import { encodeTextBlob, type TextBlobAnswer, type TextBlobJob } from './textBlob'

interface WorkerScope {
  postMessage(message: TextBlobAnswer): void
  addEventListener(type: 'message', listener: (event: MessageEvent<TextBlobJob>) => void): void
}

const scope = self as unknown as WorkerScope
scope.addEventListener('message', ({ data }) => scope.postMessage(encodeTextBlob(data)))
