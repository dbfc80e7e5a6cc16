import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK } from '@shared/engine'
import type { RunConfig } from '@shared/engine/types'
import { dataDifferences, differenceTitle, epochsToAccuracy, runLabels } from './compareRuns'

function withLr(lr: number, activation?: 'sigmoid'): RunConfig {
  const c = structuredClone(SEED_NOTEBOOK)
  c.training.optimizer.learningRate = lr
  if (activation) c.network.activations = c.network.activations.map(() => activation)
  return c
}

describe('compare runs wording', () => {
  it('names only what differs', () => {
    const runs = [{ config: withLr(0.1) }, { config: withLr(1) }]
    expect(differenceTitle(runs)).toBe('lr 0.1 vs 1')
    expect(runLabels(runs, (i) => `#${i}`)).toEqual(['lr 0.1', 'lr 1'])
    const three = [...runs, { config: withLr(1, 'sigmoid') }]
    expect(differenceTitle(three)).toBe('lr 0.1 vs 1; activation relu vs sigmoid')
  })

  it('falls back to names when every setting is the same, and flags other data', () => {
    const same = [{ config: withLr(0.1) }, { config: withLr(0.1) }]
    expect(differenceTitle(same)).toBeNull()
    expect(runLabels(same, (i) => `Run ${i}`)).toEqual(['Run 0', 'Run 1'])
    const other = withLr(0.1)
    other.dataset.noise = 0.2
    expect(dataDifferences({ config: withLr(0.1) }, { config: other })).toEqual([
      'noise 0.2 instead of 0.15'
    ])
    expect(dataDifferences({ config: withLr(0.1) }, { config: withLr(1) })).toEqual([])
  })

  it('counts epochs to 95% training accuracy', () => {
    const history = [0.5, 0.9, 0.95, 0.97].map((accuracy, i) => ({
      epoch: i + 1,
      loss: 1,
      accuracy
    }))
    expect(epochsToAccuracy(history)).toBe(3)
    expect(epochsToAccuracy(history.slice(0, 2))).toBeNull()
  })
})
