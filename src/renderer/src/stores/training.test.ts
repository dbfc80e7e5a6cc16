// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { isReactive, ref } from 'vue'
import { gridPoints, SEED_NOTEBOOK, TrainingRun } from '@shared/engine'
import type { EpochStats } from '@shared/engine/types'
import type { TrainerStatus } from '@shared/protocol/labApi'
import type { RunSummary, TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import type { TrainerPortHandle } from '../composables/useTrainerPort'
import { createTrainerClient, TRAINER_TIMEOUT_MS } from '../composables/trainerClient'
import { answerChoice, choiceState } from '../components/ui/choice'
import { useNetworkStore } from './network'
import { useDatasetStore } from './dataset'
import {
  CONFIGURE_DEBOUNCE_MS,
  GRID_SIZE,
  gridFromPredictions,
  logIntervalFor,
  PROGRESS_COMMIT_MS,
  RESTART_NOTICE_MS,
  useTrainingStore
} from './training'
import { findPreset, presetMatching, SEED_PRESET_ID } from './presets'
import { LATE_DRAW_MS } from '../charts/redrawThrottle'

/** A trainer port that records what the store sends and lets the test play the trainer. */
function fakePort() {
  const sent: TrainerCommand[] = []
  const eventHandlers: Array<(event: TrainerEvent) => void> = []
  const portHandlers: Array<() => void> = []
  const handle: TrainerPortHandle = {
    connected: ref(true),
    send(command) {
      // The real port structured-clones: a Vue proxy would throw here.
      sent.push(structuredClone(command))
      return true
    },
    onEvent(handler) {
      eventHandlers.push(handler)
      return () => {}
    },
    onPort(handler) {
      portHandlers.push(handler)
      return () => {}
    },
    dispose() {}
  }
  return {
    handle,
    sent,
    emit(event: TrainerEvent) {
      for (const handler of eventHandlers) handler(event)
    },
    newPort() {
      for (const handler of portHandlers) handler()
    },
    last<T extends TrainerCommand['type']>(type: T) {
      return sent.filter((c) => c.type === type).at(-1) as Extract<TrainerCommand, { type: T }>
    }
  }
}

/** Lets replies reach their requests (promises settle in microtasks, after the event). */
async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve()
}

function summaryOf(run: TrainingRun): RunSummary {
  return {
    config: run.config,
    train: run.train,
    test: run.test,
    bounds: { xMin: -4, xMax: 4, yMin: -4, yMax: 4 },
    parameterCount: run.parameterCount(),
    epoch: run.epoch,
    history: run.history.slice(),
    params: run.params
  }
}

describe('training store', () => {
  let statusListener: ((status: TrainerStatus) => void) | null
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    statusListener = null
  })
  afterEach(() => {
    vi.useRealTimers()
    if (choiceState.open) answerChoice('cancel')
  })

  async function connect() {
    const port = fakePort()
    const store = useTrainingStore()
    store.attach(createTrainerClient(port.handle), {
      onTrainerStatus(cb) {
        statusListener = cb
        return () => {}
      }
    })
    port.emit({ type: 'ready' })
    const configure = port.last('configure')
    const run = TrainingRun.create(configure.config)
    port.emit({ type: 'configured', requestId: configure.requestId, summary: summaryOf(run) })
    await settle()
    return { port, store, run }
  }

  it('configures the seed notebook run when the trainer is ready', async () => {
    const { port, store } = await connect()
    const configure = port.sent.find((c) => c.type === 'configure')
    expect(configure).toMatchObject({ type: 'configure', config: SEED_NOTEBOOK })
    expect(configure?.type === 'configure' && configure.data).toBeUndefined()
    expect(store.phase).toBe('ready')
    expect(store.parameterCount).toBe(193)
    expect(store.logLines).toEqual(['Network: 2, 16, 8, 1', 'Total parameters: 193'])
    expect(port.last('set-view')).toEqual({
      type: 'set-view',
      view: { gridSize: GRID_SIZE, neuron: null, live: true, meters: false }
    })
  })

  it("shows maps at the trainer's pace and the rest at most every PROGRESS_COMMIT_MS, all epochs in order", async () => {
    vi.useFakeTimers()
    const { port, store, run } = await connect()
    store.start()
    const grid = (epoch: number) =>
      ({
        size: 2,
        values: new Float64Array(4).fill(epoch),
        bounds: { xMin: -1, xMax: 1, yMin: -1, yMax: 1 }
      }) as never
    const points: EpochStats[] = []
    const progress = (n: number) => {
      const fresh: EpochStats[] = []
      for (let i = 0; i < n; i++) fresh.push(run.trainEpoch())
      points.push(...fresh)
      port.emit({
        type: 'progress',
        epoch: run.epoch,
        running: true,
        points: fresh,
        samplesPerSecond: run.epoch,
        grid: grid(run.epoch),
        params: run.params
      })
    }
    progress(3)
    // The first progress after a quiet spell shows at once.
    expect(store.epoch).toBe(3)
    expect(store.history).toHaveLength(3)
    const version = store.historyVersion
    progress(2)
    progress(4)
    // The maps follow every event; the epochs, speed and weights wait for the next commit.
    expect(store.gridEpoch).toBe(9)
    expect(store.epoch).toBe(3)
    expect(store.historyVersion).toBe(version)
    // When no progress follows, a timer shows them a progress interval past the commit interval.
    vi.advanceTimersByTime(PROGRESS_COMMIT_MS)
    expect(store.epoch).toBe(3)
    vi.advanceTimersByTime(LATE_DRAW_MS)
    expect(store.epoch).toBe(9)
    expect(store.samplesPerSecond).toBe(9)
    expect(store.history).toEqual(points)
    expect(store.historyVersion).toBe(version + 1)
    expect(store.params).toEqual(run.params)
    // Progress once the interval has passed shows at once, with what waited before it.
    progress(1)
    vi.advanceTimersByTime(PROGRESS_COMMIT_MS - 1)
    progress(2)
    expect(store.epoch).toBe(9)
    vi.advanceTimersByTime(1)
    progress(1)
    expect(store.epoch).toBe(13)
    expect(store.history).toEqual(points)
    expect(store.historyVersion).toBe(version + 2)
    // A pause shows what is pending at once.
    progress(1)
    expect(store.epoch).toBe(13)
    port.emit({ type: 'paused', reason: 'user', epoch: 14 })
    expect(store.epoch).toBe(14)
    expect(store.history).toEqual(points)
    expect(store.running).toBe(false)
    // Nothing pending: the timer commits nothing more.
    vi.advanceTimersByTime(PROGRESS_COMMIT_MS + LATE_DRAW_MS)
    expect(store.history).toHaveLength(14)
  })

  it('drops the pending progress of a run that a rebuild replaces', async () => {
    vi.useFakeTimers()
    const { port, store, run } = await connect()
    store.start()
    const emit = () =>
      port.emit({
        type: 'progress',
        epoch: run.epoch,
        running: true,
        points: [run.trainEpoch()],
        samplesPerSecond: 1
      })
    emit()
    emit()
    expect(store.history).toHaveLength(1)
    const fresh = TrainingRun.create(run.config)
    store.reset()
    const rebuild = port.last('configure')
    port.emit({ type: 'configured', requestId: rebuild.requestId, summary: summaryOf(fresh) })
    await settle()
    vi.advanceTimersByTime(PROGRESS_COMMIT_MS + LATE_DRAW_MS)
    expect(store.epoch).toBe(0)
    expect(store.history).toHaveLength(0)
  })

  it('logs the notebook lines every 200 epochs and the final accuracy at the limit', async () => {
    const { port, store, run } = await connect()
    store.start()
    expect(port.last('start')).toEqual({ type: 'start' })
    const points: EpochStats[] = []
    for (let i = 0; i < 400; i++) points.push(run.trainEpoch())
    port.emit({
      type: 'progress',
      epoch: 250,
      running: true,
      points: points.slice(0, 250),
      samplesPerSecond: 1e5
    })
    port.emit({
      type: 'progress',
      epoch: 400,
      running: true,
      points: points.slice(250),
      samplesPerSecond: 1e5
    })
    // The second progress came within PROGRESS_COMMIT_MS of the first: it shows a moment later.
    await vi.waitFor(() => expect(store.history).toHaveLength(400))
    expect(store.epoch).toBe(400)
    expect(store.logLines.slice(2)).toEqual([
      'Epoch  200 | Loss: 0.0616 | Accuracy: 100.00%',
      'Epoch  400 | Loss: 0.0148 | Accuracy: 100.00%'
    ])
    port.emit({ type: 'paused', reason: 'limit', epoch: 400, finalAccuracy: 1 })
    expect(store.running).toBe(false)
    expect(store.logLines.at(-1)).toBe('🎯 Final Accuracy: 100.00%')
    // A pause keeps a fresh snapshot for crash recovery, without the timeline (up to 64 MB).
    expect(port.last('get-snapshot')).toMatchObject({ withTimeline: false })
  })

  it('asks before discarding trained weights, and rebuilds only when accepted', async () => {
    vi.useFakeTimers()
    const { port, store } = await connect()
    const network = useNetworkStore()
    port.emit({ type: 'paused', reason: 'step', epoch: 5 })
    const configures = () => port.sent.filter((c) => c.type === 'configure').length

    const declined = store.changeRun(() => network.addLayer(), 'Changing the network')
    expect(choiceState.open).toBe(true)
    expect(choiceState.request?.message).toContain('5 epochs')
    answerChoice('cancel')
    expect(await declined).toBe(false)
    expect(network.spec.layerSizes).toEqual([2, 16, 8, 1])
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS * 2)
    expect(configures()).toBe(1)

    const accepted = store.changeRun(() => network.addLayer(), 'Changing the network')
    answerChoice('accept')
    expect(await accepted).toBe(true)
    expect(store.phase).toBe('configuring')
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    expect(configures()).toBe(2)
    expect(port.last('configure').config.network.layerSizes).toEqual([2, 16, 8, 8, 1])
    expect(store.presetId).toBeNull()
  })

  it('coalesces a burst of untrained edits into one configure', async () => {
    vi.useFakeTimers()
    const { port, store } = await connect()
    const network = useNetworkStore()
    for (let i = 0; i < 5; i++) await store.changeRun(() => network.setNeurons(0, 20 + i))
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    const configures = port.sent.filter((c) => c.type === 'configure')
    expect(configures).toHaveLength(2)
    expect(port.last('configure').config.network.layerSizes).toEqual([2, 24, 8, 1])
  })

  it('stays not ready while a later edit waits to rebuild, even when an earlier build answers', async () => {
    vi.useFakeTimers()
    const { port, store } = await connect()
    const network = useNetworkStore()
    await store.changeRun(() => network.setNeurons(0, 20))
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    const first = port.last('configure')
    // The learner edits again before the trainer answers the first rebuild.
    await store.changeRun(() => network.setNeurons(0, 24))
    port.emit({
      type: 'configured',
      requestId: first.requestId,
      summary: summaryOf(TrainingRun.create(first.config))
    })
    await settle()
    expect(store.phase).toBe('configuring')
    expect(store.canTrain).toBe(false)
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    const second = port.last('configure')
    expect(second.config.network.layerSizes).toEqual([2, 24, 8, 1])
    port.emit({
      type: 'configured',
      requestId: second.requestId,
      summary: summaryOf(TrainingRun.create(second.config))
    })
    await settle()
    expect(store.phase).toBe('ready')
  })

  it('sends hyper-parameter changes as update-training, keeping the run', async () => {
    const { port, store } = await connect()
    port.emit({ type: 'paused', reason: 'step', epoch: 3 })
    store.setTraining(() => {
      store.config.optimizer.learningRate = 0.05
      store.config.optimizer.kind = 'adam'
      store.config.batchSize = 32
    })
    expect(port.last('update-training').training).toEqual({
      ...SEED_NOTEBOOK.training,
      optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam', learningRate: 0.05 },
      batchSize: 32
    })
    expect(store.epoch).toBe(3)
    expect(choiceState.open).toBe(false)
  })

  it('holds one TrainConfig: applied whole, sent as a plain copy, not the reactive object', async () => {
    const { port, store } = await connect()
    expect(store.config).toEqual(SEED_NOTEBOOK.training)
    const adam = {
      ...SEED_NOTEBOOK.training,
      optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam' as const, beta2: 0.99 },
      l2: 0.001,
      epochLimit: 700
    }
    store.applyTrainConfig(adam)
    expect(store.config).toEqual(adam)
    expect(store.runConfig.training).toEqual(adam)
    expect(store.logInterval).toBe(70)
    // Changing the applied object afterwards does not reach into the store.
    adam.optimizer.beta2 = 0.5
    expect(store.config.optimizer.beta2).toBe(0.99)
    store.setTraining(() => (store.config.l2 = 0.002))
    const sent = port.last('update-training').training
    expect(sent).toEqual({ ...store.trainConfig, l2: 0.002 })
    expect(isReactive(sent)).toBe(false)
    expect(() => structuredClone(sent)).not.toThrow()
  })

  it('shows a crash banner and restores the last snapshot on the new trainer', async () => {
    const { port, store, run } = await connect()
    for (let i = 0; i < 10; i++) run.trainEpoch()
    port.emit({ type: 'paused', reason: 'user', epoch: 10 })
    const ask = port.last('get-snapshot')
    port.emit({ type: 'snapshot', requestId: ask.requestId, snapshot: run.snapshot() })

    statusListener?.({
      state: 'crashed',
      message: 'Training stopped unexpectedly; your session is safe.'
    })
    expect(store.trainerProblem).toBe('Training stopped unexpectedly; your session is safe.')
    expect(store.phase).toBe('waiting')
    store.config.optimizer.learningRate = 0.02

    port.newPort()
    // The run goes to the new port at once (it waits there until the trainer listens); the
    // trainer's greeting then asks for nothing more.
    expect(port.sent.filter((c) => c.type === 'restore')).toHaveLength(1)
    port.emit({ type: 'ready' })
    expect(port.sent.filter((c) => c.type === 'restore')).toHaveLength(1)
    const restore = port.last('restore')
    expect(restore.snapshot.epoch).toBe(10)
    expect(port.last('update-training').training.optimizer.learningRate).toBe(0.02)
    statusListener?.({ state: 'ready' })
    expect(store.trainerProblem).toBeNull()
    port.emit({ type: 'configured', requestId: restore.requestId, summary: summaryOf(run) })
    await settle()
    expect(store.phase).toBe('ready')
    expect(store.epoch).toBe(10)
    expect(store.history).toHaveLength(10)
  })

  it('sends imported points with configure as real typed arrays', async () => {
    vi.useFakeTimers()
    const { port, store } = await connect()
    const dataset = useDatasetStore()
    const data = {
      x: Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3]),
      labels: Int32Array.from([0, 1, 0, 1]),
      count: 4,
      classes: 2
    }
    await store.changeRun(() => dataset.setImported('four.csv', data))
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    const configure = port.last('configure')
    expect(dataset.kind).toBe('csv')
    expect(configure.config.dataset).toMatchObject({ kind: 'csv', samples: 4 })
    expect(configure.data?.x).toBeInstanceOf(Float64Array)
    expect(configure.data?.labels).toBeInstanceOf(Int32Array)
    expect(Array.from(configure.data?.x ?? [])).toEqual([0, 0, 1, 1, 2, 2, 3, 3])
  })

  it('shows the trainer’s sentence for its own refused configure and for unasked errors, not for others’ requests', async () => {
    const { port, store } = await connect()
    // An error answering a request it did not send (say, a save's snapshot) is its sender's.
    port.emit({ type: 'error', requestId: 999, message: 'Not mine.' })
    expect(store.notice).toBeNull()
    port.emit({ type: 'error', message: 'The trainer hit an unexpected problem.' })
    expect(store.notice).toBe('The trainer hit an unexpected problem.')
    store.dismissNotice()

    store.reset()
    expect(store.phase).toBe('configuring')
    const configure = port.last('configure')
    port.emit({
      type: 'error',
      requestId: configure.requestId,
      message: 'Could not build this run.'
    })
    await settle()
    expect(store.notice).toBe('Could not build this run.')
    // The trainer still has the old run: training can go on.
    expect(store.phase).toBe('ready')
  })
})

describe('grid helpers', () => {
  it('logs a tenth of the limit (the notebook: every 200 of 2000)', () => {
    expect(logIntervalFor(2000)).toBe(200)
    expect(logIntervalFor(60)).toBe(6)
    expect(logIntervalFor(3)).toBe(1)
  })

  it('puts grid points at pixel centres in image order, row 0 at the top', () => {
    const x = gridPoints({ xMin: 0, xMax: 4, yMin: 0, yMax: 2 }, 2, 2)
    expect(Array.from(x)).toEqual([1, 1.5, 3, 1.5, 1, 0.5, 3, 0.5])
  })

  it('turns predictions into a P(class 1) map, or k columns', () => {
    const bounds = { xMin: 0, xMax: 1, yMin: 0, yMax: 1 }
    const binary = gridFromPredictions(Float64Array.from([0.1, 0.2, 0.3, 0.4]), 2, bounds, 2)
    expect(Array.from(binary.values)).toEqual(Array.from(Float32Array.from([0.1, 0.2, 0.3, 0.4])))
    const twoColumns = gridFromPredictions(
      Float64Array.from([0.9, 0.1, 0.2, 0.8, 0.5, 0.5, 0, 1]),
      2,
      bounds,
      2
    )
    expect(Array.from(twoColumns.values)).toEqual(Array.from(Float32Array.from([0.1, 0.8, 0.5, 1])))
    const three = gridFromPredictions(new Float64Array(12).fill(1 / 3), 3, bounds, 2)
    expect(three.classes).toBe(3)
    expect(three.values).toHaveLength(12)
  })
})

describe('crash recovery snapshots', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('does not keep a snapshot of a run that is being replaced', async () => {
    vi.useFakeTimers()
    const port = fakePort()
    const store = useTrainingStore()
    store.attach(createTrainerClient(port.handle))
    port.emit({ type: 'ready' })
    const first = port.last('configure')
    const run = TrainingRun.create(first.config)
    port.emit({ type: 'configured', requestId: first.requestId, summary: summaryOf(run) })
    await settle()
    for (let i = 0; i < 5; i++) run.trainEpoch()
    port.emit({ type: 'paused', reason: 'user', epoch: 5 })
    const ask = port.last('get-snapshot')

    // The learner changes the data before the snapshot answer arrives.
    const changed = store.changeRun(() => useDatasetStore().newSeed(() => 0.5))
    answerChoice('accept')
    await changed
    port.emit({ type: 'snapshot', requestId: ask.requestId, snapshot: run.snapshot() })
    vi.advanceTimersByTime(CONFIGURE_DEBOUNCE_MS)
    const second = port.last('configure')
    const fresh = TrainingRun.create(second.config)
    port.emit({ type: 'configured', requestId: second.requestId, summary: summaryOf(fresh) })
    await settle()
    port.emit({ type: 'paused', reason: 'step', epoch: 1 })
    store.epoch = 1
    // Restart: nothing worth restoring, so the current settings are configured afresh.
    const configuresBefore = port.sent.filter((c) => c.type === 'configure').length
    port.newPort()
    port.emit({ type: 'ready' })
    expect(port.sent.filter((c) => c.type === 'restore')).toHaveLength(0)
    expect(port.sent.filter((c) => c.type === 'configure')).toHaveLength(configuresBefore + 1)
    expect(port.last('configure').config.dataset.seed).toBe(50000)
    // A later 'ready' on the same port (a trainer greeting it again) gives it the run again.
    port.emit({ type: 'ready' })
    expect(port.sent.filter((c) => c.type === 'configure')).toHaveLength(configuresBefore + 2)
    vi.useRealTimers()
  })
})

describe('trainer restarts', () => {
  let statusListener: ((status: TrainerStatus) => void) | null = null
  beforeEach(() => {
    setActivePinia(createPinia())
    localStorage.clear()
    vi.useFakeTimers()
  })
  afterEach(() => vi.useRealTimers())

  async function connect() {
    const port = fakePort()
    const store = useTrainingStore()
    store.attach(createTrainerClient(port.handle), {
      onTrainerStatus(cb) {
        statusListener = cb
        return () => {}
      }
    })
    port.emit({ type: 'ready' })
    const configure = port.last('configure')
    const run = TrainingRun.create(configure.config)
    port.emit({ type: 'configured', requestId: configure.requestId, summary: summaryOf(run) })
    await settle()
    return { port, store, run }
  }

  /** Trains `epochs` more on the real run and reports them as the trainer would, `ms` apart. */
  function trainFor(port: ReturnType<typeof fakePort>, run: TrainingRun, epochs: number, ms = 100) {
    for (let i = 0; i < epochs; i++) {
      const point = run.trainEpoch()
      vi.advanceTimersByTime(ms)
      port.emit({
        type: 'progress',
        epoch: run.epoch,
        running: true,
        points: [point],
        samplesPerSecond: 12345
      })
    }
  }

  async function answerSnapshots(
    port: ReturnType<typeof fakePort>,
    run: TrainingRun,
    from: number
  ) {
    const asks = port.sent.slice(from).filter((c) => c.type === 'get-snapshot')
    for (const ask of asks)
      port.emit({ type: 'snapshot', requestId: ask.requestId, snapshot: run.snapshot() })
    await settle()
    return asks.length
  }

  it('keeps a snapshot every few seconds while running and restores the newest', async () => {
    const { port, store, run } = await connect()
    store.start()
    let seen = port.sent.length
    trainFor(port, run, 1)
    // The first progress asks at once; then only after RECOVERY_SNAPSHOT_INTERVAL_MS.
    expect(await answerSnapshots(port, run, seen)).toBe(1)
    seen = port.sent.length
    trainFor(port, run, 40, 100) // 4 s
    expect(await answerSnapshots(port, run, seen)).toBe(0)
    seen = port.sent.length
    trainFor(port, run, 15, 100) // 5.5 s since the last one
    expect(await answerSnapshots(port, run, seen)).toBe(1)
    const snapshotEpoch = run.epoch
    trainFor(port, run, 5, 100)

    statusListener?.({ state: 'crashed' })
    expect(store.samplesPerSecond).toBe(0)
    port.newPort()
    port.emit({ type: 'ready' })
    const restore = port.last('restore')
    expect(restore.snapshot.epoch).toBe(snapshotEpoch)
    expect(snapshotEpoch).toBeGreaterThan(20)
  })

  it('a snapshot asked by someone else (autosave) counts, so none is asked twice', async () => {
    const { port, store, run } = await connect()
    store.start()
    trainFor(port, run, 1)
    await answerSnapshots(port, run, 0)
    vi.advanceTimersByTime(4500)
    // The session store's autosave asks with its own request id.
    port.emit({ type: 'snapshot', requestId: 1_000_000_007, snapshot: run.snapshot() })
    const seen = port.sent.length
    trainFor(port, run, 30, 100) // 3 s after the autosave copy, 7.5 s after ours
    expect(port.sent.slice(seen).filter((c) => c.type === 'get-snapshot')).toHaveLength(0)
  })

  it('after a NaN divergence the explanation stays, and after Reset recovery snapshots resume', async () => {
    const { port, store, run } = await connect()
    store.start()
    trainFor(port, run, 3)
    await answerSnapshots(port, run, 0)
    const divergence =
      'Epoch 4: the loss is not a number: the learning rate 50 is probably too high: try 0.1 or lower, then press Reset.'
    port.emit({ type: 'paused', reason: 'diverged', epoch: 4, message: divergence })
    // The pause asks for a recovery copy; a diverged run has none to give.
    const ask = port.last('get-snapshot')
    const seen = port.sent.length
    port.emit({
      type: 'error',
      requestId: ask.requestId,
      message: 'This run diverged (its weights are not numbers); press Reset before saving.'
    })
    await settle()
    expect(store.notice).toBe(divergence)

    store.reset()
    const configure = port.last('configure')
    port.emit({
      type: 'configured',
      requestId: configure.requestId,
      summary: summaryOf(TrainingRun.create(configure.config))
    })
    await settle()
    expect(store.phase).toBe('ready')
    store.start()
    const fresh = TrainingRun.create(configure.config)
    trainFor(port, fresh, 1)
    expect(await answerSnapshots(port, fresh, seen)).toBe(1)
    trainFor(port, fresh, 60, 100) // 6 s: the next one is due again
    expect(await answerSnapshots(port, fresh, seen + 1)).toBeGreaterThanOrEqual(1)
  })

  it('a recovery snapshot the trainer never answers gives way after the timeout', async () => {
    const { port, store, run } = await connect()
    store.start()
    trainFor(port, run, 1)
    const asked = () => port.sent.filter((c) => c.type === 'get-snapshot').length
    expect(asked()).toBe(1)
    trainFor(port, run, 100, 100) // 10 s, unanswered: none asked meanwhile
    expect(asked()).toBe(1)
    vi.advanceTimersByTime(TRAINER_TIMEOUT_MS)
    await settle()
    trainFor(port, run, 1)
    expect(asked()).toBe(2)
  })

  it('tells what was restored after a restart; the notice closes or hides after 8 s', async () => {
    const { port, store, run } = await connect()
    for (let i = 0; i < 7; i++) run.trainEpoch()
    port.emit({ type: 'paused', reason: 'user', epoch: 7 })
    await answerSnapshots(port, run, 0)

    statusListener?.({ state: 'crashed' })
    expect(store.restartNotice).toBeNull()
    port.newPort()
    port.emit({ type: 'ready' })
    statusListener?.({ state: 'ready' })
    const restore = port.last('restore')
    port.emit({ type: 'configured', requestId: restore.requestId, summary: summaryOf(run) })
    await settle()
    expect(store.restartNotice).toBe('The trainer restarted; your run was restored at epoch 7.')
    vi.advanceTimersByTime(RESTART_NOTICE_MS - 100)
    expect(store.restartNotice).not.toBeNull()
    vi.advanceTimersByTime(200)
    expect(store.restartNotice).toBeNull()

    // A later, ordinary configure says nothing; a second crash does, and can be closed.
    store.reset()
    port.emit({
      type: 'configured',
      requestId: port.last('configure').requestId,
      summary: summaryOf(TrainingRun.create(SEED_NOTEBOOK))
    })
    await settle()
    expect(store.restartNotice).toBeNull()
    statusListener?.({ state: 'restarting' })
    port.newPort()
    port.emit({ type: 'ready' })
    port.emit({
      type: 'configured',
      requestId: port.last('configure').requestId,
      summary: summaryOf(TrainingRun.create(SEED_NOTEBOOK))
    })
    await settle()
    expect(store.restartNotice).toBe('The trainer restarted; your run was restored at epoch 0.')
    store.dismissRestartNotice()
    expect(store.restartNotice).toBeNull()
  })
})

describe('preset picker follows the settings', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('names the preset whose settings a restored run (or demo) has, else none', async () => {
    const store = useTrainingStore()
    const port = fakePort()
    store.attach(createTrainerClient(port.handle))
    port.emit({ type: 'ready' })
    // An opened session of the seed notebook's run (keys in another order, as parsed).
    const reversed = (value: unknown): unknown =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value)
              .reverse()
              .map(([key, inner]) => [key, reversed(inner)])
          )
        : value
    const config = reversed(SEED_NOTEBOOK) as typeof SEED_NOTEBOOK
    expect(Object.keys(config)[0]).not.toBe(Object.keys(SEED_NOTEBOOK)[0])
    const other = findPreset('xor-tanh')!
    store.applyConfig(structuredClone(other.config))
    expect(store.presetId).toBe('xor-tanh')
    const restoring = store.restore(TrainingRun.create(structuredClone(config)).snapshot())
    // The settings change only once the trainer has accepted the run.
    expect(store.presetId).toBe('xor-tanh')
    const restore = port.last('restore')
    port.emit({
      type: 'configured',
      requestId: restore.requestId,
      summary: summaryOf(TrainingRun.restore(restore.snapshot))
    })
    expect(await restoring).toBe(true)
    expect(store.presetId).toBe(SEED_PRESET_ID)
    store.setTraining(() => (store.config.optimizer.learningRate = 0.05))
    expect(store.presetId).toBeNull()
    store.setTraining(() => (store.config.optimizer.learningRate = 0.1))
    expect(store.presetId).toBe(SEED_PRESET_ID)
    expect(presetMatching(config)?.id).toBe(SEED_PRESET_ID)
    expect(presetMatching({ ...config, dataset: { ...config.dataset, seed: 7 } })).toBeUndefined()
  })
})
