// The trainer service in a process of its own, as in the desktop app (the Electron utility
// process), for bench/streaming.ts. Progress goes to the parent by IPC with structured-clone
// ("advanced") serialisation, like a MessagePort. One extra message, { bench: 'cpu' }, answers
// with this process's CPU time so the parent can compare training cost with and without maps
// independently of other jobs on the machine.
import { startTrainerService } from '../src/shared/trainer/trainerService'

let handler: ((command: unknown) => void) | null = null

function send(message: unknown): void {
  process.send?.(message)
}

startTrainerService({
  postMessage: (event) => send(event),
  onMessage: (h) => {
    handler = h
  }
})

process.on('message', (message: unknown) => {
  if (typeof message === 'object' && message !== null && 'bench' in message) {
    const cpu = process.cpuUsage()
    send({ bench: 'cpu', ms: (cpu.user + cpu.system) / 1000 })
    return
  }
  handler?.(message)
})
