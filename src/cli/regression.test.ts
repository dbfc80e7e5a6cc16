// The regression problem type through the nn-lab command: train on plane and on a CSV target
// column, the session it saves, eval/predict on it, and its NumPy script run by real NumPy
// printing the engine's MSE and R².
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { predict, pythonFixed, TrainingRun } from '../shared/engine'
import { numpyScript } from '../shared/export'
import { parseSession } from '../shared/session'
import { cliIn } from './testCli'

const PYTHON = '/usr/bin/python3'
const hasNumpy = spawnSync(PYTHON, ['-c', 'import numpy']).status === 0
const dir = mkdtempSync(join(tmpdir(), 'nnlab-cli-regression-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

const PLANE = [
  '--dataset',
  'plane',
  '--samples',
  '200',
  '--layers',
  '2,8,1',
  '--activation',
  'tanh',
  '--optimizer',
  'adam',
  '--lr',
  '0.02',
  '--epochs',
  '300',
  '--test-fraction',
  '0.2'
]

describe('nn-lab train for regression', () => {
  it('plane: a linear output, R² above 0.9, and --json reports the problem and metrics', async () => {
    const ran = await cli('train', ...PLANE, '--json', '--out', 'plane.nnlab')
    expect(ran.stderr).toBe('')
    const result = JSON.parse(ran.stdout)
    expect(result.problem).toBe('regression')
    expect(result.output).toBe('linear')
    expect(result.dataset.kind).toBe('plane')
    expect(result.finalR2).toBeGreaterThan(0.9)
    expect(result.finalR2).toBe(result.finalAccuracy)
    expect(result.finalMse).toBe(2 * result.finalLoss)
    // The session keeps the targets: restoring it evaluates to the same numbers.
    const parsed = parseSession(readFileSync(join(dir, 'plane.nnlab'), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const run = TrainingRun.restore(parsed.session.snapshot)
    expect(run.evaluate(run.train).accuracy).toBe(result.finalR2)
    const evaluated = await cli('eval', 'plane.nnlab', '--json')
    const report = JSON.parse(evaluated.stdout)
    expect(report.problem).toBe('regression')
    expect(report.r2).toBe(result.finalR2)
    expect(report.test.r2).toBe(result.finalTestR2)
  })

  it('the text log shows Loss, MSE and R²; --problem regression defaults to plane', async () => {
    const ran = await cli('train', '--problem', 'regression', '--epochs', '200', '--samples', '50')
    expect(ran.stdout).toMatch(
      /Epoch {2}200 \| Loss: \d\.\d{4} \| MSE: \d\.\d{4} \| R²: -?\d\.\d{4}/
    )
    expect(ran.stdout).toMatch(/🎯 Final MSE: /)
    const wrong = await cli('train', '--problem', 'regression', '--dataset', 'moons')
    expect(wrong.stderr).toContain('for --problem regression use --dataset plane or gauss-mix')
    const wide = await cli('train', '--dataset', 'gauss-mix', '--layers', '2,8,3')
    expect(wide.stderr).toContain('end --layers with 1')
  })

  it('--target-column reads a real-valued column; eval and predict use the model', async () => {
    const rows = ['a,b,height,kind']
    for (let i = 0; i < 40; i++)
      rows.push(`${i / 10},${(i % 7) / 3},${(i / 10) * 0.5 + 0.25},${i % 2}`)
    writeFileSync(join(dir, 'heights.csv'), rows.join('\n') + '\n')
    const ran = await cli(
      'train',
      '--data',
      'heights.csv',
      '--target-column',
      'height',
      '--epochs',
      '50',
      '--json',
      '--out',
      'heights.nnlab'
    )
    expect(ran.stderr).toBe('')
    const result = JSON.parse(ran.stdout)
    expect(result.problem).toBe('regression')
    expect(result.columns.label).toBe('height')
    const evaluated = await cli(
      'eval',
      'heights.nnlab',
      '--data',
      'heights.csv',
      '--target-column',
      'height'
    )
    expect(evaluated.stdout).toContain(`Loss: ${pythonFixed(result.finalLoss, 4)} | MSE: `)
    writeFileSync(join(dir, 'points.csv'), 'x1,x2\n0.5,1\n2,0\n')
    const predicted = JSON.parse(
      (await cli('predict', 'heights.nnlab', '--data', 'points.csv', '--json')).stdout
    )
    const parsed = parseSession(readFileSync(join(dir, 'heights.nnlab'), 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const { config, params } = parsed.session.snapshot
    expect(predicted.predictions).toEqual([
      ...predict(config.network, params, Float64Array.from([0.5, 1, 2, 0]), 2)
    ])
    const both = await cli(
      'train',
      '--data',
      'heights.csv',
      '--target-column',
      'height',
      '--label-column',
      'kind'
    )
    expect(both.stderr).toContain('either --label-column')
  })

  it.skipIf(!hasNumpy)(
    'the NumPy script predicts the engine’s values and prints its MSE and R²',
    async () => {
      await cli('train', ...PLANE, '--out', 'script.nnlab')
      const parsed = parseSession(readFileSync(join(dir, 'script.nnlab'), 'utf8'))
      if (!parsed.ok) throw new Error(parsed.error.message)
      const snapshot = parsed.session.snapshot
      const path = join(dir, 'model.py')
      writeFileSync(path, numpyScript(snapshot))
      const printed = spawnSync(PYTHON, [path], { encoding: 'utf8' })
      expect(printed.stderr).toBe('')
      const run = TrainingRun.restore(snapshot)
      const train = run.evaluate(run.train)
      const test = run.evaluate(run.test)
      expect(printed.stdout).toBe(
        `Training MSE: ${pythonFixed(2 * train.loss, 4)} | R²: ${pythonFixed(train.accuracy, 4)} (${run.train.count} points)\n` +
          `Test MSE: ${pythonFixed(2 * test.loss, 4)} | R²: ${pythonFixed(test.accuracy, 4)} (${run.test.count} points)\n`
      )
      const values = spawnSync(
        PYTHON,
        [
          '-c',
          `import runpy, json; m = runpy.run_path(${JSON.stringify(path)}); print(json.dumps(m['predict'](m['TRAIN_X']).tolist()))`
        ],
        { encoding: 'utf8' }
      )
      const got = JSON.parse(values.stdout) as number[]
      const expected = predict(
        snapshot.config.network,
        snapshot.params,
        run.train.x,
        run.train.count
      )
      got.forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThanOrEqual(1e-12))
    }
  )
})
