// The trainer's Web Worker entry: adapts the worker scope to the runtime-neutral trainer
// service, exactly as trainer.worker.ts does for the Electron utility process. The host sends
// one MessagePort per worker; the app talks to the trainer over the other end of it.
import type { TrainerEvent } from '../shared/protocol/trainerMessages'
import { startTrainerService } from '../shared/trainer/trainerService'
import type { SweepHost, SweepThread } from '../shared/sweep/sweepService'
import { WORKER_READY, isWorkerConnectMessage } from './workerProtocol'

/** The slice of DedicatedWorkerGlobalScope used here (the project's web lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
}

const scope = self as unknown as WorkerScope

/** The trainer's sweep threads: Web Workers started from this worker, one per core it uses. */
function spawnSweepThread(): SweepThread {
  const worker = new Worker(new URL('./sweep.webworker.ts', import.meta.url), {
    type: 'module',
    name: 'nn-lab-sweep'
  })
  return {
    post: (job) => worker.postMessage(job),
    onResult: (handler) => worker.addEventListener('message', (event) => handler(event.data)),
    onError: (handler) =>
      worker.addEventListener('error', (event) => {
        event.preventDefault()
        handler(new Error(event.message || 'A sweep worker could not start.'))
      }),
    terminate: () => worker.terminate()
  }
}

const sweeps: SweepHost | null =
  typeof Worker === 'function'
    ? { spawn: spawnSweepThread, cores: navigator.hardwareConcurrency || 1 }
    : null
let service: { dispose(): void } | null = null
let servicePort: MessagePort | null = null

scope.addEventListener('message', (event) => {
  const port = event.ports[0]
  if (!isWorkerConnectMessage(event.data) || !port) return
  // One trainer per worker: a new port replaces the old one (the host normally sends just one).
  service?.dispose()
  servicePort?.close()
  servicePort = port
  service = startTrainerService(
    {
      postMessage: (trainerEvent: TrainerEvent, transfer?: ArrayBuffer[]) =>
        port.postMessage(trainerEvent, transfer ?? []),
      movesBuffers: true,
      onMessage: (handler) => {
        port.onmessage = (message: MessageEvent) => handler(message.data)
      }
    },
    undefined,
    { sweeps }
  )
  scope.postMessage({ type: WORKER_READY })
})
