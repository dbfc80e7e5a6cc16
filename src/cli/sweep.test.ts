// `nn-lab sweep`: one row per combination, each equal to a single `train --json` of it.
import { describe, expect, it } from 'vitest'
import { cliIn } from './testCli'

const cli = cliIn(process.cwd())

/** A row without its timing (the one field that depends on the machine). */
function withoutTime(row: Record<string, unknown>): Record<string, unknown> {
  const { trainSeconds: _, ...rest } = row
  return rest
}

const COMMON = ['--epochs', '60', '--samples', '80', '--test-fraction', '0.25', '--batch', '16']

describe('nn-lab sweep', () => {
  it('prints one row per combination, each bit-identical to a single train (2 worker threads)', async () => {
    const ran = await cli(
      'sweep',
      ...['--lr', '0.05,0.5', '--layers', '2,4,1:2,8,4,1'],
      ...COMMON,
      ...['--jobs', '2', '--json']
    )
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const rows = ran.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    expect(rows).toHaveLength(4)
    const combos = [
      ['0.05', '2,4,1'],
      ['0.05', '2,8,4,1'],
      ['0.5', '2,4,1'],
      ['0.5', '2,8,4,1']
    ]
    for (const [i, [lr, layers]] of combos.entries()) {
      const single = await cli('train', ...COMMON, '--lr', lr, '--layers', layers, '--json')
      const expected = JSON.parse(single.stdout) as Record<string, unknown>
      for (const f of ['lossHistory', 'accuracyHistory', 'testLossHistory', 'testAccuracyHistory'])
        delete expected[f]
      expect(withoutTime(rows[i])).toEqual(withoutTime(expected))
      expect(rows[i].trainSeconds).toBeGreaterThan(0)
    }
  })

  it('keeps the histories with --histories (one job, in this thread)', async () => {
    const ran = await cli('sweep', '--lr', '0.1', ...COMMON, '--jobs', '1', '--histories', '--json')
    const [row] = ran.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>)
    const single = JSON.parse((await cli('train', ...COMMON, '--lr', '0.1', '--json')).stdout)
    expect(withoutTime(row)).toEqual(withoutTime(single))
  })

  it('says in one line what is wrong with a combination', async () => {
    const ran = await cli('sweep', '--lr', '0.1,abc', ...COMMON, '--jobs', '1')
    expect(ran.code).toBe(2)
    expect(ran.stderr.trim().split('\n')).toHaveLength(1)
    expect(ran.stderr).toMatch(/^nn-lab: .*lr/)
    const empty = await cli('sweep', '--layers', '2,4,1::2,8,1', ...COMMON)
    expect(empty.stderr).toMatch(/--layers has an empty value/)
  })
})
