// The meters' own rules (their values against NumPy: src/cli/trainMeters.test.ts) and the
// verdicts' rule on the runs the issue names.
import { describe, expect, it } from 'vitest'
import { flowVerdict, unitsVerdict } from './meterVerdicts'
import type { EpochMeters } from './meters'
import { SEED_NOTEBOOK } from './presets'
import { TrainingRun } from './train'
import type { RunConfig } from './types'

function withNetwork(layerSizes: number[], activation: 'relu' | 'sigmoid'): RunConfig {
  return {
    ...SEED_NOTEBOOK,
    network: {
      ...SEED_NOTEBOOK.network,
      layerSizes,
      activations: layerSizes.slice(2).map(() => activation)
    }
  }
}

function metersOf(config: RunConfig, epochs: number): EpochMeters[] {
  const run = TrainingRun.create(config)
  run.enableMeters(true)
  const out: EpochMeters[] = []
  for (let i = 0; i < epochs; i++) {
    run.trainEpoch()
    if (run.lastMeters) out.push(run.lastMeters)
  }
  return out
}

describe('training meters', () => {
  it('do not change the training, and are absent when off', () => {
    const on = TrainingRun.create(SEED_NOTEBOOK)
    const off = TrainingRun.create(SEED_NOTEBOOK)
    on.enableMeters(true)
    for (let i = 0; i < 50; i++) {
      expect(on.trainEpoch()).toEqual(off.trainEpoch())
      expect(off.lastMeters).toBeNull()
    }
    expect(on.params).toEqual(off.params)
    on.enableMeters(false)
    expect(on.lastMeters).toBeNull()
  })

  it('measure the gradient after the L2 penalty the engine adds', () => {
    const l2 = 0.5
    const config = { ...SEED_NOTEBOOK, training: { ...SEED_NOTEBOOK.training, l2 } }
    const run = TrainingRun.create(config)
    const w0 = run.params.weights.map((w) => w.slice())
    run.enableMeters(true)
    run.trainEpoch()
    const lr = config.training.optimizer.learningRate
    // SGD: W₁ = W₀ − lr·(dW + l2·W₀), so the gradient used is (W₀ − W₁) / lr.
    run.params.weights.forEach((w1, l) => {
      let sq = 0
      for (let i = 0; i < w1.length; i++) sq += ((w0[l][i] - w1[i]) / lr) ** 2
      expect(run.lastMeters?.weightGradNorm[l]).toBeCloseTo(Math.sqrt(sq), 10)
    })
  })
})

describe('meter verdicts', () => {
  it('a deep sigmoid network on circles has vanishing gradients', () => {
    const config = withNetwork([2, 8, 8, 8, 8, 8, 1], 'sigmoid')
    const meters = metersOf(config, 2000)
    for (const m of meters) {
      const verdict = flowVerdict(config.network, m)
      expect(verdict?.kind).toBe('vanishing')
    }
    expect(flowVerdict(config.network, meters[0])?.text).toMatch(
      /^Vanishing gradients: the gradient reaching Hidden 1's weights is 1\/[\d,]+ of the output error/
    )
  })

  it('the seed run never draws a verdict over its 2000 epochs', () => {
    const meters = metersOf(SEED_NOTEBOOK, 2000)
    expect(meters).toHaveLength(2000)
    for (const m of meters) {
      expect(flowVerdict(SEED_NOTEBOOK.network, m)).toBeNull()
      expect(unitsVerdict(SEED_NOTEBOOK.network, m)).toBeNull()
    }
  })

  it('names the hidden layer with the most dead or saturated units', () => {
    const spec = SEED_NOTEBOOK.network
    const m: EpochMeters = {
      weightGradNorm: [1, 1, 1],
      biasGradNorm: [1, 1, 1],
      updateRatio: [0, 0, 0],
      outputErrorRms: 0.5,
      dead: [
        [0, 1, 2, 3, 4, 5],
        [7, 3]
      ],
      saturated: [[], []]
    }
    expect(unitsVerdict(spec, m)).toBe(
      '6 of 16 units in Hidden 1 never fire (0 on every training point): they no longer learn.'
    )
    const five = [0, 1, 2, 3, 4]
    expect(unitsVerdict(spec, { ...m, dead: [[], []], saturated: [[], five] })).toMatch(
      /^5 of 8 units in Hidden 2 are saturated/
    )
  })

  it('calls a layer whose gradient far exceeds the output error exploding', () => {
    const spec = SEED_NOTEBOOK.network
    // RMS per weight: 320/√32 ≈ 56.6, 11 times the output error.
    const m: EpochMeters = {
      weightGradNorm: [320, 1, 0.08],
      biasGradNorm: [1, 1, 1],
      updateRatio: [0, 0, 0],
      outputErrorRms: 5,
      dead: [[], []],
      saturated: [[], []]
    }
    expect(flowVerdict(spec, m)?.kind).toBe('exploding')
    expect(flowVerdict(spec, m)?.text).toBe(
      "Exploding gradients: the gradient reaching Hidden 1's weights is 11× the output error; try a smaller learning rate."
    )
    expect(flowVerdict(spec, { ...m, weightGradNorm: [0.2, 0.5, 0.08] })).toBeNull()
  })
})
