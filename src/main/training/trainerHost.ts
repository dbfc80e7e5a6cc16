// One object owns the trainer process for its whole life (like VS Code's UtilityProcess class):
// spawn, connect a fresh port pair to the renderer, notice exits and crashes, restart with
// backoff, and kill it on quit. Electron specifics are injected (see electronTrainerHost.ts) so
// the supervision logic runs and is tested in plain Node.
import type { TrainerStatus } from '../../shared/protocol/labApi'

/** The parts of Electron's UtilityProcess the host uses. */
export interface TrainerProcessLike {
  onExit(listener: (code: number) => void): void
  /** Messages the process posts on its parentPort (the worker says 'worker-ready'). */
  onMessage(listener: (message: unknown) => void): void
  /** Hands the trainer its end of a new channel. */
  connect(port: unknown): void
  kill(): void
}

export interface TrainerHostDeps {
  spawn(): TrainerProcessLike
  /** A new MessageChannelMain: `trainerEnd` goes to the process, `rendererEnd` to the window. */
  createChannel(): { trainerEnd: unknown; rendererEnd: unknown }
  /** Sends the port to the renderer; false when there is no window to send it to. */
  sendPortToRenderer(port: unknown): boolean
  sendStatus(status: TrainerStatus): void
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
  now(): number
  log?(message: string): void
}

export const CRASH_MESSAGE = 'Training stopped unexpectedly; your session is safe.'
export const OOM_MESSAGE = 'Training ran out of memory and stopped; your session is safe.'
/** Electron's child-process-gone (which says why) and the process's own exit come in either
 *  order; a reason that arrives this soon after an exit belongs to that exit. */
export const GONE_MATCH_MS = 1_000
/** restart() waits this long for the old process to exit before starting the new one anyway. */
export const REPLACE_TIMEOUT_MS = 2_000
export const RESTART_DELAYS_MS = [250, 1000, 2000, 5000, 10000]
/** A process that became ready and then lived this long was healthy: if it dies after that, the
 *  backoff starts over (a kill or a one-off crash is not a crash loop). */
export const HEALTHY_AFTER_MS = 5_000
export const WORKER_READY = 'worker-ready'
/** The trainer process's argument naming the kernel helper threads' bundled program. */
export const KERNEL_HELPER_ARG = '--kernel-helper='
/** A trainer that has not said it is ready by then is stuck: it is killed and restarted. */
export const STARTUP_TIMEOUT_MS = 20_000

export class TrainerHost {
  private process: TrainerProcessLike | null = null
  private ready = false
  private stopping = false
  private restartTimer: unknown = null
  private startupTimer: unknown = null
  private crashesInARow = 0
  private startedAt = 0
  private readyAt: number | null = null
  /** Why the current process is going, when Electron said so before its exit. */
  private goneReason: string | null = null
  /** The last process that exited, until its reason arrives (or GONE_MATCH_MS pass). */
  private lastExit: { at: number; crashed: boolean; reason: string | null } | null = null
  /** A process restart() killed and is waiting for; the new one starts when it has exited, so
   *  that at most one trainer is ever alive and Electron's reasons cannot be misattributed. */
  private replacing: { child: TrainerProcessLike; timer: unknown } | null = null
  private status: TrainerStatus = { state: 'starting' }
  private crashMessage = CRASH_MESSAGE

  constructor(private readonly deps: TrainerHostDeps) {}

  get currentStatus(): TrainerStatus {
    return this.status
  }

  get running(): boolean {
    return this.process !== null
  }

  start(): void {
    if (this.process || this.stopping) return
    this.setStatus(
      this.crashesInARow > 0
        ? { state: 'restarting', message: this.crashMessage }
        : { state: 'starting' }
    )
    const child = this.deps.spawn()
    this.process = child
    this.ready = false
    this.goneReason = null
    this.startedAt = this.deps.now()
    this.startupTimer = this.deps.setTimeout(() => {
      this.startupTimer = null
      if (this.process !== child || this.ready) return
      this.deps.log?.(`trainer not ready after ${STARTUP_TIMEOUT_MS} ms; killing it`)
      child.kill() // its exit is handled like a crash: message, backoff, restart
    }, STARTUP_TIMEOUT_MS)
    child.onMessage((message) => {
      if (this.process !== child) return
      if ((message as { type?: unknown } | null)?.type === WORKER_READY) {
        this.cancelStartupTimer()
        this.ready = true
        this.readyAt = this.deps.now()
        this.setStatus({ state: 'ready' })
        this.connectRenderer()
      }
    })
    child.onExit((code) => this.handleExit(child, code))
  }

  /** Gives the renderer a fresh line to the trainer (after a page load or a restart). */
  connectRenderer(): void {
    if (!this.process || !this.ready) return
    const { trainerEnd, rendererEnd } = this.deps.createChannel()
    if (!this.deps.sendPortToRenderer(rendererEnd)) return
    this.process.connect(trainerEnd)
  }

  /** Electron's child-process-gone for the trainer service says why (crashed, oom, killed). It
   *  can come before or after the process's exit; it belongs to the process that exited within
   *  GONE_MATCH_MS without a reason, else to the live one. A late 'oom' corrects the message. */
  noteGone(reason: string): void {
    const last = this.lastExit
    if (last && last.reason === null && this.deps.now() - last.at <= GONE_MATCH_MS) {
      last.reason = reason
      const shown = this.status.state === 'crashed' || this.status.state === 'restarting'
      if (last.crashed && reason === 'oom') {
        this.crashMessage = OOM_MESSAGE
        if (shown) this.setStatus({ state: this.status.state, message: OOM_MESSAGE })
      }
      return
    }
    if (this.process) this.goneReason = reason
  }

  /** The user asked for a fresh trainer: start over now, with no backoff (the new process starts
   *  as soon as the old one has exited). */
  restart(): void {
    if (this.stopping || this.replacing) return
    this.cancelRestartTimer()
    this.cancelStartupTimer()
    this.crashesInARow = 0
    const child = this.process
    if (!child) {
      this.start()
      return
    }
    const timer = this.deps.setTimeout(() => this.finishReplacing(child), REPLACE_TIMEOUT_MS)
    this.replacing = { child, timer }
    child.kill()
  }

  private finishReplacing(child: TrainerProcessLike): void {
    if (this.replacing?.child !== child) return
    this.deps.clearTimeout(this.replacing.timer)
    this.replacing = null
    if (this.process === child) {
      this.process = null
      this.ready = false
    }
    this.start()
  }

  /** On quit: kill the process and never restart it. */
  dispose(): void {
    this.stopping = true
    this.cancelRestartTimer()
    this.cancelStartupTimer()
    if (this.replacing) this.deps.clearTimeout(this.replacing.timer)
    this.replacing = null
    const child = this.process
    this.process = null
    child?.kill()
  }

  private handleExit(child: TrainerProcessLike, code: number): void {
    if (this.process !== child) return // a process we killed on dispose, or already replaced
    this.cancelStartupTimer()
    this.process = null
    this.ready = false
    const reason = this.goneReason
    this.goneReason = null
    const onPurpose = this.stopping || this.replacing?.child === child
    this.lastExit = { at: this.deps.now(), crashed: !onPurpose, reason }
    if (this.replacing?.child === child) {
      this.finishReplacing(child)
      return
    }
    if (this.stopping) return
    const lived = this.deps.now() - this.startedAt
    if (this.readyAt !== null && lived >= HEALTHY_AFTER_MS) this.crashesInARow = 0
    this.readyAt = null
    const delay = RESTART_DELAYS_MS[Math.min(this.crashesInARow, RESTART_DELAYS_MS.length - 1)]
    this.crashesInARow++
    this.deps.log?.(
      `trainer exited (code ${code}${reason ? `, ${reason}` : ''}); restarting in ${delay} ms`
    )
    this.crashMessage = reason === 'oom' ? OOM_MESSAGE : CRASH_MESSAGE
    this.setStatus({ state: 'crashed', message: this.crashMessage })
    this.restartTimer = this.deps.setTimeout(() => {
      this.restartTimer = null
      this.start()
    }, delay)
  }

  private cancelStartupTimer(): void {
    if (this.startupTimer !== null) this.deps.clearTimeout(this.startupTimer)
    this.startupTimer = null
  }

  private cancelRestartTimer(): void {
    if (this.restartTimer !== null) this.deps.clearTimeout(this.restartTimer)
    this.restartTimer = null
  }

  private setStatus(status: TrainerStatus): void {
    this.status = status
    this.deps.sendStatus(status)
  }
}
