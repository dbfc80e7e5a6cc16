// Fault: a learner sets the learning rate to 50. Through the real trainer service (the same message
// loop the utility process and the Web Worker run), training must pause on its own with a sentence
// naming the likely cause, and no NaN/Infinity may reach the charts (progress points, boundary maps,
// weights) or a saved file (the snapshot that would be written).
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from '../../src/shared/engine'
import type { ActivationName, RunConfig } from '../../src/shared/engine'
import { startTrainerService } from '../../src/shared/trainer/trainerService'
import type { TrainerCommand, TrainerEvent } from '../../src/shared/protocol/trainerMessages'

type PausedEvent = Extract<TrainerEvent, { type: 'paused' }>

function connect(): {
  events: TrainerEvent[]
  send(command: TrainerCommand): void
  /** Sends a command and waits for the first event after it that passes `test`. */
  request<T extends TrainerEvent>(
    command: TrainerCommand,
    test: (e: TrainerEvent) => e is T,
    ms: number
  ): Promise<T>
  dispose(): void
} {
  const events: TrainerEvent[] = []
  let handler: (command: unknown) => void = () => {}
  const service = startTrainerService({
    postMessage: (event) => events.push(event),
    onMessage: (h) => (handler = h)
  })
  return {
    events,
    send: (command) => handler(command),
    request: (command, test, ms) =>
      new Promise((resolve, reject) => {
        const from = events.length
        handler(command)
        const deadline = Date.now() + ms
        const poll = (): void => {
          const found = events.slice(from).find(test)
          if (found) resolve(found)
          else if (Date.now() > deadline) reject(new Error(`no matching event within ${ms} ms`))
          else setTimeout(poll, 5)
        }
        poll()
      }),
    dispose: () => service.dispose()
  }
}

function deepNet(activation: ActivationName, learningRate: number): RunConfig {
  const hidden = [16, 16, 16, 16]
  return {
    dataset: { ...SEED_NOTEBOOK.dataset },
    network: {
      ...SEED_NOTEBOOK.network,
      layerSizes: [2, ...hidden, 1],
      activations: hidden.map(() => activation),
      init: 'xavier'
    },
    training: {
      ...SEED_NOTEBOOK.training,
      optimizer: { ...SEED_NOTEBOOK.training.optimizer, learningRate },
      epochLimit: 2000
    }
  }
}

/** Every number the UI would draw or save from these events; the first non-finite one, if any. */
function firstNonFinite(events: TrainerEvent[]): string | null {
  for (const event of events) {
    if (event.type === 'progress') {
      for (const p of event.points) {
        for (const [key, value] of Object.entries(p)) {
          if (typeof value === 'number' && !Number.isFinite(value)) {
            return `progress point epoch ${p.epoch}: ${key} = ${value}`
          }
        }
      }
      for (const grid of [event.grid, event.neuronGrid]) {
        if (grid && grid.values.some((v) => !Number.isFinite(v))) return 'boundary map value'
      }
      const arrays = event.params ? [...event.params.weights, ...event.params.biases] : []
      if (arrays.some((a) => a.some((v) => !Number.isFinite(v)))) return 'streamed weights'
    }
    if (event.type === 'snapshot') {
      const s = event.snapshot
      const arrays = [...s.params.weights, ...s.params.biases]
      if (arrays.some((a) => a.some((v) => !Number.isFinite(v)))) return 'snapshot weights'
      if (s.history.some((h) => !Number.isFinite(h.loss))) return 'snapshot history'
    }
  }
  return null
}

const isPaused = (e: TrainerEvent): e is PausedEvent => e.type === 'paused'

async function trainUntilPaused(config: RunConfig): Promise<{
  lab: ReturnType<typeof connect>
  paused: PausedEvent
}> {
  const lab = connect()
  lab.send({ type: 'set-view', view: { gridSize: 40, neuron: null, live: true } })
  await lab.request(
    { type: 'configure', requestId: 1, config },
    (e): e is TrainerEvent => e.type === 'configured',
    5000
  )
  const paused = await lab.request({ type: 'start' }, isPaused, 60_000)
  return { lab, paused }
}

/** After a divergence: restarting, stepping and saving are all refused in words. */
async function expectDivergedRunStaysSafe(
  lab: ReturnType<typeof connect>,
  config: RunConfig
): Promise<void> {
  const again = await lab.request({ type: 'start' }, isPaused, 2000)
  expect(again.reason).toBe('diverged')
  expect(again.message).toMatch(/Reset/)
  const answer = await lab.request(
    { type: 'get-snapshot', requestId: 7 },
    (e): e is TrainerEvent =>
      (e.type === 'snapshot' || e.type === 'error') && 'requestId' in e && e.requestId === 7,
    2000
  )
  if (answer.type === 'error') {
    expect(answer.message).toMatch(/diverged|Reset/)
  }
  expect(firstNonFinite(lab.events)).toBeNull()
  // Reset (the lab configures the same settings again) brings back a healthy run from the seed.
  const configured = await lab.request(
    { type: 'configure', requestId: 8, config },
    (e): e is Extract<TrainerEvent, { type: 'configured' }> =>
      e.type === 'configured' && e.requestId === 8,
    5000
  )
  expect(configured.summary.epoch).toBe(0)
  expect(configured.summary.params.weights.every((w) => w.every(Number.isFinite))).toBe(true)
}

describe('divergence at learning rate 50', () => {
  it('deep linear net (loss overflows to NaN): paused, cause named, no NaN shown or saved', async () => {
    const config = deepNet('linear', 50)
    const { lab, paused } = await trainUntilPaused(config)
    try {
      expect(paused.reason).toBe('diverged')
      expect(paused.message).toMatch(/learning rate 50/)
      expect(paused.message?.split('\n')).toHaveLength(1)
      console.log(
        `divergence (linear, lr 50) → paused at epoch ${paused.epoch}: “${paused.message}”`
      )
      await expectDivergedRunStaysSafe(lab, config)
    } finally {
      lab.dispose()
    }
  })

  // The case. With sigmoid (or ReLU/tanh) hidden layers the loss never becomes NaN at
  // lr 50: the units saturate, the clipped cross-entropy sits near 7 with accuracy at chance, and
  // a check on NaN/Infinity alone never fires, so the run trains on to its limit in silence.
  it('deep sigmoid net (saturates, loss stays finite): paused as diverged with the cause named', async () => {
    const config = deepNet('sigmoid', 50)
    const { lab, paused } = await trainUntilPaused(config)
    try {
      expect(firstNonFinite(lab.events)).toBeNull()
      const lastPoint = lab.events.flatMap((e) => (e.type === 'progress' ? e.points : [])).at(-1)
      console.log(
        `divergence (sigmoid, lr 50) → paused (${paused.reason}) at epoch ${paused.epoch}, ` +
          `last loss ${lastPoint?.loss.toFixed(3)}, accuracy ${lastPoint?.accuracy}: “${paused.message ?? ''}”`
      )
      expect(
        paused.reason,
        'a blown-up run must pause as diverged, not train on to its limit'
      ).toBe('diverged')
      expect(paused.message).toMatch(/learning rate/)
      await expectDivergedRunStaysSafe(lab, config)
    } finally {
      lab.dispose()
    }
  })
})
