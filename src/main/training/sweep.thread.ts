// A sweep thread of the Electron trainer (issue 15): a worker_threads Worker the trainer utility
// process starts, one per core it uses (nodeSweepHost.ts). Built as its own file (a `?modulePath`
// import in main, whose path the trainer process is handed, like the kernel helpers).
import { parentPort, workerData } from 'node:worker_threads'
import { setKernelThreads } from '../../shared/engine/kernelThreads'
import { answerSweepJob, SWEEP_THREAD_FLAG, type SweepJob } from '../../shared/sweep/thread'

if (parentPort && (workerData as Record<string, unknown> | null)?.[SWEEP_THREAD_FLAG] === true) {
  const port = parentPort
  // The sweep fills the cores with runs already: no kernel helper threads on top.
  setKernelThreads(0)
  port.on('message', (job: SweepJob) => port.postMessage(answerSweepJob(job)))
}
