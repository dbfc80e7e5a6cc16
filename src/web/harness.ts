// Test hooks for the browser host, on `window.__nnlab`. Playwright specs use them to crash the
// trainer as a real fault would and to read what flowed to the app; nothing here changes how
// the lab behaves for a learner.
import { TRAINER_PORT_MESSAGE, type HostResult, type OpenedFile } from '../shared/protocol/labApi'
import type { TrainerHostCounters, WebTrainerHost } from './webTrainerHost'
import type { WebLabApi } from './webLabApi'

/** What the app received from the trainer, counted at the app's end of the port. */
export interface TrainerTraffic {
  progressEvents: number
  gridEvents: number
  /** Latest epoch reported by a progress or paused event. */
  lastEpoch: number
  /** performance.now() of the first and latest progress event that carried new epochs. */
  firstProgressAt: number | null
  lastProgressAt: number | null
  /** Epoch at firstProgressAt, so epochs/s = (lastEpoch − firstEpoch) / elapsed. */
  firstProgressEpoch: number
  pausedEvents: number
  errorEvents: number
  /** Runs the trainer built or restored ('configured'), and full copies it sent ('snapshot'). */
  configuredEvents: number
  snapshotEvents: number
}

export interface NnLabHarness {
  /** Terminates the trainer worker as a crash would; the host reports it and restarts. */
  killTrainer(): void
  /** Host figures: workers spawned, crashes, ports delivered, restarts asked for. */
  readonly counters: Readonly<TrainerHostCounters>
  readonly trainerState: string
  /** Counts since the last resetTraffic(). */
  readonly traffic: Readonly<TrainerTraffic>
  resetTraffic(): void
  /** Hands a file to the app as if the host had been asked to open it. */
  openFile(name: string, text: string): void
}

declare global {
  interface Window {
    __nnlab?: NnLabHarness
  }
}

function emptyTraffic(): TrainerTraffic {
  return {
    progressEvents: 0,
    gridEvents: 0,
    lastEpoch: 0,
    firstProgressAt: null,
    lastProgressAt: null,
    firstProgressEpoch: 0,
    pausedEvents: 0,
    errorEvents: 0,
    configuredEvents: 0,
    snapshotEvents: 0
  }
}

/** Observes a trainer event as the app receives it. */
export function countTrainerEvent(traffic: TrainerTraffic, data: unknown, at: number): void {
  if (typeof data !== 'object' || data === null) return
  const event = data as {
    type?: unknown
    epoch?: unknown
    grid?: unknown
    points?: unknown
    packedPoints?: { has?: unknown }
  }
  if (event.type === 'progress') {
    traffic.progressEvents++
    if (event.grid) traffic.gridEvents++
    const epoch = typeof event.epoch === 'number' ? event.epoch : traffic.lastEpoch
    // The epochs come as objects, or packed (a port that moves buffers: packedHistory.ts).
    const packed = event.packedPoints?.has
    const hasPoints =
      (Array.isArray(event.points) && event.points.length > 0) ||
      (packed instanceof Uint8Array && packed.length > 0)
    if (hasPoints) {
      if (traffic.firstProgressAt === null) {
        traffic.firstProgressAt = at
        traffic.firstProgressEpoch = epoch
      }
      traffic.lastProgressAt = at
    }
    traffic.lastEpoch = epoch
  } else if (event.type === 'paused') {
    traffic.pausedEvents++
    if (typeof event.epoch === 'number') traffic.lastEpoch = event.epoch
  } else if (event.type === 'error') {
    traffic.errorEvents++
  } else if (event.type === 'configured') {
    traffic.configuredEvents++
  } else if (event.type === 'snapshot') {
    traffic.snapshotEvents++
  }
}

export function installHarness(win: Window, trainer: WebTrainerHost, lab: WebLabApi): NnLabHarness {
  let traffic = emptyTraffic()
  let trainerState = trainer.currentStatus.state
  trainer.onStatus((status) => {
    trainerState = status.state
  })
  // Listen alongside the app on every trainer port it is given. addEventListener does not start
  // the port, so the app's own listener still decides when messages begin to flow.
  win.addEventListener('message', (event: MessageEvent) => {
    const data = event.data as { type?: unknown } | null
    if (event.source !== win || data?.type !== TRAINER_PORT_MESSAGE) return
    const port = event.ports[0]
    port?.addEventListener('message', (message: MessageEvent) =>
      countTrainerEvent(traffic, message.data, win.performance.now())
    )
  })
  const harness: NnLabHarness = {
    killTrainer: () => trainer.kill(),
    get counters() {
      return { ...trainer.counters }
    },
    get trainerState() {
      return trainerState
    },
    get traffic() {
      return { ...traffic }
    },
    resetTraffic() {
      traffic = emptyTraffic()
    },
    openFile(name: string, text: string) {
      const file: HostResult<OpenedFile> = { ok: true, value: { path: name, name, text } }
      lab.emitOpenFile(file)
    }
  }
  win.__nnlab = harness
  return harness
}
