// Every training setting is a `nn-lab train` option: each one reaches the engine (the JSON log is
// the engine's own run with that config), is reported back by --json, and a bad value is one
// sentence naming the option and its limit (from limits.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun, type RunConfig } from '../shared/engine'
import { parseSession } from '../shared/session'
import { COMMAND_HELP } from './help'
import { cliIn } from './testCli'
import { TRAIN_OPTIONS } from './train'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-cli-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

function engineLosses(change: (c: RunConfig) => void, epochs: number): number[] {
  const c: RunConfig = structuredClone(SEED_NOTEBOOK)
  c.training.epochLimit = epochs
  change(c)
  const run = TrainingRun.create(c)
  for (let e = 0; e < epochs; e++) run.trainEpoch()
  return run.history.map((h) => h.loss)
}

describe('nn-lab train: the training settings as options', () => {
  it('adam with β1, β2, ε, L1, L2, a cosine schedule and dropout: the engine’s run, reported back', async () => {
    const ran = await cli(
      'train',
      '--json',
      '--epochs',
      '30',
      '--samples',
      '100',
      '--optimizer',
      'adam',
      '--lr',
      '0.01',
      '--beta1',
      '0.8',
      '--beta2',
      '0.99',
      '--epsilon',
      '1e-6',
      '--l1',
      '0.001',
      '--l2',
      '0.002',
      '--lr-schedule',
      'cosine:20:0.001',
      '--dropout',
      '0.2,0.1'
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const out = JSON.parse(ran.stdout)
    expect(out.optimizer).toMatchObject({ kind: 'adam', beta1: 0.8, beta2: 0.99, epsilon: 1e-6 })
    expect(out).toMatchObject({
      l1: 0.001,
      l2: 0.002,
      lrSchedule: 'cosine:20:0.001',
      dropout: [0.2, 0.1],
      features: ['x1', 'x2'],
      finalLearningRate: 0.001
    })
    const expected = engineLosses((c) => {
      c.dataset.samples = 100
      Object.assign(c.training.optimizer, {
        kind: 'adam',
        learningRate: 0.01,
        beta1: 0.8,
        beta2: 0.99,
        epsilon: 1e-6
      })
      Object.assign(c.training, {
        l1: 0.001,
        l2: 0.002,
        lrSchedule: { kind: 'cosine', period: 20, minRate: 0.001 },
        dropout: [0.2, 0.1]
      })
    }, 30)
    expect(out.lossHistory).toEqual(expected)
  })

  it('momentum, a step schedule, one dropout rate for every layer, and features with their input width', async () => {
    const ran = await cli(
      'train',
      '--json',
      '--epochs',
      '12',
      '--samples',
      '80',
      '--optimizer',
      'momentum',
      '--momentum',
      '0.5',
      '--lr-schedule',
      'step:5:0.5',
      '--dropout',
      '0.3',
      '--features',
      'x1^2,x2^2,x1x2',
      '--layers',
      '3,8,4,1',
      '--out',
      'features.nnlab'
    )
    expect(ran.stderr).toBe('')
    const out = JSON.parse(ran.stdout)
    expect(out).toMatchObject({
      layers: [3, 8, 4, 1],
      features: ['x1^2', 'x2^2', 'x1x2'],
      dropout: [0.3, 0.3],
      lrSchedule: 'step:5:0.5',
      finalLearningRate: 0.025
    })
    expect(out.optimizer.momentum).toBe(0.5)
    // The session keeps every setting, so the app (and nn-lab eval) rebuild the same model.
    const parsed = parseSession(readFileSync(join(dir, 'features.nnlab'), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const config = parsed.session.snapshot.config
    expect(config.network.features).toEqual(['x1^2', 'x2^2', 'x1x2'])
    expect(config.training.lrSchedule).toEqual({ kind: 'step', every: 5, factor: 0.5 })
    expect(config.training.dropout).toEqual([0.3, 0.3])
  })

  it('--features alone resizes the notebook’s input layer', async () => {
    const ran = await cli('train', '--json', '--epochs', '2', '--features', 'x1,x2,sin(x1),sin(x2)')
    expect(JSON.parse(ran.stdout).layers).toEqual([4, 16, 8, 1])
  })

  const refusals: [string[], RegExp][] = [
    [['--l2', '2000'], /--l2 must be from 0 to 1000, not 2000\./],
    [['--l1=-1'], /--l1 must be from 0 to 1000/],
    [['--momentum', '1'], /--momentum must be at least 0 and below 1, not 1\./],
    [['--beta2', 'x'], /--beta2 must be a number, not "x"\./],
    [['--epsilon', '0'], /--epsilon must be greater than 0 and at most 1/],
    [['--lr-schedule', 'step:0:0.5'], /--lr-schedule: A step schedule's interval K/],
    [['--lr-schedule', 'exp'], /--lr-schedule: write the exp schedule as exp:G/],
    [['--lr-schedule', 'linear:3'], /one of constant, step:K:F, exp:G, cosine:T:LRMIN/],
    [
      ['--lr-schedule', 'cosine:100:0.5'],
      /lowest rate must be from 0 to the learning rate \(0\.1\)/
    ],
    [['--dropout', '0.5,0.5,0.5'], /one per hidden layer \(2\), not 3/],
    [['--dropout', '1'], /at least 0 and below 1/],
    [['--features', 'x3'], /--features must be one of x1, x2, x1\^2/],
    [['--features', 'x1,x1'], /lists a feature twice/],
    [
      ['--features', 'x1,x2,x1x2', '--layers', '2,4,1'],
      /--features\/--layers: The input layer has 2 neurons but 3 input features/
    ]
  ]
  for (const [args, message] of refusals) {
    it(`refuses ${args.join(' ')}`, async () => {
      const ran = await cli('train', '--epochs', '1', ...args)
      expect(ran.code).toBe(2)
      expect(ran.stderr).toMatch(message)
    })
  }

  it('--help lists every option', () => {
    for (const option of Object.keys(TRAIN_OPTIONS)) {
      expect(COMMAND_HELP.train).toContain(`--${option}`)
    }
  })
})
