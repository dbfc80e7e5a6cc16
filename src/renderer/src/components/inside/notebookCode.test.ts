// The Inside view's copy of the notebook's code is the notebook's own text, and the code it shows
// for other networks computes the engine's numbers.
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import {
  ACTIVATIONS,
  SEED_NOTEBOOK,
  traceNextEpoch,
  TrainingRun,
  type ActivationName,
  type EpochTrace,
  type OutputKind,
  type RunConfig
} from '@shared/engine'
import {
  NOTEBOOK_CODE,
  NOTEBOOK_STATEMENTS,
  networkCode,
  notebookLine,
  type NetworkCode,
  type NotebookStatement
} from './notebookCode'

const read = (relative: string): string =>
  readFileSync(fileURLToPath(new URL(relative, import.meta.url)), 'utf8')
/** The seed notebook, where the workspace keeps it beside the repository. */
const notebookPath = fileURLToPath(
  new URL('../../../../../../shared/seed/neural-network-from-scratch.md', import.meta.url)
)

describe('the notebook code shown beside the step-through', () => {
  it('is the seed notebook cell’s forward, compute_loss and backward, verbatim', () => {
    // The committed reference (the notebook's code run by NumPy) holds the same lines, indented
    // one level deeper (inside its `with` block).
    const reference = read('../../../../shared/engine/fixtures/seed_notebook_reference.py')
    const indented = NOTEBOOK_CODE.split('\n')
      .map((line) => (line.trim() === '' ? '' : '    ' + line))
      .join('\n')
    expect(reference).toContain(indented)
    expect(NOTEBOOK_CODE).toMatch(/^ {4}def forward\(self, X\):/)
    expect(NOTEBOOK_CODE).toMatch(/self\.biases\[i\] -= learning_rate \* db$/)
  })

  it.runIf(existsSync(notebookPath))(
    'equals the text of shared/seed/neural-network-from-scratch.md',
    () => {
      expect(readFileSync(notebookPath, 'utf8')).toContain(NOTEBOOK_CODE + '\n')
    }
  )

  it('finds every statement the steps point at, each on its own line', () => {
    const lines = (Object.keys(NOTEBOOK_STATEMENTS) as NotebookStatement[]).map(notebookLine)
    expect(new Set(lines).size).toBe(lines.length)
    expect(NOTEBOOK_CODE.split('\n')[notebookLine('dW')].trim()).toBe(
      'dW = (self.activations[i].T @ delta) / m'
    )
  })
})

// The code shown for every network runs, under NumPy, to the engine's own numbers: the notebook's
// cell with that network's activations, derivatives (the registry's NumPy source) and output,
// executed on the traced epoch's weights and points, gives its z, a, loss and updated weights.
const python = '/usr/bin/python3'
const hasNumpy = (() => {
  try {
    return existsSync(python) && (execFileSync(python, ['-c', 'import numpy']), true)
  } catch {
    return false
  }
})()

/** The notebook's own activation cell (sigmoid, relu and their derivatives), from the
 *  committed reference that runs it. */
function notebookActivationCell(): string {
  const reference = read('../../../../shared/engine/fixtures/seed_notebook_reference.py')
  const start = reference.indexOf('    def sigmoid(z):')
  const end = reference.indexOf('        return (z > 0).astype(float)', start)
  expect(start).toBeGreaterThan(0)
  return reference
    .slice(start, end + '        return (z > 0).astype(float)'.length)
    .split('\n')
    .map((line) => line.replace(/^ {4}/, ''))
    .join('\n')
}

interface CodeRun {
  loss: number
  z: number[][]
  a: number[][]
  weights: number[][]
  biases: number[][]
}

function runShownCode(code: NetworkCode, trace: EpochTrace): CodeRun {
  const softmax = trace.layers[trace.layers.length - 1].activation === 'softmax'
  // The definitions above the methods, then the methods (the notebook's class body).
  const methods = code.lines.findIndex((l) => l.startsWith('    def forward('))
  const script = `
import json, sys
import numpy as np
${notebookActivationCell()}
${code.lines.slice(0, methods).join('\n')}
class NeuralNetwork:
${code.lines.slice(methods).join('\n')}

d = json.load(sys.stdin)
net = NeuralNetwork()
net.n_layers = len(d['layers'])
net.weights = [np.array(l['W']).reshape(l['inputs'], l['units']) for l in d['layers']]
net.biases = [np.array(l['b']).reshape(1, l['units']) for l in d['layers']]
X = np.array(d['x']).reshape(-1, 2)
labels = np.array(d['labels'])
y = np.eye(d['layers'][-1]['units'])[labels] if ${softmax ? 'True' : 'False'} else labels.reshape(-1, 1).astype(float)
y_pred = net.forward(X)
loss = net.compute_loss(y_pred, y)
z = [v.ravel().tolist() for v in net.z_values]
a = [v.ravel().tolist() for v in net.activations[1:]]
net.backward(y, learning_rate=d['lr'])
print(json.dumps({'loss': float(loss), 'z': z, 'a': a,
                  'weights': [w.ravel().tolist() for w in net.weights],
                  'biases': [b.ravel().tolist() for b in net.biases]}))
`
  const input = JSON.stringify({
    lr: trace.training.optimizer.learningRate,
    x: Array.from(trace.x),
    labels: Array.from(trace.labels),
    layers: trace.layers.map((l) => ({
      inputs: l.inputs,
      units: l.units,
      W: Array.from(l.W),
      b: Array.from(l.b)
    }))
  })
  return JSON.parse(
    execFileSync(python, ['-c', script], { input, encoding: 'utf8', maxBuffer: 1 << 26 })
  ) as CodeRun
}

function worst(ours: Float64Array, theirs: number[]): number {
  expect(ours.length).toBe(theirs.length)
  let w = 0
  for (let i = 0; i < ours.length; i++) {
    w = Math.max(w, Math.abs(ours[i] - theirs[i]) / Math.max(1, Math.abs(theirs[i])))
  }
  return w
}

function traced(activations: ActivationName[], output: OutputKind): EpochTrace {
  const classes = output === 'softmax' ? 3 : 2
  const config: RunConfig = {
    ...SEED_NOTEBOOK,
    dataset:
      output === 'softmax'
        ? { kind: 'spiral', samples: 90, noise: 0.2, seed: 5, testFraction: 0, classes }
        : { ...SEED_NOTEBOOK.dataset, samples: 120 },
    network: {
      ...SEED_NOTEBOOK.network,
      layerSizes: [2, ...activations.map((_, i) => 5 - i), output === 'softmax' ? classes : 1],
      activations,
      output
    }
  }
  const run = TrainingRun.create(config)
  run.trainEpoch()
  return traceNextEpoch(run)
}

describe('the code shown for each network', () => {
  const cases: [ActivationName[], OutputKind][] = [
    ...ACTIVATIONS.map((name): [ActivationName[], OutputKind] => [[name, name], 'sigmoid']),
    [['tanh', 'relu', 'gelu'], 'sigmoid'],
    [['relu', 'relu'], 'softmax'],
    [['swish'], 'softmax']
  ]

  it('is the notebook verbatim for ReLU hidden layers and a sigmoid output', () => {
    const code = networkCode(['relu', 'relu'], 'sigmoid')
    expect(code.lines.join('\n')).toBe(NOTEBOOK_CODE)
    for (const s of Object.keys(NOTEBOOK_STATEMENTS) as NotebookStatement[]) {
      expect(code.line(s)).toBe(notebookLine(s))
    }
  })

  for (const [activations, output] of cases) {
    const name = `${activations.join(', ')} hidden, ${output} output`
    it(`${name}: names its functions and marks the lines that compute each step`, () => {
      const code = networkCode(activations, output)
      const at = (s: NotebookStatement): string => code.lines[code.line(s)].trim()
      const distinct = new Set(activations)
      if (distinct.size === 1) {
        const py = activations[0].replace(/-/g, '_')
        expect(at('hidden')).toBe(`a = ${py}(z)`)
        expect(at('hiddenDelta')).toBe(
          `delta = (delta @ self.weights[i].T) * ${py}_derivative(self.z_values[i-1])`
        )
      } else {
        expect(at('hidden')).toBe('a = hidden_activations[i](z)')
        expect(at('hiddenDelta')).toContain('hidden_derivatives[i-1](self.z_values[i-1])')
      }
      expect(at('output')).toBe(`a = ${output}(z)`)
      expect(at('z')).toBe(NOTEBOOK_STATEMENTS.z)
      expect(at('dW')).toBe(NOTEBOOK_STATEMENTS.dW)
      expect(at('updateW')).toBe(NOTEBOOK_STATEMENTS.updateW)
      expect(at('loss')).toMatch(/^loss = -np\.mean\(/)
      const lines = (Object.keys(NOTEBOOK_STATEMENTS) as NotebookStatement[]).map(code.line)
      expect(new Set(lines).size).toBe(lines.length)
    })

    it(`${name}: run by NumPy, computes the engine's z, a, loss and update`, () => {
      expect(hasNumpy, `NumPy is missing under ${python}`).toBe(true)
      const trace = traced(activations, output)
      const ran = runShownCode(networkCode(activations, output), trace)
      const tol = 1e-12
      expect(Math.abs(ran.loss - trace.lossBefore) / trace.lossBefore).toBeLessThan(tol)
      trace.layers.forEach((layer, l) => {
        expect(worst(layer.z, ran.z[l]), `z${l + 1}`).toBeLessThan(tol)
        expect(worst(layer.a, ran.a[l]), `a${l + 1}`).toBeLessThan(tol)
        expect(worst(layer.Wafter, ran.weights[l]), `W${l + 1} after`).toBeLessThan(tol)
        expect(worst(layer.bAfter, ran.biases[l]), `b${l + 1} after`).toBeLessThan(tol)
      })
    }, 30_000)
  }
})
