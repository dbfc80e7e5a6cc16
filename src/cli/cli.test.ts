// The nn-lab command, mostly in-process through main(argv, io) (fast), plus real spawns of the
// npm-script entry point to prove exit codes and streams end to end.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { predict, SEED_NOTEBOOK, TrainingRun } from '../shared/engine'
import {
  datasetCsv,
  historyCsv,
  logIntervalFor,
  notebookExport,
  numpyScript,
  torchScript,
  weightsJson
} from '../shared/export'
import { createSessionDocument, parseSession, serializeSession } from '../shared/session'
import { withChanges } from '../shared/session/testRuns'
import { cliIn } from './testCli'

const ROOT = resolve(import.meta.dirname, '../..')
const dir = mkdtempSync(join(tmpdir(), 'nnlab-cli-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

function file(name: string, text: string): string {
  writeFileSync(join(dir, name), text)
  return name
}

const reference = JSON.parse(
  readFileSync(join(ROOT, 'src/shared/engine/fixtures/seed_notebook_reference.json'), 'utf8')
) as { printed: string[]; losses: (number | string)[] }

describe('nn-lab train', () => {
  it('prints the notebook’s log, line for line, with the defaults', async () => {
    const ran = await cli('train')
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    // The notebook prints two set-up lines before the network exists; the rest is the run.
    expect(ran.stdout).toBe(reference.printed.slice(2).join('\n') + '\n')
  })

  it('--preset seed-notebook is the same run, and --log-every changes only the epoch lines', async () => {
    const ran = await cli(
      'train',
      '--preset',
      'seed-notebook',
      '--epochs',
      '30',
      '--log-every',
      '10'
    )
    const lines = ran.stdout.trimEnd().split('\n')
    expect(lines.slice(0, 2)).toEqual(['Network: 2, 16, 8, 1', 'Total parameters: 193'])
    expect(lines.slice(2, 5).map((l) => l.slice(0, 10))).toEqual([
      'Epoch   10',
      'Epoch   20',
      'Epoch   30'
    ])
    expect(lines[5]).toBe('')
    expect(lines[6]).toMatch(/^🎯 Final Accuracy: \d+\.\d\d%$/)
  })

  it('--json prints one object with every epoch’s loss, matching NumPy and the engine', async () => {
    const ran = await cli('train', '--json')
    expect(ran.code).toBe(0)
    expect(ran.stdout.trimEnd().split('\n')).toHaveLength(1)
    const result = JSON.parse(ran.stdout)
    expect(result.layers).toEqual([2, 16, 8, 1])
    expect(result.epochs).toBe(2000)
    expect(result.parameterCount).toBe(193)
    expect(result.lossHistory).toHaveLength(2000)
    result.lossHistory.forEach((loss: number, i: number) => {
      const numpy = Number(reference.losses[i])
      expect(Math.abs(loss - numpy) / numpy).toBeLessThan(1e-10)
    })
    expect(result.finalAccuracy).toBe(1)
    expect(result.finalLoss).toBeGreaterThan(0)
    expect(result.finalLoss).toBeLessThan(result.lossHistory[1999])
    expect(typeof result.trainSeconds).toBe('number')
    expect(result.trainSeconds).toBeGreaterThan(0)
    expect(result.trainSeconds).toBeLessThan(600)
  })

  it('honours every training option (compared with the engine run the options describe)', async () => {
    const ran = await cli(
      'train',
      '--dataset',
      'spiral',
      '--samples',
      '90',
      '--noise',
      '0.1',
      '--test-fraction',
      '0.2',
      '--layers',
      '2,12,6,3',
      '--activation',
      'tanh,leaky-relu',
      '--init',
      'xavier',
      '--optimizer',
      'adam',
      '--lr',
      '0.01',
      '--epochs',
      '25',
      '--batch',
      '16',
      '--seed',
      '7',
      '--json'
    )
    expect(ran.stderr).toBe('')
    const result = JSON.parse(ran.stdout)
    const config = withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 90, noise: 0.1, testFraction: 0.2, seed: 7, classes: 3 },
      network: {
        layerSizes: [2, 12, 6, 3],
        activations: ['tanh', 'leaky-relu'],
        output: 'softmax',
        init: 'xavier'
      },
      training: { batchSize: 16, epochLimit: 25 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    })
    const run = TrainingRun.create(config)
    for (let i = 0; i < 25; i++) run.trainEpoch()
    expect(result.lossHistory).toEqual(run.history.map((e) => e.loss))
    expect(result.testLossHistory).toEqual(run.history.map((e) => e.testLoss))
    expect(result.finalAccuracy).toBe(run.evaluate(run.train).accuracy)
    expect(result.finalTestAccuracy).toBe(run.evaluate(run.test).accuracy)
  })

  it('trains on --data CSV points', async () => {
    const rows = ['x1,x2,label']
    for (let i = 0; i < 40; i++)
      rows.push(`${Math.cos(i)},${Math.sin(i) * (i % 2 ? 3 : 1)},${i % 2}`)
    const ran = await cli(
      'train',
      '--data',
      file('points.csv', rows.join('\n')),
      '--epochs',
      '5',
      '--json'
    )
    expect(ran.stderr).toBe('')
    const result = JSON.parse(ran.stdout)
    expect(result.dataset.kind).toBe('csv')
    expect(result.dataset.samples).toBe(40)
    expect(result.lossHistory).toHaveLength(5)
  })

  it('--out saves a session that reopens to the same run', async () => {
    const ran = await cli('train', '--epochs', '50', '--batch', '32', '--out', 'run.nnlab')
    expect(ran.code).toBe(0)
    expect(ran.stdout.trimEnd().split('\n').pop()).toBe('Session saved to run.nnlab')
    const loaded = parseSession(readFileSync(join(dir, 'run.nnlab'), 'utf8'))
    if (!loaded.ok) throw new Error(loaded.error.message)
    expect(loaded.session.name).toBe('run')
    const straight = TrainingRun.create(
      withChanges(SEED_NOTEBOOK, { training: { batchSize: 32, epochLimit: 50 } })
    )
    for (let i = 0; i < 50; i++) straight.trainEpoch()
    expect(loaded.session.snapshot.epoch).toBe(50)
    expect(Array.from(loaded.session.snapshot.params.weights[2])).toEqual(
      Array.from(straight.params.weights[2])
    )
  })
})

describe('commands on a saved session', () => {
  const config = withChanges(SEED_NOTEBOOK, {
    dataset: { kind: 'moons', samples: 80, testFraction: 0.25, seed: 5 },
    network: { layerSizes: [2, 8, 1], activations: ['tanh'] },
    training: { epochLimit: 40 }
  })
  const run = TrainingRun.create(config)
  for (let i = 0; i < 40; i++) run.trainEpoch()
  const snapshot = run.snapshot()
  beforeAll(() => {
    file(
      'saved.nnlab',
      serializeSession(createSessionDocument(snapshot, { name: 'saved', appVersion: '0.1.0' }))
    )
  })

  it('predict --json prints the engine’s probabilities for x1,x2 rows', async () => {
    const ran = await cli(
      'predict',
      'saved.nnlab',
      '--data',
      file('probe.csv', 'x1,x2\n0,0\n1.5,-0.5\n-1,2\n'),
      '--json'
    )
    expect(ran.stderr).toBe('')
    const expected = predict(
      config.network,
      snapshot.params,
      Float64Array.of(0, 0, 1.5, -0.5, -1, 2),
      3
    )
    expect(JSON.parse(ran.stdout)).toEqual({
      probabilities: Array.from(expected),
      classNames: ['0', '1'],
      predicted: Array.from(expected, (p) => (p > 0.5 ? '1' : '0')),
      columns: { x: ['x1', 'x2'] },
      droppedRows: 0
    })
  })

  it('predict without --json prints one probability per line; a label column is ignored', async () => {
    const ran = await cli(
      'predict',
      'saved.nnlab',
      '--data',
      file('labelled.csv', '0,0,1\n2,2,0\n')
    )
    const expected = predict(config.network, snapshot.params, Float64Array.of(0, 0, 2, 2), 2)
    expect(ran.stdout).toBe(`${expected[0]}\n${expected[1]}\n`)
  })

  it('predict gives one probability per class for a softmax model', async () => {
    const spiral = withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'spiral', samples: 60, classes: 3 },
      network: { layerSizes: [2, 6, 3], activations: ['tanh'], output: 'softmax' }
    })
    const softmaxRun = TrainingRun.create(spiral)
    for (let i = 0; i < 5; i++) softmaxRun.trainEpoch()
    const doc = createSessionDocument(softmaxRun.snapshot(), {
      name: 'spiral',
      appVersion: '0.1.0'
    })
    file('spiral.nnlab', serializeSession(doc))
    const ran = await cli(
      'predict',
      'spiral.nnlab',
      '--data',
      file('two.csv', '0.5,0.5\n-1,0\n'),
      '--json'
    )
    const p = predict(spiral.network, softmaxRun.params, Float64Array.of(0.5, 0.5, -1, 0), 2)
    const rows = [Array.from(p.subarray(0, 3)), Array.from(p.subarray(3, 6))]
    expect(JSON.parse(ran.stdout)).toMatchObject({
      probabilities: rows,
      classNames: ['0', '1', '2'],
      predicted: rows.map((r) => String(r.indexOf(Math.max(...r))))
    })
  })

  it('eval prints loss and accuracy on the training and test points', async () => {
    const json = JSON.parse((await cli('eval', 'saved.nnlab', '--json')).stdout)
    const train = run.evaluate(run.train)
    const test = run.evaluate(run.test)
    expect(json).toEqual({
      epoch: 40,
      problem: 'classification',
      loss: train.loss,
      accuracy: train.accuracy,
      points: 60,
      data: 'train',
      test: { loss: test.loss, accuracy: test.accuracy, points: 20 }
    })
    const text = (await cli('eval', 'saved.nnlab')).stdout.split('\n')
    expect(text[0]).toBe('Epoch 40')
    expect(text[1]).toMatch(/^Training: Loss: \d\.\d{4} \| Accuracy: \d+\.\d\d% \(60 points\)$/)
    expect(text[2]).toMatch(/^Test: Loss: \d\.\d{4} \| Accuracy: \d+\.\d\d% \(20 points\)$/)
  })

  it('eval --data evaluates on other labelled points', async () => {
    const csv = file('other.csv', datasetCsv(run.test))
    const json = JSON.parse((await cli('eval', 'saved.nnlab', '--data', csv, '--json')).stdout)
    expect(json.loss).toBe(run.evaluate(run.test).loss)
    expect(json.points).toBe(20)
  })

  it('export writes each kind to --out atomically, or to stdout', async () => {
    const kinds: [string, string][] = [
      ['numpy', numpyScript(snapshot)],
      [
        'notebook',
        notebookExport(snapshot, {
          printEvery: logIntervalFor(snapshot.config.training.epochLimit)
        })
      ],
      ['torch', torchScript(snapshot)],
      ['weights', weightsJson(snapshot)],
      ['history', historyCsv(snapshot.history)]
    ]
    for (const [kind, expected] of kinds) {
      const out = `export-${kind}.txt`
      const ran = await cli('export', kind, 'saved.nnlab', '--out', out)
      expect(ran).toEqual({ code: 0, stdout: '', stderr: '' })
      expect(readFileSync(join(dir, out), 'utf8')).toBe(expected)
      expect((await cli('export', kind, 'saved.nnlab')).stdout).toBe(expected)
    }
    const every7 = (await cli('export', 'notebook', 'saved.nnlab', '--log-every', '7')).stdout
    expect(every7).toBe(notebookExport(snapshot, { printEvery: 7 }))
    expect(every7).toContain('print_every=7')
    expect((await cli('export', 'data', 'saved.nnlab', '--split', 'test')).stdout).toBe(
      datasetCsv(snapshot.test)
    )
    const all = (await cli('export', 'data', 'saved.nnlab')).stdout.trimEnd().split('\n')
    expect(all).toHaveLength(1 + 80)
    expect(all[0]).toBe('x1,x2,label,split')
    expect(all.filter((row) => row.endsWith(',test'))).toHaveLength(20)
  })

  it('export data → train --data reproduces the same train and test points bit for bit', async () => {
    await cli('export', 'data', 'saved.nnlab', '--out', 'exported.csv')
    const ran = await cli(
      'train',
      '--data',
      'exported.csv',
      '--layers',
      '2,8,1',
      '--epochs',
      '1',
      '--out',
      'reimported.nnlab'
    )
    expect(ran.stderr).toBe('')
    const loaded = parseSession(readFileSync(join(dir, 'reimported.nnlab'), 'utf8'))
    if (!loaded.ok) throw new Error(loaded.error.message)
    const again = loaded.session.snapshot
    expect(again.config.dataset.testFraction).toBe(0.25)
    for (const part of ['train', 'test'] as const) {
      expect(again[part].count).toBe(snapshot[part].count)
      expect(Buffer.from(again[part].x.buffer).equals(Buffer.from(snapshot[part].x.buffer))).toBe(
        true
      )
      expect(Array.from(again[part].labels)).toEqual(Array.from(snapshot[part].labels))
    }
    // --test-fraction still wins over the file's split: a fresh random split of that size.
    const json = JSON.parse(
      (
        await cli(
          'train',
          '--data',
          'exported.csv',
          '--test-fraction',
          '0.5',
          '--epochs',
          '1',
          '--json'
        )
      ).stdout
    )
    expect(json.dataset.testFraction).toBe(0.5)
  })
})

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  beforeAll(() => {
    const good = serializeSession(
      createSessionDocument(
        TrainingRun.create(withChanges(SEED_NOTEBOOK, { dataset: { samples: 20 } })).snapshot(),
        {
          name: 'ok',
          appVersion: '0.1.0'
        }
      )
    )
    file('ok.nnlab', good)
    file('truncated.nnlab', good.slice(0, 300))
    file('newer.nnlab', good.replace(/"version": \d+/, '"version": 7'))
    file('garbage.nnlab', 'not json at all')
    file('bad-row.csv', 'x1,x2,label\n0,0,1\n1,oops,0\n')
    file('short-row.csv', '0,0,1\n1,1,0,7\n')
    file('three-classes.csv', '0,0,0\n1,1,1\n2,2,2\n')
    file('empty.csv', 'x1,x2,label\n')
    file('bad-points.csv', 'x1,x2\n1,2\n3,four\n')
  })

  const cases: [string, string[], RegExp][] = [
    ['no command', [], /missing command/],
    ['unknown command', ['fly'], /unknown command "fly"/],
    ['unknown option', ['train', '--bogus'], /unknown option --bogus/],
    ['unknown short option', ['train', '-x'], /unknown option -x/],
    ['stray argument', ['train', 'extra'], /no arguments/],
    ['option without its value', ['train', '--lr'], /--lr needs a value/],
    ['value given to a flag', ['train', '--json=yes'], /--json takes no value/],
    ['--preset unknown', ['train', '--preset', 'mine'], /--preset must be one of seed-notebook/],
    [
      '--dataset unknown',
      ['train', '--dataset', 'squares'],
      /--dataset must be one of circles, xor, gauss, spiral, moons/
    ],
    [
      '--dataset and --data',
      ['train', '--dataset', 'xor', '--data', 'bad-row.csv'],
      /either --dataset or --data/
    ],
    ['--data missing file', ['train', '--data', 'nope.csv'], /cannot read nope\.csv: no such file/],
    [
      '--data malformed row',
      ['train', '--data', 'bad-row.csv'],
      /bad-row\.csv: Line 3: "oops" in column 'x2' is not a number: correct it, or pass --x-columns A,B\./
    ],
    [
      '--data short row',
      ['train', '--data', 'short-row.csv'],
      /short-row\.csv: Line 2: found 4 values where the file has 3 columns: check the delimiter/
    ],
    ['--data no rows', ['train', '--data', 'empty.csv'], /empty\.csv: The file has no data rows/],
    [
      '--data with --samples',
      ['train', '--data', 'bad-row.csv', '--samples', '50'],
      /--samples applies to generated datasets/
    ],
    [
      '--data 3 classes, sigmoid head',
      ['train', '--data', 'three-classes.csv'],
      /3 classes; end --layers with 3/
    ],
    ['--samples too few', ['train', '--samples', '2'], /--samples must be a whole number from 4/],
    ['--samples not a number', ['train', '--samples', 'many'], /--samples/],
    ['--samples fractional', ['train', '--samples', '10.5'], /--samples/],
    ['--noise not a number', ['train', '--noise', 'loud'], /--noise must be a number/],
    ['--noise negative', ['train', '--noise=-1'], /Noise must be a number from 0 to 5/],
    ['--noise huge', ['train', '--noise', '99'], /Noise must be/],
    [
      '--test-fraction 1',
      ['train', '--test-fraction', '1'],
      /--test-fraction must be at least 0 and less than 1/
    ],
    [
      '--test-fraction text',
      ['train', '--test-fraction', 'half'],
      /--test-fraction must be a number/
    ],
    ['--layers with a zero', ['train', '--layers', '2,0,1'], /Layer 2 has 0 neurons/],
    ['--layers wrong input', ['train', '--layers', '3,4,1'], /input layer must have 2 neurons/],
    [
      '--layers not numbers',
      ['train', '--layers', 'two,four'],
      /--layers must be whole numbers separated by commas/
    ],
    ['--layers single', ['train', '--layers', '2'], /--layers must be whole numbers/],
    [
      '--layers too wide',
      ['train', '--layers', '2,5000,1'],
      /at most 1024|most a layer can have is 1024/
    ],
    [
      '--layers too deep',
      ['train', '--layers', '2,4,4,4,4,4,4,4,4,4,4,1'],
      /at most 8 hidden layers/
    ],
    ['--activation unknown', ['train', '--activation', 'softsign'], /--activation must be one of/],
    [
      '--activation count',
      ['train', '--activation', 'relu,tanh,relu'],
      /one per hidden layer \(2\)/
    ],
    ['--init unknown', ['train', '--init', 'zeros'], /--init must be one of he, xavier, uniform/],
    [
      '--optimizer unknown',
      ['train', '--optimizer', 'rmsprop'],
      /--optimizer must be one of sgd, momentum, adam/
    ],
    ['--lr zero', ['train', '--lr', '0'], /--lr must be greater than 0/],
    ['--lr negative', ['train', '--lr=-0.5'], /--lr must be greater than 0/],
    ['--lr negative, spaced', ['train', '--lr', '-0.5'], /--lr needs a value/],
    ['--lr text', ['train', '--lr', 'fast'], /--lr must be a number/],
    ['--lr Infinity', ['train', '--lr', 'Infinity'], /--lr must be a number/],
    ['--lr hex', ['train', '--lr', '0x10'], /--lr must be a number/],
    ['--epochs zero', ['train', '--epochs', '0'], /--epochs must be a whole number from 1/],
    [
      '--epochs beyond what a session can hold',
      ['train', '--epochs', '5000001'],
      /--epochs must be a whole number from 1 to 5000000/
    ],
    ['--epochs fractional', ['train', '--epochs', '2.5'], /--epochs/],
    ['--batch zero', ['train', '--batch', '0'], /--batch must be a whole number from 1/],
    ['--batch word', ['train', '--batch', 'half'], /--batch/],
    [
      '--seed negative',
      ['train', '--seed=-1'],
      /--seed must be a whole number from 0 to 4294967295/
    ],
    ['--seed too big', ['train', '--seed', '4294967296'], /--seed/],
    [
      '--log-every zero',
      ['train', '--log-every', '0'],
      /--log-every must be a whole number from 1/
    ],
    [
      '--out in a missing folder',
      ['train', '--out', 'no/such/folder/x.nnlab'],
      /cannot write no\/such\/folder\/x\.nnlab: the folder .* does not exist/
    ],
    ['predict without a session', ['predict', '--data', 'bad-points.csv'], /needs a SESSION file/],
    ['predict without --data', ['predict', 'ok.nnlab'], /needs --data FILE/],
    [
      'predict missing session',
      ['predict', 'gone.nnlab', '--data', 'bad-points.csv'],
      /cannot read gone\.nnlab: no such file/
    ],
    [
      'predict corrupt session',
      ['predict', 'garbage.nnlab', '--data', 'bad-points.csv'],
      /garbage\.nnlab: The file is not valid JSON/
    ],
    [
      'predict truncated session',
      ['predict', 'truncated.nnlab', '--data', 'bad-points.csv'],
      /truncated\.nnlab: The file ends too early/
    ],
    [
      'predict newer session',
      ['predict', 'newer.nnlab', '--data', 'bad-points.csv'],
      /newer NN Lab \(format version 7\)/
    ],
    [
      'predict malformed points',
      ['predict', 'ok.nnlab', '--data', 'bad-points.csv'],
      /bad-points\.csv: Line 3: "four" in column .x2. is not a number/
    ],
    [
      'predict unknown option',
      ['predict', 'ok.nnlab', '--data', 'bad-points.csv', '--epochs', '3'],
      /unknown option --epochs for "predict"/
    ],
    ['eval two sessions', ['eval', 'ok.nnlab', 'ok.nnlab'], /takes one SESSION file/],
    ['eval corrupt session', ['eval', 'garbage.nnlab'], /not valid JSON/],
    ['eval malformed data', ['eval', 'ok.nnlab', '--data', 'bad-row.csv'], /Line 3/],
    [
      'eval data with more classes',
      ['eval', 'ok.nnlab', '--data', 'three-classes.csv'],
      /3 classes, but the model predicts only 2/
    ],
    ['export without a kind', ['export'], /needs a kind/],
    ['export unknown kind', ['export', 'pickle', 'ok.nnlab'], /unknown export "pickle"/],
    ['export without a session', ['export', 'numpy'], /needs a SESSION file/],
    [
      'export --split for numpy',
      ['export', 'numpy', 'ok.nnlab', '--split', 'test'],
      /--split only applies/
    ],
    [
      'export --log-every for torch',
      ['export', 'torch', 'ok.nnlab', '--log-every', '5'],
      /--log-every only applies to "export notebook"/
    ],
    [
      'export notebook --log-every 0',
      ['export', 'notebook', 'ok.nnlab', '--log-every', '0'],
      /--log-every must be a whole number of at least 1, not "0"/
    ],
    ['export torch without a session', ['export', 'torch'], /needs a SESSION file/],
    [
      'export --split unknown',
      ['export', 'data', 'ok.nnlab', '--split', 'some'],
      /--split must be one of all, train, test/
    ],
    [
      'export to a missing folder',
      ['export', 'weights', 'ok.nnlab', '--out', 'missing/w.json'],
      /does not exist/
    ],
    ['export corrupt session', ['export', 'history', 'truncated.nnlab'], /ends too early/]
  ]

  for (const [name, argv, message] of cases) {
    it(name, async () => {
      const ran = await cli(...argv)
      expect(ran.code).toBe(2)
      expect(ran.stdout).toBe('')
      expect(ran.stderr).toMatch(/^nn-lab: [^\n]+\n$/)
      expect(ran.stderr).toMatch(message)
      expect(ran.stderr).not.toMatch(/\bat .*:\d+:\d+|Error:/)
    })
  }

  it('leaves no file behind when the run is refused', () => {
    expect(existsSync(join(dir, 'no'))).toBe(false)
  })

  it('--help prints the usage and exits 0', async () => {
    const general = await cli('--help')
    expect(general.code).toBe(0)
    expect(general.stdout).toMatch(/nn-lab train \[options\]/)
    const train = await cli('train', '--help')
    expect(train.stdout).toMatch(/--log-every N/)
    expect((await cli('help', 'export')).stdout).toMatch(/KIND is one of/)
  })
})

describe('the real command (spawned through tsx, as npm run nn-lab does)', () => {
  const tsx = join(ROOT, 'node_modules/.bin/tsx')
  const spawn = (...args: string[]) =>
    spawnSync(tsx, [join(ROOT, 'src/cli/index.ts'), ...args], { cwd: dir, encoding: 'utf8' })

  it('trains with --json and exits 0', () => {
    const ran = spawn('train', '--epochs', '20', '--json')
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    expect(JSON.parse(ran.stdout).lossHistory).toHaveLength(20)
  })

  it('answers bad input with one stderr line and exit code 2', () => {
    const ran = spawn('train', '--layers', '2,0,1')
    expect(ran.status).toBe(2)
    expect(ran.stdout).toBe('')
    expect(ran.stderr).toBe(
      'nn-lab: --layers: Layer 2 has 0 neurons; every layer needs a whole number of at least 1.\n'
    )
  })

  it('stops quietly when the reader closes the pipe early', () => {
    const ran = spawnSync(
      'sh',
      ['-c', `"${tsx}" "${join(ROOT, 'src/cli/index.ts')}" train --log-every 1 | head -n 3`],
      {
        cwd: dir,
        encoding: 'utf8'
      }
    )
    expect(ran.stdout).toBe(
      'Network: 2, 16, 8, 1\nTotal parameters: 193\nEpoch    1 | Loss: 0.6312 | Accuracy: 50.00%\n'
    )
    expect(ran.stderr).toBe('')
  })

  it('answers a corrupt session with one stderr line and exit code 2', () => {
    writeFileSync(join(dir, 'spawn-bad.nnlab'), '{"format": "nnlab-session", "version": 1, "run": ')
    const ran = spawn('eval', 'spawn-bad.nnlab')
    expect(ran.status).toBe(2)
    expect(ran.stderr.split('\n')).toHaveLength(2)
    expect(ran.stderr).toMatch(/^nn-lab: spawn-bad\.nnlab: The file ends too early/)
  })
})
