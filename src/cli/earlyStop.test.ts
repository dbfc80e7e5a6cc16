// `nn-lab train --early-stop N` against an independent computation: NumPy applies the stopping
// rule to the test losses of the same run trained without early stopping.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { cliIn } from './testCli'

const cli = cliIn(process.cwd())

/** A small, noisy problem that overfits: the test loss bottoms out, then rises. */
const RUN = [
  'train',
  ...['--samples', '60', '--noise', '0.35', '--test-fraction', '0.5'],
  ...['--layers', '2,32,32,1', '--lr', '0.5', '--epochs', '2000', '--json']
]

/** NumPy: the first epoch e with e − argmin(testLoss[:e]) ≥ patience, and that best epoch. */
function numpyStop(testLosses: number[], patience: number): { stoppedAt: number; best: number } {
  const script = `
import json, sys
import numpy as np
losses = np.array(json.load(sys.stdin))
patience = ${patience}
for e in range(1, len(losses) + 1):
    best = int(np.argmin(losses[:e])) + 1
    if e - best >= patience:
        print(json.dumps({"stoppedAt": e, "best": best}))
        break
else:
    print(json.dumps({"stoppedAt": None, "best": int(np.argmin(losses)) + 1}))
`
  const out = execFileSync('/usr/bin/python3', ['-c', script], {
    input: JSON.stringify(testLosses)
  })
  return JSON.parse(out.toString())
}

interface TrainJson {
  lossHistory: number[]
  testLossHistory: number[]
  finalTestLoss: number
  finalLoss: number
  stoppedAt?: number | null
  bestEpoch?: number
}

describe('nn-lab train --early-stop', () => {
  it('stops where NumPy says and keeps the best epoch’s weights', async () => {
    const full = JSON.parse((await cli(...RUN)).stdout) as TrainJson
    expect(full.stoppedAt).toBeUndefined()
    for (const patience of [50, 200]) {
      const expected = numpyStop(full.testLossHistory, patience)
      const ran = await cli(...RUN, '--early-stop', String(patience))
      expect(ran.stderr).toBe('')
      const stopped = JSON.parse(ran.stdout) as TrainJson
      expect(stopped.stoppedAt).toBe(expected.stoppedAt)
      expect(stopped.bestEpoch).toBe(expected.best)
      // The curves go up to the stop; the weights are those that scored best on the test points.
      expect(stopped.lossHistory).toEqual(full.lossHistory.slice(0, expected.stoppedAt))
      expect(stopped.finalTestLoss).toBe(full.testLossHistory[expected.best - 1])
      expect(stopped.finalTestLoss).toBeLessThan(full.finalTestLoss)
    }
  })

  it('says in one line that it needs a test fraction', async () => {
    const ran = await cli('train', '--early-stop', '10', '--epochs', '5')
    expect(ran.code).not.toBe(0)
    expect(ran.stdout).toBe('')
    expect(ran.stderr.trim().split('\n')).toHaveLength(1)
    expect(ran.stderr).toMatch(/--early-stop .* needs held-out points: add --test-fraction/)
  })

  it('prints where it stopped after the notebook’s log', async () => {
    const ran = await cli(...RUN.filter((a) => a !== '--json'), '--early-stop', '50')
    expect(ran.stdout).toMatch(/Stopped early at epoch \d+: the test loss was lowest at epoch \d+/)
  })
})
