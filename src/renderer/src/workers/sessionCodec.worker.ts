// Module Web Worker: serializes and parses session files off the main thread (see
// sessionCodecCore.ts). Started by composables/sessionCodec.ts.
import { answerCodecRequest, type CodecRequest, type CodecResponse } from './sessionCodecCore'

// The renderer's TypeScript lib is the DOM's; a worker's global needs only these two members.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CodecRequest>) => void) | null
  postMessage(response: CodecResponse): void
}

scope.onmessage = (event) => {
  scope.postMessage(answerCodecRequest(event.data))
}
