// The trainer's message loop, independent of where it runs: the Electron utility process, a Node
// worker or test, and the browser's Web Worker all wrap their port in a TrainerPortLike and call
// startTrainerService. It owns one TrainingRun at a time and trains it in short slices, checking
// for messages between slices so that pause and step feel immediate.
import {
  EarlyStopping,
  MAX_TRACE_ROWS,
  RunTimeline,
  TrainingRun,
  copyDataset,
  copyParams,
  predict,
  traceNextEpoch,
  validateNetworkSpec
} from '../engine'
import type {
  BoundaryGrid,
  Dataset,
  EpochStats,
  NetworkParams,
  RunConfig,
  TrainConfig
} from '../engine/types'
import type { TimelineData } from '../engine/timeline'
import { parseTrainerCommand, rawRequestId } from '../protocol/trainerSchemas'
import { packHistory } from '../protocol/packedHistory'
import { movableBuffers } from '../protocol/movableBuffers'
import { measureTrainerMemory } from './trainerMemory'
import { analyzeRun } from './analysis'
import { setParameter } from './setParameter'
import { createSweepService, type SweepHost } from '../sweep/sweepService'
import {
  MAX_PROGRESS_PER_SECOND,
  type CurrentStats,
  type EpochMeterRecord,
  type EpochView,
  type PauseReason,
  type ProgressEvent,
  type RunSummary,
  type TrainerCommand,
  type TrainerEvent,
  type ViewOptions
} from '../protocol/trainerMessages'

export interface TrainerPortLike {
  /** `transfer` lists buffers of `event` that the port may move instead of copying. */
  postMessage(event: TrainerEvent, transfer?: ArrayBuffer[]): void
  /** True when postMessage moves the buffers it is given (a browser MessagePort). Electron's
   *  MessagePortMain copies every message, so its port leaves this unset. */
  readonly movesBuffers?: boolean
  /** True when epochs (a progress event's, a snapshot's history) should cross as flat arrays
   *  (protocol/packedHistory.ts), which the window unpacks as they arrive: every port that
   *  serialises its messages, as both hosts' do (100,000 small objects cost the receiving thread
   *  ~100 ms, flat arrays one copy). Implied by movesBuffers. */
  readonly packsEpochs?: boolean
  /** Raw messages: the service validates them itself. */
  onMessage(handler: (command: unknown) => void): void
}

export interface TrainerClock {
  now(): number
  setTimeout(callback: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** How often progress events carry the trainer's memory (issue 6). */
export const MEMORY_INTERVAL_MS = 1000
/** Longest stretch of training between two looks at the message queue. */
export const SLICE_MS = 8
/** Minimum gap between two progress events (≤ MAX_PROGRESS_PER_SECOND). */
export const PROGRESS_INTERVAL_MS = 1000 / MAX_PROGRESS_PER_SECOND
export const DEFAULT_VIEW: ViewOptions = { gridSize: 200, neuron: null, live: true }
/** While training live every progress event carries fresh maps (~30/s: the float32 map kernel
 *  takes about a millisecond for the notebook's network)... */
export const LIVE_MAP_INTERVAL_MS = PROGRESS_INTERVAL_MS
/** ...but live maps must not eat the training: a map that took g ms is followed by at least
 *  GRID_COST_FACTOR·g ms without one, so maps take at most ~1/(1+factor) of the time (10%) even
 *  for big networks and grids. */
export const GRID_COST_FACTOR = 9
/** The weights and layer inspection (network diagram, gradient norms) ride along with the live
 *  maps at most this often: the eye does not need them at 30/s, and each one costs the renderer
 *  a redraw of the network diagram on the main thread. */
export const LIVE_DETAILS_INTERVAL_MS = 100
/** How many recent live updates the cost estimate looks back over. */
export const GRID_COST_SAMPLES = 8
/** While live maps are spaced out, points still go out at least this often. */
export const POINTS_WITHOUT_MAP_MS = 100
/** While training, the timeline's kept epochs go out at most this often (and after each pause). */
export const TIMELINE_INTERVAL_MS = 250

type PausedEvent = Extract<TrainerEvent, { type: 'paused' }>

/** Progress and maps keep a steady rhythm even when the thread is descheduled now and then (a
 *  busy 2-core machine): the next event is due one interval after the previous one was *due*,
 *  not after it went out, so a slightly late event is made up for and the average stays at the
 *  rate limit (30/s, not ~25/s). An event more than half an interval late (or the first after a
 *  pause) starts the rhythm afresh, so two events are never closer than half an interval and no
 *  one-second window holds more than one extra. Returns the due time to remember for an event
 *  sent at `at`. */
export function nextSlot(previousSlot: number, interval: number, at: number): number {
  const due = previousSlot + interval
  return at - due <= interval / 2 ? due : at
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now()
}

const realClock: TrainerClock = {
  now,
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/** Runs `callback` after pending messages have been handled, without setTimeout's clamping
 *  (browsers stretch nested timeouts to 4 ms, which would cost a third of the training time). */
function makeYield(): (callback: () => void) => void {
  if (typeof setImmediate === 'function') return (callback) => setImmediate(callback)
  if (typeof MessageChannel === 'function') {
    const channel = new MessageChannel()
    const queue: (() => void)[] = []
    channel.port1.onmessage = () => queue.shift()?.()
    return (callback) => {
      queue.push(callback)
      channel.port2.postMessage(null)
    }
  }
  return (callback) => setTimeout(callback, 0)
}

/** The buffers of a dataset's typed arrays (points, labels, split, …), to move with a message. */
function datasetBuffers(data: Dataset): ArrayBuffer[] {
  return Object.values(data).flatMap((value) =>
    ArrayBuffer.isView(value) ? [value.buffer as ArrayBuffer] : []
  )
}

/** A progress event's own buffers (maps just computed, weights just copied), which a port that
 *  moves buffers hands over instead of copying: the window's main thread then reads ~160 kB of
 *  map 30 times a second without a copy (issue 14). */
function progressBuffers(event: ProgressEvent): ArrayBuffer[] {
  return movableBuffers([
    event.grid?.values,
    event.neuronGrid?.values,
    event.params,
    event.packedPoints
  ])
}

/** Copies `params` into the run's own weight arrays (same shapes: the same network). */
function wear(target: TrainingRun, params: NetworkParams): void {
  params.weights.forEach((w, i) => target.params.weights[i].set(w))
  params.biases.forEach((b, i) => target.params.biases[i].set(b))
}

function allFinite(params: NetworkParams): boolean {
  for (const array of [...params.weights, ...params.biases]) {
    for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) return false
  }
  return true
}

function errorMessage(error: unknown, fallback: string): string {
  if (error instanceof Error && error.message) return error.message
  return fallback
}

/** Epochs over which a loss far above guessing counts as divergence. */
export const DIVERGENCE_WINDOW = 20
/** "Far above guessing": the mean loss over the window exceeds this many times ln(classes), the
 *  loss of a model that guesses uniformly. Healthy runs (even erratic ones at lr 10) stay below. */
export const DIVERGENCE_FACTOR = 7
/** …and it must be this many times the best loss since training (re)started: it got worse. */
export const DIVERGENCE_WORSENING = 3

function likelyCause(training: TrainConfig): string {
  const lr = training.optimizer.learningRate
  return lr >= 1
    ? `the learning rate ${lr} is probably too high: try 0.1 or lower, then press Reset`
    : `the weights grew out of range: lower the learning rate (now ${lr}) or add L2, then press Reset`
}

/** One sentence explaining a NaN/Infinity loss, naming the most likely cause. */
export function divergenceMessage(epoch: number, training: TrainConfig, loss: number): string {
  const what = Number.isNaN(loss) ? 'not a number (NaN)' : 'infinite'
  return `Training stopped at epoch ${epoch} because the loss became ${what}; ${likelyCause(training)}.`
}

/** One sentence for a loss that stays far above guessing level. */
export function explodingLossMessage(
  epoch: number,
  training: TrainConfig,
  meanLoss: number
): string {
  return (
    `Training stopped at epoch ${epoch} because the loss is getting worse instead of better ` +
    `(${meanLoss.toFixed(2)} on average over the last ${DIVERGENCE_WINDOW} epochs); ${likelyCause(training)}.`
  )
}

export function startTrainerService(
  port: TrainerPortLike,
  clock?: TrainerClock,
  /** sweeps: the runtime's sweep threads (issue 15); without them sweeps run in this thread. */
  options: { sweeps?: SweepHost | null } = {}
): { dispose(): void } {
  const time = clock ?? realClock
  const packsEpochs = port.movesBuffers === true || port.packsEpochs === true
  // With an injected clock (tests) yields go through its timers too, so time stays virtual.
  const yieldThen = clock ? (callback: () => void) => clock.setTimeout(callback, 0) : makeYield()

  let run: TrainingRun | null = null
  let view: ViewOptions = { ...DEFAULT_VIEW }
  /** The run's kept checkpoints (issue 15): one is recorded after each epoch on its grid. */
  let timeline = new RunTimeline()
  let timelineChanged = false
  let lastTimelineAt = -Infinity
  /** A copy of the run that never trains: it wears a checkpoint's weights to draw a past epoch. */
  let viewer: TrainingRun | null = null
  /** The past epoch the maps show (the scrubber's), or null for the run as it is. */
  let shownEpoch: number | null = null
  /** Early stopping's watch over the test loss, while the settings ask for it. */
  let stopper: EarlyStopping | null = null
  let running = false
  /** NaN/Infinity in the weights: nothing to continue from or save. */
  let broken = false
  /** The loss blew up (weights still finite): no more training until the settings change. */
  let divergedUntilChange = false
  /** Losses of the latest epochs since the run was built or its settings last changed. */
  let recentLosses: number[] = []
  /** The lowest loss over the same stretch. */
  let bestLoss = Infinity
  function forgetLosses(): void {
    recentLosses = []
    bestLoss = Infinity
  }
  let disposed = false
  let sliceScheduled = false
  /** Slow motion (set-pace): epochs per second, or null for as fast as possible. The pace counts
   *  from `paceFrom` (when training started or the pace changed), so epochs stay evenly spaced. */
  let epochsPerSecond: number | null = null
  let paceFrom = { at: 0, epoch: 0 }
  let paceTimer: unknown = null

  let pendingPoints: EpochStats[] = []
  /** Each epoch's meters since the last progress event, while the view asks for them. */
  let pendingMeters: EpochMeterRecord[] = []
  let pendingPause: PausedEvent | null = null
  let gridOwed = false
  /** When the last progress event went out, and the time it was due (see nextSlot). */
  let lastProgressAt = -Infinity
  let progressSlot = -Infinity
  /** When memory was last reported (-Infinity: with the next progress event). */
  let lastMemoryAt = -Infinity
  /** The due time of the last live maps, and of the last weights and inspection (see nextSlot). */
  let gridSlot = -Infinity
  let detailsSlot = -Infinity
  /** Times to build the latest live updates (maps + weights + inspection), in ms. Their minimum
   *  is the cost: on a busy machine a build is sometimes descheduled midway, and that wait costs
   *  the training nothing, so it must not thin out the maps. */
  let gridCosts: number[] = []
  /** The current weights' training loss and accuracy (ProgressEvent.current): owed after a pause
   *  or rebuild; without live maps, due every statsInterval(), spaced out by their cost. */
  let statsOwed = false
  let statsSlot = -Infinity
  let statsCost = 0
  let flushTimer: unknown = null
  let samplesSinceFlush = 0
  let trainMsSinceFlush = 0
  let samplesPerSecond = 0

  function post(event: TrainerEvent): void {
    if (!disposed) port.postMessage(event)
  }

  /** Posts an event carrying whole datasets (`datasets`: its own copies, not the run's arrays).
   *  Where the port moves buffers they go without a copy: structured-cloning a 1,000,000-point
   *  run's points costs the window's main thread ~60 ms when it reads the message, while the
   *  copy made here costs the trainer a few ms. */
  function postWithDatasets(
    event: TrainerEvent,
    datasets: Dataset[],
    alsoMoved: ArrayBuffer[] = []
  ): void {
    postMoving(event, () => [...datasets.flatMap(datasetBuffers), ...alsoMoved])
  }

  /** Posts an event whose `moved()` buffers are its own: where the port moves buffers they go
   *  without a copy (and are gone from here); elsewhere the event is copied as usual. */
  function postMoving(event: TrainerEvent, moved: () => ArrayBuffer[]): void {
    if (disposed) return
    if (port.movesBuffers) port.postMessage(event, moved())
    else port.postMessage(event)
  }
  const sweeps = createSweepService(post, options.sweeps ?? null)

  function postError(message: string, requestId?: number): void {
    post(
      requestId === undefined ? { type: 'error', message } : { type: 'error', requestId, message }
    )
  }

  // ---- progress ----------------------------------------------------------------------------

  function grids(current: TrainingRun): Pick<ProgressEvent, 'grid' | 'neuronGrid'> {
    const size = view.gridSize
    const grid: BoundaryGrid = current.boundaryGrid(size, size)
    if (!view.neuron) return { grid }
    try {
      const { layer, index } = view.neuron
      const neuronGrid = { ...current.neuronGrid(layer, index, size, size), layer, index }
      return { grid, neuronGrid }
    } catch {
      // A neuron that no longer exists (the network changed): just no neuron map.
      return { grid }
    }
  }

  function currentStats(current: TrainingRun): CurrentStats {
    return { epoch: current.epoch, ...current.evaluateInChunks(current.train) }
  }

  function statsInterval(): number {
    return Math.max(LIVE_DETAILS_INTERVAL_MS, GRID_COST_FACTOR * statsCost)
  }

  function flush(): void {
    if (flushTimer !== null) time.clearTimeout(flushTimer)
    flushTimer = null
    if (!run || disposed) return
    const at = time.now()
    if (trainMsSinceFlush > 0) samplesPerSecond = (samplesSinceFlush / trainMsSinceFlush) * 1000
    samplesSinceFlush = 0
    trainMsSinceFlush = 0
    const event: ProgressEvent = {
      type: 'progress',
      epoch: run.epoch,
      running,
      points: pendingPoints,
      samplesPerSecond
    }
    pendingPoints = []
    if (pendingMeters.length > 0) {
      event.meters = pendingMeters
      pendingMeters = []
    }
    // While the scrubber holds a past epoch, the maps and weights are that epoch's.
    const shown = shownEpoch !== null && viewer ? viewer : run
    if (shown !== run) event.shownEpoch = shownEpoch as number
    if (timelineChanged && (!running || at - lastTimelineAt >= TIMELINE_INTERVAL_MS)) {
      event.timeline = {
        epochs: timeline.epochs(),
        bytes: timeline.bytes,
        budgetBytes: timeline.budgetBytes
      }
      timelineChanged = false
      lastTimelineAt = at
    }
    const interval = gridInterval()
    if (view.live && !broken && (gridOwed || at >= gridSlot + interval)) {
      // The map's own weights: the top bar's numbers describe what the map draws.
      Object.assign(event, grids(shown), { current: currentStats(shown) })
      statsOwed = false
      if (gridOwed || at >= detailsSlot + LIVE_DETAILS_INTERVAL_MS) {
        Object.assign(event, { params: copyParams(shown.params), layers: shown.inspect() })
        detailsSlot = nextSlot(detailsSlot, LIVE_DETAILS_INTERVAL_MS, at)
      }
      const cost = time.now() - at
      gridCosts.push(cost)
      if (gridCosts.length > GRID_COST_SAMPLES) gridCosts.shift()
      gridSlot = nextSlot(gridSlot, interval, at)
      gridOwed = false
    } else if ((!view.live || broken) && (statsOwed || at >= statsSlot + statsInterval())) {
      event.current = currentStats(shown)
      statsCost = time.now() - at
      statsSlot = nextSlot(statsSlot, statsInterval(), at)
      statsOwed = false
    }
    if (at - lastMemoryAt >= MEMORY_INTERVAL_MS) {
      event.memory = measureTrainerMemory(run)
      // The timeline's checkpoints are part of what the run holds.
      event.memory.runBytes += timeline.bytes
      if (event.memory.source === 'estimate') event.memory.bytes += timeline.bytes
      lastMemoryAt = at
    }
    if (packsEpochs && event.points.length > 0) {
      // ~500 epoch objects per event at 15,000 epochs a second: as flat arrays they cost the
      // window's main thread almost nothing to receive (issue 14).
      event.packedPoints = packHistory(event.points)
      event.points = []
    }
    postMoving(event, () => progressBuffers(event))
    progressSlot = nextSlot(progressSlot, PROGRESS_INTERVAL_MS, at)
    lastProgressAt = at
    if (pendingPause) {
      post(pendingPause)
      pendingPause = null
    }
  }

  /** Flush as soon as the rate limit allows (now, or by timer). */
  function requestFlush(): void {
    if (flushTimer !== null) return
    const wait = progressSlot + PROGRESS_INTERVAL_MS - time.now()
    if (wait <= 0) flush()
    else flushTimer = time.setTimeout(flush, wait)
  }

  function gridInterval(): number {
    const cost = gridCosts.length > 0 ? Math.min(...gridCosts) : 0
    return Math.max(LIVE_MAP_INTERVAL_MS, GRID_COST_FACTOR * cost)
  }

  /** While training, when the next progress event is due: live views get one with fresh maps
   *  every gridInterval(); points alone go out at the full allowed rate, and while maps are spaced
   *  out by their cost, at least every POINTS_WITHOUT_MAP_MS so they never hold back the curve. */
  function progressDueAt(): number {
    const earliest = progressSlot + PROGRESS_INTERVAL_MS
    if (!view.live) return earliest
    return Math.max(
      earliest,
      Math.min(gridSlot + gridInterval(), lastProgressAt + POINTS_WITHOUT_MAP_MS)
    )
  }

  function pause(reason: PauseReason, extra: Partial<PausedEvent> = {}): void {
    running = false
    gridOwed = true
    statsOwed = true
    pendingPause = { type: 'paused', reason, epoch: run?.epoch ?? 0, ...extra }
    requestFlush()
  }

  // ---- training ----------------------------------------------------------------------------

  /** Trains one epoch; false when it diverged (and the run is now paused). */
  function trainOneEpoch(current: TrainingRun): boolean {
    const stats = current.trainEpoch()
    samplesSinceFlush += current.train.count
    if (!Number.isFinite(stats.loss) || !allFinite(current.params)) {
      // The weights are lost: only Reset (or loading another run) can continue.
      broken = true
      pause('diverged', {
        message: divergenceMessage(stats.epoch, current.config.training, stats.loss)
      })
      return false
    }
    pendingPoints.push(stats)
    if (current.lastMeters) pendingMeters.push({ epoch: stats.epoch, ...current.lastMeters })
    if (timeline.record(current.epoch, () => current.checkpoint())) timelineChanged = true
    recentLosses.push(stats.loss)
    bestLoss = Math.min(bestLoss, stats.loss)
    if (recentLosses.length > DIVERGENCE_WINDOW) recentLosses.shift()
    if (recentLosses.length === DIVERGENCE_WINDOW) {
      const mean = recentLosses.reduce((sum, loss) => sum + loss, 0) / DIVERGENCE_WINDOW
      const farAboveGuessing =
        mean > DIVERGENCE_FACTOR * Math.log(Math.max(2, current.train.classes))
      // A loss that was never lower is stuck (say, unscaled data saturating the outputs), not
      // diverging: the learning rate is not what to blame.
      const gotWorse = mean > DIVERGENCE_WORSENING * bestLoss
      if (farAboveGuessing && gotWorse) {
        divergedUntilChange = true
        forgetLosses()
        pause('diverged', {
          message: explodingLossMessage(stats.epoch, current.config.training, mean)
        })
        return false
      }
    }
    const watch = stopperFor(current)
    if (watch?.observe(stats.epoch, stats.testLoss, () => current.checkpoint())) {
      stopEarly(current, watch, stats.epoch)
      return false
    }
    return true
  }

  /** The early-stopping watch the run's settings ask for (none without test points). */
  function stopperFor(current: TrainingRun): EarlyStopping | null {
    const patience = current.config.training.earlyStopPatience
    if (patience === undefined || current.test.count === 0) return null
    if (!stopper || stopper.patience !== patience) stopper = new EarlyStopping(patience)
    return stopper
  }

  /** Pauses and shows the best epoch's weights, kept in the timeline so that "Continue from
   *  here" trains on from exactly there. */
  function stopEarly(current: TrainingRun, watch: EarlyStopping, epoch: number): void {
    const best = watch.best
    stopper = null
    if (best) {
      timeline.insert(best)
      timelineChanged = true
      viewer ??= current.restoreCheckpoint(best)
      wear(viewer, best.params)
      viewer.epoch = best.epoch
      shownEpoch = best.epoch === current.epoch ? null : best.epoch
    }
    const bestEpoch = best?.epoch ?? 0
    pause('early-stop', {
      bestEpoch,
      message:
        `Stopped early at epoch ${epoch}: the test loss has not improved for ${watch.patience} ` +
        `epochs since its lowest, at epoch ${bestEpoch}. The lab shows epoch ${bestEpoch}'s ` +
        `weights; press Continue from here to train on from them.`
    })
  }

  /** Start/step on a diverged run: say what to do instead of training on. */
  function refuseDiverged(): boolean {
    if (broken) {
      pause('diverged', { message: 'This run diverged; press Reset to start it again.' })
      return true
    }
    if (divergedUntilChange) {
      pause('diverged', {
        message: 'This run diverged; lower the learning rate, or press Reset to start it again.'
      })
      return true
    }
    return false
  }

  function atLimit(current: TrainingRun): boolean {
    return current.epoch >= current.config.training.epochLimit
  }

  function pauseAtLimit(current: TrainingRun): void {
    const final = current.evaluate(current.train)
    pause('limit', {
      finalAccuracy: final.accuracy,
      finalLoss: final.loss,
      message: `Reached the epoch limit (${current.config.training.epochLimit}).`
    })
  }

  function slice(): void {
    sliceScheduled = false
    paceTimer = null
    if (!running || !run || disposed) return
    const current = run
    const start = time.now()
    // The slice also ends when progress falls due, so events (and maps) keep their rhythm
    // instead of waiting for the end of a slice: ~30/s rather than one per 5 slices (~25/s).
    const due = progressDueAt()
    let budget = pacedEpochsOwed(current, start)
    let at = start
    if (budget > 0) {
      do {
        if (!trainOneEpoch(current)) return
        budget--
        at = time.now()
        if (atLimit(current)) {
          trainMsSinceFlush += at - start
          pauseAtLimit(current)
          return
        }
      } while (budget > 0 && at - start < SLICE_MS && at < due)
      trainMsSinceFlush += at - start
      // In slow motion every epoch is worth showing: its progress goes out as soon as allowed.
      if (epochsPerSecond !== null) requestFlush()
      else if (at >= due) flush()
    }
    scheduleSlice()
  }

  /** How many epochs the pace allows now (Infinity without one). A run that fell far behind
   *  (a busy machine) starts counting afresh instead of racing to catch up. */
  function pacedEpochsOwed(current: TrainingRun, now: number): number {
    if (epochsPerSecond === null) return Infinity
    const allowed = Math.floor(((now - paceFrom.at) * epochsPerSecond) / 1000) + 1
    const owed = allowed - (current.epoch - paceFrom.epoch)
    if (owed > Math.max(2, epochsPerSecond / 4)) {
      paceFrom = { at: now, epoch: current.epoch }
      return 1
    }
    return owed
  }

  /** Milliseconds until the pace allows the next epoch (0 without a pace, or when due). */
  function paceWait(): number {
    if (epochsPerSecond === null || !run) return 0
    const next = paceFrom.at + ((run.epoch - paceFrom.epoch) * 1000) / epochsPerSecond
    return Math.max(0, next - time.now())
  }

  function restartPace(): void {
    paceFrom = { at: time.now(), epoch: run?.epoch ?? 0 }
    if (paceTimer !== null) {
      time.clearTimeout(paceTimer)
      paceTimer = null
      sliceScheduled = false
    }
  }

  function scheduleSlice(): void {
    if (sliceScheduled || disposed) return
    sliceScheduled = true
    const wait = paceWait()
    if (wait > 0) paceTimer = time.setTimeout(slice, wait)
    else yieldThen(slice)
  }

  // ---- commands ----------------------------------------------------------------------------

  /** The run's summary; its points are copies when the port moves them (see postWithDatasets). */
  function summary(current: TrainingRun): RunSummary {
    const own = (data: Dataset): Dataset => (port.movesBuffers ? copyDataset(data) : data)
    return {
      config: current.config,
      train: own(current.train),
      test: own(current.test),
      bounds: current.bounds(),
      parameterCount: current.parameterCount(),
      epoch: current.epoch,
      history: current.history.slice(),
      params: copyParams(current.params)
    }
  }

  /** A saved timeline continues (a session, a fork); otherwise the run starts a new one. Either
   *  way it keeps the epoch the run starts from, so the scrubber can always come back to it. */
  function adoptTimeline(next: TrainingRun, saved: TimelineData | RunTimeline | undefined): void {
    timeline =
      saved instanceof RunTimeline ? saved : saved ? RunTimeline.from(saved) : new RunTimeline()
    timeline.truncateAfter(next.epoch)
    if (timeline.at(next.epoch)?.epoch !== next.epoch) {
      timeline.record(next.epoch, () => next.checkpoint(), true)
    }
    timelineChanged = true
    viewer = null
    shownEpoch = null
    stopper = null
  }

  function install(next: TrainingRun, requestId: number, saved?: TimelineData | RunTimeline): void {
    if (flushTimer !== null) time.clearTimeout(flushTimer)
    flushTimer = null
    adoptTimeline(next, saved)
    run = next
    running = false
    broken = !allFinite(next.params)
    divergedUntilChange = false
    forgetLosses()
    pendingPoints = []
    pendingMeters = []
    next.enableMeters(view.meters === true)
    pendingPause = null
    samplesPerSecond = 0
    const configured = summary(next)
    postWithDatasets({ type: 'configured', requestId, summary: configured }, [
      configured.train,
      configured.test
    ])
    lastMemoryAt = -Infinity
    gridOwed = true
    statsOwed = true
    requestFlush()
  }

  function build(nextConfig: RunConfig, data: Dataset | undefined): TrainingRun {
    const problem = validateNetworkSpec(nextConfig.network)
    if (problem) throw new Error(problem)
    if (nextConfig.dataset.kind === 'csv' && !data) {
      throw new Error('This run uses imported data, but no points came with it.')
    }
    return TrainingRun.create(nextConfig, data)
  }

  function needRun(): TrainingRun | null {
    if (!run) postError('There is no run yet: choose a dataset and a network first.')
    return run
  }

  function handle(command: TrainerCommand): void {
    switch (command.type) {
      case 'configure': {
        try {
          const next = build(command.config, command.data)
          install(next, command.requestId)
        } catch (error) {
          postError(errorMessage(error, 'Could not build this run.'), command.requestId)
        }
        return
      }
      case 'restore': {
        try {
          const next = TrainingRun.restore(command.snapshot)
          install(next, command.requestId, command.snapshot.timeline)
        } catch (error) {
          postError(errorMessage(error, 'Could not restore this run.'), command.requestId)
        }
        return
      }
      case 'update-training': {
        const current = needRun()
        if (!current) return
        try {
          current.setTraining(command.training)
          forgetLosses()
          divergedUntilChange = false
          if (running && atLimit(current)) pauseAtLimit(current)
        } catch (error) {
          postError(errorMessage(error, 'Could not change the training settings.'))
        }
        return
      }
      case 'start': {
        const current = needRun()
        if (!current || running) return
        if (refuseDiverged()) return
        if (atLimit(current)) {
          pause('limit', {
            message: `The run is at its epoch limit (${current.config.training.epochLimit}); raise the limit or press Reset.`
          })
          return
        }
        running = true
        pendingPause = null
        showLive()
        restartPace()
        scheduleSlice()
        return
      }
      case 'pause': {
        if (!run || !running) return
        pause('user')
        return
      }
      case 'step': {
        const current = needRun()
        if (!current) return
        if (refuseDiverged()) return
        showLive()
        const start = time.now()
        if (trainOneEpoch(current)) {
          trainMsSinceFlush += time.now() - start
          pause('step')
        }
        return
      }
      case 'set-view': {
        if (command.view.gridSize !== view.gridSize || command.view.neuron !== view.neuron) {
          gridCosts = []
        }
        view = command.view
        run?.enableMeters(view.meters === true)
        if (run && !running) {
          gridOwed = true
          requestFlush()
        }
        return
      }
      case 'set-pace': {
        epochsPerSecond = command.epochsPerSecond
        restartPace()
        if (running) scheduleSlice()
        return
      }
      case 'get-snapshot': {
        const current = run
        if (!current) {
          postError('There is no run to save yet.', command.requestId)
        } else if (broken) {
          postError(
            'This run diverged (its weights are not numbers); press Reset before saving.',
            command.requestId
          )
        } else {
          // run.snapshot() copies the points, so they can move.
          const snapshot = current.snapshot()
          // The timeline (up to its 64 MB budget) only when asked: the periodic recovery copy
          // leaves it out, so it never crosses the window's main thread every few seconds.
          const full =
            command.withTimeline === false ? snapshot : { ...snapshot, timeline: timeline.toData() }
          if (packsEpochs) {
            const packedHistory = packHistory(snapshot.history)
            postWithDatasets(
              {
                type: 'snapshot',
                requestId: command.requestId,
                snapshot: { ...full, history: [] },
                packedHistory
              },
              [snapshot.train, snapshot.test],
              movableBuffers(packedHistory)
            )
          } else {
            postWithDatasets({ type: 'snapshot', requestId: command.requestId, snapshot: full }, [
              snapshot.train,
              snapshot.test
            ])
          }
        }
        return
      }
      case 'trace': {
        const current = run
        if (!current) postError('There is no run to step through yet.', command.requestId)
        else if (running) {
          postError(
            'Pause the run first: the step-through shows the next epoch of a paused run.',
            command.requestId
          )
        } else if (broken) {
          postError(
            'This run diverged (its weights are not numbers); press Reset to step through a run.',
            command.requestId
          )
        } else {
          const trace = traceNextEpoch(current, { rowLimit: MAX_TRACE_ROWS })
          post({ type: 'trace', requestId: command.requestId, trace })
        }
        return
      }
      case 'predict': {
        const current = run
        if (!current) {
          postError('There is no model to predict with yet.', command.requestId)
          return
        }
        const probabilities = predict(
          current.config.network,
          current.params,
          command.x,
          command.count
        )
        post({
          type: 'predictions',
          requestId: command.requestId,
          probabilities,
          classes: current.train.classes
        })
        return
      }
      case 'analyze': {
        const current = run
        if (!current || broken) {
          postError('There are no weights to analyse yet.', command.requestId)
          return
        }
        try {
          const result = analyzeRun(current, command.analysis)
          post({ type: 'analysis', requestId: command.requestId, result })
        } catch (error) {
          postError(errorMessage(error, 'The analysis failed.'), command.requestId)
        }
        return
      }
      case 'view-epoch': {
        const current = run
        if (!current) {
          postError('There is no run to look back on yet.', command.requestId)
          return
        }
        if (running) pause('user')
        const view = viewEpoch(current, command.epoch)
        if (!view) {
          postError(`No weights were kept at or before epoch ${command.epoch}.`, command.requestId)
          return
        }
        post({ type: 'epoch-view', requestId: command.requestId, view })
        return
      }
      case 'set-parameter': {
        // The learner's value for one weight or bias, in the live run at once (running or
        // paused); the maps, weights and stats follow with the next progress event.
        const current = needRun()
        if (!current) return
        if (broken) {
          postError('This run diverged (its weights are not numbers); press Reset first.')
          return
        }
        const problem = setParameter(current.config.network, current.params, command)
        if (problem) {
          postError(problem)
          return
        }
        showLive()
        gridOwed = true
        statsOwed = true
        if (!running) requestFlush()
        return
      }
      case 'sweep':
      case 'sweep-cancel':
        sweeps.handle(command)
        return
      case 'fork': {
        const current = run
        if (!current) {
          postError('There is no run to continue from yet.', command.requestId)
          return
        }
        const checkpoint = timeline.at(command.epoch)
        if (!checkpoint) {
          postError(`No weights were kept at or before epoch ${command.epoch}.`, command.requestId)
          return
        }
        try {
          const next = current.restoreCheckpoint(checkpoint)
          // Continue with the settings as they are now (the learner may have just changed the
          // learning rate to try again from here); unchanged settings continue bit for bit.
          if (JSON.stringify(next.config.training) !== JSON.stringify(current.config.training)) {
            next.setTraining(current.config.training)
          }
          install(next, command.requestId, timeline)
        } catch (error) {
          postError(errorMessage(error, 'Could not continue from there.'), command.requestId)
        }
        return
      }
    }
  }

  /** Back to drawing the run as it is (training goes on from its own epoch). */
  function showLive(): void {
    if (shownEpoch === null) return
    shownEpoch = null
    gridOwed = true
  }

  /** What the lab draws at `epoch`: the run itself at its own epoch (or later), otherwise the
   *  latest kept checkpoint at or before it, worn by the viewer copy. */
  function viewEpoch(current: TrainingRun, epoch: number): EpochView | null {
    let shown = current
    if (epoch < current.epoch) {
      const checkpoint = timeline.at(epoch)
      if (!checkpoint) return null
      if (checkpoint.epoch !== current.epoch) {
        viewer ??= current.restoreCheckpoint(checkpoint)
        wear(viewer, checkpoint.params)
        viewer.epoch = checkpoint.epoch
        shown = viewer
      }
    }
    shownEpoch = shown === current ? null : shown.epoch
    const maps = grids(shown)
    const view: EpochView = {
      epoch: shown.epoch,
      live: shown === current,
      grid: maps.grid as BoundaryGrid,
      params: copyParams(shown.params),
      layers: shown.inspect(),
      current: currentStats(shown)
    }
    if (maps.neuronGrid) view.neuronGrid = maps.neuronGrid
    return view
  }

  port.onMessage((raw) => {
    if (disposed) return
    const parsed = parseTrainerCommand(raw)
    if (!parsed.ok) {
      postError(parsed.message, rawRequestId(raw))
      return
    }
    try {
      handle(parsed.value)
    } catch (error) {
      // Last line of defence: a bug must cost one command, never the trainer.
      running = false
      postError(errorMessage(error, 'The trainer hit an unexpected problem.'), rawRequestId(raw))
    }
  })

  post({ type: 'ready' })

  return {
    dispose() {
      disposed = true
      sweeps.dispose()
      running = false
      if (flushTimer !== null) time.clearTimeout(flushTimer)
      if (paceTimer !== null) time.clearTimeout(paceTimer)
      flushTimer = null
    }
  }
}
