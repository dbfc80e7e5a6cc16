// The run: hyper-parameters, the conversation with the trainer (configure, start, pause, step,
// reset, restore) and everything it reports back (epochs, curves, boundary grids, the log).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, triggerRef, watch } from 'vue'
import { formatEpochLine, formatFinalAccuracy, gridPoints, mergeDatasets } from '@shared/engine'
import { logIntervalFor } from '@shared/export'
import type {
  BoundaryGrid,
  EpochStats,
  LayerInspection,
  NetworkParams,
  OptimizerName,
  RunConfig,
  RunSnapshot,
  TrainConfig
} from '@shared/engine/types'
import type { LabApi, TrainerStatus } from '@shared/protocol/labApi'
import type { RunSummary, TrainerEvent, ViewOptions } from '@shared/protocol/trainerMessages'
import type { TrainerPortHandle } from '../composables/useTrainerPort'
import { askConfirm } from '../components/ui/confirm'
import { useDatasetStore } from './dataset'
import { useNetworkStore } from './network'
import { usePreferencesStore } from './preferences'
import { findPreset, presetMatching, SEED_PRESET_ID } from './presets'

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
/** How long the "trainer restarted" notice stays before it hides itself. */
export const RESTART_NOTICE_MS = 8000

export type TrainerPhase = 'waiting' | 'configuring' | 'ready'

export type NeuronGrid = BoundaryGrid & { layer: number; index: number }

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

  // ---- hyper-parameters (TrainConfig) ----
  const optimizer = ref<OptimizerName>('sgd')
  const learningRate = ref(0.1)
  const momentum = ref(0.9)
  const beta1 = ref(0.9)
  const beta2 = ref(0.999)
  const epsilon = ref(1e-8)
  const batchSize = ref<'full' | number>('full')
  const l1 = ref(0)
  const l2 = ref(0)
  const epochLimit = ref(2000)

  const trainConfig = computed<TrainConfig>(() => ({
    optimizer: {
      kind: optimizer.value,
      learningRate: learningRate.value,
      momentum: momentum.value,
      beta1: beta1.value,
      beta2: beta2.value,
      epsilon: epsilon.value
    },
    batchSize: batchSize.value,
    l1: l1.value,
    l2: l2.value,
    epochLimit: epochLimit.value
  }))

  const runConfig = computed<RunConfig>(() => ({
    dataset: dataset.spec,
    network: network.spec,
    training: trainConfig.value
  }))

  const logInterval = computed(() => logIntervalFor(epochLimit.value))

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
  /** After a trainer crash: what was restored, e.g. 'The trainer restarted; your run was
   *  restored at epoch 1,200.' Hides itself after RESTART_NOTICE_MS, or when dismissed. */
  const restartNotice = ref<string | null>(null)
  const trainerStatus = ref<TrainerStatus>({ state: 'starting' })
  const viewNeuron = shallowRef<ViewOptions['neuron']>(null)

  const latest = computed<EpochStats | null>(() => {
    const all = history.value
    return all.length > 0 ? all[all.length - 1] : null
  })
  const trained = computed(() => epoch.value > 0)
  const limitReached = computed(() => epoch.value >= epochLimit.value)
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
  let port: TrainerPortHandle | null = null
  let nextRequestId = 1
  let runRequestId = 0
  let gridRequestId = 0
  /** The newest full snapshot seen: lets a restarted trainer pick up where the old one stopped. */
  let lastSnapshot: RunSnapshot | null = null
  /** When lastSnapshot was asked for (Date.now()), and whether an answer is still due. */
  let lastSnapshotAt = -Infinity
  let snapshotInFlight = false
  /** Set when the trainer went down: the next run summary is the recovered run. */
  let recovering = false
  let restartNoticeTimer: ReturnType<typeof setTimeout> | null = null
  const snapshotWaiters = new Map<number, (snapshot: RunSnapshot) => void>()
  const unsubscribers: Array<() => void> = []

  /** Request ids this store sent (so it only reports errors answering its own requests). */
  const ownRequests = new Set<number>()

  function send(command: Parameters<TrainerPortHandle['send']>[0]): boolean {
    if ('requestId' in command) {
      ownRequests.add(command.requestId)
      // Old ids are answered or lost (a restart); keep the set small.
      if (ownRequests.size > 64) ownRequests.delete(ownRequests.values().next().value as number)
    }
    return port?.send(command) ?? false
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
    const lines: string[] = []
    for (const point of points) {
      if (point.epoch % every === 0)
        lines.push(formatEpochLine(point.epoch, point.loss, point.accuracy))
    }
    return lines
  }

  function sendView(): void {
    send({
      type: 'set-view',
      view: { gridSize: GRID_SIZE, neuron: viewNeuron.value, live: preferences.liveView }
    })
  }

  /** Asks the trainer to predict over the plane, so a map shows even before (or between) training. */
  function requestGrid(): void {
    const bounds = dataset.bounds
    // Live views get a grid with every pause and configure; otherwise ask for one.
    if (!bounds || phase.value !== 'ready' || preferences.liveView) return
    gridRequestId = nextRequestId++
    send({
      type: 'predict',
      requestId: gridRequestId,
      x: gridPoints(bounds, GRID_SIZE, GRID_SIZE),
      count: GRID_SIZE * GRID_SIZE
    })
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
      configure()
    }, CONFIGURE_DEBOUNCE_MS)
  }

  /** Builds a fresh run from the current settings, now. */
  function configure(): boolean {
    cancelScheduledConfigure()
    const problem = network.problem
    if (problem) {
      notice.value = problem
      return false
    }
    if (dataset.kind === 'csv' && !dataset.importedData) {
      notice.value = 'Import a CSV file first, or pick one of the generated datasets.'
      return false
    }
    notice.value = null
    running.value = false
    phase.value = 'configuring'
    lastSnapshot = null
    lastSnapshotAt = -Infinity
    runRequestId = nextRequestId++
    const sent = send({
      type: 'configure',
      requestId: runRequestId,
      config: runConfig.value,
      data: dataset.importedData
    })
    if (!sent) phase.value = 'waiting'
    return sent
  }

  function applyConfig(config: RunConfig): void {
    dataset.applySpec(config.dataset)
    network.applySpec(config.network)
    applyTrainConfig(config.training)
  }

  function applyTrainConfig(training: TrainConfig): void {
    optimizer.value = training.optimizer.kind
    learningRate.value = training.optimizer.learningRate
    momentum.value = training.optimizer.momentum
    beta1.value = training.optimizer.beta1
    beta2.value = training.optimizer.beta2
    epsilon.value = training.optimizer.epsilon
    batchSize.value = training.batchSize
    l1.value = training.l1
    l2.value = training.l2
    epochLimit.value = training.epochLimit
  }

  /** Replaces the run with a saved one, exactly (settings, data, weights, history). */
  function restore(snapshot: RunSnapshot): boolean {
    if (snapshot.config.dataset.kind === 'csv') {
      dataset.setImported('Restored data', mergeDatasets(snapshot.train, snapshot.test))
    }
    applyConfig(snapshot.config)
    return sendRestore(snapshot)
  }

  function sendRestore(snapshot: RunSnapshot): boolean {
    cancelScheduledConfigure()
    lastSnapshot = snapshot
    running.value = false
    phase.value = 'configuring'
    runRequestId = nextRequestId++
    const sent = send({ type: 'restore', requestId: runRequestId, snapshot })
    if (!sent) phase.value = 'waiting'
    return sent
  }

  /** A full copy of the run (for saving). Rejects when no trainer answers. */
  function requestSnapshot(): Promise<RunSnapshot> {
    const requestId = nextRequestId++
    return new Promise((resolve, reject) => {
      if (!send({ type: 'get-snapshot', requestId })) {
        reject(new Error('The trainer is not running.'))
        return
      }
      snapshotWaiters.set(requestId, resolve)
    })
  }

  /** While training, asks for a fresh snapshot when the newest one is a few seconds old. */
  function keepRecoverySnapshot(): void {
    if (snapshotInFlight) return
    const points = (dataset.train?.count ?? 0) + (dataset.test?.count ?? 0)
    const interval =
      points > LARGE_RUN_POINTS ? LARGE_RUN_SNAPSHOT_INTERVAL_MS : RECOVERY_SNAPSHOT_INTERVAL_MS
    if (Date.now() - lastSnapshotAt < interval) return
    askRecoverySnapshot()
  }

  function askRecoverySnapshot(): void {
    snapshotInFlight = true
    lastSnapshotAt = Date.now()
    requestSnapshot().then(
      () => (snapshotInFlight = false),
      () => (snapshotInFlight = false)
    )
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
    samplesPerSecond.value = 0
    logLines.value = [...network.summaryLines, ...epochLines(summary.history)]
    phase.value = 'ready'
    running.value = false
    sendView()
    requestGrid()
  }

  function handleEvent(event: TrainerEvent): void {
    switch (event.type) {
      case 'ready':
        onTrainerReady()
        break
      case 'configured':
        if (event.requestId === runRequestId) applySummary(event.summary)
        break
      case 'progress': {
        if (phase.value !== 'ready') break
        epoch.value = event.epoch
        running.value = event.running
        samplesPerSecond.value = event.samplesPerSecond
        if (event.points.length > 0) {
          for (const point of event.points) history.value.push(point)
          triggerRef(history)
          historyVersion.value++
          appendLog(epochLines(event.points))
        }
        if (event.grid) {
          grid.value = event.grid
          gridEpoch.value = event.epoch
        }
        if (event.neuronGrid) neuronGrid.value = event.neuronGrid
        if (event.params) params.value = event.params
        if (event.layers) layers.value = event.layers
        if (event.running) keepRecoverySnapshot()
        break
      }
      case 'paused':
        if (phase.value !== 'ready') break
        running.value = false
        epoch.value = event.epoch
        if (event.reason === 'limit' && event.finalAccuracy !== undefined) {
          finalAccuracy.value = event.finalAccuracy
          appendLog([formatFinalAccuracy(event.finalAccuracy)])
        } else if (event.message) {
          // Reaching the limit speaks for itself in the log; other pauses (divergence) explain.
          notice.value = event.message
        }
        if (gridEpoch.value !== event.epoch) requestGrid()
        // Keep a recent copy so a trainer crash loses at most the epochs since the last pause.
        if (event.reason !== 'step' && !snapshotInFlight) askRecoverySnapshot()
        break
      case 'snapshot': {
        // While a rebuild is pending, a snapshot is of the run being replaced: not worth keeping.
        // Any snapshot counts, the session's autosave ones too: one stream of copies, not two.
        if (phase.value === 'ready' && event.snapshot.epoch >= (lastSnapshot?.epoch ?? 0)) {
          lastSnapshot = event.snapshot
          lastSnapshotAt = Date.now()
        }
        if (ownRequests.has(event.requestId)) snapshotInFlight = false
        const waiter = snapshotWaiters.get(event.requestId)
        snapshotWaiters.delete(event.requestId)
        waiter?.(event.snapshot)
        break
      }
      case 'predictions':
        if (event.requestId === gridRequestId && dataset.bounds) {
          grid.value = gridFromPredictions(
            event.probabilities,
            event.classes,
            dataset.bounds,
            GRID_SIZE
          )
          gridEpoch.value = epoch.value
        }
        break
      case 'error':
        // Errors answering other stores' requests (e.g. the session's snapshots) are theirs to show.
        if (event.requestId !== undefined && !ownRequests.has(event.requestId)) break
        notice.value = event.message
        if (event.requestId !== undefined) ownRequests.delete(event.requestId)
        if (event.requestId !== undefined && event.requestId === runRequestId) phase.value = 'ready'
        break
    }
  }

  function onTrainerReady(): void {
    // A (re)started trainer knows nothing: give it the run we hold, as far as we have it.
    const snapshot = lastSnapshot
    if (snapshot && epoch.value > 0) {
      // The settings may have moved on since the snapshot (learning rate etc.): keep the current ones.
      if (sendRestore(snapshot)) send({ type: 'update-training', training: trainConfig.value })
    } else configure()
  }

  function onNewPort(): void {
    cancelScheduledConfigure()
    phase.value = 'waiting'
    running.value = false
    for (const waiter of snapshotWaiters.keys()) snapshotWaiters.delete(waiter)
    snapshotInFlight = false
  }

  /** Connects the store to the trainer port (and the host's trainer status). */
  function attach(handle: TrainerPortHandle, lab?: Pick<LabApi, 'onTrainerStatus'>): void {
    detach()
    port = handle
    unsubscribers.push(handle.onEvent(handleEvent), handle.onPort(onNewPort))
    if (handle.connected.value) phase.value = 'waiting'
    if (lab) {
      unsubscribers.push(
        lab.onTrainerStatus((status) => {
          trainerStatus.value = status
          if (status.state === 'crashed' || status.state === 'restarting') {
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
    port = null
  }

  // ---- learner actions ----
  function start(): void {
    if (!canTrain.value || running.value) return
    notice.value = null
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
    send({ type: 'step' })
  }

  /** Same seed → same initial weights; history and log start over. */
  function reset(): void {
    if (phase.value !== 'ready') return
    running.value = false
    notice.value = null
    // Reconfiguring rebuilds the run exactly as 'reset' would and answers with a summary
    // (fresh weights, points, bounds) to draw from.
    configure()
  }

  /** Changes that rebuild the network (data, architecture): ask first when weights would be lost. */
  async function changeRun(apply: () => void, what = 'This change'): Promise<boolean> {
    if (trained.value) {
      if (running.value) pause()
      const accepted = await askConfirm({
        title: 'Discard the trained weights?',
        message: `${what} starts again from new random weights, so the ${epoch.value.toLocaleString('en-US')} ${epoch.value === 1 ? 'epoch' : 'epochs'} trained so far will be lost.`,
        confirmLabel: 'Discard and rebuild',
        cancelLabel: 'Keep training'
      })
      if (!accepted) return false
    }
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
    if (changed) configure()
    return changed
  }

  function setViewNeuron(neuron: ViewOptions['neuron']): void {
    viewNeuron.value = neuron
    if (!neuron) neuronGrid.value = null
    sendView()
  }

  function setLiveView(live: boolean): void {
    preferences.liveView = live
    sendView()
  }

  function dismissNotice(): void {
    notice.value = null
  }

  return {
    // settings
    optimizer,
    learningRate,
    momentum,
    beta1,
    beta2,
    epsilon,
    batchSize,
    l1,
    l2,
    epochLimit,
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
    finalAccuracy,
    notice,
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
    handleEvent,
    configure,
    restore,
    requestSnapshot,
    applyConfig,
    applyTrainConfig,
    start,
    pause,
    toggle,
    step,
    reset,
    changeRun,
    setTraining,
    applyPreset,
    setViewNeuron,
    setLiveView,
    dismissNotice,
    dismissRestartNotice
  }
})
