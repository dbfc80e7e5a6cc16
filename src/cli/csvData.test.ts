// `train --data` and `eval --data` read files the way the app does (src/shared/import): the
// fixtures written by pandas, scikit-learn and a spreadsheet give the columns and classes that
// pandas + LabelEncoder read, and the same final loss as a run built from the shared import.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '../shared/engine'
import { importCsv } from '../shared/import'
import { parseSession } from '../shared/session'
import { withChanges } from '../shared/session/testRuns'
import { cliIn } from './testCli'

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/import')
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { inputNames: string[]; labelName: string; classNames: string[]; droppedRows: number }
>
const dir = mkdtempSync(join(tmpdir(), 'nnlab-cli-csv-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

describe('train --data on everyday CSV files', () => {
  for (const [name, want] of Object.entries(expected)) {
    it(`${name}: columns, classes and the final loss of the shared import`, async () => {
      const k = want.classNames.length
      const layers = k === 2 ? '2,6,1' : `2,6,${k}`
      const path = join(FIXTURES, name)
      const ran = await cli(
        'train',
        '--data',
        path,
        '--layers',
        layers,
        '--epochs',
        '30',
        '--seed',
        '5',
        '--json'
      )
      expect(ran.stderr).toBe('')
      expect(ran.code).toBe(0)
      const out = JSON.parse(ran.stdout) as {
        classNames: string[]
        columns: { x: string[]; label: string }
        droppedRows: number
        finalLoss: number
        dataset: { samples: number; classes: number }
      }
      expect(out.classNames).toEqual(want.classNames)
      expect(out.columns).toMatchObject({ x: want.inputNames, label: want.labelName })
      expect(out.droppedRows).toBe(want.droppedRows)
      const data = importCsv(readFileSync(path, 'utf8')).data
      const config = withChanges(SEED_NOTEBOOK, {
        dataset: { kind: 'csv', samples: data.count, classes: k, seed: 5 },
        network: {
          layerSizes: k === 2 ? [2, 6, 1] : [2, 6, k],
          activations: ['relu'],
          output: k === 2 ? 'sigmoid' : 'softmax'
        },
        training: { epochLimit: 30 }
      })
      const run = TrainingRun.create(config, data)
      for (let i = 0; i < 30; i++) run.trainEpoch()
      expect(out.finalLoss).toBe(run.evaluate(run.train).loss)
    })
  }

  it('--x-columns and --label-column choose other columns', async () => {
    const ran = await cli(
      'train',
      '--data',
      join(FIXTURES, 'iris.csv'),
      '--x-columns',
      'petal length (cm),petal width (cm)',
      '--label-column',
      'species',
      '--layers',
      '2,4,3',
      '--epochs',
      '2',
      '--json'
    )
    expect(ran.stderr).toBe('')
    expect(JSON.parse(ran.stdout).columns.x).toEqual(['petal length (cm)', 'petal width (cm)'])
  })

  it('a wrong delimiter or column is one line saying what to change', async () => {
    writeFileSync(join(dir, 'semi.csv'), 'a;b;c\n1;2;0\n3;4;1\n')
    const wrong = await cli('train', '--data', 'semi.csv', '--delimiter', ',')
    expect(wrong.code).toBe(2)
    expect(wrong.stderr).toBe(
      "nn-lab: semi.csv: The file uses ';' between values: pass --delimiter ';'.\n"
    )
    const missing = await cli('train', '--data', 'semi.csv', '--label-column', 'kind')
    expect(missing.stderr.trim().split('\n')).toHaveLength(1)
    expect(missing.stderr).toContain(
      "no column 'kind' (its columns: 'a', 'b', 'c'): pass --label-column C"
    )
    writeFileSync(join(dir, 'price.csv'), 'a,b,price\n1,2,3.5\n3,4,1.25\n')
    // Real numbers are a regression target unless classification is asked for.
    const regression = await cli('train', '--data', 'price.csv', '--epochs', '2', '--json')
    expect(JSON.parse(regression.stdout).problem).toBe('regression')
    const real = await cli('train', '--data', 'price.csv', '--problem', 'classification')
    expect(real.stderr).toContain("column 'price' holds real numbers".replace('column', 'Column'))
    const orphan = await cli('train', '--delimiter', ';')
    expect(orphan.stderr).toContain('--delimiter applies to a --data file')
  })

  it('eval --data scores a file by the session’s class names, whatever order the file has', async () => {
    const session = join(dir, 'iris.nnlab')
    const trained = await cli(
      'train',
      '--data',
      join(FIXTURES, 'iris.csv'),
      '--layers',
      '2,8,3',
      '--epochs',
      '200',
      '--lr',
      '0.05',
      '--out',
      session,
      '--json'
    )
    expect(trained.code).toBe(0)
    // Only virginica and setosa rows, virginica first: classes 2 and 0 of the session.
    const rows = readFileSync(join(FIXTURES, 'iris.csv'), 'utf8').trim().split('\n')
    const subset = [rows[0], ...rows.slice(101), ...rows.slice(1, 51)].join('\n')
    writeFileSync(join(dir, 'subset.csv'), subset)
    const byNames = JSON.parse(
      (await cli('eval', session, '--data', 'subset.csv', '--json')).stdout
    )
    expect(byNames.points).toBe(100)
    // The same points labelled by hand with the session's class indices.
    const session_ = parseSession(readFileSync(session, 'utf8'))
    if (!session_.ok) throw new Error(session_.error.message)
    const run = TrainingRun.restore(session_.session.snapshot)
    const picked = [...rows.slice(101), ...rows.slice(1, 51)].map((r) => r.split(','))
    const data = {
      x: Float64Array.from(picked.flatMap((c) => [Number(c[0]), Number(c[1])])),
      labels: Int32Array.from(picked, (c) => (c[4] === 'virginica' ? 2 : 0)),
      count: picked.length,
      classes: 3
    }
    expect(byNames.loss).toBe(run.evaluate(data).loss)
    expect(byNames.accuracy).toBe(run.evaluate(data).accuracy)
  })
})
