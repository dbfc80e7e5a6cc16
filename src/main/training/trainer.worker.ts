// Entry of the trainer utility process (built as its own file; main forks it with
// utilityProcess.fork). It adapts Electron's process.parentPort and the MessagePortMain ends that
// main hands over to the runtime-neutral trainer service: training runs here, off the main
// process and off the renderer.
import { setKernelHelperEntry } from '../../shared/engine'
import { startTrainerService } from '../../shared/trainer/trainerService'
import { KERNEL_HELPER_ARG, WORKER_READY } from './trainerHost'
import { createTrainerPortSwitch, type MainPortLike } from './trainerPortSwitch'
import { nodeSweepHost, SWEEP_THREAD_ARG } from './nodeSweepHost'

// The kernel helper threads' bundled program (main names it; see electronTrainerHost.ts).
const helperArg = process.argv.find((arg) => arg.startsWith(KERNEL_HELPER_ARG))
if (helperArg) setKernelHelperEntry(helperArg.slice(KERNEL_HELPER_ARG.length))

// The sweeps' worker threads run their own bundle too (from source: sweep.thread.ts via tsx).
const sweepArg = process.argv.find((arg) => arg.startsWith(SWEEP_THREAD_ARG))
const sweepEntry = sweepArg ? sweepArg.slice(SWEEP_THREAD_ARG.length) : null

const parentPort = process.parentPort
const link = createTrainerPortSwitch()
startTrainerService(link.port, undefined, { sweeps: nodeSweepHost(sweepEntry) })

parentPort.on('message', (event) => {
  const data = event.data as { type?: unknown } | null
  const port = event.ports[0] as MainPortLike | undefined
  if (data?.type === 'connect' && port) link.attach(port)
})

parentPort.postMessage({ type: WORKER_READY })
