// The Learn panel's demonstrations: small, real runs of the engine (the same code the trainer
// runs), computed here in short slices so the window stays responsive. Each returns what it
// found — numbers, curves, bars — and the runs the learner can then train in the lab itself.
import {
  ACTIVATIONS_REGISTRY,
  finalAccuracyLines,
  formatEpochLine,
  formatLoss,
  formatNetworkLines,
  SEED_NOTEBOOK,
  SEED_NOTEBOOK_PRINT_EVERY,
  TrainingRun
} from '@shared/engine'
import type { ActivationName, InitName, RunConfig } from '@shared/engine/types'
import { classColor } from '../../charts/colormap'
import type { PlotSeries } from '../../figures/plot'
import type { DemoId } from './learnContent'

export interface DemoBarGroup {
  label: string
  values: { name: string; value: number; color: string }[]
}

export interface DemoResult {
  /** What the run showed, in sentences. */
  findings: string[]
  /** Notebook-style log lines. */
  log?: string[]
  chart?: { title: string; series: PlotSeries[]; xLabel: string; yLabel: string; logY?: boolean }
  bars?: { title: string; unit: string; groups: DemoBarGroup[] }
  /** Runs to load into the lab: the config, and whether to start training or take one step. */
  labRuns: { label: string; config: RunConfig; action: 'start' | 'step' }[]
}

export interface DemoOptions {
  /** Called with 0..1 as the demonstration trains. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
}

// The lab's class hues (blue, red, green in the standard palette) tell the demonstrations'
// curves apart; read when a demonstration runs, so they follow the palette chosen since.
const BLUE = (): string => classColor(0)
const RED = (): string => classColor(1)
const GREEN = (): string => classColor(2)

/** A copy of the seed notebook with changes. */
export function variantOf(change: {
  layerSizes?: number[]
  activations?: ActivationName[]
  init?: InitName
  epochLimit?: number
}): RunConfig {
  const base = structuredClone(SEED_NOTEBOOK)
  return {
    dataset: base.dataset,
    network: {
      ...base.network,
      layerSizes: change.layerSizes ?? base.network.layerSizes,
      activations: change.activations ?? base.network.activations,
      init: change.init ?? base.network.init
    },
    training: { ...base.training, epochLimit: change.epochLimit ?? base.training.epochLimit }
  }
}

export const SIGMOID_HIDDEN = variantOf({ activations: ['sigmoid', 'sigmoid'] })
export const DEEP_SHAPE = [2, 16, 16, 16, 16, 16, 16, 1]
export const DEEP_SIGMOID = variantOf({
  layerSizes: DEEP_SHAPE,
  activations: Array(6).fill('sigmoid'),
  init: 'xavier'
})
export const DEEP_RELU = variantOf({ layerSizes: DEEP_SHAPE, activations: Array(6).fill('relu') })
const INIT_SHAPE = [2, 24, 24, 24, 24, 24, 24, 1]
export const DEEP_RELU_HE = variantOf({
  layerSizes: INIT_SHAPE,
  activations: Array(6).fill('relu'),
  init: 'he',
  epochLimit: 1000
})
export const DEEP_RELU_XAVIER = {
  ...DEEP_RELU_HE,
  network: { ...DEEP_RELU_HE.network, init: 'xavier' as const }
}

function aborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new DOMException('The demonstration was stopped.', 'AbortError')
}

const pause = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/** Trains `epochs` epochs in slices of ~12 ms, yielding to the page between slices. */
export async function trainInSlices(
  run: TrainingRun,
  epochs: number,
  options: DemoOptions = {},
  progress: { done: number; total: number } = { done: 0, total: epochs }
): Promise<void> {
  let trained = 0
  while (trained < epochs) {
    aborted(options.signal)
    const started = performance.now()
    while (trained < epochs && performance.now() - started < 12) {
      run.trainEpoch()
      trained++
      progress.done++
    }
    options.onProgress?.(progress.done / progress.total)
    await pause()
  }
}

function lossSeries(run: TrainingRun, label: string, color: string): PlotSeries {
  return {
    label,
    xs: run.history.map((h) => h.epoch),
    ys: run.history.map((h) => h.loss),
    color,
    lineWidth: 1.8
  }
}

/** Sigmoid's steepest slope, σ'(0) = 0.25: the most a sigmoid layer passes back. */
const SIGMOID_MAX_SLOPE = ACTIVATIONS_REGISTRY.sigmoid.df(0)

function lastLoss(run: TrainingRun): number {
  return run.history[run.history.length - 1].loss
}

function percent(x: number): string {
  return `${(x * 100).toFixed(2)}%`
}

/** "Implement a neural network from scratch": the notebook's run, with its printed log. */
async function fromScratch(options: DemoOptions): Promise<DemoResult> {
  const run = TrainingRun.create(structuredClone(SEED_NOTEBOOK))
  await trainInSlices(run, SEED_NOTEBOOK.training.epochLimit, options)
  const log = [...formatNetworkLines(SEED_NOTEBOOK.network)]
  for (const h of run.history) {
    if (h.epoch % SEED_NOTEBOOK_PRINT_EVERY === 0)
      log.push(formatEpochLine(h.epoch, h.loss, h.accuracy))
  }
  const final = run.evaluate(run.train).accuracy
  log.push(...finalAccuracyLines(final))
  return {
    findings: [
      `Forward pass, BCE loss, backpropagation and a gradient step, repeated ${run.epoch} times, took the loss from ${formatLoss(run.history[0].loss)} to ${formatLoss(lastLoss(run))}.`,
      `The trained network classifies ${percent(final)} of the ${run.train.count} points correctly, exactly as the notebook prints.`
    ],
    log,
    chart: {
      title: 'Training loss',
      series: [lossSeries(run, '2-16-8-1 ReLU', BLUE())],
      xLabel: 'Epoch',
      yLabel: 'Loss'
    },
    labRuns: [
      { label: 'Train it in the lab', config: structuredClone(SEED_NOTEBOOK), action: 'start' }
    ]
  }
}

function frobenius(a: Float64Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += a[i] * a[i]
  return Math.sqrt(s)
}

/** "Explain backpropagation": the first epoch's gradients, and the step they cause. */
async function backprop(options: DemoOptions): Promise<DemoResult> {
  aborted(options.signal)
  const run = TrainingRun.create(structuredClone(SEED_NOTEBOOK))
  const sizes = SEED_NOTEBOOK.network.layerSizes
  const lr = SEED_NOTEBOOK.training.optimizer.learningRate
  const gradients = run.inspect()
  const before = run.params.weights.map((w) => w.slice())
  const first = run.trainEpoch()
  const after = run.evaluate(run.train)
  options.onProgress?.(1)
  const findings = [
    `Epoch 1: the loss was ${formatLoss(first.loss)} before the update and ${formatLoss(after.loss)} after it.`
  ]
  const groups: DemoBarGroup[] = []
  gradients.forEach((g, i) => {
    const delta = new Float64Array(before[i].length)
    for (let k = 0; k < delta.length; k++) delta[k] = run.params.weights[i][k] - before[i][k]
    const moved = frobenius(delta)
    const matches = Math.abs(moved - lr * g.weightGradNorm) <= 1e-12 * Math.max(1, moved)
    findings.push(
      `Layer ${i + 1} (${sizes[i]}×${sizes[i + 1]}): ‖dL/dW‖ = ${g.weightGradNorm.toFixed(5)}; the weights moved ‖ΔW‖ = ${moved.toFixed(6)} = ${lr} × ‖dL/dW‖ ${matches ? '✓' : '✗'}`
    )
    groups.push({
      label: `W${i + 1} (${sizes[i]}×${sizes[i + 1]})`,
      values: [
        { name: '‖dL/dW‖', value: g.weightGradNorm, color: RED() },
        { name: '‖dL/db‖', value: g.biasGradNorm, color: BLUE() }
      ]
    })
  })
  findings.push(
    'The output layer’s gradient comes straight from ŷ − y; each earlier layer’s is that signal carried back through the weights and the ReLU slopes.'
  )
  return {
    findings,
    bars: { title: 'Gradient norms of the first epoch, per weight matrix', unit: '', groups },
    labRuns: [
      { label: 'Step one epoch in the lab', config: structuredClone(SEED_NOTEBOOK), action: 'step' }
    ]
  }
}

/** "Why ReLU over sigmoid?": the same run with each, side by side. */
async function reluVsSigmoid(options: DemoOptions): Promise<DemoResult> {
  const epochs = SEED_NOTEBOOK.training.epochLimit
  const progress = { done: 0, total: epochs * 2 }
  const relu = TrainingRun.create(structuredClone(SEED_NOTEBOOK))
  await trainInSlices(relu, epochs, options, progress)
  const sigmoid = TrainingRun.create(structuredClone(SIGMOID_HIDDEN))
  await trainInSlices(sigmoid, epochs, options, progress)
  const reluLoss = lastLoss(relu)
  const sigmoidLoss = lastLoss(sigmoid)
  const reluAcc = relu.evaluate(relu.train).accuracy
  const sigmoidAcc = sigmoid.evaluate(sigmoid.train).accuracy
  return {
    findings: [
      `After ${epochs} epochs with the same seed, data and learning rate: ReLU reached loss ${formatLoss(reluLoss)} (accuracy ${percent(reluAcc)}), sigmoid ${formatLoss(sigmoidLoss)} (accuracy ${percent(sigmoidAcc)}).`,
      sigmoidLoss > reluLoss
        ? `The sigmoid network ends ${(sigmoidLoss / Math.max(reluLoss, 1e-12)).toFixed(1)}× higher: its gradients are scaled by slopes of at most ${SIGMOID_MAX_SLOPE} at every hidden layer.`
        : 'Here the sigmoid network kept up; try a deeper network to see the gap grow.'
    ],
    chart: {
      title: 'Loss: ReLU vs sigmoid hidden layers',
      series: [lossSeries(relu, 'ReLU', BLUE()), lossSeries(sigmoid, 'sigmoid', RED())],
      xLabel: 'Epoch',
      yLabel: 'Loss',
      logY: true
    },
    labRuns: [
      {
        label: 'Train the ReLU run in the lab',
        config: structuredClone(SEED_NOTEBOOK),
        action: 'start'
      },
      {
        label: 'Train the sigmoid run in the lab',
        config: structuredClone(SIGMOID_HIDDEN),
        action: 'start'
      }
    ]
  }
}

/** Root-mean-square gradient per weight of each matrix (comparable across matrix sizes). */
function rmsGradients(run: TrainingRun): number[] {
  const sizes = run.config.network.layerSizes
  return run.inspect().map((g, i) => g.weightGradNorm / Math.sqrt(sizes[i] * sizes[i + 1]))
}

/** "What is the vanishing gradient problem?": per-layer gradients of deep sigmoid vs ReLU. */
async function vanishingGradient(options: DemoOptions): Promise<DemoResult> {
  aborted(options.signal)
  const sigmoid = TrainingRun.create(structuredClone(DEEP_SIGMOID))
  const relu = TrainingRun.create(structuredClone(DEEP_RELU))
  const s = rmsGradients(sigmoid)
  const r = rmsGradients(relu)
  options.onProgress?.(1)
  const groups: DemoBarGroup[] = s.map((value, i) => ({
    label: `W${i + 1}`,
    values: [
      { name: 'sigmoid', value, color: RED() },
      { name: 'ReLU', value: r[i], color: BLUE() }
    ]
  }))
  const last = s.length - 1
  return {
    findings: [
      `In a ${DEEP_SHAPE.join('-')} sigmoid network the first layer’s gradient is ${(s[last] / s[0]).toExponential(1)} times smaller than the last layer’s; with ReLU and He it is ${(r[last] / r[0]).toFixed(1)}×.`,
      `Each sigmoid layer multiplies the backward signal by at most ${SIGMOID_MAX_SLOPE}, so the early layers hardly move. Train the deep sigmoid network in the lab and watch its loss sit still at first.`
    ],
    bars: {
      title: `Average gradient per weight, first layer (W1) to output (W${s.length})`,
      unit: '',
      groups
    },
    labRuns: [
      {
        label: 'Train the deep sigmoid network',
        config: structuredClone(DEEP_SIGMOID),
        action: 'start'
      },
      { label: 'Train the deep ReLU network', config: structuredClone(DEEP_RELU), action: 'start' }
    ]
  }
}

function meanActivations(run: TrainingRun): number[] {
  return run
    .inspect()
    .slice(0, -1)
    .map((layer) => {
      let sum = 0
      for (const v of layer.meanActivation) sum += Math.abs(v)
      return sum / Math.max(1, layer.meanActivation.length)
    })
}

/** "He vs Xavier": signal size through a deep ReLU network, and training speed. */
async function heVsXavier(options: DemoOptions): Promise<DemoResult> {
  const epochs = 300
  const progress = { done: 0, total: epochs * 2 }
  const he = TrainingRun.create(structuredClone(DEEP_RELU_HE))
  const xavier = TrainingRun.create(structuredClone(DEEP_RELU_XAVIER))
  const heSizes = meanActivations(he)
  const xavierSizes = meanActivations(xavier)
  await trainInSlices(he, epochs, options, progress)
  await trainInSlices(xavier, epochs, options, progress)
  const groups: DemoBarGroup[] = heSizes.map((value, i) => ({
    label: `hidden ${i + 1}`,
    values: [
      { name: 'He', value, color: BLUE() },
      { name: 'Xavier', value: xavierSizes[i], color: GREEN() }
    ]
  }))
  const last = heSizes.length - 1
  return {
    findings: [
      // The He range is the bars' own smallest and largest value, not the first and last layer's.
      `At initialisation, the mean ReLU output falls from ${xavierSizes[0].toFixed(3)} to ${xavierSizes[last].toFixed(3)} across ${heSizes.length} layers with Xavier, but stays between ${Math.min(...heSizes).toFixed(2)} and ${Math.max(...heSizes).toFixed(2)} with He.`,
      `After ${epochs} epochs the loss is ${formatLoss(lastLoss(he))} with He and ${formatLoss(lastLoss(xavier))} with Xavier.`
    ],
    bars: { title: 'Mean activation per hidden layer at initialisation', unit: '', groups },
    chart: {
      title: `Loss of a ${INIT_SHAPE.join('-')} ReLU network`,
      series: [lossSeries(he, 'He', BLUE()), lossSeries(xavier, 'Xavier', GREEN())],
      xLabel: 'Epoch',
      yLabel: 'Loss',
      logY: true
    },
    labRuns: [
      { label: 'Train with He in the lab', config: structuredClone(DEEP_RELU_HE), action: 'start' },
      {
        label: 'Train with Xavier in the lab',
        config: structuredClone(DEEP_RELU_XAVIER),
        action: 'start'
      }
    ]
  }
}

export const DEMOS: Record<DemoId, (options: DemoOptions) => Promise<DemoResult>> = {
  'from-scratch': fromScratch,
  backprop,
  'relu-vs-sigmoid': reluVsSigmoid,
  'vanishing-gradient': vanishingGradient,
  'he-vs-xavier': heVsXavier
}

export function runDemo(id: DemoId, options: DemoOptions = {}): Promise<DemoResult> {
  return DEMOS[id](options)
}
