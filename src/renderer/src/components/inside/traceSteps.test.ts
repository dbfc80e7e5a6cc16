// The step-through's script and its formulas, on the engine's trace of the seed run's epoch 1.
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, traceNextEpoch, TrainingRun, type RunConfig } from '@shared/engine'
import { notebookLine } from './notebookCode'
import {
  chainRule,
  nextLayerStep,
  num,
  numAny,
  sampleFormula,
  updateFormula,
  shownMatrices,
  traceSteps
} from './traceSteps'

const trace = traceNextEpoch(TrainingRun.create(SEED_NOTEBOOK))
const steps = traceSteps(3)
const find = (title: string) => steps.find((s) => s.title === title)!

describe('traceSteps', () => {
  it('follows the notebook: forward per layer, loss, δ out, then dW, db, δ back, update', () => {
    expect(steps.map((s) => `${s.kind}${s.layer + 1}`)).toEqual([
      'weights1',
      'z1',
      'a1',
      'weights2',
      'z2',
      'a2',
      'weights3',
      'z3',
      'a3',
      'loss3',
      'delta3',
      'dW3',
      'db3',
      'delta2',
      'update3',
      'dW2',
      'db2',
      'delta1',
      'update2',
      'dW1',
      'db1',
      'update1'
    ])
    // Each step's code line comes after the previous one's within forward and within backward.
    const backward = steps
      .filter((s) => s.phase === 'backward')
      .map((s) => notebookLine(s.statements[0]))
    expect(backward.slice(1, 5)).toEqual([...backward.slice(1, 5)].sort((a, b) => a - b))
    expect(nextLayerStep(steps, 0)).toBe(3)
    expect(nextLayerStep(steps, 8)).toBe(9)
    expect(nextLayerStep(steps, steps.length - 1)).toBe(steps.length - 1)
  })

  it('shows the operands and the result with their shapes', () => {
    const z = shownMatrices(trace, find('Layer 1 · z = a·W + b'))
    expect(z.map((m) => [m.id, m.rows, m.cols, m.result])).toEqual([
      ['a0', 400, 2, false],
      ['W1', 2, 16, false],
      ['b1', 1, 16, false],
      ['z1', 400, 16, true]
    ])
    const back = shownMatrices(trace, find('Layer 2 · δ = (δ·Wᵀ) ⊙ f′(z)'))
    expect(back.map((m) => m.id)).toEqual(['delta3', 'W3', 'z2', 'delta2'])
  })

  it('writes one point’s numbers into the formulas; the results are the trace’s', () => {
    const sel = { row: 5, k: 1, j: 3 }
    const [, z] = sampleFormula(trace, find('Layer 1 · z = a·W + b'), sel)
    const x = [trace.x[10], trace.x[11]]
    const w = [trace.layers[0].W[3], trace.layers[0].W[16 + 3]]
    expect(z).toBe(
      `= {${num(x[0], true)} \\cdot ${num(w[0], true)}} + {${num(x[1], true)} \\cdot ${num(w[1], true)}} + ${num(trace.layers[0].b[3], true)} = ${num(trace.layers[0].z[5 * 16 + 3])}`
    )
    // The numbers add up (to the 4 decimals shown, within rounding).
    expect(
      Math.abs(x[0] * w[0] + x[1] * w[1] + trace.layers[0].b[3] - trace.layers[0].z[83])
    ).toBeLessThan(1e-12)
    const update = sampleFormula(trace, find('Layer 2 · update W and b'), sel)
    const l = trace.layers[1]
    expect(update[0]).toBe(`g = dW^{[2]}_{1,3} = ${numAny(l.gW[11])}`)
    expect(update[1]).toBe(
      `W^{[2]}_{1,3} \\leftarrow W^{[2]}_{1,3} - \\eta\\, g = ${num(l.W[11])} - {0.1 \\cdot ${numAny(l.dW[11], true)}} = ${num(l.Wafter[11])}`
    )
    const loss = sampleFormula(trace, find('Loss'), sel)
    expect(loss[2]).toContain(num(trace.lossBefore))
  })

  it('the chain rule’s factors multiply to the point’s share of dW', () => {
    // Layer 2's weight 1 → 3, for a point where both units are on: a¹₁ · f′(z²₃) · Σᵢ W³₃ᵢ δ³ᵢ.
    let row = 0
    while (!(trace.layers[1].z[row * 8 + 3] > 0 && trace.layers[0].a[row * 16 + 1] > 0)) row++
    const sel = { row, k: 1, j: 3 }
    const lines = chainRule(trace, 1, sel)
    const a = trace.layers[0].a[row * 16 + 1]
    const delta = trace.layers[1].delta[row * 8 + 3]
    const back = trace.layers[2].W[3] * trace.layers[2].delta[row]
    expect(Math.abs(delta - back)).toBeLessThan(1e-15)
    expect(lines[2]).toBe(
      `= {${num(a, true)} \\cdot ${num(1)} \\cdot ${num(back, true)}} = ${num(a * delta)}`
    )
    expect(lines.at(-1)).toContain(num(trace.layers[1].dW[1 * 8 + 3]))
  })
})

describe('the update step for each optimizer, with L1/L2', () => {
  const traced = (training: Partial<RunConfig['training']>): ReturnType<typeof traceNextEpoch> => {
    const run = TrainingRun.create({
      ...SEED_NOTEBOOK,
      dataset: { ...SEED_NOTEBOOK.dataset, samples: 80 },
      training: { ...SEED_NOTEBOOK.training, ...training }
    })
    run.trainEpoch()
    run.trainEpoch()
    return traceNextEpoch(run)
  }
  const optimizer = SEED_NOTEBOOK.training.optimizer

  it('numAny prints small numbers with a power of ten', () => {
    expect(numAny(0.25)).toBe('0.2500')
    expect(numAny(-3.2e-7, true)).toBe('(-3.200 \\times 10^{-7})')
    expect(numAny(0)).toBe('0.0000')
  })

  it('SGD with L2 and L1: the gradient’s terms and the step', () => {
    const trace = traced({ l1: 0.001, l2: 0.01 })
    const t = trace.layers[0]
    const i = 1 * 16 + 2
    const lines = updateFormula(trace, 0, 1, 2)
    expect(lines[0]).toBe(
      `g = dW^{[1]}_{1,2} + \\lambda_2 W^{[1]}_{1,2} + \\lambda_1 \\operatorname{sign}(W^{[1]}_{1,2}) = ${num(t.dW[i])} + {0.01 \\cdot ${num(t.W[i], true)}} + {0.001 \\cdot ${t.W[i] < 0 ? '(-1)' : Math.sign(t.W[i])}} = ${numAny(t.gW[i])}`
    )
    expect(lines[1]).toContain(`= ${num(t.Wafter[i])}`)
  })

  it('momentum: the velocity before and after, and W + v', () => {
    const trace = traced({ optimizer: { ...optimizer, kind: 'momentum', learningRate: 0.05 } })
    const t = trace.layers[1]
    const i = 2 * 8 + 5
    const [, v, w] = updateFormula(trace, 1, 2, 5)
    const m = t.memory
    expect(m.mW[i]).not.toBe(0)
    expect(v).toBe(
      `v \\leftarrow \\mu v - \\eta\\, g = {0.9 \\cdot ${numAny(m.mW[i], true)}} - {0.05 \\cdot ${numAny(t.gW[i], true)}} = ${numAny(m.mWafter[i])}`
    )
    expect(w).toBe(
      `W^{[2]}_{2,5} \\leftarrow W^{[2]}_{2,5} + v = ${num(t.W[i])} + ${numAny(m.mWafter[i], true)} = ${num(t.Wafter[i])}`
    )
    // The shown numbers are the engine's: v after is μ·v + (−lr·g), and W after is W + v.
    expect(Math.abs(0.9 * m.mW[i] - 0.05 * t.gW[i] - m.mWafter[i])).toBeLessThan(1e-15)
    expect(Math.abs(t.W[i] + m.mWafter[i] - t.Wafter[i])).toBeLessThan(1e-15)
  })

  it('Adam: m, v, the bias correction at t and the step', () => {
    const trace = traced({
      l2: 0.01,
      optimizer: { ...optimizer, kind: 'adam', learningRate: 0.01 }
    })
    expect(trace.optimizerStep).toBe(3)
    const t = trace.layers[2]
    const lines = updateFormula(trace, 2, 4, 0)
    const m = t.memory
    expect(lines[1]).toContain(`= ${numAny(m.mWafter[4])}`)
    expect(lines[2]).toContain(`= ${numAny(m.vWafter[4])}`)
    const c1 = 1 - 0.9 ** 3
    const c2 = 1 - 0.999 ** 3
    expect(lines[3]).toBe(
      `\\hat m = \\frac{m}{1-\\beta_1^{3}} = ${numAny(m.mWafter[4] / c1)},\\quad \\hat v = \\frac{v}{1-\\beta_2^{3}} = ${numAny(m.vWafter[4] / c2)}`
    )
    expect(lines[4]).toMatch(new RegExp(`= ${num(t.Wafter[4]).replace('.', '\\.')}$`))
    // The step the formula writes out is the one the engine took.
    const step = (0.01 * (m.mWafter[4] / c1)) / (Math.sqrt(m.vWafter[4] / c2) + 1e-8)
    expect(Math.abs(t.W[4] - step - t.Wafter[4])).toBeLessThan(1e-15)
  })
})
