import { describe, expect, it } from 'vitest'
import { makeCircles } from './datasets'
import { backpropGradient, gradcheck, objective } from './gradcheck'
import { initParams } from './init'
import { RandomState } from './rng'
import { createBuffers, forward } from './network'
import { SEED_NOTEBOOK } from './presets'
import { TrainingRun } from './train'
import type { ActivationName, Dataset, NetworkParams, NetworkSpec } from './types'
import { ACTIVATIONS } from './types'

/** 30 points, 3 classes, scaled down so sigmoid outputs stay well inside (0, 1). */
function smallData(classes: number): Dataset {
  const rng = new RandomState(3)
  const d = makeCircles(rng, 30, 0.1)
  const labels = d.labels.map((l, i) => (classes === 2 ? l : (l + i) % classes))
  const x = d.x.map((v) => v * 0.5)
  return { x, labels, count: d.count, classes }
}

function spec(activation: ActivationName, output: 'sigmoid' | 'softmax'): NetworkSpec {
  return {
    layerSizes: [2, 5, 4, output === 'sigmoid' ? 1 : 3],
    activations: [activation, activation],
    output,
    init: 'xavier'
  }
}

function minHiddenPreActivation(s: NetworkSpec, params: NetworkParams, data: Dataset): number {
  const buf = createBuffers(s, data.count)
  forward(s, params, data.x, data.count, buf)
  let min = Infinity
  for (let l = 0; l < s.layerSizes.length - 2; l++)
    for (const z of buf.z[l]) min = Math.min(min, Math.abs(z))
  return min
}

const penalties = [
  { name: 'no penalty', l1: 0, l2: 0 },
  { name: 'L1', l1: 0.01, l2: 0 },
  { name: 'L2', l1: 0, l2: 0.05 },
  { name: 'L1 + L2', l1: 0.01, l2: 0.05 }
]

describe('gradcheck: backprop vs central differences', () => {
  for (const activation of ACTIVATIONS) {
    for (const output of ['sigmoid', 'softmax'] as const) {
      for (const p of penalties) {
        it(`${activation} hidden, ${output} output, ${p.name}`, () => {
          const s = spec(activation, output)
          const data = smallData(output === 'sigmoid' ? 2 : 3)
          const params = initParams(s, new RandomState(11))
          // Non-zero biases so ReLU units sit away from their kink at z = 0 for these points.
          params.biases.forEach((b, l) => b.forEach((_, i) => (b[i] = 0.1 + 0.05 * ((i + l) % 3))))
          // ReLU-like units: a small step, and make sure no pre-activation is near the kink
          // (each weight step moves z by at most 2h·|input| < 1e-4 here).
          const kinked = activation === 'relu' || activation === 'leaky-relu'
          const h = kinked ? 1e-5 : 1e-3
          if (kinked) expect(minHiddenPreActivation(s, params, data)).toBeGreaterThan(1e-3)
          const result = gradcheck(s, params, data, { l1: p.l1, l2: p.l2, h })
          expect(result.checked).toBe(2 * 5 + 5 + 5 * 4 + 4 + 4 * s.layerSizes[3] + s.layerSizes[3])
          expect(result.maxRelativeError).toBeLessThan(1e-6)
        })
      }
    }
  }

  it('notices a wrong gradient (the check can fail)', () => {
    const s = spec('tanh', 'sigmoid')
    const data = smallData(2)
    const params = initParams(s, new RandomState(11))
    // The gradient without the L2 term against an objective with it: must be flagged.
    const wrong = backpropGradient(s, params, data, 0, 0)
    const h = 1e-5
    const w = params.weights[0]
    const saved = w[0]
    w[0] = saved + h
    const plus = objective(s, params, data, 0, 0.5)
    w[0] = saved - h
    const minus = objective(s, params, data, 0, 0.5)
    w[0] = saved
    const numeric = (plus - minus) / (2 * h)
    expect(Math.abs(numeric - wrong.weights[0][0]) / Math.abs(numeric)).toBeGreaterThan(1e-3)
  })

  it('checks a strided subset when asked', () => {
    const s = spec('relu', 'sigmoid')
    const params = initParams(s, new RandomState(2))
    expect(gradcheck(s, params, smallData(2), { maxChecks: 10 }).checked).toBeLessThanOrEqual(10)
  })
})

describe('gradcheck rows', () => {
  it('name each checked parameter with its value, both derivatives and their relative error', () => {
    const run = TrainingRun.create(SEED_NOTEBOOK)
    for (let i = 0; i < 20; i++) run.trainEpoch()
    const spec = SEED_NOTEBOOK.network
    const result = gradcheck(spec, run.params, run.train, { maxChecks: 25, h: 1e-5 })
    expect(result.rows).toHaveLength(result.checked)
    expect(result.checked).toBeGreaterThanOrEqual(25)
    const grad = backpropGradient(spec, run.params, run.train)
    for (const r of result.rows) {
      const J = spec.layerSizes[r.layer + 1]
      const at = r.kind === 'W' ? r.row * J + r.col : r.col
      const values = r.kind === 'W' ? run.params.weights : run.params.biases
      const grads = r.kind === 'W' ? grad.weights : grad.biases
      expect(r.value).toBe(values[r.layer][at])
      expect(r.backprop).toBe(grads[r.layer][at])
      expect(r.relativeError).toBeLessThanOrEqual(result.maxRelativeError)
    }
    expect(result.rows.some((r) => r.kind === 'b')).toBe(true)
    expect(result.maxRelativeError).toBeLessThan(1e-6)
  })
})
