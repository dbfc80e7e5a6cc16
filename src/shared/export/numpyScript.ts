// A standalone Python file that reproduces the trained network with NumPy alone: the weights are
// embedded as exact float literals, `predict(X)` runs the same forward pass as the engine, and
// running the file prints the accuracy on the session's own points (embedded as base64 of their
// little-endian float64 bytes, which is exact and compact).
import { ACTIVATIONS, ACTIVATIONS_REGISTRY } from '../engine/activations'
import { FEATURES_REGISTRY, isRawInput, type FeatureName } from '../engine/features'
import type { Dataset, RunSnapshot } from '../engine/types'
import { float64ToBase64, int32ToBase64 } from '../session/binaryArrays'
import { pythonFloat } from './numbers'

const BASE64_LINE = 76

/** Shared with the notebook and PyTorch exports. */
export function pyString(text: string): string {
  return JSON.stringify(text) // a JSON string is a valid Python string literal for this alphabet
}

/** A long base64 text as adjacent Python string literals, one line each. */
export function base64Literal(text: string, indent: string): string {
  if (text === '') return "''"
  const lines: string[] = []
  for (let i = 0; i < text.length; i += BASE64_LINE) {
    lines.push(indent + `'${text.slice(i, i + BASE64_LINE)}'`)
  }
  return `(\n${lines.join('\n')}\n${indent.slice(4)})`
}

export function matrixLiteral(w: Float64Array, rows: number, cols: number): string {
  const lines: string[] = []
  for (let r = 0; r < rows; r++) {
    const row: string[] = []
    for (let c = 0; c < cols; c++) row.push(pythonFloat(w[r * cols + c]))
    lines.push(`        [${row.join(', ')}],`)
  }
  return `    np.array([\n${lines.join('\n')}\n    ]),`
}

export function vectorLiteral(b: Float64Array): string {
  return `    np.array([${Array.from(b, pythonFloat).join(', ')}]),`
}

export function dataLiteral(name: string, data: Dataset): string {
  return [
    `${name}_X = _points(${base64Literal(float64ToBase64(data.x.subarray(0, data.count * 2)), '        ')}, ${data.count})`,
    `${name}_Y = _labels(${base64Literal(int32ToBase64(data.labels.subarray(0, data.count)), '        ')})`
  ].join('\n')
}

function describe(snapshot: RunSnapshot): string {
  const { network } = snapshot.config
  const hidden = network.activations.length > 0 ? `${network.activations.join(', ')} hidden, ` : ''
  return `${network.layerSizes.join('-')} network (${hidden}${network.output} output), ${snapshot.epoch} epochs`
}

/** Every hidden activation's NumPy source, from the engine's registry. */
function activationTable(): string {
  return ACTIVATIONS.map(
    (name) => `    ${pyString(name)}: ${ACTIVATIONS_REGISTRY[name].numpy},`
  ).join('\n')
}

/** input_features(X): the model's engineered inputs (features.ts) from the (x1, x2) rows. */
export function featuresSource(features: readonly FeatureName[] | undefined): string {
  if (isRawInput(features) || !features) {
    return `def input_features(X):
    """The network reads the points (x1, x2) as they are."""
    return X
`
  }
  return `# The network's inputs are these features of each point, in this order.
INPUT_FEATURES = [${features.map(pyString).join(', ')}]


def input_features(X):
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([${features.map((f) => FEATURES_REGISTRY[f].numpy).join(', ')}], axis=1)
`
}

export function numpyScript(snapshot: RunSnapshot): string {
  const { network } = snapshot.config
  const sizes = network.layerSizes
  const binary = network.output === 'sigmoid'
  const weights = snapshot.params.weights.map((w, i) => matrixLiteral(w, sizes[i], sizes[i + 1]))
  const biases = snapshot.params.biases.map(vectorLiteral)
  return `#!/usr/bin/env python3
"""NN Lab model export: ${describe(snapshot)}.

Needs only NumPy. Import this file and call predict(X) with X of shape (n, 2):
${
  binary
    ? 'it returns P(class 1) for each row, shape (n,).'
    : `it returns the probability of each of the ${sizes[sizes.length - 1]} classes, shape (n, ${sizes[sizes.length - 1]}).`
}
Run it as a script to print the accuracy on the session's data.
"""
import base64

import numpy as np

LAYER_SIZES = [${sizes.join(', ')}]
HIDDEN_ACTIVATIONS = [${network.activations.map(pyString).join(', ')}]
OUTPUT = ${pyString(network.output)}

# WEIGHTS[i] has shape (LAYER_SIZES[i], LAYER_SIZES[i + 1]) as in the notebook: z = a @ W + b.
# Each number is the shortest decimal that reads back to exactly the trained float64.
WEIGHTS = [
${weights.join('\n')}
]
BIASES = [
${biases.join('\n')}
]


def sigmoid(z):
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))


def softmax(z):
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


ACTIVATIONS = {
${activationTable()}
}

${featuresSource(network.features)}

def predict(X):
    """${binary ? 'P(class 1) for each row of X (shape (n, 2)).' : 'Class probabilities for each row of X (shape (n, 2)), one column per class.'}"""
    a = input_features(np.asarray(X, dtype=np.float64).reshape(-1, 2))
    for i, (W, b) in enumerate(zip(WEIGHTS, BIASES)):
        z = a @ W + b
        if i < len(WEIGHTS) - 1:
            a = ACTIVATIONS[HIDDEN_ACTIVATIONS[i]](z)
        elif OUTPUT == 'sigmoid':
            return sigmoid(z)[:, 0]
        else:
            return softmax(z)


def predicted_class(X):
    p = predict(X)
    return (p > 0.5).astype(np.int32) if OUTPUT == 'sigmoid' else p.argmax(axis=1)


def _points(text, count):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(count, 2)


def _labels(text):
    return np.frombuffer(base64.b64decode(text), dtype='<i4')


# The session's points (x1, x2) and class labels.
${dataLiteral('TRAIN', snapshot.train)}
${dataLiteral('TEST', snapshot.test)}


def accuracy(X, y):
    return float(np.mean(predicted_class(X) == y)) if len(y) else float('nan')


if __name__ == '__main__':
    print(f'Training accuracy: {accuracy(TRAIN_X, TRAIN_Y):.2%} ({len(TRAIN_Y)} points)')
    if len(TEST_Y):
        print(f'Test accuracy: {accuracy(TEST_X, TEST_Y):.2%} ({len(TEST_Y)} points)')
`
}
