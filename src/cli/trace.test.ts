// `nn-lab trace`, in-process through main(): the JSON is the engine's trace (itself checked
// against NumPy in engine/trace.test.ts), for the notebook's run, a session and one sample.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, traceNextEpoch, TrainingRun } from '../shared/engine'
import { createSessionDocument, serializeSession } from '../shared/session'
import { cliIn } from './testCli'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-trace-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

interface TraceLayerJson {
  shape: number[]
  activation: string
  W: number[][]
  b: number[]
  z: number[][]
  a: number[][]
  delta: number[][]
  dW: number[][]
  db: number[]
  Wafter: number[][]
  bAfter: number[]
}
interface TraceJson {
  epoch: number
  lossBefore: number
  batch: { index: number; of: number; size: number }
  rows: number[]
  x: number[][]
  labels: number[]
  layers: TraceLayerJson[]
}

/** What JSON makes of a value (−0 prints as 0). */
const viaJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T

const rowsOf = (values: Float64Array, cols: number): number[][] =>
  viaJson(
    Array.from({ length: values.length / cols }, (_, r) =>
      Array.from(values.subarray(r * cols, (r + 1) * cols))
    )
  )
const rowOf = (values: Float64Array, row: number, cols: number): number[][] =>
  rowsOf(values.subarray(row * cols, (row + 1) * cols), cols)

describe('nn-lab trace', () => {
  it('--json with no session: epoch 1 of the notebook run, every quantity the engine’s', async () => {
    const { code, stdout, stderr } = await cli('trace', '--json')
    expect(stderr).toBe('')
    expect(code).toBe(0)
    const out = JSON.parse(stdout) as TraceJson
    const trace = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK))
    expect(out.epoch).toBe(1)
    expect(out.lossBefore).toBe(trace.lossBefore)
    expect(out.batch).toEqual({ index: 0, of: 1, size: 400 })
    expect(out.layers.map((l) => l.shape)).toEqual([
      [2, 16],
      [16, 8],
      [8, 1]
    ])
    out.layers.forEach((layer, l) => {
      const t = trace.layers[l]
      expect(layer.W).toEqual(rowsOf(t.W, t.units))
      expect(layer.z).toHaveLength(400)
      expect(layer.z).toEqual(rowsOf(t.z, t.units))
      expect(layer.delta).toEqual(rowsOf(t.delta, t.units))
      expect(layer.dW).toEqual(rowsOf(t.dW, t.units))
      expect(layer.Wafter).toEqual(rowsOf(t.Wafter, t.units))
      expect(layer.bAfter).toEqual(viaJson(Array.from(t.bAfter)))
    })
  })

  it('--epoch N and --sample I: train up to N − 1, then one row of the forward/backward', async () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    for (let e = 0; e < 4; e++) run.trainEpoch()
    const trace = traceNextEpoch(run)
    const out = JSON.parse(
      (await cli('trace', '--epoch', '5', '--sample', '12', '--json')).stdout
    ) as TraceJson
    expect(out.epoch).toBe(5)
    expect(out.rows).toEqual([12])
    expect(out.x).toEqual(rowOf(trace.x, 12, 2))
    out.layers.forEach((layer, l) => {
      const t = trace.layers[l]
      expect(layer.a).toEqual(rowOf(t.a, 12, t.units))
      expect(layer.delta).toEqual(rowOf(t.delta, 12, t.units))
      expect(layer.dW).toEqual(rowsOf(t.dW, t.units))
    })
  })

  it('traces a session’s next epoch, and refuses an epoch it has passed', async () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    for (let e = 0; e < 3; e++) run.trainEpoch()
    const path = join(dir, 'three.nnlab')
    writeFileSync(
      path,
      serializeSession(createSessionDocument(run.snapshot(), { name: 'three', appVersion: 'test' }))
    )
    const out = JSON.parse((await cli('trace', path, '--json')).stdout) as TraceJson
    expect(out.epoch).toBe(4)
    expect(out.lossBefore).toBe(traceNextEpoch(run).lossBefore)
    const passed = await cli('trace', path, '--epoch', '2')
    expect(passed.code).toBe(2)
    expect(passed.stderr).toBe(
      'nn-lab: the session has trained 3 epochs already; --epoch must be 4 or later.\n'
    )
    const both = await cli('trace', path, '--lr', '0.5')
    expect(both.code).toBe(2)
    expect(both.stderr).toMatch(/not both \(--lr/)
  })

  it('mini-batches: the first batch of the epoch; options it does not take are refused', async () => {
    const out = JSON.parse((await cli('trace', '--batch', '50', '--json')).stdout) as TraceJson
    expect(out.batch).toEqual({ index: 0, of: 8, size: 50 })
    expect(out.rows).toHaveLength(50)
    expect(out.layers[0].z).toHaveLength(50)
    const sample = await cli('trace', '--batch', '50', '--sample', '50')
    expect(sample.stderr).toBe('nn-lab: --sample must be a whole number from 0 to 49, not "50".\n')
    expect((await cli('trace', '--out', 'x.nnlab')).stderr).toMatch(/unknown option --out/)
  })

  it('prints a readable summary without --json, and has --help', async () => {
    const { stdout } = await cli('trace', '--sample', '0')
    expect(stdout.split('\n')[0]).toBe(
      'Epoch 1 (full batch of 400 points) | Loss before the update: 0.631215'
    )
    expect(stdout).toContain('Layer 3 (8 → 1, sigmoid)')
    expect(stdout).toMatch(/\n {2}z {8}1×16 {5}/)
    const help = await cli('trace', '--help')
    expect(help.stdout).toMatch(/^nn-lab trace \[SESSION \| train options\]/)
    expect((await cli('--help')).stdout).toContain('nn-lab trace [SESSION')
  })
})
