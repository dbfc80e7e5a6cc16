// The tiny control protocol between the browser host and its trainer Web Worker, on the
// Worker object itself. Trainer traffic never uses it: that goes over the MessagePort the
// host hands over with WORKER_CONNECT (the same port contract as the Electron utility process).

/** Host → worker, with the trainer's end of a MessageChannel in `event.ports[0]`. */
export const WORKER_CONNECT = 'nnlab:worker-connect'

/** Worker → host: the trainer service is listening on the port it was given. */
export const WORKER_READY = 'nnlab:worker-ready'

export interface WorkerConnectMessage {
  type: typeof WORKER_CONNECT
}

export interface WorkerReadyMessage {
  type: typeof WORKER_READY
}

export function isWorkerReadyMessage(data: unknown): data is WorkerReadyMessage {
  return (
    typeof data === 'object' && data !== null && (data as { type?: unknown }).type === WORKER_READY
  )
}

export function isWorkerConnectMessage(data: unknown): data is WorkerConnectMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as { type?: unknown }).type === WORKER_CONNECT
  )
}
