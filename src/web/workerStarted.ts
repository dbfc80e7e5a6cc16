// The trainer worker's first module (trainer.webworker.ts imports it before anything else): it
// tells the host that the worker's thread is running, so the page can mount the app now without
// holding the worker's start back (webTrainerHost.ts, whenStarted).
import { WORKER_STARTED } from './workerProtocol'

;(self as unknown as { postMessage(message: unknown): void }).postMessage({ type: WORKER_STARTED })
