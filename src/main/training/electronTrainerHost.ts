// Electron glue for TrainerHost: utilityProcess.fork of the trainer entry (built by electron-vite
// as its own file, located with `?modulePath`), MessageChannelMain ports, webContents delivery.
import {
  MessageChannelMain,
  utilityProcess,
  type MessagePortMain,
  type WebContents
} from 'electron'
import { EVENT } from '../../shared/protocol/ipcChannels'
import kernelHelperPath from '../../shared/engine/kernelHelper?modulePath'
import trainerWorkerPath from './trainer.worker?modulePath'
import sweepThreadPath from './sweep.thread?modulePath'
import { SWEEP_THREAD_ARG } from './nodeSweepHost'
import { KERNEL_HELPER_ARG, TrainerHost } from './trainerHost'

export const TRAINER_SERVICE_NAME = 'NN Lab trainer'

/** `target()` is the page to connect, or null while none is loaded and ready for a port. */
export function createElectronTrainerHost(target: () => WebContents | null): TrainerHost {
  return new TrainerHost({
    spawn() {
      // The trainer's helper threads run their own bundle; electron-vite resolves `?modulePath`
      // only in this (main) bundle, so the trainer is told where it is.
      const args = [KERNEL_HELPER_ARG + kernelHelperPath, SWEEP_THREAD_ARG + sweepThreadPath]
      const child = utilityProcess.fork(trainerWorkerPath, args, {
        serviceName: TRAINER_SERVICE_NAME,
        stdio: 'inherit'
      })
      return {
        onExit: (listener) => child.on('exit', listener),
        onMessage: (listener) => child.on('message', listener),
        connect: (port) => child.postMessage({ type: 'connect' }, [port as MessagePortMain]),
        kill: () => {
          child.kill()
        }
      }
    },
    createChannel() {
      const { port1, port2 } = new MessageChannelMain()
      return { trainerEnd: port1, rendererEnd: port2 }
    },
    sendPortToRenderer(port) {
      const contents = target()
      if (!contents || contents.isDestroyed()) return false
      contents.postMessage(EVENT.trainerPort, null, [port as MessagePortMain])
      return true
    },
    sendStatus(status) {
      const contents = target()
      if (contents && !contents.isDestroyed()) contents.send(EVENT.trainerStatus, status)
    },
    setTimeout: (callback, ms) => setTimeout(callback, ms),
    clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    now: () => Date.now(),
    log: (message) => console.warn(`[nn-lab] ${message}`)
  })
}
