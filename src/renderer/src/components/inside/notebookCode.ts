// The notebook's forward, compute_loss and backward (notebookNetwork.py: a verbatim copy of the
// seed notebook's cell, checked by notebookCode.test.ts), which of its lines computes each
// quantity of the step-through, and the same code for the network the lab runs: its hidden
// activations (their NumPy source and derivative from the engine's activation registry) and its
// output (sigmoid + binary cross-entropy, or softmax + cross-entropy).
import { ACTIVATIONS_REGISTRY, type ActivationName } from '@shared/engine/activations'
import type { OutputKind } from '@shared/engine/types'
import source from './notebookNetwork.py?raw'

export const NOTEBOOK_CODE = source.replace(/\n$/, '')
export const NOTEBOOK_LINES = NOTEBOOK_CODE.split('\n')

/** The notebook's statements the step-through points at, by what they compute. */
export const NOTEBOOK_STATEMENTS = {
  z: 'z = self.activations[-1] @ self.weights[i] + self.biases[i]',
  hidden: 'a = relu(z)',
  output: 'a = sigmoid(z)',
  loss: 'loss = -np.mean(',
  outputDelta: 'delta = self.activations[-1] - y_true',
  dW: 'dW = (self.activations[i].T @ delta) / m',
  db: 'db = np.mean(delta, axis=0, keepdims=True)',
  hiddenDelta: 'delta = (delta @ self.weights[i].T) * relu_derivative(self.z_values[i-1])',
  updateW: 'self.weights[i] -= learning_rate * dW',
  updateB: 'self.biases[i] -= learning_rate * db'
} as const

export type NotebookStatement = keyof typeof NOTEBOOK_STATEMENTS

/** The 0-based line of a statement in NOTEBOOK_LINES. */
export function notebookLine(statement: NotebookStatement): number {
  const text = NOTEBOOK_STATEMENTS[statement]
  const line = NOTEBOOK_LINES.findIndex((l) => l.trimStart().startsWith(text))
  if (line < 0) throw new Error(`The notebook's code has no line "${text}".`)
  return line
}

/** The code the panel shows for one network, and where each statement is in it. */
export interface NetworkCode {
  lines: string[]
  /** The 0-based line of a statement in `lines`. */
  line(statement: NotebookStatement): number
}

/** Functions the notebook's own cells define (sigmoid, sigmoid_derivative, relu, relu_derivative):
 *  the code uses them as they are. */
const NOTEBOOK_DEFINES: readonly ActivationName[] = ['relu', 'sigmoid']

/** The Python name of an activation's function ('leaky-relu' → 'leaky_relu'). */
export function pythonName(name: ActivationName): string {
  return name.replace(/-/g, '_')
}

const SOFTMAX_SOURCE = [
  'def softmax(z):',
  '    e = np.exp(z - z.max(axis=1, keepdims=True))',
  '    return e / e.sum(axis=1, keepdims=True)'
]

/** The notebook's code for a network with these hidden activations and this output: the same
 *  lines, with the activation and derivative calls (and, for softmax, the loss) of that network,
 *  and above them the definitions the notebook has not got (from the activation registry). */
export function networkCode(hidden: readonly ActivationName[], output: OutputKind): NetworkCode {
  const distinct = [...new Set(hidden)]
  const prelude: string[] = []
  for (const name of distinct) {
    if (NOTEBOOK_DEFINES.includes(name)) continue
    const entry = ACTIVATIONS_REGISTRY[name]
    const py = pythonName(name)
    if (prelude.length === 0)
      prelude.push('# The activations this network uses and their derivatives:')
    if (entry.numpy !== py) prelude.push(`${py} = ${entry.numpy}`)
    prelude.push(`${py}_derivative = ${entry.numpyDerivative}`)
  }
  const same = distinct.length <= 1
  if (!same) {
    if (prelude.length === 0) prelude.push('# The activation of each hidden layer:')
    prelude.push(`hidden_activations = [${hidden.map(pythonName).join(', ')}]`)
    prelude.push(
      `hidden_derivatives = [${hidden.map((h) => `${pythonName(h)}_derivative`).join(', ')}]`
    )
  }
  if (output === 'softmax') {
    if (prelude.length > 0) prelude.push('')
    prelude.push(...SOFTMAX_SOURCE)
  }
  if (prelude.length > 0) prelude.push('')

  const h = distinct[0] ?? 'relu'
  const call = same ? `${pythonName(h)}(z)` : 'hidden_activations[i](z)'
  const derivative = same
    ? `${pythonName(h)}_derivative(self.z_values[i-1])`
    : 'hidden_derivatives[i-1](self.z_values[i-1])'
  const hiddenWords = same ? ACTIVATIONS_REGISTRY[h].label : 'Each layer’s activation'
  const body = NOTEBOOK_LINES.map((line) => {
    let out = line
      .replace('a = relu(z)', `a = ${call}`)
      .replace('relu_derivative(self.z_values[i-1])', derivative)
      .replace('# ReLU for hidden layers,', `# ${hiddenWords} for hidden layers,`)
    if (output === 'softmax') {
      out = out
        .replace('a = sigmoid(z)', 'a = softmax(z)')
        .replace('sigmoid for output', 'softmax for output')
        .replace('"""Binary cross-entropy loss."""', '"""Cross-entropy loss (y_true one-hot)."""')
        .replace('epsilon = 1e-8', '# (the lab takes log(softmax) from z itself: no epsilon)')
        .replace(
          /loss = -np\.mean\(.*$/,
          'loss = -np.mean(np.sum(y_true * np.log(y_pred), axis=1))'
        )
        .replace('# dL/dz for BCE + sigmoid', '# dL/dz for cross-entropy + softmax')
    }
    return out
  })
  const lines = [...prelude, ...body]
  return { lines, line: (statement) => prelude.length + notebookLine(statement) }
}
