// The sweep store over the real trainer client and the trainer's own sweep service (inline
// threads: the cells train in this process): the form's checks, a 2×2 sweep whose rows are each
// cell trained alone, opening a cell as the lab's run, cancel, and a trainer restart mid-sweep.
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createApp } from 'vue'
import type { TrainerCommand } from '@shared/protocol/trainerMessages'
import { sweepCells } from '@shared/sweep/grid'
import { runSweepCell } from '@shared/sweep/runCell'
import { createSweepService } from '@shared/sweep/sweepService'
import { createTrainerClient, TRAINER_CLIENT_KEY } from '../composables/trainerClient'
import { FakeTrainer, SMALL } from './sessionFakes'
import { useSweepStore } from './sweep'
import { useTrainingStore } from './training'

/** The fake trainer, answering 'sweep' and 'sweep-cancel' with the trainer's sweep service. */
class SweepingTrainer extends FakeTrainer {
  readonly sweeps = createSweepService((event) => this.emit(event), null)
  override send(command: TrainerCommand): boolean {
    if (command.type === 'sweep' || command.type === 'sweep-cancel') {
      this.sent.push(structuredClone(command))
      this.sweeps.handle(structuredClone(command))
      return true
    }
    return super.send(command)
  }
}

let trainer: SweepingTrainer

beforeEach(async () => {
  trainer = new SweepingTrainer()
  const client = createTrainerClient(trainer)
  const pinia = createPinia()
  // As main.ts: the app provides the one client (the sweep store injects it).
  const app = createApp({})
  app.use(pinia)
  app.provide(TRAINER_CLIENT_KEY, client)
  setActivePinia(pinia)
  const training = useTrainingStore()
  training.applyConfig(structuredClone(SMALL))
  training.config.epochLimit = 25
  training.attach(client)
  trainer.emit({ type: 'ready' })
  await vi.waitFor(() => expect(training.phase).toBe('ready'))
})

describe('the sweep form', () => {
  it('starts valid (lr × width, 9 runs) and checks each list next to its field', () => {
    const sweep = useSweepStore()
    expect(sweep.fieldProblems).toEqual([null, null])
    expect(sweep.cellCount).toBe(9)
    sweep.fields[0].text = '0.1, 500'
    expect(sweep.fieldProblems[0]).toBe(
      'Learning rate values must be greater than 0 and at most 100, not "500".'
    )
    expect(sweep.axes).toBeNull()
    expect(sweep.cellCount).toBe(0)
    sweep.fields[0].text = '0.1, 0.5'
    sweep.chooseSetting(1, 'lr')
    expect(sweep.fieldProblems[1]).toBe(
      'This setting is swept already: choose another one, or none.'
    )
    sweep.chooseSetting(1, '')
    expect(sweep.axes).toEqual([{ setting: 'lr', values: [0.1, 0.5] }])
    expect(sweep.cellCount).toBe(2)
    // A new setting brings its own example values.
    sweep.chooseSetting(1, 'activation')
    expect(sweep.fields[1].text).toBe('relu, tanh')
    expect(sweep.cellCount).toBe(4)
  })
})

describe('a sweep', () => {
  it('trains every cell as it would train alone, then opens one as the lab’s run', async () => {
    const sweep = useSweepStore()
    const training = useTrainingStore()
    sweep.fields[0].text = '0.05, 0.5'
    sweep.fields[1].text = '3, 6'
    const base = structuredClone(training.runConfig)
    await sweep.run()
    expect(sweep.running).toBe(false)
    expect(sweep.done).toBe(4)
    expect(sweep.cancelled).toBe(false)
    expect(sweep.problem).toBeNull()
    const axes = sweep.current?.axes ?? []
    const cells = sweepCells(base, axes)
    expect(cells.map((c) => c.config.training.optimizer.learningRate)).toEqual([
      0.05, 0.05, 0.5, 0.5
    ])
    expect(cells.map((c) => c.config.network.layerSizes)).toEqual([
      [2, 3, 3, 1],
      [2, 6, 6, 1],
      [2, 3, 3, 1],
      [2, 6, 6, 1]
    ])
    expect(sweep.current?.rows).toEqual(cells.map((c) => runSweepCell(c.config).row))

    expect(await sweep.openCell(3)).toBe(true)
    expect(training.epoch).toBe(25)
    expect(training.runConfig.training.optimizer.learningRate).toBe(0.5)
    expect(training.runConfig.network.layerSizes).toEqual([2, 6, 6, 1])
    expect(trainer.run.evaluate(trainer.run.train).loss).toBe(sweep.current?.rows[3]?.finalLoss)
  })

  it('cancels: no cell trains after Cancel, and the sweep says so', async () => {
    const sweep = useSweepStore()
    sweep.fields[0].text = '0.05, 0.5'
    const done = sweep.run()
    expect(sweep.running).toBe(true)
    sweep.cancel()
    await done
    expect(sweep.cancelled).toBe(true)
    expect(sweep.done).toBe(0)
    expect(sweep.current?.rows).toEqual(Array(6).fill(null))
    expect(trainer.sent.some((c) => c.type === 'sweep-cancel')).toBe(true)
  })

  it('says how far it got when the trainer restarts mid-sweep', async () => {
    const sweep = useSweepStore()
    sweep.fields[0].text = '0.05, 0.5'
    sweep.chooseSetting(1, '')
    const done = sweep.run()
    // The trainer process goes down with its sweep; a new one starts.
    trainer.sweeps.dispose()
    trainer.restart()
    await done
    expect(sweep.problem).toBe(
      'The trainer restarted, so the sweep stopped after 0 of 2 runs; run it again to train the rest.'
    )
    expect(sweep.running).toBe(false)
  })
})
