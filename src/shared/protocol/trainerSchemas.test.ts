import { describe, expect, it } from 'vitest'
import {
  ACTIVATIONS,
  GENERATED_DATASETS,
  INITS,
  OPTIMIZERS,
  SEED_NOTEBOOK,
  TrainingRun
} from '../engine'
import type { TrainerCommand, TrainerEvent } from './trainerMessages'
import {
  datasetSpecSchema,
  networkSpecSchema,
  optimizerConfigSchema,
  parseTrainerCommand,
  parseTrainerEvent,
  rawRequestId,
  SCHEMAS_AGREE,
  type Agree
} from './trainerSchemas'

const run = TrainingRun.create(SEED_NOTEBOOK)
run.trainEpoch()
const snapshot = run.snapshot()
const grid = run.boundaryGrid(8, 8)

const commands: TrainerCommand[] = [
  { type: 'configure', requestId: 1, config: SEED_NOTEBOOK },
  {
    type: 'configure',
    requestId: 2,
    config: { ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, kind: 'csv' } },
    data: {
      x: new Float64Array([0, 1, 2, 3]),
      labels: new Int32Array([0, 1]),
      count: 2,
      classes: 2
    }
  },
  { type: 'restore', requestId: 3, snapshot },
  { type: 'update-training', training: { ...SEED_NOTEBOOK.training, batchSize: 32 } },
  { type: 'start' },
  { type: 'pause' },
  { type: 'step' },
  { type: 'set-view', view: { gridSize: 200, neuron: { layer: 1, index: 3 }, live: true } },
  { type: 'set-view', view: { gridSize: 256, neuron: null, live: false } },
  { type: 'get-snapshot', requestId: 4 },
  { type: 'predict', requestId: 5, x: new Float64Array([0.5, -0.5]), count: 1 }
]

const events: TrainerEvent[] = [
  { type: 'ready' },
  {
    type: 'configured',
    requestId: 1,
    summary: {
      config: run.config,
      train: run.train,
      test: run.test,
      bounds: run.bounds(),
      parameterCount: 193,
      epoch: 1,
      history: run.history,
      params: run.params
    }
  },
  {
    type: 'progress',
    epoch: 1,
    running: true,
    points: run.history,
    samplesPerSecond: 1e6,
    grid,
    neuronGrid: { ...run.neuronGrid(0, 2, 8, 8), layer: 0, index: 2 },
    params: run.params,
    layers: run.inspect()
  },
  { type: 'progress', epoch: 1, running: false, points: [], samplesPerSecond: 0 },
  { type: 'paused', reason: 'limit', epoch: 2000, finalAccuracy: 1, message: 'Reached the limit.' },
  { type: 'paused', reason: 'user', epoch: 3 },
  { type: 'snapshot', requestId: 4, snapshot },
  { type: 'predictions', requestId: 5, probabilities: new Float64Array([0.25]), classes: 2 },
  { type: 'error', message: 'Bad.' },
  { type: 'error', requestId: 6, message: 'Bad.' }
]

describe('trainer protocol schemas', () => {
  it('accepts every command type after a structured-clone round trip, unchanged', () => {
    for (const command of commands) {
      const copy = structuredClone(command)
      const parsed = parseTrainerCommand(copy)
      expect(parsed, command.type).toEqual({ ok: true, value: command })
    }
    expect(new Set(commands.map((c) => c.type)).size).toBe(9)
  })

  it("refuses the removed 'reset' command (the lab resets by configuring again)", () => {
    expect(parseTrainerCommand({ type: 'reset' }).ok).toBe(false)
  })

  it('accepts every event type after a structured-clone round trip, unchanged', () => {
    for (const event of events) {
      const parsed = parseTrainerEvent(structuredClone(event))
      expect(parsed, event.type).toEqual({ ok: true, value: event })
    }
    expect(new Set(events.map((e) => e.type)).size).toBe(7)
  })

  it('rejects malformed commands with a sentence naming the field', () => {
    const badSnapshot = structuredClone(snapshot)
    badSnapshot.params.weights[0] = new Float64Array(3)
    const nanSnapshot = structuredClone(snapshot)
    nanSnapshot.params.biases[1][0] = NaN
    const cases: [unknown, RegExp][] = [
      [undefined, /./],
      [
        {
          type: 'configure',
          requestId: 1,
          config: { ...SEED_NOTEBOOK, network: { ...SEED_NOTEBOOK.network, layerSizes: [3, 4, 1] } }
        },
        /input layer/
      ],
      [
        {
          type: 'configure',
          requestId: 1,
          config: { ...SEED_NOTEBOOK, network: { ...SEED_NOTEBOOK.network, activations: ['relu'] } }
        },
        /one activation per hidden layer/
      ],
      [{ type: 'configure', requestId: -1, config: SEED_NOTEBOOK }, /requestId/],
      [
        {
          type: 'configure',
          requestId: 1,
          config: { ...SEED_NOTEBOOK, dataset: { ...SEED_NOTEBOOK.dataset, samples: 3e6 } }
        },
        /dataset\.samples/
      ],
      [
        {
          type: 'update-training',
          training: {
            ...SEED_NOTEBOOK.training,
            optimizer: { ...SEED_NOTEBOOK.training.optimizer, learningRate: Infinity }
          }
        },
        /learningRate/
      ],
      [{ type: 'restore', requestId: 1, snapshot: badSnapshot }, /weights do not match/],
      [{ type: 'restore', requestId: 1, snapshot: nanSnapshot }, /NaN or Infinity/],
      [{ type: 'predict', requestId: 1, x: new Float32Array(2), count: 1 }, /x/],
      [{ type: 'set-view', view: { gridSize: 4, neuron: null, live: true } }, /gridSize/],
      [
        {
          type: 'configure',
          requestId: 1,
          config: SEED_NOTEBOOK,
          data: { x: new Float64Array(2), labels: new Int32Array([5]), count: 1, classes: 2 }
        },
        /out of range/
      ]
    ]
    for (const [raw, pattern] of cases) {
      const parsed = parseTrainerCommand(raw)
      expect(parsed.ok, JSON.stringify(raw)?.slice(0, 80)).toBe(false)
      if (!parsed.ok) {
        expect(parsed.message).toMatch(pattern)
        expect(parsed.message).toMatch(/^The trainer refused a command: .*\.$/)
      }
    }
  })

  it('finds a usable requestId on raw messages only', () => {
    expect(rawRequestId({ requestId: 7 })).toBe(7)
    expect(rawRequestId({ requestId: -1 })).toBeUndefined()
    expect(rawRequestId({ requestId: '7' })).toBeUndefined()
    expect(rawRequestId(null)).toBeUndefined()
  })
})

describe('the trainer schemas’ names', () => {
  // Each enum takes the engine registry's names and nothing else.
  const accepts = (schema: { safeParse(v: unknown): { success: boolean } }, value: unknown) =>
    schema.safeParse(value).success
  const net = SEED_NOTEBOOK.network

  it('are exactly the registries’', () => {
    for (const a of ACTIVATIONS) {
      expect(accepts(networkSpecSchema, { ...net, activations: [a, a] })).toBe(true)
    }
    expect(
      accepts(networkSpecSchema, { ...net, activations: ['no-such-activation', 'relu'] })
    ).toBe(false)
    for (const init of INITS) expect(accepts(networkSpecSchema, { ...net, init })).toBe(true)
    expect(accepts(networkSpecSchema, { ...net, init: 'zeros' })).toBe(false)
    const opt = SEED_NOTEBOOK.training.optimizer
    for (const kind of OPTIMIZERS)
      expect(accepts(optimizerConfigSchema, { ...opt, kind })).toBe(true)
    expect(accepts(optimizerConfigSchema, { ...opt, kind: 'rmsprop' })).toBe(false)
    const data = SEED_NOTEBOOK.dataset
    for (const kind of [...GENERATED_DATASETS, 'csv']) {
      expect(accepts(datasetSpecSchema, { ...data, kind })).toBe(true)
    }
    expect(accepts(datasetSpecSchema, { ...data, kind: 'checkerboard' })).toBe(false)
  })
})

describe('schemas and message types', () => {
  it('are one contract, checked by the compiler in both directions', () => {
    expect(SCHEMAS_AGREE).toEqual({ command: true, event: true, runConfig: true, snapshot: true })
    // What the check catches: a field in one shape and not the other.
    // @ts-expect-error a schema without the type's field does not agree
    const missing: Agree<{ a: number }, { a: number; b: string }> = true
    // @ts-expect-error nor does one whose field has another type
    const differs: Agree<{ a: number }, { a: string }> = true
    expect([missing, differs]).toEqual([true, true])
  })
})
