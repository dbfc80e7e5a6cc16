// Live-view cost, measured the way the desktop app runs: the trainer service in its own process
// (bench/trainerChild.ts) training the seed-notebook run with a 200×200 live map, against the
// same run with the live view off and against the engine alone (the CLI's loop). Windows
// alternate live / off so load from other jobs hits both alike; besides wall-clock epochs/s, the
// trainer's CPU time per epoch is compared, which other jobs on the machine hardly disturb.
import { fork, type ChildProcess, type Serializable } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { MAX_EPOCHS, SEED_NOTEBOOK, TrainingRun, type RunConfig } from '../src/shared/engine'
import type { TrainerEvent } from '../src/shared/protocol/trainerMessages'

const here = dirname(fileURLToPath(import.meta.url))

export interface StreamingWindow {
  live: boolean
  seconds: number
  epochsPerSecond: number
  mapsPerSecond: number
  cpuMsPerEpoch: number
}

export interface StreamingResult {
  gridSize: number
  windows: StreamingWindow[]
  engineAlone: { epochsPerSecond: number; cpuMsPerEpoch: number }[]
}

interface Stamp {
  at: number
  epoch: number
  grid: boolean
}

/** The run every window trains (the tests check the trainer takes it). */
export const STREAMING_CONFIG: RunConfig = {
  ...SEED_NOTEBOOK,
  // Long enough to measure (the notebook's 2000 epochs take about a tenth of a second): the
  // highest limit the trainer takes.
  training: { ...SEED_NOTEBOOK.training, epochLimit: MAX_EPOCHS }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))

class TrainerChild {
  readonly stamps: Stamp[] = []
  private readonly child: ChildProcess
  private cpuWaiters: ((ms: number) => void)[] = []
  private ready: Promise<void>

  constructor() {
    this.child = fork(join(here, 'trainerChild.ts'), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    this.ready = new Promise((resolve) => {
      this.child.on('message', (message: unknown) => {
        const m = message as TrainerEvent | { bench: 'cpu'; ms: number }
        if ('bench' in m) this.cpuWaiters.shift()?.(m.ms)
        else if (m.type === 'ready') resolve()
        else if (m.type === 'progress' && m.running) {
          this.stamps.push({ at: performance.now(), epoch: m.epoch, grid: m.grid !== undefined })
        } else if (m.type === 'error') throw new Error(`trainer: ${m.message}`)
      })
    })
  }

  async start(): Promise<void> {
    await this.ready
    this.child.send({ type: 'configure', requestId: 1, config: STREAMING_CONFIG })
  }

  send(command: Serializable): void {
    this.child.send(command)
  }

  cpuMs(): Promise<number> {
    return new Promise((resolve) => {
      this.cpuWaiters.push(resolve)
      this.child.send({ bench: 'cpu' })
    })
  }

  stop(): void {
    this.child.kill()
  }
}

async function measureWindow(
  t: TrainerChild,
  live: boolean,
  gridSize: number,
  ms: number
): Promise<StreamingWindow> {
  t.send({ type: 'set-view', view: { gridSize, neuron: null, live } })
  t.send({ type: 'start' })
  await sleep(300) // settle: the map cost estimate, JIT
  const cpu0 = await t.cpuMs()
  const from = t.stamps.length - 1
  await sleep(ms)
  const cpu1 = await t.cpuMs()
  const to = t.stamps.length - 1
  t.send({ type: 'pause' })
  await sleep(100)
  const first = t.stamps[from]
  const last = t.stamps[to]
  const seconds = (last.at - first.at) / 1000
  const epochs = last.epoch - first.epoch
  const maps = t.stamps.slice(from + 1, to + 1).filter((x) => x.grid).length
  return {
    live,
    seconds,
    epochsPerSecond: epochs / seconds,
    mapsPerSecond: maps / seconds,
    // The CPU readings and the progress stamps bracket the same stretch to within one event.
    cpuMsPerEpoch: (cpu1 - cpu0) / epochs
  }
}

function engineAlone(ms: number): { epochsPerSecond: number; cpuMsPerEpoch: number } {
  const run = TrainingRun.create(STREAMING_CONFIG)
  for (let i = 0; i < 500; i++) run.trainEpoch()
  const cpu0 = process.cpuUsage()
  const start = performance.now()
  let epochs = 0
  while (performance.now() - start < ms) {
    for (let i = 0; i < 100; i++) run.trainEpoch()
    epochs += 100
  }
  const seconds = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpu0)
  return {
    epochsPerSecond: epochs / seconds,
    cpuMsPerEpoch: (cpu.user + cpu.system) / 1000 / epochs
  }
}

function median(values: number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const mid = Math.floor(v.length / 2)
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2
}

export interface StreamingSummary {
  mapsPerSecond: number
  epochsPerSecondLive: number
  epochsPerSecondOff: number
  epochsPerSecondEngine: number
  /** Median over the live/off pairs of (1 − live/off) epochs/s, in percent. */
  wallSlowdownPercent: number
  /** The same from the trainer's least CPU time per epoch in any window (live/off − 1): like the
   *  engine table's best round, the least disturbed measurement on a shared machine. */
  cpuSlowdownPercent: number
  /** Live vs the engine alone (the CLI's loop), least CPU time per epoch of each. */
  cpuSlowdownVsEnginePercent: number
}

export function summarize(r: StreamingResult): StreamingSummary {
  const live = r.windows.filter((w) => w.live)
  const off = r.windows.filter((w) => !w.live)
  const pairs = live.map((w, i) => [w, off[i]] as const)
  const leastCpu = (list: { cpuMsPerEpoch: number }[]): number =>
    Math.min(...list.map((w) => w.cpuMsPerEpoch))
  return {
    mapsPerSecond: median(live.map((w) => w.mapsPerSecond)),
    epochsPerSecondLive: median(live.map((w) => w.epochsPerSecond)),
    epochsPerSecondOff: median(off.map((w) => w.epochsPerSecond)),
    epochsPerSecondEngine: median(r.engineAlone.map((e) => e.epochsPerSecond)),
    wallSlowdownPercent:
      100 * median(pairs.map(([l, o]) => 1 - l.epochsPerSecond / o.epochsPerSecond)),
    cpuSlowdownPercent: 100 * (leastCpu(live) / leastCpu(off) - 1),
    cpuSlowdownVsEnginePercent: 100 * (leastCpu(live) / leastCpu(r.engineAlone) - 1)
  }
}

/** `pairs` live/off window pairs of `windowMs` each, and the engine alone after every pair. */
export async function measureStreaming(
  pairs = 6,
  gridSize = 200,
  windowMs = 1500
): Promise<StreamingResult> {
  const t = new TrainerChild()
  const result: StreamingResult = { gridSize, windows: [], engineAlone: [] }
  try {
    await t.start()
    for (let r = 0; r < pairs; r++) {
      // Alternate which goes first so a load change mid-pair does not favour one side.
      const order = r % 2 === 0 ? [true, false] : [false, true]
      for (const live of order) {
        result.windows.push(await measureWindow(t, live, gridSize, windowMs))
      }
      result.engineAlone.push(engineAlone(windowMs / 2))
    }
  } finally {
    t.stop()
  }
  return result
}
