// `train --standardize` fits the z-score on the training points exactly as scikit-learn's
// StandardScaler does (checked by NumPy on the same rows), stores it in the session, and
// `predict` applies it: the probabilities equal the engine's on NumPy-standardised points.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { predict } from '../shared/engine'
import { parseSession } from '../shared/session'
import { cliIn } from './testCli'

const IRIS = resolve(import.meta.dirname, '../../tests/fixtures/import/iris.csv')
const dir = mkdtempSync(join(tmpdir(), 'nnlab-cli-standardize-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

/** NumPy's column means and population standard deviations (ddof=0) of the rows. */
function numpyScaler(rows: number[]): { mean: number[]; scale: number[] } {
  const script = `import json, sys
import numpy as np
x = np.array(json.load(sys.stdin), dtype=np.float64).reshape(-1, 2)
print(json.dumps({"mean": x.mean(axis=0).tolist(), "scale": x.std(axis=0).tolist()}))`
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(rows) }).toString()
  ) as { mean: number[]; scale: number[] }
}

describe('train --standardize', () => {
  it("fits StandardScaler's z-score on the training points; the session and predict apply it", async () => {
    const out = join(dir, 'iris.nnlab')
    const ran = await cli(
      'train',
      '--data',
      IRIS,
      '--layers',
      '2,6,3',
      '--epochs',
      '40',
      '--test-fraction',
      '0.2',
      '--standardize',
      '--out',
      out,
      '--json'
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const report = JSON.parse(ran.stdout) as {
      standardize: { mean: number[]; scale: number[]; fittedOn: string; points: number }
    }
    const parsed = parseSession(readFileSync(out, 'utf8'))
    if (!parsed.ok) throw new Error(parsed.error.message)
    const snapshot = parsed.session.snapshot
    const train = snapshot.train
    expect(report.standardize.points).toBe(train.count)
    expect(report.standardize.fittedOn).toBe('training points')
    const reference = numpyScaler(Array.from(train.x.subarray(0, 2 * train.count)))
    for (let j = 0; j < 2; j++) {
      expect(report.standardize.mean[j]).toBeCloseTo(reference.mean[j], 12)
      expect(report.standardize.scale[j]).toBeCloseTo(reference.scale[j], 12)
    }
    // Stored with the model: the session's network carries the same transform.
    expect(snapshot.config.network.standardize?.mean).toEqual(report.standardize.mean)
    expect(snapshot.config.network.standardize?.scale).toEqual(report.standardize.scale)

    // predict reads raw points and standardises them itself.
    const predicted = await cli('predict', out, '--data', IRIS, '--json')
    expect(predicted.stderr).toBe('')
    const rows = (JSON.parse(predicted.stdout) as { probabilities: number[][] }).probabilities
    const raw = readFileSync(IRIS, 'utf8').trim().split('\n').slice(1)
    const first = raw[0].split(',').map(Number)
    const z = [0, 1].map((j) => (first[j] - reference.mean[j]) / reference.scale[j])
    const { standardize: _omit, ...plain } = snapshot.config.network
    void _omit
    const engine = predict(plain, snapshot.params, Float64Array.from(z), 1)
    for (let k = 0; k < 3; k++) expect(rows[0][k]).toBeCloseTo(engine[k], 12)
    // Without the transform the answer differs (the test would see a predict that ignores it).
    const unscaled = predict(plain, snapshot.params, Float64Array.from(first.slice(0, 2)), 1)
    expect(Math.abs(unscaled[0] - rows[0][0])).toBeGreaterThan(1e-6)
  })
})
