// A sweep thread of the browser build (issue 15): a Web Worker the trainer's own worker starts,
// one per core it uses; each job is one combination, trained by the shared runner.
import { setKernelThreads } from '../shared/engine/kernelThreads'
import { answerSweepJob, type SweepJob } from '../shared/sweep/thread'

interface WorkerScope {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent<SweepJob>) => void): void
}

// The sweep fills the cores with runs already: no kernel helper threads on top.
setKernelThreads(0)
const scope = self as unknown as WorkerScope
scope.addEventListener('message', (event) => scope.postMessage(answerSweepJob(event.data)))
