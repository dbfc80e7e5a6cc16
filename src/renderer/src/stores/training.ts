// The run: hyper-parameters, the conversation with the trainer (configure, start, pause, step,
// reset, restore) and everything it reports back (epochs, curves, boundary grids, the log).
import { defineStore } from 'pinia'
import { computed, reactive, ref, shallowRef, triggerRef, watch } from 'vue'
import {
  finalAccuracyLines,
  formatFinalRegression,
  formatRunEpochLine,
  gridPoints,
  isRegression,
  mergeDatasets,
  ownTestFraction,
  SEED_NOTEBOOK
} from '@shared/engine'
import { logIntervalFor } from '@shared/export/logInterval'
import type {
  BoundaryGrid,
  Dataset,
  EpochStats,
  LayerInspection,
  NetworkParams,
  RunConfig,
  RunSnapshot,
  TrainConfig
} from '@shared/engine/types'
import type { LabApi, TrainerStatus } from '@shared/protocol/labApi'
import type {
  AnalysisRequest,
  AnalysisResult,
  CurrentStats,
  EpochMeterRecord,
  EpochView,
  ProgressEvent,
  RunSummary,
  TimelineSummary,
  SetParameterCommand,
  TrainerEvent,
  ViewOptions
} from '@shared/protocol/trainerMessages'
import {
  TRAINER_MESSAGES,
  TrainerRequestError,
  type RequestOptions,
  type TrainerClient,
  type TrainerNotice,
  type TrainerReplies,
  type TrainerRequestBody
} from '../composables/trainerClient'
import { askConfirm } from '../components/ui/choice'
import { useDatasetStore, type ImportOptions } from './dataset'
import { useNetworkStore, withOutputHead } from './network'
import { usePreferencesStore } from './preferences'
import { epochsPerSecond } from './trainingSpeed'
import { findPreset, presetMatching, SEED_PRESET_ID } from './presets'
import { appendMeters } from './meterHistory'
import { mergeProgress } from './progressBuffer'
import { LATE_DRAW_MS } from '../charts/redrawThrottle'

/** Boundary-map resolution asked of the trainer (pixels per side). */
export const GRID_SIZE = 200
/** Quiet time before a settings change rebuilds the run, so a burst of edits (clicking + five
 *  times, typing into several fields) builds one network instead of one per edit. */
export const CONFIGURE_DEBOUNCE_MS = 200
/** Longest log kept in memory: old lines scroll away, the first lines (the network) stay. */
const MAX_LOG_LINES = 2000
/** While training, keep a snapshot at most this old, so a trainer crash loses only seconds.
 *  A little longer than the session's autosave beat (4 s), whose snapshots count too: while
 *  autosave runs, it alone asks, and each copy (history included) crosses the port once. */
export const RECOVERY_SNAPSHOT_INTERVAL_MS = 5000
/** Runs with more points than this copy tens of megabytes per snapshot: keep them less often. */
const LARGE_RUN_POINTS = 200_000
const LARGE_RUN_SNAPSHOT_INTERVAL_MS = 30_000
/** A running run's epochs, speed, weights and meters reach the views at most this often (the
 *  maps keep the trainer's pace, MAX_PROGRESS_PER_SECOND): numbers, curves and the diagram need no
 *  more, and each commit re-renders every view that shows them (issue 14). */
export const PROGRESS_COMMIT_MS = 200
/** How long the "trainer restarted" notice stays before it hides itself. */
export const RESTART_NOTICE_MS = 8000

export type TrainerPhase = 'waiting' | 'configuring' | 'ready'

export type NeuronGrid = BoundaryGrid & { layer: number; index: number }

/** A run request answered after a newer one went out: its run is not the one on screen. */
export class RunReplacedError extends Error {
  constructor() {
    super('Another change replaced this one.')
    this.name = 'RunReplacedError'
  }
}

// The log interval lives with the notebook export, which must print the same lines.
export { logIntervalFor }

/** Turns `predict` output into a map: P(class 1) for binary models, k columns otherwise. */
export function gridFromPredictions(
  probabilities: Float64Array,
  classes: number,
  bounds: BoundaryGrid['bounds'],
  size: number
): BoundaryGrid {
  const pixels = size * size
  const columns = Math.max(1, Math.round(probabilities.length / pixels))
  const binary = classes <= 2
  const values = new Float32Array(binary ? pixels : pixels * columns)
  if (binary) {
    for (let i = 0; i < pixels; i++) {
      values[i] = columns === 1 ? probabilities[i] : probabilities[i * columns + columns - 1]
    }
  } else {
    values.set(probabilities.subarray(0, pixels * columns))
  }
  return { width: size, height: size, classes: binary ? 2 : columns, bounds: { ...bounds }, values }
}

export const useTrainingStore = defineStore('training', () => {
  const dataset = useDatasetStore()
  const network = useNetworkStore()
  const preferences = usePreferencesStore()

  // ---- hyper-parameters: one TrainConfig, edited in place by the panels ----
  const config = reactive<TrainConfig>(structuredClone(SEED_NOTEBOOK.training))
  /** A plain copy of `config` to send (a reactive proxy must not cross the port). */
  const trainConfig = computed<TrainConfig>(() => {
    const plain: TrainConfig = { ...config, optimizer: { ...config.optimizer } }
    if (config.lrSchedule) plain.lrSchedule = { ...config.lrSchedule }
    // One dropout rate per hidden layer of the network as it is now (layers come and go).
    if (config.dropout) plain.dropout = network.hidden.map((_, i) => config.dropout?.[i] ?? 0)
    return plain
  })

  const runConfig = computed<RunConfig>(() => ({
    dataset: dataset.spec,
    network: network.spec,
    training: trainConfig.value
  }))

  const logInterval = computed(() => logIntervalFor(config.epochLimit))

  /** The preset whose settings these are (however they were reached: the picker, a demo, an
   *  opened session); null for the learner's own settings. */
  const presetId = ref<string | null>(SEED_PRESET_ID)
  watch(
    runConfig,
    (config) => {
      presetId.value = presetMatching(config)?.id ?? null
    },
    { flush: 'sync' }
  )

  // ---- what the trainer reports ----
  const phase = ref<TrainerPhase>('waiting')
  const running = ref(false)
  const epoch = ref(0)
  const samplesPerSecond = ref(0)
  const parameterCount = ref<number | null>(null)
  /** Every epoch's record. Shallow: 100,000 entries must not become 100,000 proxies. */
  const history = shallowRef<EpochStats[]>([])
  /** Bumped whenever history changes (it grows in place; watch this rather than the array). */
  const historyVersion = ref(0)
  const grid = shallowRef<BoundaryGrid | null>(null)
  const gridEpoch = ref(-1)
  const neuronGrid = shallowRef<NeuronGrid | null>(null)
  const params = shallowRef<NetworkParams | null>(null)
  const layers = shallowRef<LayerInspection[] | null>(null)
  const logLines = shallowRef<string[]>([])
  const finalAccuracy = ref<number | null>(null)
  /** A sentence about the run for the learner (diverged, trainer error), or null. */
  const notice = ref<string | null>(null)
  /** True while `notice` says why a diverged run stopped (the learning rate field points at it). */
  const noticeIsDivergence = ref(false)
  watch(notice, () => (noticeIsDivergence.value = false), { flush: 'sync' })
  /** After a trainer crash: what was restored, e.g. 'The trainer restarted; your run was
   *  restored at epoch 1,200.' Hides itself after RESTART_NOTICE_MS, or when dismissed. */
  const restartNotice = ref<string | null>(null)
  const trainerStatus = ref<TrainerStatus>({ state: 'starting' })
  const viewNeuron = shallowRef<ViewOptions['neuron']>(null)
  /** Training loss and accuracy of the weights as they are (after the last update, what the map
   *  draws), as the trainer last reported them; null until it has, after a rebuild. */
  const currentStats = shallowRef<CurrentStats | null>(null)
  /** The training meters are asked for (a view showing them is open). */
  const metersWanted = ref(false)
  /** The epochs' meters received since the run was built (bounded: meterHistory.ts). */
  const meterHistory = shallowRef<EpochMeterRecord[]>([])
  const meterVersion = ref(0)
  /** The run's kept epochs (issue 15), as the trainer last reported them. */
  const timeline = shallowRef<TimelineSummary | null>(null)
  /** The past epoch the lab shows (the timeline scrubber's), or null for the run as it is. */
  const shownEpoch = ref<number | null>(null)
  /** Where early stopping last stopped the run (best epoch, and the epoch it stopped at). */
  const earlyStop = shallowRef<{ bestEpoch: number; stoppedAt: number } | null>(null)

  const latest = computed<EpochStats | null>(() => {
    const all = history.value
    return all.length > 0 ? all[all.length - 1] : null
  })
  const trained = computed(() => epoch.value > 0)
  const limitReached = computed(() => epoch.value >= config.epochLimit)
  const canTrain = computed(() => phase.value === 'ready' && !limitReached.value)
  /** Shown in a banner while the trainer is down. */
  const trainerProblem = computed(() => {
    const status = trainerStatus.value
    if (status.state === 'crashed' || status.state === 'restarting') {
      return status.message ?? 'Training stopped unexpectedly; your session is safe.'
    }
    return null
  })

  // ---- the conversation ----
  let client: TrainerClient | null = null
  /** The configure/restore whose answer the views wait for: an older one's answer is stale. */
  let runRequest: Promise<unknown> | null = null
  /** The newest map asked for (predict): an older one's answer is stale. */
  let gridRequest: Promise<unknown> | null = null
  /** The recovery snapshot being asked for, or null: one at a time. */
  let recoveryRequest: Promise<unknown> | null = null
  /** The newest epoch view asked for: an older one's answer is stale. */
  let epochViewRequest: Promise<unknown> | null = null
  /** The newest full snapshot seen: lets a restarted trainer pick up where the old one stopped. */
  let lastSnapshot: RunSnapshot | null = null
  /** When lastSnapshot was asked for (Date.now()). */
  let lastSnapshotAt = -Infinity
  /** Set when the trainer went down: the next run summary is the recovered run. */
  let recovering = false
  let restartNoticeTimer: ReturnType<typeof setTimeout> | null = null
  const unsubscribers: Array<() => void> = []

  function send(command: TrainerNotice): boolean {
    return client?.send(command) ?? false
  }

  function request<C extends TrainerRequestBody>(
    command: C,
    options?: RequestOptions
  ): Promise<TrainerReplies[C['type']]> {
    if (!client) return Promise.reject(new TrainerRequestError('offline', TRAINER_MESSAGES.offline))
    return client.request(command, options)
  }

  /** Shows why a run request failed, unless the learner already sees the cause elsewhere: no
   *  trainer or a restart (the trainer banner), or a newer request that replaced it. */
  function explain(error: unknown): void {
    if (error instanceof RunReplacedError) return
    if (error instanceof TrainerRequestError && ['offline', 'restart'].includes(error.reason))
      return
    notice.value = error instanceof Error ? error.message : String(error)
  }

  function appendLog(lines: string[]): void {
    if (lines.length === 0) return
    let next = logLines.value.concat(lines)
    if (next.length > MAX_LOG_LINES) {
      // Keep the network header, drop the oldest epoch lines.
      next = [...next.slice(0, 2), ...next.slice(next.length - (MAX_LOG_LINES - 2))]
    }
    logLines.value = next
  }

  function epochLines(points: readonly EpochStats[]): string[] {
    const every = logInterval.value
    // A regression run prints the CLI's line: loss, MSE and R² (accuracy holds R²).
    const regression = isRegression(network.spec)
    const lines: string[] = []
    for (const point of points) {
      if (point.epoch % every === 0)
        lines.push(formatRunEpochLine(regression, point.epoch, point.loss, point.accuracy))
    }
    return lines
  }

  function sendView(): void {
    send({
      type: 'set-view',
      view: {
        gridSize: GRID_SIZE,
        neuron: viewNeuron.value,
        live: preferences.liveView,
        meters: metersWanted.value
      }
    })
  }

  /** The learner's speed (slow motion or as fast as possible): the trainer keeps the pace. */
  function sendPace(): void {
    send({ type: 'set-pace', epochsPerSecond: epochsPerSecond(preferences.speed) })
  }
  watch(
    () => preferences.speed,
    () => sendPace()
  )

  /** Asks the trainer to predict over the plane, so a map shows even before (or between) training. */
  function requestGrid(): void {
    const bounds = dataset.bounds
    // Live views get a grid with every pause and configure; otherwise ask for one.
    if (!bounds || phase.value !== 'ready' || preferences.liveView) return
    const asked = request({
      type: 'predict',
      x: gridPoints(bounds, GRID_SIZE, GRID_SIZE),
      count: GRID_SIZE * GRID_SIZE
    })
    gridRequest = asked
    asked.then(
      (reply) => {
        if (gridRequest !== asked || !dataset.bounds) return
        grid.value = gridFromPredictions(
          reply.probabilities,
          reply.classes,
          dataset.bounds,
          GRID_SIZE
        )
        gridEpoch.value = epoch.value
      },
      (error: unknown) => {
        if (gridRequest === asked) explain(error)
      }
    )
  }

  let configureTimer: ReturnType<typeof setTimeout> | null = null

  function cancelScheduledConfigure(): void {
    if (configureTimer !== null) clearTimeout(configureTimer)
    configureTimer = null
  }

  /** Rebuilds the run after a short quiet time; training controls are disabled meanwhile. */
  function scheduleConfigure(): void {
    cancelScheduledConfigure()
    running.value = false
    if (phase.value === 'ready') phase.value = 'configuring'
    configureTimer = setTimeout(() => {
      configureTimer = null
      void configure()
    }, CONFIGURE_DEBOUNCE_MS)
  }

  /** Sends a configure or restore and draws the run the trainer answers with. `accept` runs
   *  first, on the trainer's `configured` only, so views that follow the stores never show a run
   *  the trainer refused. Resolves once drawn; rejects with the trainer's sentence (the old run
   *  stays), or a RunReplacedError when a newer request went out before the answer came. */
  function requestRun(
    command: TrainerRequestBody<'configure' | 'restore' | 'fork'>,
    accept: () => void = () => {}
  ): Promise<true> {
    cancelScheduledConfigure()
    running.value = false
    phase.value = 'configuring'
    // No timeout: building a large run takes as long as it takes, and a trainer restart (the
    // host supervises the process) rejects the request anyway.
    const reply: Promise<TrainerReplies['configure']> = request(command, { timeoutMs: null })
    runRequest = reply
    return reply.then(
      (event) => {
        if (runRequest !== reply) throw new RunReplacedError()
        runRequest = null
        accept()
        notice.value = null
        applySummary(event.summary)
        return true
      },
      (error: unknown) => {
        if (runRequest === reply) {
          runRequest = null
          // Refused: the trainer still has the run it had. Otherwise the next trainer's 'ready'
          // configures again.
          const refused = error instanceof TrainerRequestError && error.reason === 'refused'
          phase.value = refused ? 'ready' : 'waiting'
        }
        throw error
      }
    )
  }

  /** Builds a fresh run from the current settings, now. Resolves false when it was not built
   *  (the reason is in `notice`). */
  function configure(): Promise<boolean> {
    cancelScheduledConfigure()
    const problem = network.problem
    if (problem) {
      notice.value = problem
      return Promise.resolve(false)
    }
    if (dataset.kind === 'csv' && !dataset.importedData) {
      notice.value = 'Import a CSV file first, or pick one of the generated datasets.'
      return Promise.resolve(false)
    }
    notice.value = null
    // The settings already show the new run: a crash from here on must not bring the old one back.
    lastSnapshot = null
    lastSnapshotAt = -Infinity
    return requestRun({
      type: 'configure',
      config: runConfig.value,
      data: dataset.importedData
    }).then(
      () => true,
      (error: unknown) => {
        explain(error)
        return false
      }
    )
  }

  function applyConfig(config: RunConfig): void {
    dataset.applySpec(config.dataset)
    network.applySpec(config.network)
    applyTrainConfig(config.training)
  }

  function applyTrainConfig(training: TrainConfig): void {
    // An optional setting the new one lacks is off, not left as it was.
    if (training.earlyStopPatience === undefined) delete config.earlyStopPatience
    Object.assign(config, { ...training, optimizer: { ...training.optimizer } })
    // Optional settings the new ones lack are off, not left over from before.
    if (!training.lrSchedule) delete config.lrSchedule
    if (!training.dropout) delete config.dropout
  }

  /** Replaces the run with a saved one, exactly (settings, data, weights, history). The settings
   *  views change once the trainer has accepted it; a refusal rejects with its sentence and
   *  leaves everything as it was (the caller shows it). */
  function restore(snapshot: RunSnapshot): Promise<true> {
    return requestRun({ type: 'restore', snapshot }, () => {
      if (snapshot.config.dataset.kind === 'csv') {
        dataset.setImported('Restored data', mergeDatasets(snapshot.train, snapshot.test))
      }
      applyConfig(snapshot.config)
      lastSnapshot = snapshot
    })
  }

  /** A fresh run from `config` (and imported points), shown once the trainer has built it; a
   *  refusal rejects with its sentence and leaves the settings as they were. */
  function replaceRun(
    config: RunConfig,
    imported?: { name: string; data: Dataset }
  ): Promise<true> {
    return requestRun({ type: 'configure', config, data: imported?.data }, () => {
      if (imported) dataset.setImported(imported.name, imported.data)
      applyConfig(config)
      lastSnapshot = null
      lastSnapshotAt = -Infinity
    })
  }

  /** Trains the current network and settings on imported points. Asks first when trained weights
   *  would be lost (false: the learner declined); the Data panel shows the file only once the
   *  trainer has built the run, and a refusal rejects with its sentence. */
  async function importData(
    name: string,
    data: Dataset,
    options: ImportOptions = {}
  ): Promise<boolean> {
    if (!(await confirmDiscard('Importing a dataset'))) return false
    // A file exported with its split column brings its own train/test split back.
    const testFraction = data.split ? ownTestFraction(data) : dataset.spec.testFraction
    const { standardize: _previous, ...spec } = dataset.spec
    const config: RunConfig = {
      ...runConfig.value,
      // The file's classes (or regression target) decide the output head, as for generated data.
      network: withOutputHead(runConfig.value.network, data),
      dataset: {
        ...spec,
        kind: 'csv',
        samples: data.count,
        classes: data.classes,
        testFraction,
        ...(options.standardize ? { standardize: true } : {})
      }
    }
    await replaceRun(config, { name, data })
    return true
  }

  /** While training, asks for a fresh snapshot when the newest one is a few seconds old. */
  function keepRecoverySnapshot(): void {
    if (recoveryRequest) return
    const points = (dataset.train?.count ?? 0) + (dataset.test?.count ?? 0)
    const interval =
      points > LARGE_RUN_POINTS ? LARGE_RUN_SNAPSHOT_INTERVAL_MS : RECOVERY_SNAPSHOT_INTERVAL_MS
    if (Date.now() - lastSnapshotAt < interval) return
    askRecoverySnapshot()
  }

  function askRecoverySnapshot(): void {
    lastSnapshotAt = Date.now()
    // The copy is kept where every snapshot is (the event stream: autosave's count too). A
    // refusal (a diverged run has no numbers worth keeping) is no news for the learner: the
    // pause already said why; the next one is asked as usual.
    // Without the timeline: it can reach 64 MB, too much to copy through the window every few
    // seconds; Save keeps it (a crash recovery starts the timeline afresh).
    const asked = request({ type: 'get-snapshot', withTimeline: false })
    recoveryRequest = asked
    const done = (): void => {
      if (recoveryRequest === asked) recoveryRequest = null
    }
    asked.then(done, done)
  }

  function showRestartNotice(text: string): void {
    dismissRestartNotice()
    restartNotice.value = text
    restartNoticeTimer = setTimeout(dismissRestartNotice, RESTART_NOTICE_MS)
  }

  function dismissRestartNotice(): void {
    if (restartNoticeTimer !== null) clearTimeout(restartNoticeTimer)
    restartNoticeTimer = null
    restartNotice.value = null
  }

  function applySummary(summary: RunSummary): void {
    if (recovering) {
      recovering = false
      showRestartNotice(
        `The trainer restarted; your run was restored at epoch ${summary.epoch.toLocaleString('en-US')}.`
      )
    }
    dataset.setRunData(summary)
    dropProgress()
    parameterCount.value = summary.parameterCount
    epoch.value = summary.epoch
    history.value = summary.history.slice()
    historyVersion.value++
    params.value = summary.params
    layers.value = null
    neuronGrid.value = null
    grid.value = null
    gridEpoch.value = -1
    finalAccuracy.value = null
    currentStats.value = null
    meterHistory.value = []
    meterVersion.value++
    shownEpoch.value = null
    earlyStop.value = null
    epochViewRequest = null
    samplesPerSecond.value = 0
    logLines.value = [...network.summaryLines, ...epochLines(summary.history)]
    // A rebuild still waiting out its quiet time will replace this run: not ready to train yet.
    phase.value = configureTimer === null ? 'ready' : 'configuring'
    running.value = false
    sendView()
    requestGrid()
  }

  /** The boundary and neuron maps are drawn at the trainer's pace. */
  function showMaps(event: ProgressEvent): void {
    if (event.grid) {
      grid.value = event.grid
      gridEpoch.value = event.shownEpoch ?? event.epoch
      shownEpoch.value = event.shownEpoch ?? null
    }
    if (event.neuronGrid) neuronGrid.value = event.neuronGrid
  }

  /** Progress not yet shown (its maps were). */
  let pendingProgress: ProgressEvent | null = null
  let lastCommitAt = -Infinity
  let lateCommit: ReturnType<typeof setTimeout> | null = null

  /** Progress inside PROGRESS_COMMIT_MS of the last commit waits for the next progress after
   *  the interval, so its re-render lands in the frame that event's map makes anyway (as the
   *  redraws do: charts/redrawThrottle.ts); a timer commits it when no event follows. */
  function queueProgress(event: ProgressEvent): void {
    pendingProgress = pendingProgress ? mergeProgress(pendingProgress, event) : event
    const wait = lastCommitAt + PROGRESS_COMMIT_MS - performance.now()
    if (wait <= 0) commitProgress()
    else if (lateCommit === null) lateCommit = setTimeout(commitProgress, wait + LATE_DRAW_MS)
  }

  function commitProgress(): void {
    if (lateCommit !== null) clearTimeout(lateCommit)
    lateCommit = null
    lastCommitAt = performance.now()
    flushProgress()
  }

  /** Shows the pending progress, if any. */
  function flushProgress(): void {
    const event = pendingProgress
    pendingProgress = null
    // A run being rebuilt or restored shows none of the old one's epochs (as at the event).
    if (!event || phase.value !== 'ready') return
    epoch.value = event.epoch
    running.value = event.running
    samplesPerSecond.value = event.samplesPerSecond
    if (event.points.length > 0) {
      for (const point of event.points) history.value.push(point)
      triggerRef(history)
      historyVersion.value++
      appendLog(epochLines(event.points))
    }
    if (event.timeline) timeline.value = event.timeline
    if (event.current) currentStats.value = event.current
    if (event.params) params.value = event.params
    if (event.layers) layers.value = event.layers
    if (event.meters) {
      appendMeters(meterHistory.value, event.meters)
      triggerRef(meterHistory)
      meterVersion.value++
    }
  }

  /** Progress of a run that is being replaced (or of a trainer that went down) is not shown. */
  function dropProgress(): void {
    pendingProgress = null
  }

  function handleEvent(event: TrainerEvent): void {
    switch (event.type) {
      case 'ready':
        // A port's first 'ready' is its greeting: the run went out when the port came.
        if (greetingOwed) greetingOwed = false
        else onTrainerReady()
        break
      case 'progress': {
        if (phase.value !== 'ready') break
        showMaps(event)
        const { grid: _grid, neuronGrid: _neuronGrid, shownEpoch: _shown, ...rest } = event
        queueProgress(rest)
        if (event.running) keepRecoverySnapshot()
        break
      }
      case 'paused':
        if (phase.value !== 'ready') break
        flushProgress()
        running.value = false
        epoch.value = event.epoch
        if (event.reason === 'early-stop' && event.bestEpoch !== undefined) {
          earlyStop.value = { bestEpoch: event.bestEpoch, stoppedAt: event.epoch }
        }
        if (event.reason === 'limit' && event.finalAccuracy !== undefined) {
          finalAccuracy.value = event.finalAccuracy
          appendLog(
            isRegression(network.spec) && event.finalLoss !== undefined
              ? ['', formatFinalRegression(event.finalLoss, event.finalAccuracy)]
              : finalAccuracyLines(event.finalAccuracy)
          )
        } else if (event.message) {
          // Reaching the limit speaks for itself in the log; other pauses (divergence) explain.
          notice.value = event.message
          noticeIsDivergence.value = event.reason === 'diverged'
        }
        if (gridEpoch.value !== event.epoch) requestGrid()
        // Keep a recent copy so a trainer crash loses at most the epochs since the last pause.
        if (event.reason !== 'step' && !recoveryRequest) askRecoverySnapshot()
        break
      case 'snapshot':
        // Whoever asked (this store, or the session's autosave): one stream of copies, not two.
        // While a rebuild is pending, a snapshot is of the run being replaced: not worth keeping.
        if (phase.value === 'ready' && event.snapshot.epoch >= (lastSnapshot?.epoch ?? 0)) {
          lastSnapshot = event.snapshot
          lastSnapshotAt = Date.now()
        }
        break
      case 'error':
        // An error answering a request settles that request: its sender says what it means.
        if (event.requestId === undefined) notice.value = event.message
        break
      default:
        // 'configured', 'predictions': answers to requests, handled where they were asked.
        break
    }
  }

  function onTrainerReady(): void {
    // A (re)started trainer knows nothing: give it the run we hold, as far as we have it.
    const snapshot = lastSnapshot
    if (snapshot && epoch.value > 0) {
      void requestRun({ type: 'restore', snapshot }).catch(explain)
      // The settings may have moved on since the snapshot (learning rate etc.): keep the current ones.
      send({ type: 'update-training', training: trainConfig.value })
    } else void configure()
  }

  /** Set when a new port came: its trainer greets it with 'ready', which asks nothing more. */
  let greetingOwed = false

  function onNewPort(): void {
    // Requests to the old trainer are rejected by the client; their handlers tidy up.
    cancelScheduledConfigure()
    dropProgress()
    phase.value = 'waiting'
    running.value = false
    // Give the trainer its run now: commands wait in the port until the trainer listens, so a
    // browser worker still loading builds the first run while the page mounts the app (the
    // host hands the port over at once), not after its 'ready' gets through (issue 14).
    greetingOwed = true
    onTrainerReady()
  }

  /** Connects the store to the trainer (and the host's trainer status). */
  function attach(next: TrainerClient, lab?: Pick<LabApi, 'onTrainerStatus'>): void {
    detach()
    client = next
    unsubscribers.push(next.onEvent(handleEvent), next.onPort(onNewPort))
    if (next.connected.value) phase.value = 'waiting'
    if (lab) {
      unsubscribers.push(
        lab.onTrainerStatus((status) => {
          trainerStatus.value = status
          if (status.state === 'crashed' || status.state === 'restarting') {
            dropProgress()
            running.value = false
            phase.value = 'waiting'
            // The old trainer's speed means nothing now.
            samplesPerSecond.value = 0
            recovering = true
            dismissRestartNotice()
          }
        })
      )
    }
  }

  function detach(): void {
    cancelScheduledConfigure()
    for (const unsubscribe of unsubscribers.splice(0)) unsubscribe()
    client = null
  }

  // ---- learner actions ----
  /** Set while points drawn on the map wait to replace the run's (components/draw): Train builds
   *  the run from them first, then starts it (resolves false: not built). */
  let pendingData: (() => Promise<boolean>) | null = null
  function setPendingData(build: (() => Promise<boolean>) | null): void {
    pendingData = build
  }

  function start(): void {
    if (pendingData && !running.value) {
      const build = pendingData
      pendingData = null
      void build().then((built) => built && start())
      return
    }
    if (!canTrain.value || running.value) return
    notice.value = null
    // Training goes on from the run's own epoch: the lab shows the run as it is again.
    shownEpoch.value = null
    if (send({ type: 'start' })) running.value = true
  }

  function pause(): void {
    if (send({ type: 'pause' })) running.value = false
  }

  function toggle(): void {
    if (running.value) pause()
    else start()
  }

  function step(): void {
    if (!canTrain.value) return
    if (running.value) pause()
    shownEpoch.value = null
    send({ type: 'step' })
  }

  /** The diagram's weight editor: one weight or bias of the live run, at once (set-parameter). */
  function setParameter(edit: Omit<SetParameterCommand, 'type'>): void {
    shownEpoch.value = null
    send({ type: 'set-parameter', ...edit })
  }

  /** Same seed → same initial weights; history and log start over. */
  function reset(): void {
    if (phase.value !== 'ready') return
    running.value = false
    notice.value = null
    // Reconfiguring rebuilds the run from the seed (same first weights) and answers with a summary
    // (fresh weights, points, bounds) to draw from.
    void configure()
  }

  /** Before a change that rebuilds the network: true at once when nothing is trained, else the
   *  learner's answer to whether the trained weights may go. */
  async function confirmDiscard(what: string): Promise<boolean> {
    if (!trained.value) return true
    if (running.value) pause()
    return askConfirm({
      title: 'Discard the trained weights?',
      message: `${what} starts again from new random weights, so the ${epoch.value.toLocaleString('en-US')} ${epoch.value === 1 ? 'epoch' : 'epochs'} trained so far will be lost.`,
      confirmLabel: 'Discard and rebuild',
      cancelLabel: 'Keep training'
    })
  }

  /** Changes that rebuild the network (data, architecture): ask first when weights would be lost. */
  async function changeRun(apply: () => void, what = 'This change'): Promise<boolean> {
    if (!(await confirmDiscard(what))) return false
    apply()
    scheduleConfigure()
    return true
  }

  /** Hyper-parameter changes keep the weights (the trainer only swaps its TrainConfig). */
  function setTraining(apply: () => void): void {
    apply()
    send({ type: 'update-training', training: trainConfig.value })
  }

  async function applyPreset(id: string): Promise<boolean> {
    const preset = findPreset(id)
    if (!preset) return false
    const changed = await changeRun(() => applyConfig(preset.config), 'Loading a preset')
    if (changed) void configure()
    return changed
  }

  function setViewNeuron(neuron: ViewOptions['neuron']): void {
    viewNeuron.value = neuron
    if (!neuron) neuronGrid.value = null
    sendView()
  }

  /** An analysis of the current weights (the analysis views); rejects with a TrainerRequestError
   *  whose message is the trainer's sentence. */
  async function analyze(analysis: AnalysisRequest): Promise<AnalysisResult> {
    const reply = await request({ type: 'analyze', analysis }, { timeoutMs: 60_000 })
    return reply.result
  }

  /** Asks the trainer for the training meters (on) or stops them (off: they cost nothing). */
  function setMetersWanted(on: boolean): void {
    if (metersWanted.value === on) return
    metersWanted.value = on
    sendView()
  }

  function setLiveView(live: boolean): void {
    preferences.liveView = live
    sendView()
  }

  /** Shows the run as it was at a kept epoch (the latest kept at or before `epoch`; the current
   *  epoch: the run as it is). Pauses training. Resolves with the epoch shown, or null when a
   *  newer view replaced this one or the trainer could not answer (the reason is in `notice`). */
  async function viewEpoch(epoch: number): Promise<number | null> {
    if (phase.value !== 'ready') return null
    const asked = request({ type: 'view-epoch', epoch })
    epochViewRequest = asked
    running.value = false
    try {
      const { view } = await asked
      if (epochViewRequest !== asked) return null
      epochViewRequest = null
      showEpochView(view)
      return view.epoch
    } catch (error) {
      if (epochViewRequest === asked) {
        epochViewRequest = null
        explain(error)
      }
      return null
    }
  }

  function showEpochView(view: EpochView): void {
    grid.value = view.grid
    gridEpoch.value = view.epoch
    params.value = view.params
    layers.value = view.layers
    currentStats.value = view.current
    if (view.neuronGrid) neuronGrid.value = view.neuronGrid
    shownEpoch.value = view.live ? null : view.epoch
  }

  /** Continues training from a kept epoch: the later history is replaced (one click, as asked:
   *  the run can be scrubbed back before it, and the timeline keeps what came before). */
  function forkAt(epoch: number): Promise<boolean> {
    return requestRun({ type: 'fork', epoch }, () => {
      // A recovery copy of the replaced history must not come back after a crash.
      lastSnapshot = null
      lastSnapshotAt = -Infinity
    }).then(
      () => {
        askRecoverySnapshot()
        return true
      },
      (error: unknown) => {
        explain(error)
        return false
      }
    )
  }

  function dismissNotice(): void {
    notice.value = null
  }

  return {
    // settings
    config,
    trainConfig,
    runConfig,
    logInterval,
    presetId,
    // state
    phase,
    running,
    epoch,
    samplesPerSecond,
    parameterCount,
    history,
    historyVersion,
    grid,
    gridEpoch,
    neuronGrid,
    params,
    layers,
    logLines,
    currentStats,
    metersWanted,
    meterHistory,
    meterVersion,
    timeline,
    shownEpoch,
    earlyStop,
    finalAccuracy,
    notice,
    noticeIsDivergence,
    restartNotice,
    trainerStatus,
    viewNeuron,
    latest,
    trained,
    limitReached,
    canTrain,
    trainerProblem,
    // actions
    attach,
    detach,
    configure,
    restore,
    replaceRun,
    importData,
    applyConfig,
    applyTrainConfig,
    start,
    pause,
    toggle,
    step,
    reset,
    setParameter,
    changeRun,
    confirmDiscard,
    setPendingData,
    setTraining,
    applyPreset,
    setViewNeuron,
    setLiveView,
    setMetersWanted,
    analyze,
    viewEpoch,
    forkAt,
    dismissNotice,
    dismissRestartNotice
  }
})
