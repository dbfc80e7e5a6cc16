// The step-through's script: the order in which one epoch's quantities are shown (the notebook's
// own order: forward layer by layer, the loss, then backward from the output, each layer's dW and
// db, the delta it sends back, and its update), what each step shows, and the formulas for one
// sample written out with its numbers. Every number comes from the engine's trace.
import { ACTIVATIONS_REGISTRY, BCE_EPSILON, type EpochTrace } from '@shared/engine'
import type { NotebookStatement } from './notebookCode'

export type StepKind = 'weights' | 'z' | 'a' | 'loss' | 'delta' | 'dW' | 'db' | 'update'
export type StepPhase = 'forward' | 'loss' | 'backward'

export interface TraceStep {
  kind: StepKind
  phase: StepPhase
  /** The weight layer (0 = input → first hidden); the loss belongs to the output layer. */
  layer: number
  /** A short title, e.g. "Layer 1 · z = a·W + b". */
  title: string
  /** The notebook lines that compute it. */
  statements: NotebookStatement[]
}

/** Layer numbering as the learner reads it: W¹ connects the inputs to the first hidden layer. */
const sup = (layer: number): string => `^{[${layer + 1}]}`
const prev = (layer: number): string => `^{[${layer}]}`

export function layerName(layer: number, layers: number): string {
  return layer === layers - 1 ? `Layer ${layer + 1} (output)` : `Layer ${layer + 1}`
}

/** The epoch's steps for a network of `layers` weight layers, in the notebook's order. */
export function traceSteps(layers: number): TraceStep[] {
  const steps: TraceStep[] = []
  const out = layers - 1
  for (let l = 0; l < layers; l++) {
    const name = layerName(l, layers)
    steps.push({
      kind: 'weights',
      phase: 'forward',
      layer: l,
      title: `${name} · W and b`,
      statements: ['z']
    })
    steps.push({
      kind: 'z',
      phase: 'forward',
      layer: l,
      title: `${name} · z = a·W + b`,
      statements: ['z']
    })
    steps.push({
      kind: 'a',
      phase: 'forward',
      layer: l,
      title: `${name} · a = f(z)`,
      statements: [l === out ? 'output' : 'hidden']
    })
  }
  steps.push({ kind: 'loss', phase: 'loss', layer: out, title: 'Loss', statements: ['loss'] })
  steps.push({
    kind: 'delta',
    phase: 'backward',
    layer: out,
    title: `${layerName(out, layers)} · δ = ŷ − y`,
    statements: ['outputDelta']
  })
  for (let l = out; l >= 0; l--) {
    const name = layerName(l, layers)
    steps.push({
      kind: 'dW',
      phase: 'backward',
      layer: l,
      title: `${name} · dW = aᵀδ / m`,
      statements: ['dW']
    })
    steps.push({
      kind: 'db',
      phase: 'backward',
      layer: l,
      title: `${name} · db = mean(δ)`,
      statements: ['db']
    })
    if (l > 0) {
      steps.push({
        kind: 'delta',
        phase: 'backward',
        layer: l - 1,
        title: `${layerName(l - 1, layers)} · δ = (δ·Wᵀ) ⊙ f′(z)`,
        statements: ['hiddenDelta']
      })
    }
    steps.push({
      kind: 'update',
      phase: 'backward',
      layer: l,
      title: `${name} · update W and b`,
      statements: ['updateW', 'updateB']
    })
  }
  return steps
}

/** The index of the next step on another layer (or phase), or the last step. */
export function nextLayerStep(steps: TraceStep[], from: number): number {
  const here = steps[from]
  for (let i = from + 1; i < steps.length; i++) {
    if (steps[i].layer !== here.layer || steps[i].phase !== here.phase) return i
  }
  return steps.length - 1
}

/** A matrix the step shows: name (TeX), row-major values, shape, and what its rows are. */
export interface ShownMatrix {
  id: string
  tex: string
  values: Float64Array
  rows: number
  cols: number
  /** 'points': one row per traced point (the sample can be picked there). */
  rowKind: 'points' | 'inputs' | 'single'
  result: boolean
}

function labelsColumn(trace: EpochTrace, units: number): Float64Array {
  const y = new Float64Array(trace.labels.length * units)
  trace.labels.forEach((label, n) => {
    if (units === 1) y[n] = label
    else y[n * units + label] = 1
  })
  return y
}

/** The layer's input activations: x for the first layer, the previous layer's a after. */
export function layerInput(trace: EpochTrace, layer: number): Float64Array {
  return layer === 0 ? trace.x : trace.layers[layer - 1].a
}

/** The matrices a step shows, operands first, the step's result last. */
export function shownMatrices(trace: EpochTrace, step: TraceStep): ShownMatrix[] {
  const l = step.layer
  const t = trace.layers[l]
  const rows = trace.rows.length
  const n = (
    id: string,
    tex: string,
    values: Float64Array,
    r: number,
    c: number,
    rowKind: ShownMatrix['rowKind'],
    result = false
  ): ShownMatrix => ({ id, tex, values, rows: r, cols: c, rowKind, result })
  const input = n(
    `a${l}`,
    l === 0 ? 'a^{[0]} = X' : `a${prev(l)}`,
    layerInput(trace, l),
    rows,
    t.inputs,
    'points'
  )
  const W = n(`W${l + 1}`, `W${sup(l)}`, t.W, t.inputs, t.units, 'inputs')
  const b = n(`b${l + 1}`, `b${sup(l)}`, t.b, 1, t.units, 'single')
  const z = n(`z${l + 1}`, `z${sup(l)}`, t.z, rows, t.units, 'points')
  const a = n(`a${l + 1}`, `a${sup(l)}`, t.a, rows, t.units, 'points')
  const delta = n(`delta${l + 1}`, `\\delta${sup(l)}`, t.delta, rows, t.units, 'points')
  const y = n('y', 'y', labelsColumn(trace, t.units), rows, t.units, 'points')
  const result = (m: ShownMatrix): ShownMatrix => ({ ...m, result: true })
  switch (step.kind) {
    case 'weights':
      return [result(W), result(b)]
    case 'z':
      return [input, W, b, result(z)]
    case 'a':
      return [z, result(a)]
    case 'loss':
      return [{ ...a, tex: `\\hat{y} = a${sup(l)}` }, y]
    case 'delta': {
      if (l === trace.layers.length - 1) return [{ ...a, tex: `\\hat{y}` }, y, result(delta)]
      const next = trace.layers[l + 1]
      return [
        n(`delta${l + 2}`, `\\delta${sup(l + 1)}`, next.delta, rows, next.units, 'points'),
        n(`W${l + 2}`, `W${sup(l + 1)}`, next.W, next.inputs, next.units, 'inputs'),
        z,
        result(delta)
      ]
    }
    case 'dW':
      return [
        input,
        delta,
        result(n(`dW${l + 1}`, `dW${sup(l)}`, t.dW, t.inputs, t.units, 'inputs'))
      ]
    case 'db':
      return [delta, result(n(`db${l + 1}`, `db${sup(l)}`, t.db, 1, t.units, 'single'))]
    case 'update':
      return [
        W,
        n(`dW${l + 1}`, `dW${sup(l)}`, t.dW, t.inputs, t.units, 'inputs'),
        result(
          n(`Wafter${l + 1}`, `W${sup(l)}_{\\text{after}}`, t.Wafter, t.inputs, t.units, 'inputs')
        ),
        b,
        n(`db${l + 1}`, `db${sup(l)}`, t.db, 1, t.units, 'single'),
        result(n(`bAfter${l + 1}`, `b${sup(l)}_{\\text{after}}`, t.bAfter, 1, t.units, 'single'))
      ]
  }
}

// ---- formulas with numbers -------------------------------------------------------------------

// A formula line wraps between its terms when its panel is narrow (KatexFormula): each product of
// numbers is one TeX group {a \cdot b}, so that a line never breaks inside a product.

/** A number as the formulas print it: 4 decimals, negatives in parentheses inside products. */
export function num(v: number, wrap = false): string {
  const text = Number.isFinite(v) ? v.toFixed(4) : String(v)
  return wrap && v < 0 ? `(${text})` : text
}

/** a₁·b₁ + a₂·b₂ + …, eliding the middle of long sums. Each product is one TeX group, so a
 *  line that wraps (KatexFormula) breaks between the terms, never inside a product. */
function sumOfProducts(pairs: [number, number][]): string {
  const term = ([p, q]: [number, number]): string => `{${num(p, true)} \\cdot ${num(q, true)}}`
  if (pairs.length <= 5) return pairs.map(term).join(' + ')
  return [...pairs.slice(0, 3).map(term), '\\dots', term(pairs[pairs.length - 1])].join(' + ')
}

export interface Selection {
  /** Position in trace.rows of the chosen sample. */
  row: number
  /** The chosen weight of the step's layer: from unit k (input side) to unit j. */
  k: number
  j: number
}

function activationFormula(name: string, z: string): string {
  switch (name) {
    case 'relu':
      return `\\max(0,\\, ${z})`
    case 'sigmoid':
      return `\\sigma(${z}) = \\frac{1}{1 + e^{-${z}}}`
    case 'tanh':
      return `\\tanh(${z})`
    case 'leaky-relu':
      return `\\text{leaky ReLU}(${z})`
    case 'linear':
      return z
    case 'softmax':
      return `\\text{softmax}(z)_j`
    default: {
      const entry = (ACTIVATIONS_REGISTRY as Record<string, { label: string } | undefined>)[name]
      return `\\text{${entry?.label ?? name}}(${z})`
    }
  }
}

/** f′(z) by the engine's registry (softmax heads never need it: their δ is ŷ − y). */
function derivative(name: string, z: number): number {
  const entry = (ACTIVATIONS_REGISTRY as Record<string, { df(z: number): number } | undefined>)[
    name
  ]
  return entry ? entry.df(z) : NaN
}

/** The step's formula for the chosen sample and unit, with the trace's numbers (KaTeX). */
export function sampleFormula(trace: EpochTrace, step: TraceStep, sel: Selection): string[] {
  const l = step.layer
  const t = trace.layers[l]
  const { row: nRow, k, j } = sel
  const K = t.inputs
  const J = t.units
  const s = sup(l)
  const m = trace.m
  const input = layerInput(trace, l)
  const at = (values: Float64Array, r: number, c: number, cols: number): number =>
    values[r * cols + c]
  switch (step.kind) {
    case 'weights':
      return [`W${s}_{${k},${j}} = ${num(at(t.W, k, j, J))}`, `b${s}_{${j}} = ${num(t.b[j])}`]
    case 'z': {
      const pairs: [number, number][] = []
      for (let i = 0; i < K; i++) pairs.push([at(input, nRow, i, K), at(t.W, i, j, J)])
      return [
        `z${s}_{${j}} = \\sum_{k} a${prev(l)}_{k}\\, W${s}_{k,${j}} + b${s}_{${j}}`,
        `= ${sumOfProducts(pairs)} + ${num(t.b[j], true)} = ${num(at(t.z, nRow, j, J))}`
      ]
    }
    case 'a': {
      const z = at(t.z, nRow, j, J)
      return [
        `a${s}_{${j}} = ${activationFormula(t.activation, `z${s}_{${j}}`)}`,
        `= ${activationFormula(t.activation, num(z, true)).replace(/^.* = /, '')} = ${num(at(t.a, nRow, j, J))}`
      ]
    }
    case 'loss': {
      const label = trace.labels[nRow]
      if (t.activation === 'softmax') {
        const p = at(t.a, nRow, label, J)
        return [
          `\\ell = -\\log \\hat{y}_{y} = -\\log ${num(p)} = ${num(-Math.log(p))}`,
          `L = \\frac{1}{m}\\sum_{n} \\ell_n = ${num(trace.lossBefore)}`
        ]
      }
      const p = t.a[nRow]
      const term = -(
        label * Math.log(p + BCE_EPSILON) +
        (1 - label) * Math.log(1 - p + BCE_EPSILON)
      )
      return [
        `\\ell = -\\big[y \\log(\\hat{y}+\\varepsilon) + (1-y)\\log(1-\\hat{y}+\\varepsilon)\\big]`,
        `= -\\big[{${label} \\cdot \\log(${num(p)})} + {${1 - label} \\cdot \\log(${num(1 - p)})}\\big] = ${num(term)}`,
        `L = \\frac{1}{m}\\sum_{n=1}^{${m}} \\ell_n = ${num(trace.lossBefore)}`
      ]
    }
    case 'delta': {
      const d = at(t.delta, nRow, j, J)
      if (l === trace.layers.length - 1) {
        const p = at(t.a, nRow, j, J)
        const y = J === 1 ? trace.labels[nRow] : trace.labels[nRow] === j ? 1 : 0
        return [
          `\\delta${s}_{${j}} = \\frac{\\partial \\ell}{\\partial z${s}_{${j}}} = \\hat{y}_{${j}} - y_{${j}}`,
          `= ${num(p)} - ${y} = ${num(d)}`
        ]
      }
      const next = trace.layers[l + 1]
      const pairs: [number, number][] = []
      for (let i = 0; i < next.units; i++) {
        pairs.push([at(next.delta, nRow, i, next.units), at(next.W, j, i, next.units)])
      }
      const back = pairs.reduce((sum, [p, q]) => sum + p * q, 0)
      const z = at(t.z, nRow, j, J)
      return [
        `\\delta${s}_{${j}} = \\Big(\\sum_{i} \\delta${sup(l + 1)}_{i}\\, W${sup(l + 1)}_{${j},i}\\Big) \\cdot f'(z${s}_{${j}})`,
        `= (${sumOfProducts(pairs)}) \\cdot f'(${num(z)})`,
        `= {${num(back, true)} \\cdot ${num(derivative(t.activation, z))}} = ${num(d)}`
      ]
    }
    case 'dW': {
      const a = at(input, nRow, k, K)
      const d = at(t.delta, nRow, j, J)
      return [
        `dW${s}_{${k},${j}} = \\frac{1}{m}\\sum_{n=1}^{${m}} a${prev(l)}_{n,${k}}\\, \\delta${s}_{n,${j}} = ${num(at(t.dW, k, j, J))}`,
        `\\text{this point: } {\\tfrac{1}{${m}} \\cdot ${num(a, true)} \\cdot ${num(d, true)}} = ${num((a * d) / m)}`
      ]
    }
    case 'db':
      return [
        `db${s}_{${j}} = \\frac{1}{m}\\sum_{n=1}^{${m}} \\delta${s}_{n,${j}} = ${num(t.db[j])}`,
        `\\text{this point: } {\\tfrac{1}{${m}} \\cdot ${num(at(t.delta, nRow, j, J), true)}} = ${num(at(t.delta, nRow, j, J) / m)}`
      ]
    case 'update':
      return updateFormula(trace, l, k, j)
  }
}

/** A number of any size as a formula prints it: 4 decimals, or 4 significant digits times a
 *  power of ten when smaller than 0.001 (Adam's second moments), negatives wrapped if asked. */
export function numAny(v: number, wrap = false): string {
  if (v === 0 || !Number.isFinite(v) || Math.abs(v) >= 1e-3) return num(v, wrap)
  const [mantissa, exponent] = v.toExponential(3).split('e')
  const text = `${mantissa} \\times 10^{${Number(exponent)}}`
  return wrap || v < 0 ? `(${text})` : text
}

/** The optimizer's update of the chosen weight W[l]_{k,j} and of b[l]_j, as the engine applied
 *  it (optimizers.ts), with the trace's numbers: the gradient with its L1/L2 terms, the memory
 *  before and after (velocity; Adam's m, v and bias correction), and the weight after. */
export function updateFormula(trace: EpochTrace, l: number, k: number, j: number): string[] {
  const t = trace.layers[l]
  const o = trace.training.optimizer
  const { l1, l2 } = trace.training
  const s = sup(l)
  const i = k * t.units + j
  const Wkj = `W${s}_{${k},${j}}`
  const w = t.W[i]
  const after = t.Wafter[i]
  const g = t.gW[i]
  const eta = String(trace.learningRate)
  const lines: string[] = []
  if (l1 > 0 || l2 > 0) {
    const terms = [`dW${s}_{${k},${j}}`]
    const values = [num(t.dW[i])]
    if (l2 > 0) {
      terms.push(`\\lambda_2 ${Wkj}`)
      values.push(`{${l2} \\cdot ${num(w, true)}}`)
    }
    if (l1 > 0) {
      terms.push(`\\lambda_1 \\operatorname{sign}(${Wkj})`)
      values.push(`{${l1} \\cdot ${w < 0 ? '(-1)' : Math.sign(w)}}`)
    }
    lines.push(`g = ${terms.join(' + ')} = ${values.join(' + ')} = ${numAny(g)}`)
  } else {
    lines.push(`g = dW${s}_{${k},${j}} = ${numAny(g)}`)
  }
  const mem = t.memory
  switch (o.kind) {
    case 'sgd':
      lines.push(
        `${Wkj} \\leftarrow ${Wkj} - \\eta\\, g = ${num(w)} - {${eta} \\cdot ${numAny(g, true)}} = ${num(after)}`,
        `b${s}_{${j}} \\leftarrow b - \\eta\\, db = ${num(t.b[j])} - {${eta} \\cdot ${numAny(t.db[j], true)}} = ${num(t.bAfter[j])}`
      )
      break
    case 'momentum':
      lines.push(
        `v \\leftarrow \\mu v - \\eta\\, g = {${o.momentum} \\cdot ${numAny(mem.mW[i], true)}} - {${eta} \\cdot ${numAny(g, true)}} = ${numAny(mem.mWafter[i])}`,
        `${Wkj} \\leftarrow ${Wkj} + v = ${num(w)} + ${numAny(mem.mWafter[i], true)} = ${num(after)}`,
        `b${s}_{${j}}: v = ${numAny(mem.mbAfter[j])},\\ ${num(t.b[j])} \\rightarrow ${num(t.bAfter[j])}`
      )
      break
    case 'adam': {
      const step = trace.optimizerStep
      const c1 = 1 - Math.pow(o.beta1, step)
      const c2 = 1 - Math.pow(o.beta2, step)
      const m = mem.mWafter[i]
      const v = mem.vWafter[i]
      lines.push(
        `m \\leftarrow \\beta_1 m + (1-\\beta_1)\\, g = {${o.beta1} \\cdot ${numAny(mem.mW[i], true)}} + {${num(1 - o.beta1)} \\cdot ${numAny(g, true)}} = ${numAny(m)}`,
        `v \\leftarrow \\beta_2 v + (1-\\beta_2)\\, g^2 = {${o.beta2} \\cdot ${numAny(mem.vW[i])}} + {${num(1 - o.beta2)} \\cdot ${numAny(g, true)}^2} = ${numAny(v)}`,
        `\\hat m = \\frac{m}{1-\\beta_1^{${step}}} = ${numAny(m / c1)},\\quad \\hat v = \\frac{v}{1-\\beta_2^{${step}}} = ${numAny(v / c2)}`,
        `${Wkj} \\leftarrow ${Wkj} - \\frac{\\eta\\, \\hat m}{\\sqrt{\\hat v} + \\varepsilon} = ${num(w)} - \\frac{${eta} \\cdot ${numAny(m / c1, true)}}{${numAny(Math.sqrt(v / c2))} + ${numAny(o.epsilon)}} = ${num(after)}`,
        `b${s}_{${j}}: ${num(t.b[j])} \\rightarrow ${num(t.bAfter[j])}`
      )
      break
    }
  }
  return lines
}

/** The chain rule for the chosen weight W[l]_{k,j} and sample, as its factors with numbers. */
export function chainRule(trace: EpochTrace, layer: number, sel: Selection): string[] {
  const t = trace.layers[layer]
  const { row: nRow, k, j } = sel
  const s = sup(layer)
  const out = layer === trace.layers.length - 1
  const a = layerInput(trace, layer)[nRow * t.inputs + k]
  const z = t.z[nRow * t.units + j]
  const d = t.delta[nRow * t.units + j]
  const lines = [
    `\\frac{\\partial \\ell}{\\partial W${s}_{${k},${j}}} = \\underbrace{a${prev(layer)}_{${k}}}_{\\partial z / \\partial W} \\cdot \\underbrace{\\delta${s}_{${j}}}_{\\partial \\ell / \\partial z}`
  ]
  if (out) {
    lines.push(
      `= a \\cdot (\\hat{y} - y) = {${num(a, true)} \\cdot ${num(d, true)}} = ${num(a * d)}`
    )
  } else {
    const f1 = derivative(t.activation, z)
    const back = f1 !== 0 ? d / f1 : NaN
    lines.push(
      `= a \\cdot f'(z) \\cdot \\textstyle\\sum_i W${sup(layer + 1)}_{${j},i}\\,\\delta${sup(layer + 1)}_{i}`
    )
    lines.push(
      f1 !== 0
        ? `= {${num(a, true)} \\cdot ${num(f1)} \\cdot ${num(back, true)}} = ${num(a * d)}`
        : `= {${num(a, true)} \\cdot 0 \\cdot (\\dots)} = 0 \\quad \\text{(the unit is off for this point)}`
    )
  }
  lines.push(
    `dW${s}_{${k},${j}} = \\text{mean over the } ${trace.m} \\text{ points} = ${num(t.dW[k * t.units + j])}`
  )
  return lines
}
