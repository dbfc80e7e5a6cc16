// Owns the trainer Web Worker's whole life in the browser: spawn, hand over a MessagePort,
// notice a crash, restart with a fresh port. The browser counterpart of the Electron
// trainerHost (which does the same with a utility process).
import type { TrainerStatus, Unsubscribe } from '../shared/protocol/labApi'
import { WORKER_CONNECT, isWorkerReadyMessage } from './workerProtocol'

/** The part of `Worker` the host uses (a fake one in unit tests). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void
  terminate(): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  addEventListener(type: 'error' | 'messageerror', listener: (event: Event) => void): void
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface WebTrainerHostOptions {
  createWorker: () => WorkerLike
  /** Hands the renderer's end of the channel to the app (window.postMessage in the browser). */
  deliverPort: (port: MessagePort) => void
  timers?: Timers
  /** A worker that has not said it is ready after this long is treated as crashed. */
  startupTimeoutMs?: number
  /** First restart delay after a crash; doubles while the worker keeps dying before it is ready. */
  restartDelayMs?: number
  maxRestartDelayMs?: number
  /** whenListening() resolves after this long at the latest. */
  listeningWaitMs?: number
}

export const CRASH_MESSAGE = 'Training stopped unexpectedly; your session is safe.'
/** Said instead once the trainer keeps failing before it ever gets going (e.g. its script cannot
 *  load): retrying goes on, but the learner should know that waiting may not help. */
export const START_FAILURE_MESSAGE =
  'The trainer could not start; still trying. Reloading the page may help, and your session is safe.'
/** Failures in a row, without reaching ready, after which START_FAILURE_MESSAGE is shown. */
export const START_FAILURES_BEFORE_NOTICE = 3

/** Read-only figures for tests and the harness. */
export interface TrainerHostCounters {
  /** Workers created so far. */
  spawned: number
  /** Workers that died (error event, startup timeout, or killed through the harness). */
  crashes: number
  /** Ports delivered to the app: one per worker, as it is started. */
  portsDelivered: number
  /** Restarts the app asked for with restartTrainer(). */
  requestedRestarts: number
}

const defaultTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export class WebTrainerHost {
  private readonly options: Required<Omit<WebTrainerHostOptions, 'timers'>> & { timers: Timers }
  private worker: WorkerLike | null = null
  /** Bumped for every worker so that late events from a dead one are ignored. */
  private generation = 0
  private status: TrainerStatus = { state: 'starting' }
  private readonly listeners = new Set<(status: TrainerStatus) => void>()
  private startupTimer: unknown = null
  private restartTimer: unknown = null
  /** Crashes since the last worker that reached ready: drives the backoff. */
  private crashesBeforeReady = 0
  private disposed = false
  /** Resolves once the first worker listens (its ready), it fails, or after listeningWaitMs;
   *  see whenListening. */
  private readonly listening: Promise<void>
  private markListening: () => void = () => {}
  readonly counters: TrainerHostCounters = {
    spawned: 0,
    crashes: 0,
    portsDelivered: 0,
    requestedRestarts: 0
  }

  constructor(options: WebTrainerHostOptions) {
    this.options = {
      timers: options.timers ?? defaultTimers,
      startupTimeoutMs: options.startupTimeoutMs ?? 15_000,
      restartDelayMs: options.restartDelayMs ?? 250,
      maxRestartDelayMs: options.maxRestartDelayMs ?? 8_000,
      listeningWaitMs: options.listeningWaitMs ?? 300,
      createWorker: options.createWorker,
      deliverPort: options.deliverPort
    }
    this.listening = new Promise((resolve) => (this.markListening = resolve))
  }

  /** Resolves once the first worker listens on its port (at most listeningWaitMs after start()),
   *  or has failed. The page's main thread hands a new worker its first messages (the connect,
   *  and the app's first configure in the port) only after the worker's script has evaluated and
   *  while that thread is free: an app that mounts first (a 150-250 ms task) holds the first run
   *  back until it has mounted. Mounting after this lets the worker build the first run while
   *  the app mounts (issue 14, fast start). */
  whenListening(): Promise<void> {
    return this.listening
  }

  get currentStatus(): TrainerStatus {
    return { ...this.status }
  }

  /** Calls back at once with the current status, then on every change. */
  onStatus(listener: (status: TrainerStatus) => void): Unsubscribe {
    this.listeners.add(listener)
    listener({ ...this.status })
    return () => {
      this.listeners.delete(listener)
    }
  }

  start(): void {
    if (this.worker || this.disposed) return
    this.options.timers.setTimeout(() => this.markListening(), this.options.listeningWaitMs)
    this.spawn()
  }

  /** The app asked for a fresh trainer (e.g. after the user dismissed a crash). */
  restart(): void {
    if (this.disposed) return
    this.counters.requestedRestarts++
    this.cancelRestartTimer()
    this.stopWorker()
    // A fresh start the app asked for, not a problem: 'starting', as the Electron host says too
    // ('restarting' is what the app shows a crash banner for).
    this.crashesBeforeReady = 0
    this.setStatus({ state: 'starting' })
    this.spawn()
  }

  /** Ends the worker as a crash would (the test harness uses this): the app is told, then
   *  a new worker is started after the usual delay. */
  kill(): void {
    if (!this.worker) return
    this.handleCrash(this.generation)
  }

  dispose(): void {
    this.disposed = true
    this.cancelRestartTimer()
    this.stopWorker()
    this.listeners.clear()
  }

  private spawn(): void {
    const generation = ++this.generation
    let worker: WorkerLike
    try {
      worker = this.options.createWorker()
    } catch {
      this.counters.spawned++
      this.handleCrash(generation)
      return
    }
    this.worker = worker
    this.counters.spawned++

    const channel = new MessageChannel()
    worker.addEventListener('message', (event) => {
      if (generation !== this.generation || !isWorkerReadyMessage(event.data)) return
      this.markListening()
      this.handleReady(generation)
    })
    worker.addEventListener('error', (event) => {
      // Keep the browser from also logging the worker's exception as an uncaught page error:
      // the learner is told in words through the status instead.
      event.preventDefault()
      this.handleCrash(generation)
    })
    worker.addEventListener('messageerror', () => this.handleCrash(generation))
    this.startupTimer = this.options.timers.setTimeout(
      () => this.handleCrash(generation),
      this.options.startupTimeoutMs
    )
    worker.postMessage({ type: WORKER_CONNECT }, [channel.port1])
    // The app gets its end at once, before the worker has loaded: what it sends now (the first
    // run's configure) waits in the channel, and the worker builds that run as soon as it can,
    // while the page is still mounting the app, instead of after it (issue 14, fast start). The
    // trainer greets every port with 'ready' when it is listening.
    this.counters.portsDelivered++
    this.options.deliverPort(channel.port2)
  }

  private handleReady(generation: number): void {
    if (generation !== this.generation || this.status.state === 'ready') return
    this.clearStartupTimer()
    this.crashesBeforeReady = 0
    this.setStatus({ state: 'ready' })
  }

  private handleCrash(generation: number): void {
    this.markListening()
    if (generation !== this.generation || this.disposed) return
    // Invalidate this worker's events before anything else can arrive from it.
    this.generation++
    this.counters.crashes++
    this.crashesBeforeReady++
    this.stopWorker()
    const message =
      this.crashesBeforeReady >= START_FAILURES_BEFORE_NOTICE
        ? START_FAILURE_MESSAGE
        : CRASH_MESSAGE
    this.setStatus({ state: 'crashed', message })
    const delay = Math.min(
      this.options.restartDelayMs * 2 ** (this.crashesBeforeReady - 1),
      this.options.maxRestartDelayMs
    )
    this.cancelRestartTimer()
    this.restartTimer = this.options.timers.setTimeout(() => {
      this.restartTimer = null
      if (this.disposed) return
      this.setStatus({ state: 'restarting', message })
      this.spawn()
    }, delay)
  }

  private stopWorker(): void {
    this.clearStartupTimer()
    const worker = this.worker
    this.worker = null
    worker?.terminate()
  }

  private clearStartupTimer(): void {
    if (this.startupTimer !== null) this.options.timers.clearTimeout(this.startupTimer)
    this.startupTimer = null
  }

  private cancelRestartTimer(): void {
    if (this.restartTimer !== null) this.options.timers.clearTimeout(this.restartTimer)
    this.restartTimer = null
  }

  private setStatus(status: TrainerStatus): void {
    this.status = status
    for (const listener of [...this.listeners]) listener({ ...status })
  }
}
