// The confusion matrix the lab shows, against scikit-learn's confusion_matrix on predictions that
// NumPy computes independently from the same weights (its own forward pass), for a binary
// (sigmoid) and a 3-class (softmax) run, on the training and the test points.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from './index'
import type { Dataset, RunConfig } from './types'
import { confusionMatrix, countConfusion, rowPercentages } from './confusion'

const python = '/usr/bin/python3'
const hasSklearn = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import sklearn, numpy']), true)
  } catch {
    return false
  }
})()

const BINARY: RunConfig = {
  ...SEED_NOTEBOOK,
  dataset: { ...SEED_NOTEBOOK.dataset, noise: 0.3, testFraction: 0.25 },
  training: { ...SEED_NOTEBOOK.training, epochLimit: 60 }
}

const THREE_CLASSES: RunConfig = {
  dataset: { kind: 'spiral', samples: 300, noise: 0.2, seed: 7, testFraction: 0.3, classes: 3 },
  network: {
    layerSizes: [2, 12, 3],
    activations: ['tanh'],
    output: 'softmax',
    init: 'he'
  },
  training: { ...SEED_NOTEBOOK.training, epochLimit: 80 }
}

function trained(config: RunConfig, epochs: number): TrainingRun {
  const run = TrainingRun.create(config)
  for (let i = 0; i < epochs; i++) run.trainEpoch()
  return run
}

interface Case {
  sizes: number[]
  activations: string[]
  output: string
  weights: number[][]
  biases: number[][]
  x: number[]
  labels: number[]
  classes: number
}

function caseOf(run: TrainingRun, data: Dataset): Case {
  const net = run.config.network
  return {
    sizes: net.layerSizes,
    activations: net.activations,
    output: net.output,
    weights: run.params.weights.map((w) => Array.from(w)),
    biases: run.params.biases.map((b) => Array.from(b)),
    x: Array.from(data.x.subarray(0, data.count * 2)),
    labels: Array.from(data.labels.subarray(0, data.count)),
    classes: Math.max(2, data.classes)
  }
}

/** scikit-learn's confusion matrix of NumPy's own predictions for each case. */
function sklearnMatrices(cases: Case[]): number[][][] {
  const script = `import json, sys
import numpy as np
from sklearn.metrics import confusion_matrix
acts = {'relu': lambda z: np.maximum(0, z), 'tanh': np.tanh,
        'sigmoid': lambda z: 1 / (1 + np.exp(-z))}
out = []
for c in json.loads(sys.argv[1]):
    a = np.array(c['x']).reshape(-1, 2)
    L = len(c['sizes']) - 1
    for i in range(L):
        W = np.array(c['weights'][i]).reshape(c['sizes'][i], c['sizes'][i + 1])
        z = a @ W + np.array(c['biases'][i])
        if i < L - 1:
            a = acts[c['activations'][i]](z)
        elif c['output'] == 'sigmoid':
            a = 1 / (1 + np.exp(-z))
        else:
            e = np.exp(z - z.max(axis=1, keepdims=True))
            a = e / e.sum(axis=1, keepdims=True)
    pred = (a[:, 0] > 0.5).astype(int) if a.shape[1] == 1 else np.argmax(a, axis=1)
    out.append(confusion_matrix(c['labels'], pred, labels=list(range(c['classes']))).tolist())
print(json.dumps(out))`
  return JSON.parse(
    execFileSync(python, ['-c', script, JSON.stringify(cases)], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024
    })
  ) as number[][][]
}

describe('confusion matrix', () => {
  // Never a silent skip: `npm test` provisions NumPy (scikit-learn comes with the system Python).
  it('equals scikit-learn on NumPy predictions from the same weights (binary and 3 classes)', () => {
    expect(hasSklearn, `scikit-learn is missing under ${python}`).toBe(true)
    const runs = [trained(BINARY, 60), trained(THREE_CLASSES, 80)]
    const cases: Case[] = []
    const ours: number[][][] = []
    for (const run of runs) {
      for (const data of [run.train, run.test]) {
        cases.push(caseOf(run, data))
        ours.push(confusionMatrix(run.config.network, run.params, data).counts)
      }
    }
    const reference = sklearnMatrices(cases)
    expect(ours).toEqual(reference)
    // The matrices are not trivial: both classes predicted, some mistakes.
    for (const m of ours) {
      const off = m.flatMap((row, i) => row.filter((_, j) => j !== i)).reduce((a, b) => a + b, 0)
      expect(off).toBeGreaterThan(0)
    }
  })

  it("has the engine's accuracy on its diagonal and the point count as its sum", () => {
    for (const run of [trained(BINARY, 60), trained(THREE_CLASSES, 80)]) {
      for (const data of [run.train, run.test]) {
        const m = confusionMatrix(run.config.network, run.params, data)
        const sum = m.counts.flat().reduce((a, b) => a + b, 0)
        expect(sum).toBe(data.count)
        expect(m.total).toBe(data.count)
        expect(m.correct / m.total).toBe(run.evaluate(data).accuracy)
      }
    }
  })

  it('gives row percentages of the true class', () => {
    const m = countConfusion([0, 0, 0, 1, 1, 2], [0, 1, 1, 1, 1, 0], 3)
    expect(m.counts).toEqual([
      [1, 2, 0],
      [0, 2, 0],
      [1, 0, 0]
    ])
    expect(rowPercentages(m.counts[0])).toEqual([100 / 3, 200 / 3, 0])
    expect(rowPercentages([0, 0])).toEqual([null, null])
  })
})

describe("the trainer's 'confusion' analysis", () => {
  it("counts the run's own points with its weights, or with the weights it is given", async () => {
    const { analyzeRun } = await import('../trainer/analysis')
    const run = trained(THREE_CLASSES, 80)
    for (const set of ['train', 'test'] as const) {
      const answer = analyzeRun(run, { kind: 'confusion', set, params: null })
      expect(answer).toEqual({
        kind: 'confusion',
        epoch: 80,
        set,
        matrix: confusionMatrix(run.config.network, run.params, run[set])
      })
    }
    // An earlier epoch's weights (a scrubbed timeline) give that epoch's matrix.
    const early = trained(THREE_CLASSES, 5)
    const answer = analyzeRun(run, { kind: 'confusion', set: 'train', params: early.params })
    expect(answer.kind === 'confusion' && answer.matrix).toEqual(
      confusionMatrix(run.config.network, early.params, run.train)
    )
    const other = trained(BINARY, 1)
    expect(() =>
      analyzeRun(run, { kind: 'confusion', set: 'train', params: other.params })
    ).toThrow(/another network/)
  })
})
