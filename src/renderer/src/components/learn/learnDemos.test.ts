import { describe, expect, it } from 'vitest'
import {
  ACTIVATIONS_REGISTRY,
  formatLoss,
  parameterCount,
  SEED_NOTEBOOK,
  SEED_NOTEBOOK_PRINT_EVERY
} from '@shared/engine'
import { INTERVIEW_QUESTIONS, LEARN_STEPS, TAKEAWAYS } from './learnContent'
import {
  classColor,
  PALETTE_LABELS,
  setActivePalette,
  type PaletteName
} from '../../charts/colormap'
import { DEMOS, runDemo } from './learnDemos'

describe('Learn content', () => {
  it('covers every notebook step, the takeaways and the five interview questions with demos', () => {
    expect(LEARN_STEPS.map((s) => s.id)).toEqual([
      'setup',
      'activations',
      'data',
      'network',
      'forward',
      'loss',
      'backprop',
      'descent',
      'log',
      'curve',
      'boundary',
      'regression'
    ])
    expect(TAKEAWAYS).toHaveLength(6)
    expect(INTERVIEW_QUESTIONS).toHaveLength(5)
    for (const q of INTERVIEW_QUESTIONS) expect(DEMOS[q.id]).toBeTypeOf('function')
  })
})

describe('Learn texts', () => {
  it('state the numbers of the engine’s notebook run, not numbers of their own', () => {
    const text = (id: string): string => LEARN_STEPS.find((s) => s.id === id)!.body.join(' ')
    const { dataset, network, training } = SEED_NOTEBOOK
    const sizes = network.layerSizes
    expect(text('setup')).toContain(`seeded with ${dataset.seed}.`)
    expect(LEARN_STEPS[0].code).toBe(`np.random.seed(${dataset.seed})`)
    expect(text('data')).toContain(
      `${dataset.samples / 2} points at radius 1 (class 0, blue) inside ${dataset.samples / 2} points`
    )
    const terms = sizes.slice(1).map((n, i) => `${sizes[i]}·${n}+${n}`)
    expect(text('network')).toContain(
      `${terms.join(' + ')} = ${parameterCount(network)} parameters.`
    )
    expect(text('descent')).toContain(`a learning rate of ${training.optimizer.learningRate}.`)
    expect(text('log')).toContain(`a line every ${SEED_NOTEBOOK_PRINT_EVERY} epochs`)
    const slope = ACTIVATIONS_REGISTRY.sigmoid.df(0)
    expect(text('activations')).toContain(`sigmoid’s slope is at most ${slope}`)
    const answers = INTERVIEW_QUESTIONS.flatMap((q) => q.answer).join(' ')
    expect(answers).toContain(`Sigmoid’s slope is at most ${slope}`)
    expect(answers).toContain(`(≤ ${slope})`)
    expect(TAKEAWAYS.find((t) => t.concept === 'Learning rate')?.used).toBe(
      String(training.optimizer.learningRate)
    )
  })
})

describe('Learn demonstrations', () => {
  it('from scratch: prints the notebook’s log and reaches its final accuracy', async () => {
    const fractions: number[] = []
    const result = await runDemo('from-scratch', { onProgress: (f) => fractions.push(f) })
    expect(result.log?.slice(0, 2)).toEqual(['Network: 2, 16, 8, 1', 'Total parameters: 193'])
    expect(result.log).toHaveLength(2 + 10 + 2)
    expect(result.log?.[2]).toMatch(/^Epoch {2}200 \| Loss: \d\.\d{4} \| Accuracy: \d+\.\d{2}%$/)
    // The notebook prints '\n🎯 Final Accuracy: …': a blank line, then the line.
    expect(result.log?.slice(12)).toEqual(['', '🎯 Final Accuracy: 100.00%'])
    const losses = result.chart!.series[0].ys
    expect(result.findings[0]).toContain(
      `took the loss from ${formatLoss(losses[0])} to ${formatLoss(losses[losses.length - 1])}.`
    )
    expect(result.findings[1]).toContain(`of the ${SEED_NOTEBOOK.dataset.samples} points`)
    expect(fractions[fractions.length - 1]).toBe(1)
    expect(result.labRuns[0].action).toBe('start')
  })

  it('backprop: each layer moved by exactly learning rate × its gradient', async () => {
    const result = await runDemo('backprop')
    const layerLines = result.findings.filter((f) => f.startsWith('Layer '))
    expect(layerLines).toHaveLength(3)
    for (const line of layerLines) expect(line.endsWith('✓')).toBe(true)
    expect(result.bars?.groups).toHaveLength(3)
    expect(result.labRuns[0].action).toBe('step')
  })

  it('ReLU vs sigmoid: the sigmoid run ends with the higher loss', async () => {
    const result = await runDemo('relu-vs-sigmoid')
    const [relu, sigmoid] = result.chart!.series
    const last = (ys: ArrayLike<number>): number => ys[ys.length - 1]
    expect(relu.ys.length).toBe(2000)
    expect(last(sigmoid.ys)).toBeGreaterThan(last(relu.ys))
    expect(result.findings[0]).toContain(`ReLU reached loss ${formatLoss(last(relu.ys))} (accuracy`)
    expect(result.findings[1]).toContain(
      `ends ${(last(sigmoid.ys) / last(relu.ys)).toFixed(1)}× higher`
    )
    expect(result.labRuns.map((r) => r.config.network.activations[0])).toEqual(['relu', 'sigmoid'])
  })

  it('vanishing gradient: deep sigmoid gradients shrink towards the input, ReLU’s much less', async () => {
    const result = await runDemo('vanishing-gradient')
    const groups = result.bars!.groups
    expect(groups).toHaveLength(7)
    const sigmoid = groups.map((g) => g.values[0].value)
    const relu = groups.map((g) => g.values[1].value)
    const sigmoidRatio = sigmoid[6] / sigmoid[0]
    const reluRatio = relu[6] / relu[0]
    expect(sigmoidRatio).toBeGreaterThan(100)
    expect(sigmoidRatio).toBeGreaterThan(10 * reluRatio)
    expect(result.findings[0]).toContain(
      `is ${sigmoidRatio.toExponential(1)} times smaller than the last layer’s; with ReLU and He it is ${reluRatio.toFixed(1)}×.`
    )
    expect(result.findings[1]).toContain('at most 0.25,')
    expect(result.bars!.title).toContain('(W7)')
  })

  it('He vs Xavier: Xavier’s ReLU activations shrink with depth, He’s do not', async () => {
    const result = await runDemo('he-vs-xavier')
    const groups = result.bars!.groups
    const he = groups.map((g) => g.values[0].value)
    const xavier = groups.map((g) => g.values[1].value)
    expect(xavier[5]).toBeLessThan(xavier[0] / 3)
    expect(he[5]).toBeGreaterThan(xavier[5] * 3)
    // Every number in the text is one the demonstration computed and shows: the He range is the
    // bars' smallest and largest value (issue 18: the text said 0.78–1.05 beside bars of 0.71–1.09).
    const [heCurve, xavierCurve] = result.chart!.series
    const last = (ys: ArrayLike<number>): number => ys[ys.length - 1]
    expect(result.findings).toEqual([
      `At initialisation, the mean ReLU output falls from ${xavier[0].toFixed(3)} to ${xavier[5].toFixed(3)} across 6 layers with Xavier, but stays between ${Math.min(...he).toFixed(2)} and ${Math.max(...he).toFixed(2)} with He.`,
      `After 300 epochs the loss is ${formatLoss(last(heCurve.ys))} with He and ${formatLoss(last(xavierCurve.ys))} with Xavier.`
    ])
    expect(heCurve.ys).toHaveLength(300)
  }, 60000)

  it('stops when aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(runDemo('from-scratch', { signal: controller.signal })).rejects.toThrow(/stopped/)
  })
})

describe('Learn demonstrations follow the palette', () => {
  it('colour their curves with the class colours of the palette chosen before they ran', async () => {
    const names = Object.keys(PALETTE_LABELS) as PaletteName[]
    const colours: string[][] = []
    try {
      for (const name of names) {
        setActivePalette(name)
        const result = await runDemo('relu-vs-sigmoid')
        const seen = result.chart!.series.map((s) => s.color)
        expect(seen).toEqual([classColor(0), classColor(1)])
        colours.push(seen)
      }
    } finally {
      setActivePalette('standard')
    }
    // The palettes differ, so the demonstration's colours did change with them.
    expect(new Set(colours.map((c) => c.join())).size).toBe(names.length)
  })
})
