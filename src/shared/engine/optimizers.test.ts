import { describe, expect, it } from 'vitest'
import {
  addPenaltyGradient,
  applyUpdate,
  beginStep,
  createOptimizerState,
  penalty
} from './optimizers'
import { applyMeasuredUpdate } from './measuredUpdates'
import { DEFAULT_OPTIMIZER } from './presets'
import { RandomState } from './rng'
import { OPTIMIZERS } from './optimizers'
import type { NetworkParams, OptimizerConfig } from './types'

function oneArray(values: number[]): NetworkParams {
  return { weights: [Float64Array.from(values)], biases: [new Float64Array(1)] }
}

describe('optimizer updates against hand-computed steps', () => {
  it('sgd: p − lr·g', () => {
    const params = oneArray([1, -2])
    const config: OptimizerConfig = { ...DEFAULT_OPTIMIZER, kind: 'sgd', learningRate: 0.5 }
    const state = createOptimizerState('sgd', params)
    beginStep(state)
    applyUpdate(config, state, 0, params.weights[0], Float64Array.from([0.2, -0.4]))
    expect(Array.from(params.weights[0])).toEqual([1 - 0.5 * 0.2, -2 - 0.5 * -0.4])
    expect(state.m).toEqual([])
  })

  it('momentum: v ← μv − lr·g, p ← p + v over two steps', () => {
    const params = oneArray([1])
    const config: OptimizerConfig = {
      ...DEFAULT_OPTIMIZER,
      kind: 'momentum',
      learningRate: 0.1,
      momentum: 0.9
    }
    const state = createOptimizerState('momentum', params)
    const g = Float64Array.from([2])
    beginStep(state)
    applyUpdate(config, state, 0, params.weights[0], g)
    // v1 = −0.2, p1 = 0.8
    expect(params.weights[0][0]).toBeCloseTo(0.8, 15)
    beginStep(state)
    applyUpdate(config, state, 0, params.weights[0], g)
    // v2 = 0.9·(−0.2) − 0.2 = −0.38, p2 = 0.42
    expect(state.m[0][0]).toBeCloseTo(-0.38, 15)
    expect(params.weights[0][0]).toBeCloseTo(0.42, 15)
  })

  it('adam: bias-corrected moments over two steps', () => {
    const params = oneArray([0.5])
    const config: OptimizerConfig = {
      kind: 'adam',
      learningRate: 0.01,
      momentum: 0,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8
    }
    const state = createOptimizerState('adam', params)
    beginStep(state)
    applyUpdate(config, state, 0, params.weights[0], Float64Array.from([0.3]))
    // Step 1: m = 0.03, v = 0.00009, m̂ = 0.3, v̂ = 0.09 → p = 0.5 − 0.01·0.3/(0.3 + 1e-8)
    const p1 = 0.5 - (0.01 * 0.3) / (0.3 + 1e-8)
    expect(params.weights[0][0]).toBeCloseTo(p1, 14)
    beginStep(state)
    applyUpdate(config, state, 0, params.weights[0], Float64Array.from([-0.1]))
    // Step 2: m = 0.9·0.03 − 0.01 = 0.017, v = 0.999·0.00009 + 0.001·0.01 = 0.00009991
    const mHat = 0.017 / (1 - 0.81)
    const vHat = 0.00009991 / (1 - 0.998001)
    expect(state.m[0][0]).toBeCloseTo(0.017, 15)
    expect(state.v[0][0]).toBeCloseTo(0.00009991, 15)
    expect(params.weights[0][0]).toBeCloseTo(p1 - (0.01 * mHat) / (Math.sqrt(vHat) + 1e-8), 14)
    expect(state.step).toBe(2)
  })

  it('L1 adds rate·sign(w) and L2 adds rate·w to the gradient; the penalty matches', () => {
    const w = Float64Array.from([2, -3, 0])
    const g = Float64Array.from([1, 1, 1])
    addPenaltyGradient(w, g, 0.1, 0.5)
    expect(Array.from(g)).toEqual([1 + (0.5 * 2 + 0.1 * 1), 1 + (0.5 * -3 + 0.1 * -1), 1])
    expect(penalty([w], 0.1, 0.5)).toBeCloseTo(0.1 * 5 + 0.25 * 13, 15)
    expect(penalty([w], 0, 0)).toBe(0)
  })

  it('optimizer memory has one slot per weight and bias array', () => {
    const params: NetworkParams = {
      weights: [new Float64Array(6), new Float64Array(3)],
      biases: [new Float64Array(3), new Float64Array(1)]
    }
    const adam = createOptimizerState('adam', params)
    expect(adam.m.map((a) => a.length)).toEqual([6, 3, 3, 1])
    expect(adam.v.map((a) => a.length)).toEqual([6, 3, 3, 1])
    expect(createOptimizerState('momentum', params).v).toEqual([])
  })
})

describe('the measured update (the training meters)', () => {
  it('changes p, m and v exactly as the plain update, and measures Σ(Δp)², Σp² and Σg²', () => {
    const rng = new RandomState(7)
    for (const kind of OPTIMIZERS) {
      const config: OptimizerConfig = { ...DEFAULT_OPTIMIZER, kind, learningRate: 0.3 }
      const start = { weights: [Float64Array.from(rng.randn(37))], biases: [new Float64Array(1)] }
      const plain = createOptimizerState(kind, start)
      const measured = createOptimizerState(kind, start)
      const p = Float64Array.from(start.weights[0])
      const q = Float64Array.from(start.weights[0])
      for (let step = 0; step < 5; step++) {
        const g = Float64Array.from(rng.randn(37))
        beginStep(plain)
        beginStep(measured)
        const before = Float64Array.from(q)
        applyUpdate(config, plain, 0, p, g)
        const change = Float64Array.from([0.5, 0.25, 2]) // it adds to what is there
        applyMeasuredUpdate(config, measured, 0, q, g, change)
        expect(Array.from(q), `${kind} p, step ${step}`).toEqual(Array.from(p))
        expect(measured.m, `${kind} m`).toEqual(plain.m)
        expect(measured.v, `${kind} v`).toEqual(plain.v)
        let moved = 0
        let size = 0
        let grad = 0
        for (let i = 0; i < q.length; i++) {
          moved += (q[i] - before[i]) ** 2
          size += before[i] ** 2
          grad += g[i] * g[i]
        }
        expect(change[0]).toBe(0.5 + moved)
        expect(change[1]).toBe(0.25 + size)
        expect(change[2]).toBe(2 + grad)
      }
    }
  })
})
