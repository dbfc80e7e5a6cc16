// A standalone Python file that reproduces the trained network with NumPy alone: the weights are
// embedded as exact float literals, `predict(X)` runs the same forward pass as the engine, and
// running the file prints the accuracy on the session's own points (embedded as base64 of their
// little-endian float64 bytes, which is exact and compact).
import { ACTIVATIONS, ACTIVATIONS_REGISTRY } from '../engine/activations'
import { FEATURES_REGISTRY, isRawInput } from '../engine/features'
import type { Dataset, NetworkSpec, RunSnapshot } from '../engine/types'
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

/** The names the model was trained with: the imported file's input columns and class names, or
 *  x1, x2 and the class numbers for generated points. */
export function modelNames(snapshot: RunSnapshot): { inputs: [string, string]; classes: string[] } {
  const { network } = snapshot.config
  const out = network.layerSizes[network.layerSizes.length - 1]
  const classes = network.output === 'sigmoid' ? 2 : out
  const named = snapshot.train.classNames ?? snapshot.test.classNames
  return {
    inputs: snapshot.train.inputNames ?? snapshot.test.inputNames ?? ['x1', 'x2'],
    classes: Array.from({ length: classes }, (_, k) => named?.[k] ?? String(k))
  }
}

/** INPUT_NAMES, CLASS_NAMES and class_name(): shared with the PyTorch export. */
export function namesSource(snapshot: RunSnapshot): string {
  const names = modelNames(snapshot)
  return `# The two input columns X holds, in this order, and each class's name by class index.
INPUT_NAMES = [${names.inputs.map(pyString).join(', ')}]
CLASS_NAMES = [${names.classes.map(pyString).join(', ')}]
`
}

/** standardize(X) and input_features(X): what the first layer reads from the (x1, x2) rows (the
 *  z-score of standardize.ts first, then the engineered inputs of features.ts). */
export function inputSource(network: NetworkSpec, trainPoints: number): string {
  const s = network.standardize
  const standardize = s
    ? `# The inputs are standardised first (z-score, as scikit-learn's StandardScaler): the mean and
# the population standard deviation (ddof=0; 1 for a constant column) of the ${trainPoints}
# training points. X stays in the original units; the network reads (X - INPUT_MEAN) / INPUT_SCALE.
INPUT_MEAN = np.array([${s.mean.map(pythonFloat).join(', ')}])
INPUT_SCALE = np.array([${s.scale.map(pythonFloat).join(', ')}])


def standardize(X):
    return (X - INPUT_MEAN) / INPUT_SCALE
`
    : `def standardize(X):
    """The network reads the inputs in their own units (no standardisation)."""
    return X
`
  const features = network.features
  if (isRawInput(features) || !features) {
    return `${standardize}

def input_features(X):
    """The network reads the points (x1, x2)${s ? ', standardised,' : ''} as they are."""
    return standardize(X)
`
  }
  return `${standardize}

# The network's inputs are these features of each${s ? ' standardised' : ''} point, in this order.
INPUT_FEATURES = [${features.map(pyString).join(', ')}]


def input_features(X):
    X = standardize(X)
    x1, x2 = X[:, 0], X[:, 1]
    return np.stack([${features.map((f) => FEATURES_REGISTRY[f].numpy).join(', ')}], axis=1)
`
}

/** class_probabilities(X): each class's name with its probability, for people. */
export function probabilitiesSource(): string {
  return `def class_probabilities(X):
    """For each row of X, {class name: probability} over CLASS_NAMES."""
    p = predict(X)
    if OUTPUT == 'sigmoid':
        p = np.stack([1 - p, p], axis=1)
    return [dict(zip(CLASS_NAMES, map(float, row))) for row in p]`
}

/** The script's --predict X1 X2 option (both Python exports); `before`: more options. */
export function mainArgumentsSource(description: string, before = ''): string {
  return `    parser = argparse.ArgumentParser(description=${pyString(description)})
${before}    parser.add_argument('--predict', type=float, nargs=2, metavar=(INPUT_NAMES[0], INPUT_NAMES[1]),
                        help='print the class of one point (in the original units) and exit')
    args = parser.parse_args()
    if args.predict is not None:
        point = np.array([args.predict])
        probabilities = class_probabilities(point)[0]
        print(predicted_name(point)[0])
        for name, p in probabilities.items():
            print(f'  {name}: {p:.4f}')
        raise SystemExit(0)`
}

export function numpyScript(snapshot: RunSnapshot): string {
  const { network } = snapshot.config
  const names = modelNames(snapshot)
  const sizes = network.layerSizes
  const binary = network.output === 'sigmoid'
  const regression = network.output === 'linear'
  const weights = snapshot.params.weights.map((w, i) => matrixLiteral(w, sizes[i], sizes[i + 1]))
  const biases = snapshot.params.biases.map(vectorLiteral)
  return `#!/usr/bin/env python3
"""NN Lab model export: ${describe(snapshot)}.

Needs only NumPy. Import this file and call predict(X) with X of shape (n, 2), the columns
${names.inputs.join(', ')} in their original units:
${
  regression
    ? 'it returns the predicted value for each row, shape (n,).'
    : binary
      ? 'it returns P(class 1) for each row, shape (n,).'
      : `it returns the probability of each of the ${sizes[sizes.length - 1]} classes, shape (n, ${sizes[sizes.length - 1]}).`
}
${
  regression
    ? "Run it as a script to print the MSE and R² on the session's data."
    : `Run it as a script to print the accuracy on the session's data, or with --predict X1 X2 to
print the class of one point by name (CLASS_NAMES) and its probabilities.`
}
"""
import argparse
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

${namesSource(snapshot)}

${inputSource(network, snapshot.train.count)}

def predict(X):
    """${regression ? 'The predicted value for each row of X (shape (n, 2)).' : binary ? 'P(class 1) for each row of X (shape (n, 2)).' : 'Class probabilities for each row of X (shape (n, 2)), one column per class.'}"""
    a = input_features(np.asarray(X, dtype=np.float64).reshape(-1, 2))
    for i, (W, b) in enumerate(zip(WEIGHTS, BIASES)):
        z = a @ W + b
        if i < len(WEIGHTS) - 1:
            a = ACTIVATIONS[HIDDEN_ACTIVATIONS[i]](z)
        elif OUTPUT == 'sigmoid':
            return sigmoid(z)[:, 0]
        elif OUTPUT == 'linear':
            return z[:, 0]
        else:
            return softmax(z)

${regression ? regressionTail(snapshot) : classifierTail(snapshot)}`
}

/** The classifier script's end: predicted classes, the session's labelled points, accuracy. */
function classifierTail(snapshot: RunSnapshot): string {
  return `
def predicted_class(X):
    p = predict(X)
    return (p > 0.5).astype(np.int32) if OUTPUT == 'sigmoid' else p.argmax(axis=1)


def predicted_name(X):
    """The name of the predicted class of each row of X."""
    return [CLASS_NAMES[k] for k in predicted_class(X)]


${probabilitiesSource()}


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
${mainArgumentsSource('The NN Lab model in NumPy.')}
    print(f'Training accuracy: {accuracy(TRAIN_X, TRAIN_Y):.2%} ({len(TRAIN_Y)} points)')
    if len(TEST_Y):
        print(f'Test accuracy: {accuracy(TEST_X, TEST_Y):.2%} ({len(TEST_Y)} points)')
`
}

/** A regression set's points and real targets as base64 float64 literals. */
export function targetLiteral(name: string, data: Dataset): string {
  const targets = data.targets ?? new Float64Array(0)
  return [
    `${name}_X = _points(${base64Literal(float64ToBase64(data.x.subarray(0, data.count * 2)), '        ')}, ${data.count})`,
    `${name}_Y = _targets(${base64Literal(float64ToBase64(targets.subarray(0, data.count)), '        ')})`
  ].join('\n')
}

/** The regression script's end: the session's points and targets, MSE and R² (as scikit-learn's
 *  mean_squared_error and r2_score; the loss trained was ½·MSE). */
function regressionTail(snapshot: RunSnapshot): string {
  return `
def _points(text, count):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(count, 2)


def _targets(text):
    return np.frombuffer(base64.b64decode(text), dtype='<f8')


# The session's points (x1, x2) and their real-valued targets.
${targetLiteral('TRAIN', snapshot.train)}
${targetLiteral('TEST', snapshot.test)}


def mse(X, y):
    return float(np.mean((predict(X) - y) ** 2)) if len(y) else float('nan')


def r2(X, y):
    if not len(y):
        return float('nan')
    residual = float(np.sum((y - predict(X)) ** 2))
    total = float(np.sum((y - y.mean()) ** 2))
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return 1 - residual / total


if __name__ == '__main__':
    print(f'Training MSE: {mse(TRAIN_X, TRAIN_Y):.4f} | R²: {r2(TRAIN_X, TRAIN_Y):.4f} ({len(TRAIN_Y)} points)')
    if len(TEST_Y):
        print(f'Test MSE: {mse(TEST_X, TEST_Y):.4f} | R²: {r2(TEST_X, TEST_Y):.4f} ({len(TEST_Y)} points)')
`
}
