// The trained model as a standalone PyTorch script: a float64 torch.nn.Sequential holding the
// exact trained weights, predict(X) (the engine's forward pass), and train(epochs), which goes on
// training with torch.optim and the session's optimizer, learning rate and optimizer memory.
// A regression model (linear output) predicts the value itself and trains on ½·MSE.
import { LEAKY_RELU_SLOPE } from '../engine/activations'
import { BCE_EPSILON } from '../engine/losses'
import type { ActivationName, RunSnapshot } from '../engine/types'
import { float64ToBase64, int32ToBase64 } from '../session/binaryArrays'
import { pythonFloat } from './numbers'
import {
  base64Literal,
  dataLiteral,
  inputSource,
  mainArgumentsSource,
  matrixLiteral,
  modelNames,
  namesSource,
  probabilitiesSource,
  pyString,
  targetLiteral,
  vectorLiteral
} from './numpyScript'
import { pythonScheduleExpression } from '../engine/schedules'

const TORCH_MODULE: Record<ActivationName, string> = {
  sigmoid: 'torch.nn.Sigmoid()',
  relu: 'torch.nn.ReLU()',
  tanh: 'torch.nn.Tanh()',
  'leaky-relu': `torch.nn.LeakyReLU(${pythonFloat(LEAKY_RELU_SLOPE)})`,
  linear: 'torch.nn.Identity()',
  elu: 'torch.nn.ELU()',
  gelu: "torch.nn.GELU(approximate='tanh')",
  swish: 'torch.nn.SiLU()',
  // torch's default threshold (20) switches to z itself where ln(1 + e^z) differs by < 1e-8.
  softplus: 'torch.nn.Softplus()'
}

/** Optimizer memory slots as base64 float64 (weights first, then biases, as the engine's). */
function memoryLiteral(arrays: Float64Array[]): string {
  return `[\n${arrays.map((a) => `    ${base64Literal(float64ToBase64(a), '        ')},`).join('\n')}\n]`
}

function optimizerSource(snapshot: RunSnapshot): string {
  const t = snapshot.config.training
  const o = t.optimizer
  const lr = pythonFloat(o.learningRate)
  const groups = `[{'params': weights, 'weight_decay': L2}, {'params': biases, 'weight_decay': 0.0}]`
  if (o.kind === 'momentum') {
    return `# torch's momentum is v ← μ·v + g; p ← p − lr·v, the app's is v ← μ·v − lr·g; p ← p + v.
# With a fixed learning rate the two are the same steps (the app's v is −lr times torch's), so
# the app's velocity is loaded as −v / lr; they round differently in the last bits.
def make_optimizer(weights, biases):
    optimizer = torch.optim.SGD(${groups}, lr=${lr}, momentum=${pythonFloat(o.momentum)})
    for p, v in zip(weights + biases, OPTIMIZER_M):
        optimizer.state[p]['momentum_buffer'] = -_tensor(v, p) / ${lr}
    return optimizer`
  }
  if (o.kind === 'adam') {
    return `# torch's Adam is the app's: the same moments and bias corrections (it divides by √(1 − β2ᵗ)
# after the square root, the app before it: equal up to rounding). Its weight_decay adds
# L2·w to the gradient before the moments, as the app's L2 does.
def make_optimizer(weights, biases):
    optimizer = torch.optim.Adam(${groups}, lr=${lr}, betas=(${pythonFloat(o.beta1)}, ${pythonFloat(o.beta2)}), eps=${pythonFloat(o.epsilon)})
    for p, m, v in zip(weights + biases, OPTIMIZER_M, OPTIMIZER_V):
        optimizer.state[p]['step'] = torch.tensor(float(OPTIMIZER_STEP))
        optimizer.state[p]['exp_avg'] = _tensor(m, p)
        optimizer.state[p]['exp_avg_sq'] = _tensor(v, p)
    return optimizer`
  }
  return `def make_optimizer(weights, biases):
    return torch.optim.SGD(${groups}, lr=${lr})`
}

export function torchScript(snapshot: RunSnapshot): string {
  const { network, training } = snapshot.config
  const sizes = network.layerSizes
  const binary = network.output === 'sigmoid'
  const regression = network.output === 'linear'
  const L = sizes.length - 1
  const weights = snapshot.params.weights.map((w, i) => matrixLiteral(w, sizes[i], sizes[i + 1]))
  const biases = snapshot.params.biases.map(vectorLiteral)
  const layers: string[] = []
  for (let i = 0; i < L; i++) {
    layers.push(`    torch.nn.Linear(${sizes[i]}, ${sizes[i + 1]}, dtype=torch.float64),`)
    if (i < L - 1) layers.push(`    ${TORCH_MODULE[network.activations[i]]},`)
  }
  const rng = snapshot.rng
  const key = base64Literal(
    int32ToBase64(new Int32Array(rng.key.buffer, rng.key.byteOffset, rng.key.length)),
    '        '
  )
  const batch = training.batchSize === 'full' ? 'None' : String(training.batchSize)
  return `#!/usr/bin/env python3
"""NN Lab model export for PyTorch: ${sizes.join('-')} network (${network.activations.length > 0 ? `${network.activations.join(', ')} hidden, ` : ''}${network.output} output), ${snapshot.epoch} epochs.

Needs PyTorch and NumPy. model is a float64 torch.nn.Sequential with the trained weights; it
returns logits of the network's inputs (input_features(X)). predict(X) with X of shape (n, 2),
the columns ${modelNames(snapshot).inputs.join(', ')} in their original units, returns ${regression ? 'the predicted value per row, shape (n,)' : binary ? 'P(class 1) per row, shape (n,)' : `the probability of each of the ${sizes[L]} classes, shape (n, ${sizes[L]})`}.
train(epochs) goes on training on the session's points with the session's optimizer (its memory
included), mini-batches shuffled by NumPy's random stream where the app's stood.
${
  regression
    ? `Run it as a script to print the MSE and R², or with --train N to train N more epochs first,
or with --predict X1 X2 to print the predicted value of one point.`
    : `Run it as a script to print the accuracy, or with --train N to train N more epochs first, or
with --predict X1 X2 to print the class of one point by name (CLASS_NAMES).`
}
"""
import argparse
import base64
import math

import numpy as np
import torch

LAYER_SIZES = [${sizes.join(', ')}]
HIDDEN_ACTIVATIONS = [${network.activations.map(pyString).join(', ')}]
OUTPUT = ${pyString(network.output)}
EPOCH = ${snapshot.epoch}

# WEIGHTS[i] has shape (LAYER_SIZES[i], LAYER_SIZES[i + 1]) as in the notebook (z = a @ W + b);
# torch.nn.Linear keeps the transpose. Each number reads back to exactly the trained float64.
WEIGHTS = [
${weights.join('\n')}
]
BIASES = [
${biases.join('\n')}
]

model = torch.nn.Sequential(
${layers.join('\n')}
)
with torch.no_grad():
    for linear, W, b in zip(model[::2], WEIGHTS, BIASES):
        linear.weight.copy_(torch.tensor(W, dtype=torch.float64).T)
        linear.bias.copy_(torch.tensor(b, dtype=torch.float64))


${namesSource(snapshot)}

${inputSource(network, snapshot.train.count)}

def _probabilities(logits):
    ${regression ? 'return logits[:, 0]  # a linear output: the predicted value itself' : binary ? "return (1 / (1 + torch.exp(-torch.clamp(logits, -500, 500))))[:, 0]  # the app's sigmoid, clipped" : 'return torch.softmax(logits, dim=1)'}


def predict(X):
    """${regression ? 'The predicted value for each row of X (shape (n, 2)), as a NumPy array.' : binary ? 'P(class 1) for each row of X (shape (n, 2)), as a NumPy array.' : 'Class probabilities for each row of X (shape (n, 2)), one column per class, as a NumPy array.'}"""
    x = torch.tensor(input_features(np.asarray(X, dtype=np.float64).reshape(-1, 2)))  # a copy: X may be read-only
    with torch.no_grad():
        return _probabilities(model(x)).numpy()


${regression ? '' : PREDICTED_CLASS}
def _points(text, count):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(count, 2).copy()

${
  regression
    ? `
def _targets(text):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').copy()


# The session's points (x1, x2) and their real-valued targets.
${targetLiteral('TRAIN', snapshot.train)}
${targetLiteral('TEST', snapshot.test)}`
    : `
def _labels(text):
    return np.frombuffer(base64.b64decode(text), dtype='<i4').astype(np.int64)


# The session's points (x1, x2) and class labels.
${dataLiteral('TRAIN', snapshot.train)}
${dataLiteral('TEST', snapshot.test)}`
}

# The optimizer's memory (weights first, then biases, each in the notebook's layout) and NumPy's
# random state where the app's stood, so train() continues the app's run.
OPTIMIZER_STEP = ${snapshot.optimizer.step}
OPTIMIZER_M = ${memoryLiteral(snapshot.optimizer.m)}
OPTIMIZER_V = ${memoryLiteral(snapshot.optimizer.v)}
RNG = np.random.RandomState()
RNG.set_state(('MT19937', np.frombuffer(base64.b64decode(${key}), dtype='<u4').copy(), ${rng.pos}, ${rng.hasGauss ? 1 : 0}, ${pythonFloat(rng.gauss)}))

L1 = ${pythonFloat(training.l1)}
L2 = ${pythonFloat(training.l2)}
BATCH_SIZE = ${batch}
# Inverted dropout per hidden layer while training (0 = off): masks drawn from RNG at each
# batch's forward pass, layer by layer, keeping a unit where random_sample() >= p, as the app does.
DROPOUT = [${(training.dropout ?? network.activations.map(() => 0)).map(pythonFloat).join(', ')}]
BASE_LR = ${pythonFloat(training.optimizer.learningRate)}


def learning_rate(epoch):
    """The rate of the epoch after \`epoch\` trained ones (the app's learning-rate schedule)."""
    lr = BASE_LR
    return ${pythonScheduleExpression(training.lrSchedule ?? { kind: 'constant' })}


def _forward(x):
    """model(x) with training-time dropout masks."""
    for i, layer in enumerate(model):
        x = layer(x)
        p = DROPOUT[i // 2] if i % 2 == 1 else 0
        if p > 0:
            x = x * torch.as_tensor((RNG.random_sample(tuple(x.shape)) >= p) / (1 - p))
    return x


def _tensor(text, p):
    """An optimizer memory slot as a tensor shaped like parameter p (Linear weights transposed)."""
    a = torch.as_tensor(np.frombuffer(base64.b64decode(text), dtype='<f8').copy())
    return a.reshape(p.shape[1], p.shape[0]).T.contiguous() if p.dim() == 2 else a.reshape(p.shape)


${optimizerSource(snapshot)}


_weights = [linear.weight for linear in model[::2]]
_biases = [linear.bias for linear in model[::2]]
optimizer = make_optimizer(_weights, _biases)


def _loss(logits, y):
    """The app's loss (${regression ? '½·MSE' : binary ? 'binary cross-entropy with its epsilon' : 'softmax cross-entropy'}) for the log, and the objective
    to differentiate: the data loss plus L1 on the weights (L2 is the optimizer's weight_decay)."""
    ${
      regression
        ? `# ½·mean((ŷ − y)²), TF Playground's and scikit-learn's convention: its gradient is ŷ − y.
    data = fit = 0.5 * torch.mean((logits[:, 0] - y) ** 2)`
        : binary
          ? `p = _probabilities(logits)
    t = y.to(torch.float64)
    data = -torch.mean(t * torch.log(p + ${pythonFloat(BCE_EPSILON)}) + (1 - t) * torch.log(1 - p + ${pythonFloat(BCE_EPSILON)}))
    # The app's gradient is p − y, the BCE's without the epsilon: with_logits gives exactly that.
    fit = torch.nn.functional.binary_cross_entropy_with_logits(logits[:, 0], t)`
          : 'data = fit = torch.nn.functional.cross_entropy(logits, y)'
    }
    penalty = L1 * sum(w.abs().sum() for w in _weights) if L1 else 0.0
    return data, fit + penalty


def _correct(logits, y):
    ${
      regression
        ? `# The batch's residual sum of squares (the epoch's R² is 1 − their total / TOTAL_SQUARES).
    return float(((logits[:, 0] - y) ** 2).sum())`
        : binary
          ? 'return int(((_probabilities(logits) > 0.5).long() == y).sum())'
          : 'return int((logits.argmax(dim=1) == y).sum())'
    }

${
  regression
    ? `
# R²'s denominator over the training targets, and R² as scikit-learn's r2_score (constant targets:
# 1 for a perfect fit, else 0).
TOTAL_SQUARES = float(np.sum((TRAIN_Y - TRAIN_Y.mean()) ** 2)) if len(TRAIN_Y) else 0.0


def _r2_of(residual, total):
    if total == 0:
        return 1.0 if residual == 0 else 0.0
    return 1 - residual / total

`
    : ''
}
def train(epochs):
    """Trains on the session's training points; returns (loss, ${regression ? 'R²' : 'accuracy'}) per epoch, measured
    before each epoch's updates as the app's log does (mini-batches: the size-weighted mean)."""
    global EPOCH
    X = torch.as_tensor(input_features(TRAIN_X))
    y = torch.as_tensor(TRAIN_Y)
    n = len(y)
    history = []
    for _ in range(epochs):
        for group in optimizer.param_groups:
            group['lr'] = learning_rate(EPOCH)
        if BATCH_SIZE is None or BATCH_SIZE >= n:
            batches = [np.arange(n)]
        else:
            order = RNG.permutation(n)
            batches = [order[s:s + BATCH_SIZE] for s in range(0, n, BATCH_SIZE)]
        loss_sum = 0.0
        correct = 0
        for batch in batches:
            index = torch.as_tensor(batch)
            logits = _forward(X[index]) if any(DROPOUT) else model(X[index])
            data, objective = _loss(logits, y[index])
            loss_sum += float(data) * len(batch)
            correct += _correct(logits, y[index])
            optimizer.zero_grad()
            objective.backward()
            optimizer.step()
        EPOCH += 1
        history.append((loss_sum / n, ${regression ? '_r2_of(correct, TOTAL_SQUARES)' : 'correct / n'}))
    return history

${regression ? regressionMain() : classifierMain()}`
}

const PREDICTED_CLASS = `
def predicted_class(X):
    p = predict(X)
    return (p > 0.5).astype(np.int32) if OUTPUT == 'sigmoid' else p.argmax(axis=1)

`

const TRAIN_OPTION =
  "    parser.add_argument('--train', type=int, default=0, metavar='N', help='train N more epochs first')\n"

function classifierMain(): string {
  return `
def predicted_name(X):
    """The name of the predicted class of each row of X."""
    return [CLASS_NAMES[k] for k in predicted_class(X)]


${probabilitiesSource()}


def accuracy(X, y):
    return float(np.mean(predicted_class(X) == y)) if len(y) else float('nan')


if __name__ == '__main__':
${mainArgumentsSource('The NN Lab model in PyTorch.', TRAIN_OPTION)}
    history = train(args.train)
    if history:
        loss, acc = history[-1]
        print(f'Trained to epoch {EPOCH}: Loss: {loss:.4f} | Accuracy: {acc:.2%}')
    print(f'Training accuracy: {accuracy(TRAIN_X, TRAIN_Y):.2%} ({len(TRAIN_Y)} points)')
    if len(TEST_Y):
        print(f'Test accuracy: {accuracy(TEST_X, TEST_Y):.2%} ({len(TEST_Y)} points)')
`
}

/** The regression script's end: MSE and R² as the NumPy export prints them (after --train, the
 *  CLI's regression line), and --predict X1 X2 prints the predicted value. */
function regressionMain(): string {
  return `
def mse(X, y):
    return float(np.mean((predict(X) - y) ** 2)) if len(y) else float('nan')


def r2(X, y):
    if not len(y):
        return float('nan')
    return _r2_of(float(np.sum((y - predict(X)) ** 2)), float(np.sum((y - y.mean()) ** 2)))


if __name__ == '__main__':
    parser = argparse.ArgumentParser(description='The NN Lab regression model in PyTorch.')
${TRAIN_OPTION}    parser.add_argument('--predict', type=float, nargs=2, metavar=(INPUT_NAMES[0], INPUT_NAMES[1]),
                        help='print the predicted value of one point (in the original units) and exit')
    args = parser.parse_args()
    if args.predict is not None:
        print(f'{float(predict(np.array([args.predict]))[0]):.6g}')
        raise SystemExit(0)
    history = train(args.train)
    if history:
        loss, score = history[-1]
        print(f'Trained to epoch {EPOCH}: Loss: {loss:.4f} | MSE: {2 * loss:.4f} | R²: {score:.4f}')
    print(f'Training MSE: {mse(TRAIN_X, TRAIN_Y):.4f} | R²: {r2(TRAIN_X, TRAIN_Y):.4f} ({len(TRAIN_Y)} points)')
    if len(TEST_Y):
        print(f'Test MSE: {mse(TEST_X, TEST_Y):.4f} | R²: {r2(TEST_X, TEST_Y):.4f} ({len(TEST_Y)} points)')
`
}
