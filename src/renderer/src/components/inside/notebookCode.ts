// The notebook's forward, compute_loss and backward (notebookNetwork.py: a verbatim copy of the
// seed notebook's cell, checked by notebookCode.test.ts), and which of its lines computes each
// quantity of the step-through.
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
