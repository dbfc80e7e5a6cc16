// `nn-lab train --json`'s training meters against NumPy running the seed notebook's own
// forward/backward (src/shared/engine/fixtures/meters_reference.py → meters_reference.json).
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { runCli } from './testCli'

const ROOT = resolve(import.meta.dirname, '../..')

interface ReferenceCase {
  name: string
  layers: number[]
  hidden: 'relu' | 'sigmoid'
  lr: number
  batch: number | null
  epochs: number
  gradientNorms: [number, number][][]
  updateRatios: number[][]
  outputErrorRms: number[]
  deadUnits: number[][]
  saturatedUnits: number[][]
}

const reference = JSON.parse(
  readFileSync(join(ROOT, 'src/shared/engine/fixtures/meters_reference.json'), 'utf8')
) as { cases: ReferenceCase[] }

interface TrainJson {
  gradientNorms: [number, number][][]
  updateRatios: number[][]
  outputErrorRms: number[]
  deadUnits: number[][]
  saturatedUnits: number[][]
}

async function trainJson(c: ReferenceCase): Promise<TrainJson> {
  const argv = ['train', '--json', '--epochs', String(c.epochs), '--lr', String(c.lr)]
  argv.push('--layers', c.layers.join(','), '--activation', c.hidden)
  if (c.batch !== null) argv.push('--batch', String(c.batch))
  const ran = await runCli(argv, ROOT)
  expect(ran.code).toBe(0)
  return JSON.parse(ran.stdout) as TrainJson
}

type Numbers = number[] | number[][] | number[][][]

function expectClose(actual: Numbers, expected: Numbers): void {
  const a = actual.flat(2)
  const e = expected.flat(2)
  expect(a.length).toBe(e.length)
  let worst = 0
  for (let i = 0; i < e.length; i++) {
    const err = Math.abs(a[i] - e[i]) / Math.max(Math.abs(e[i]), 1e-300)
    if (err > worst) worst = err
  }
  expect(worst).toBeLessThan(1e-8)
}

describe('nn-lab train --json: the training meters', () => {
  it.each(reference.cases.map((c) => [c.name, c] as const))(
    '%s: ‖dW‖, ‖db‖, ‖ΔW‖/‖W‖, the output error and dead/saturated units equal NumPy’s every epoch',
    async (_name, c) => {
      const out = await trainJson(c)
      expect(out.gradientNorms).toHaveLength(c.epochs)
      expectClose(out.gradientNorms, c.gradientNorms)
      expectClose(out.updateRatios, c.updateRatios)
      expectClose(out.outputErrorRms, c.outputErrorRms)
      expect(out.deadUnits).toEqual(c.deadUnits)
      expect(out.saturatedUnits).toEqual(c.saturatedUnits)
    }
  )

  it('the reference has a case where units die and one where they saturate', () => {
    // Otherwise the counts above would be compared only as zeros.
    const byName = new Map(reference.cases.map((c) => [c.name, c]))
    expect(byName.get('dying relu')?.deadUnits.at(-1)).toEqual([4, 5])
    expect(
      byName
        .get('saturating sigmoid')
        ?.saturatedUnits.at(-1)
        ?.some((n) => n > 0)
    ).toBe(true)
  })
})
