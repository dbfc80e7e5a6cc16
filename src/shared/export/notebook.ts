// The run as a Jupyter notebook (nbformat 4): the seed notebook's cells (activations, data, the
// NeuralNetwork class, the training loop, the plots) generalised to the session's settings.
// Run top to bottom it repeats the app's run from epoch 0 to the session's epoch and prints the
// app's Training log line for line.
//
// How it starts exactly where the engine starts: the engine is a pure function of its config
// (one RandomState(seed) makes the data, splits it, draws the weights, then shuffles the
// mini-batches). The notebook's own run (circles, no test split, He init) is that same stream in
// NumPy, so those notebooks use the notebook's code: np.random.seed, make_circles,
// NeuralNetwork.__init__. Every other run embeds what the engine starts from — its points, its
// initial weights and NumPy's random state after them — so the shuffles continue as the engine's.
// The arithmetic follows the engine's formulas and order (see optimizers.ts, losses.ts).
// A regression run (one linear output) trains on ½·MSE and prints MSE and R² as the app's log
// does; standardised inputs use the engine's fitted mean and scale (standardize.ts), embedded.
import { mergeDatasets } from '../engine/datasets'
import { ACTIVATIONS, GELU_C, GELU_CUBIC, LEAKY_RELU_SLOPE } from '../engine/activations'
import { FEATURES_REGISTRY, isRawInput, readsRawPoints } from '../engine/features'
import { isRegression } from '../engine/spec'
import { hasDropout } from '../engine/dropout'
import { formatSchedule, pythonScheduleExpression } from '../engine/schedules'
import { RandomState } from '../engine/rng'
import { TrainingRun } from '../engine/train'
import type { ActivationName, Dataset, RunConfig, RunSnapshot } from '../engine/types'
import { int32ToBase64 } from '../session/binaryArrays'
import { pythonFloat } from './numbers'
import { notebookHead, type NotebookHead } from './notebookHead'
import {
  base64Literal,
  dataLiteral,
  inputSource,
  matrixLiteral,
  targetLiteral
} from './numpyScript'

export { logIntervalFor } from './logInterval'

export interface NotebookOptions {
  /** Print a log line every this many epochs (the app's: logIntervalFor(epochLimit)). */
  printEvery: number
  /** Shown in the title. */
  name?: string
}

/** Copies of the rows of `data` at `rows` (with their targets, for regression points). */
function rowsOf(data: Dataset, rows: ArrayLike<number>): Dataset {
  const x = new Float64Array(rows.length * 2)
  const labels = new Int32Array(rows.length)
  const targets = data.targets ? new Float64Array(rows.length) : undefined
  for (let i = 0; i < rows.length; i++) {
    x[2 * i] = data.x[2 * rows[i]]
    x[2 * i + 1] = data.x[2 * rows[i] + 1]
    labels[i] = data.labels[rows[i]]
    if (targets && data.targets) targets[i] = data.targets[rows[i]]
  }
  const rowsData: Dataset = { x, labels, count: rows.length, classes: data.classes }
  if (targets) rowsData.targets = targets
  return rowsData
}

/** An imported run's points in the order they were imported: the split sent row perm[i] of the
 *  import to test (the first rows) or train (the rest), so undoing that permutation restores it. */
function importedPoints(snapshot: RunSnapshot): Dataset {
  const { train, test, config } = snapshot
  if (!(config.dataset.testFraction > 0)) return train
  const split = mergeDatasets(test, train)
  const perm = new RandomState(config.dataset.seed).permutation(split.count)
  const original = new Array<number>(split.count)
  for (let i = 0; i < split.count; i++) original[perm[i]] = i
  return rowsOf(split, original)
}

/** An imported run whose file had a split column (train/test, as the data export writes it): the
 *  engine kept that split, each part in file order, and drew no permutation. Its train rows, then
 *  its test rows, marked so, are points the engine splits the same way. */
function fileSplitPoints(snapshot: RunSnapshot): Dataset {
  const { train, test } = snapshot
  const points = mergeDatasets(train, test)
  points.split = new Uint8Array(points.count).fill(1, train.count)
  return points
}

function sameBits(a: ArrayBufferView, b: ArrayBufferView): boolean {
  if (a.byteLength !== b.byteLength) return false
  const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength)
  const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength)
  return x.every((v, i) => v === y[i])
}

function samePoints(a: Dataset, b: Dataset): boolean {
  return (
    a.count === b.count &&
    sameBits(a.x, b.x) &&
    sameBits(a.labels, b.labels) &&
    (a.targets === undefined) === (b.targets === undefined) &&
    (!a.targets || !b.targets || sameBits(a.targets, b.targets))
  )
}

/** Whether `start` is where the session's run began: its first epoch (or, at epoch 0, its weights)
 *  is the session's, bit for bit. Used only to tell two ways of splitting imported points apart. */
function beganAt(start: TrainingRun, snapshot: RunSnapshot): boolean {
  if (snapshot.epoch === 0) {
    return start.params.weights.every((w, l) => sameBits(w, snapshot.params.weights[l]))
  }
  const first = snapshot.history[0]
  if (!first || first.epoch !== 1) return false
  const probe = TrainingRun.restore(start.snapshot())
  const stats = probe.trainEpoch()
  return Object.is(stats.loss, first.loss) && Object.is(stats.accuracy, first.accuracy)
}

/** The run at epoch 0 and how its test points were held out. */
function rebuild(snapshot: RunSnapshot): { start: TrainingRun; fileSplit: boolean } {
  const { config } = snapshot
  const imported = config.dataset.kind === 'csv'
  let start = TrainingRun.create(config, imported ? importedPoints(snapshot) : undefined)
  let fileSplit = false
  if (imported && config.dataset.testFraction > 0 && !beganAt(start, snapshot)) {
    // Not RandomState's split: the file's own split column, if that is where the run began.
    const fromFile = TrainingRun.create(config, fileSplitPoints(snapshot))
    if (beganAt(fromFile, snapshot)) {
      start = fromFile
      fileSplit = true
    }
  }
  for (const part of ['train', 'test'] as const) {
    if (!samePoints(start[part], snapshot[part])) {
      throw new Error(
        "This session's points are not the ones its settings make, so a notebook could not repeat the run; start a new run and export again."
      )
    }
  }
  // The standardisation is fitted on the training points: the same points give the same fit.
  const fitted = start.config.network.standardize
  const stored = config.network.standardize
  const same =
    fitted && stored
      ? [0, 1].every(
          (j) => fitted.mean[j] === stored.mean[j] && fitted.scale[j] === stored.scale[j]
        )
      : !fitted && !stored
  if (!same) {
    throw new Error(
      "This session's input standardisation is not the one its training points give, so a notebook could not repeat the run; start a new run and export again."
    )
  }
  return { start, fileSplit }
}

/** The run at epoch 0, rebuilt by the engine from the session's settings (and points). */
export function runStart(snapshot: RunSnapshot): TrainingRun {
  return rebuild(snapshot).start
}

/** Runs the seed notebook's own code reproduces: its make_circles (which needs an even count:
 *  the engine drops the odd point), no held-out points, its He initialisation. */
export function usesNotebookData(config: RunConfig): boolean {
  const d = config.dataset
  return (
    d.kind === 'circles' &&
    !(d.testFraction > 0) &&
    d.samples % 2 === 0 &&
    config.network.init === 'he'
  )
}

// ---- notebook JSON ----

interface Cell {
  cell_type: 'markdown' | 'code'
  id: string
  metadata: Record<string, never>
  source: string[]
  execution_count?: null
  outputs?: never[]
}

/** nbformat keeps a cell's text as lines, each with its newline but the last. */
function sourceLines(text: string): string[] {
  const lines = text.replace(/^\n+|\n+$/g, '').split('\n')
  return lines.map((line, i) => (i < lines.length - 1 ? line + '\n' : line))
}

function markdown(id: number, text: string): Cell {
  return { cell_type: 'markdown', id: `cell-${id}`, metadata: {}, source: sourceLines(text) }
}

function code(id: number, text: string): Cell {
  return {
    cell_type: 'code',
    execution_count: null,
    id: `cell-${id}`,
    metadata: {},
    outputs: [],
    source: sourceLines(text)
  }
}

// ---- Python pieces ----

/** Each hidden activation beside its derivative (the notebook's style). The derivatives are the
 *  engine's: sigmoid and tanh from the activation itself, (leaky) ReLU a 0/1 (slope) mask. */
const ACTIVATION_SOURCE: Record<ActivationName, string> = {
  sigmoid: `def sigmoid(z):
    """σ(z) = 1 / (1 + e^(-z))"""
    return 1 / (1 + np.exp(-np.clip(z, -500, 500)))

def sigmoid_derivative(z):
    """σ'(z) = σ(z) × (1 - σ(z))"""
    s = sigmoid(z)
    return s * (1 - s)`,
  relu: `def relu(z):
    """ReLU(z) = max(0, z)"""
    return np.maximum(0, z)

def relu_derivative(z):
    """ReLU'(z) = 1 if z > 0, else 0"""
    return (z > 0).astype(float)`,
  tanh: `def tanh(z):
    """tanh(z): squashes to (-1, 1)"""
    return np.tanh(z)

def tanh_derivative(z):
    """tanh'(z) = 1 - tanh²(z)"""
    t = np.tanh(z)
    return 1 - t * t`,
  'leaky-relu': `LEAKY_RELU_SLOPE = ${pythonFloat(LEAKY_RELU_SLOPE)}

def leaky_relu(z):
    """leaky ReLU(z) = z if z > 0, else ${LEAKY_RELU_SLOPE}·z"""
    return np.where(z > 0, z, LEAKY_RELU_SLOPE * z)

def leaky_relu_derivative(z):
    """leaky ReLU'(z) = 1 if z > 0, else ${LEAKY_RELU_SLOPE}"""
    return np.where(z > 0, 1.0, LEAKY_RELU_SLOPE)`,
  linear: `def linear(z):
    """linear(z) = z: no non-linearity"""
    return z

def linear_derivative(z):
    """linear'(z) = 1"""
    return np.ones_like(z)`,
  elu: `def elu(z):
    """ELU(z) = z if z > 0, else e^z - 1"""
    return np.where(z > 0, z, np.expm1(np.minimum(z, 0)))

def elu_derivative(z):
    """ELU'(z) = 1 if z > 0, else e^z"""
    return np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))`,
  gelu: `GELU_C = ${pythonFloat(GELU_C)}  # sqrt(2 / pi)

def gelu(z):
    """GELU(z) ≈ ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³))), the tanh form"""
    return 0.5 * z * (1 + np.tanh(GELU_C * (z + ${GELU_CUBIC} * z**3)))

def gelu_derivative(z):
    """GELU'(z) = ½(1 + t) + ½·z·(1 - t²)·√(2/π)·(1 + 3·0.044715·z²)"""
    t = np.tanh(GELU_C * (z + ${GELU_CUBIC} * z**3))
    return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * ${GELU_CUBIC} * z * z)`,
  swish: `def swish(z):
    """Swish(z) = SiLU(z) = z·σ(z)"""
    return z * sigmoid(z)

def swish_derivative(z):
    """Swish'(z) = σ(z)·(1 + z·(1 - σ(z)))"""
    s = sigmoid(z)
    return s * (1 + z * (1 - s))`,
  softplus: `def softplus(z):
    """softplus(z) = ln(1 + e^z)"""
    return np.logaddexp(0, z)

def softplus_derivative(z):
    """softplus'(z) = σ(z)"""
    return sigmoid(z)`
}

const PY_NAME: Record<ActivationName, string> = {
  sigmoid: 'sigmoid',
  relu: 'relu',
  tanh: 'tanh',
  'leaky-relu': 'leaky_relu',
  linear: 'linear',
  elu: 'elu',
  gelu: 'gelu',
  swish: 'swish',
  softplus: 'softplus'
}

/** How plots and the architecture line name each activation. */
const LABEL: Record<ActivationName, string> = {
  sigmoid: 'Sigmoid',
  relu: 'ReLU',
  tanh: 'Tanh',
  'leaky-relu': 'Leaky ReLU',
  linear: 'Linear',
  elu: 'ELU',
  gelu: 'GELU',
  swish: 'Swish',
  softplus: 'Softplus'
}

const SOFTMAX_SOURCE = `def softmax(z):
    """Row-wise softmax, shifted by each row's maximum so exp cannot overflow"""
    e = np.exp(z - z.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)`

/** The functions the network uses, sigmoid first as in the notebook. */
function usedActivations(config: RunConfig): ActivationName[] {
  const used = new Set<ActivationName>(config.network.activations)
  if (config.network.output === 'sigmoid') used.add('sigmoid')
  if (config.network.output === 'linear') used.add('linear') // a regression output
  const order: ActivationName[] = ['sigmoid', 'relu', 'tanh', 'leaky-relu', 'linear']
  const rest = ACTIVATIONS.filter((a) => !order.includes(a))
  // swish and softplus call sigmoid
  if (used.has('swish') || used.has('softplus')) used.add('sigmoid')
  return [...order, ...rest].filter((a) => used.has(a))
}

function activationCell(config: RunConfig): string {
  const used = usedActivations(config)
  const defs = used.map((a) => ACTIVATION_SOURCE[a])
  if (config.network.output === 'softmax') defs.push(SOFTMAX_SOURCE)
  const plots = used
    .map((a, i) => {
      const f = PY_NAME[a]
      const label = LABEL[a]
      return `axes[${i}].plot(z, ${f}(z), 'b-', linewidth=2, label='${label}')
axes[${i}].plot(z, ${f}_derivative(z), 'r--', linewidth=2, label="${label}'")
axes[${i}].set_title('${label} & Derivative')
axes[${i}].legend()
axes[${i}].grid(True, alpha=0.3)`
    })
    .join('\n\n')
  // Only a softmax network without hidden layers uses none of them.
  if (used.length === 0) return defs.join('\n\n')
  return `${defs.join('\n\n')}

# Visualize
z = np.linspace(-5, 5, 200)
fig, axes = plt.subplots(1, ${used.length}, figsize=(${6 * used.length}, 4), squeeze=False)
axes = axes[0]

${plots}

plt.tight_layout()
plt.show()`
}

const SCATTER = `for c in range(N_CLASSES):
    plt.scatter(X[y.ravel()==c, 0], X[y.ravel()==c, 1], color=CLASS_COLOURS[c], alpha=0.5, label=f'Class {c}')`

function classColours(classes: number): string {
  return classes <= 2
    ? "CLASS_COLOURS = ['blue', 'red']"
    : 'CLASS_COLOURS = [plt.cm.tab10(c % 10) for c in range(N_CLASSES)]'
}

function notebookDataCell(config: RunConfig): string {
  const d = config.dataset
  return `def make_circles(n=300, noise=0.1):
    """Generate two concentric circles for binary classification."""
    t = np.random.uniform(0, 2 * np.pi, n)
    
    # Inner circle (class 0)
    r_inner = 1 + np.random.randn(n // 2) * noise
    X_inner = np.column_stack([r_inner * np.cos(t[:n//2]), r_inner * np.sin(t[:n//2])])
    
    # Outer circle (class 1)
    r_outer = 3 + np.random.randn(n // 2) * noise
    X_outer = np.column_stack([r_outer * np.cos(t[n//2:]), r_outer * np.sin(t[n//2:])])
    
    X = np.vstack([X_inner, X_outer])
    y = np.array([0] * (n // 2) + [1] * (n // 2)).reshape(-1, 1)
    
    # Shuffle
    idx = np.random.permutation(n)
    return X[idx], y[idx]

X, y = make_circles(${d.samples}, noise=${pythonFloat(d.noise)})
X_test, y_test = X[:0], y[:0]  # no held-out points
N_CLASSES = 2
${classColours(2)}

plt.figure(figsize=(6, 6))
${SCATTER}
plt.title('Training Data — Two Circles')
plt.legend()
plt.axis('equal')
plt.grid(True, alpha=0.3)
plt.show()
print(f'X shape: {X.shape}, y shape: {y.shape}')`
}

const DATASET_TITLE: Record<RunConfig['dataset']['kind'], string> = {
  circles: 'Two Circles',
  xor: 'XOR',
  gauss: 'Two Gaussians',
  spiral: 'Spiral',
  moons: 'Two Moons',
  plane: 'Plane (regression)',
  'gauss-mix': 'Gaussian mix (regression)',
  csv: 'Imported CSV'
}

/** A regression run's points and real-valued targets (y a column, as the notebook's y), drawn
 *  coloured by value on the app's diverging scale, centred on 0. */
function regressionDataCell(config: RunConfig, start: TrainingRun, fileSplit: boolean): string {
  const d = config.dataset
  return `# The app's points and their real-valued targets, exactly (base64 of their little-endian float64
# bytes), ${pointsOrigin(config, start, fileSplit)}.
def _points(text, count):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(count, 2).copy()

def _targets(text):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(-1, 1).copy()  # a column, as the notebook's y

${targetLiteral('TRAIN', start.train)}
${targetLiteral('TEST', start.test)}

X, y = TRAIN_X, TRAIN_Y
X_test, y_test = TEST_X, TEST_Y
# The colour scale of the plots: blue below 0, red above, to the largest |target| (as the app's map)
VALUE_LIMIT = float(np.abs(np.vstack([y, y_test])).max()) or 1.0

plt.figure(figsize=(7, 6))
plt.scatter(X[:, 0], X[:, 1], c=y.ravel(), cmap='RdBu_r', vmin=-VALUE_LIMIT, vmax=VALUE_LIMIT, alpha=0.8, edgecolors='black', linewidth=0.3)
plt.colorbar(label='target')
plt.title('Training Data — ${DATASET_TITLE[d.kind]}')
plt.axis('equal')
plt.grid(True, alpha=0.3)
plt.show()
print(f'X shape: {X.shape}, y shape: {y.shape}')${start.test.count > 0 ? "\nprint(f'X_test shape: {X_test.shape}, y_test shape: {y_test.shape}')" : ''}`
}

/** Where the embedded points come from and how the test points were held out. */
function pointsOrigin(config: RunConfig, start: TrainingRun, fileSplit: boolean): string {
  const d = config.dataset
  const held = start.test.count
  if (d.kind !== 'csv') {
    return `made by the engine with RandomState(${d.seed})${held > 0 ? `, which held out ${held} of them as test points` : ''}`
  }
  if (held === 0) return 'imported from a CSV file'
  return fileSplit
    ? `imported from a CSV file whose split column marks ${held} of them as test points`
    : `imported from a CSV file; RandomState(${d.seed}) held out ${held} of them as test points`
}

function embeddedDataCell(config: RunConfig, start: TrainingRun, fileSplit: boolean): string {
  if (isRegression(config.network)) return regressionDataCell(config, start, fileSplit)
  const binary = config.network.output === 'sigmoid'
  const classes = binary ? 2 : config.network.layerSizes[config.network.layerSizes.length - 1]
  return `# The app's points, exactly (base64 of their little-endian float64 / int32 bytes),
# ${pointsOrigin(config, start, fileSplit)}.
def _points(text, count):
    return np.frombuffer(base64.b64decode(text), dtype='<f8').reshape(count, 2).copy()

def _labels(text):
    return np.frombuffer(base64.b64decode(text), dtype='<i4').astype(int)${binary ? ".reshape(-1, 1)  # a column, as the notebook's y" : ''}

${dataLiteral('TRAIN', start.train)}
${dataLiteral('TEST', start.test)}

X, y = TRAIN_X, TRAIN_Y
X_test, y_test = TEST_X, TEST_Y
N_CLASSES = ${classes}
${classColours(classes)}

plt.figure(figsize=(6, 6))
${SCATTER}
plt.title('Training Data — ${DATASET_TITLE[config.dataset.kind]}')
plt.legend()
plt.axis('equal')
plt.grid(True, alpha=0.3)
plt.show()
print(f'X shape: {X.shape}, y shape: {y.shape}')${start.test.count > 0 ? "\nprint(f'X_test shape: {X_test.shape}, y_test shape: {y_test.shape}')" : ''}`
}

function initialWeightsBlock(start: TrainingRun): string {
  const sizes = start.config.network.layerSizes
  const weights = start.params.weights.map((w, i) => matrixLiteral(w, sizes[i], sizes[i + 1]))
  const rng = start.snapshot().rng
  const key = base64Literal(
    int32ToBase64(new Int32Array(rng.key.buffer, rng.key.byteOffset, rng.key.length)),
    '        '
  )
  return `# The app's initial weights (${start.config.network.init} initialisation, drawn from the same
# RandomState after the data), each the shortest decimal that reads back to the same float64.
INITIAL_WEIGHTS = [
${weights.join('\n')}
]

# NumPy's random state where the app's stood after making the data and the weights, so the
# mini-batch shuffles (np.random.permutation) draw the same orders as the app's.
RNG_STATE = ('MT19937', np.frombuffer(base64.b64decode(${key}), dtype='<u4').copy(), ${rng.pos}, ${rng.hasGauss ? 1 : 0}, ${pythonFloat(rng.gauss)})

`
}

function initLoop(config: RunConfig, notebookInit: boolean): string {
  if (notebookInit) {
    return `        for i in range(len(layer_sizes) - 1):
            # He initialization: scale by sqrt(2/fan_in)
            w = np.random.randn(layer_sizes[i], layer_sizes[i+1]) * np.sqrt(2 / layer_sizes[i])
            b = np.zeros((1, layer_sizes[i+1]))
            self.weights.append(w)
            self.biases.append(b)`
  }
  return `        for i in range(len(layer_sizes) - 1):
            # The app's ${config.network.init} initialisation, exactly (see INITIAL_WEIGHTS)
            w = INITIAL_WEIGHTS[i].copy()
            b = np.zeros((1, layer_sizes[i+1]))
            self.weights.append(w)
            self.biases.append(b)`
}

function optimizerSource(config: RunConfig): { classSource: string; create: string } {
  const o = config.training.optimizer
  const lr = pythonFloat(o.learningRate)
  if (o.kind === 'momentum') {
    return {
      classSource: `class Momentum:
    """v ← μ·v − lr·g; p ← p + v (one velocity per weight and bias array)"""
    def __init__(self, params, lr, momentum):
        self.lr = lr
        self.momentum = momentum
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        for p, g, v in zip(params, grads, self.velocity):
            v[...] = self.momentum * v - self.lr * g
            p += v`,
      create: `Momentum(nn.weights + nn.biases, lr=${lr}, momentum=${pythonFloat(o.momentum)})`
    }
  }
  if (o.kind === 'adam') {
    return {
      classSource: `class Adam:
    """m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; p ← p − lr·m̂ / (√v̂ + ε), with the bias
    corrections m̂ = m / (1 − β1ᵗ), v̂ = v / (1 − β2ᵗ) and t counting the updates"""
    def __init__(self, params, lr, beta1, beta2, epsilon):
        self.lr = lr
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.t = 0
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]

    def step(self, params, grads):
        self.t += 1
        c1 = 1 - self.beta1 ** self.t
        c2 = 1 - self.beta2 ** self.t
        for p, g, m, v in zip(params, grads, self.m, self.v):
            m[...] = self.beta1 * m + (1 - self.beta1) * g
            v[...] = self.beta2 * v + (1 - self.beta2) * g * g
            p -= (self.lr * (m / c1)) / (np.sqrt(v / c2) + self.epsilon)`,
      create: `Adam(nn.weights + nn.biases, lr=${lr}, beta1=${pythonFloat(o.beta1)}, beta2=${pythonFloat(o.beta2)}, epsilon=${pythonFloat(o.epsilon)})`
    }
  }
  return {
    classSource: `class SGD:
    """Gradient descent, as the notebook's backward() does it: p ← p − lr·g"""
    def __init__(self, params, lr):
        self.lr = lr

    def step(self, params, grads):
        for p, g in zip(params, grads):
            p -= self.lr * g`,
    create: `SGD(nn.weights + nn.biases, lr=${lr})`
  }
}

/** Python for the training options beyond the seed notebook's (issue 16): the input features,
 *  inverted dropout and the learning-rate schedule. Each piece is empty when the run does not use
 *  it, so those notebooks keep the seed notebook's code. */
interface ExtraSource {
  /** Definitions before the NeuralNetwork class. */
  definitions: string
  /** The first line of forward(): its input. */
  input: string
  /** forward()'s parameters after X. */
  forwardParams: string
  /** The masks, drawn at the start of a training forward pass. */
  drawMasks: string
  /** After a hidden layer's activation. */
  applyMask: string
  /** The backward step through hidden layer i-1. */
  backStep: string
  /** The train loop's forward call arguments after X. */
  trainArgs: string
  /** At the start of each epoch. */
  epochStart: string
}

function extraSource(config: RunConfig, trainPoints: number): ExtraSource {
  const features = config.network.features
  const raw = readsRawPoints(config.network)
  const rates = config.training.dropout ?? []
  const dropout = hasDropout(rates)
  const schedule = config.training.lrSchedule
  const scheduled = !!schedule && schedule.kind !== 'constant'
  const definitions: string[] = []
  if (!raw) {
    const featureNote =
      features && !isRawInput(features)
        ? `# Engineered input features: the network reads ${features.map((f) => FEATURES_REGISTRY[f].label).join(', ')}
# of each point (x1, x2), computed before the first layer (training, evaluation and the plot alike).
`
        : `# What the first layer reads: the standardised points (training, evaluation and the plot alike).
`
    definitions.push(`${featureNote}${inputSource(config.network, trainPoints).trimEnd()}`)
  }
  if (dropout) {
    definitions.push(`# Inverted dropout per hidden layer (rate p: the chance a neuron is dropped in a training step).
# Each training forward pass first draws, for every hidden layer with p > 0 (in layer order), one
# uniform number per point and neuron from NumPy's generator (the app's own stream, so this run is
# the app's); a neuron is kept where u >= p and its activation scaled by 1 / (1 - p), so the expected
# activation is unchanged. Evaluation, the test loss and the plot use the whole network.
DROPOUT = [${rates.map((p) => pythonFloat(p)).join(', ')}]`)
  }
  if (scheduled && schedule) {
    definitions.push(`# Learning-rate schedule ${formatSchedule(schedule)}: the rate of the epoch after \`epoch\` trained epochs.
LR = ${pythonFloat(config.training.optimizer.learningRate)}

def learning_rate(lr, epoch):
    return ${pythonScheduleExpression(schedule)}`)
  }
  return {
    definitions: definitions.length > 0 ? definitions.join('\n\n') + '\n\n' : '',
    input: raw ? 'self.activations = [X]' : 'self.activations = [input_features(X)]',
    forwardParams: dropout ? ', training=False' : '',
    drawMasks: dropout
      ? `
        # Dropout masks for this pass (training only), drawn before it as the app does
        self.masks = [None] * (self.n_layers - 1)
        if training:
            self.masks = [None if not p > 0 else (np.random.random_sample((X.shape[0], size)) >= p) * (1 / (1 - p))
                          for p, size in zip(DROPOUT, self.layer_sizes[1:-1])]`
      : '',
    applyMask: dropout
      ? `
                if self.masks[i] is not None:
                    a = a * self.masks[i]  # inverted dropout`
      : '',
    backStep: dropout
      ? `back = delta @ self.weights[i].T
                if self.masks[i-1] is not None:
                    back = back * self.masks[i-1]  # a dropped neuron passes no gradient
                delta = back * self.hidden_activations[i-1][1](self.z_values[i-1])`
      : 'delta = (delta @ self.weights[i].T) * self.hidden_activations[i-1][1](self.z_values[i-1])',
    trainArgs: dropout ? ', training=True' : '',
    epochStart: scheduled
      ? `
            optimizer.lr = learning_rate(LR, epoch)  # this epoch's scheduled rate`
      : ''
  }
}

function networkCell(
  config: RunConfig,
  notebookInit: boolean,
  start: TrainingRun,
  epochs: number,
  printEvery: number
): string {
  const net = config.network
  const t = config.training
  const penalties = t.l1 > 0 || t.l2 > 0
  const optimizer = optimizerSource(config)
  const extra = extraSource(config, start.train.count)
  const hidden = net.activations.map((a) => `(${PY_NAME[a]}, ${PY_NAME[a]}_derivative)`)
  const head = notebookHead(net.output)
  const penaltyBlock = penalties
    ? `
        # L1/L2 on the weights only (not the biases): d/dW of l1·Σ|W| + l2/2·ΣW² is
        # l1·sign(W) + l2·W. The printed loss, like the app's, is the data loss alone.
        grads_W = [dW + (L2 * W + L1 * np.sign(W)) for dW, W in zip(grads_W, self.weights)]`
    : ''
  const batch = t.batchSize === 'full' ? 'None' : String(t.batchSize)
  const penaltyConstants = penalties
    ? `L1 = ${pythonFloat(t.l1)}\nL2 = ${pythonFloat(t.l2)}\n\n`
    : ''
  return `${notebookInit ? '' : initialWeightsBlock(start)}${penaltyConstants}${extra.definitions}${head.definitions}${optimizer.classSource}


class NeuralNetwork:
    def __init__(self, layer_sizes, hidden_activations):
        """Initialize weights${notebookInit ? ' with He initialization' : " (the app's, see INITIAL_WEIGHTS)"}."""
        self.layer_sizes = layer_sizes
        self.hidden_activations = hidden_activations  # (function, derivative) per hidden layer
        self.weights = []
        self.biases = []
        
${initLoop(config, notebookInit)}
        
        self.n_layers = len(self.weights)
        print(f'Network: {", ".join(str(s) for s in layer_sizes)}')
        print(f'Total parameters: {sum(w.size + b.size for w, b in zip(self.weights, self.biases)):,}')
    
    def forward(self, X${extra.forwardParams}):
        """Forward pass — store activations for backprop."""
        ${extra.input}
        self.z_values = []${extra.drawMasks}
        
        for i in range(self.n_layers):
            z = self.activations[-1] @ self.weights[i] + self.biases[i]
            self.z_values.append(z)
            
            # The hidden layers' activations, ${head.outputName} for the output
            if i < self.n_layers - 1:
                a = self.hidden_activations[i][0](z)${extra.applyMask}
            else:
                ${head.output}
            self.activations.append(a)
        
        return self.activations[-1]
    
${head.methods}
    
    def backward(self, y_true):
        """Backpropagation — the gradient of every weight and bias (the optimizer then updates)."""
        m = y_true.shape[0]
        grads_W = [None] * self.n_layers
        grads_b = [None] * self.n_layers
        
        # Output layer gradient
        ${head.delta}
        
        for i in range(self.n_layers - 1, -1, -1):
            # Compute gradients
            grads_W[i] = (self.activations[i].T @ delta) / m
            grads_b[i] = np.mean(delta, axis=0, keepdims=True)
            
            # Propagate to previous layer
            if i > 0:
                ${extra.backStep}
        ${penaltyBlock}
        return grads_W + grads_b
    
    def train(self, X, y, optimizer, epochs=1000, batch_size=None, print_every=100, X_test=None, y_test=None):
        """Training loop: full batch (batch_size None) or shuffled mini-batches. Each epoch's loss and
        ${head.scoreName} are measured before its updates (for mini-batches: the size-weighted mean)."""
        losses = []
        test_losses = []
        n = X.shape[0]
${head.beforeLoop}        
        for epoch in range(epochs):${extra.epochStart}
            if batch_size is None or batch_size >= n:
                # Forward
                y_pred = self.forward(X${extra.trainArgs})
                loss = self.compute_loss(y_pred, y)
                ${head.fullScore}
                
                # Backward
                optimizer.step(self.weights + self.biases, self.backward(y))
            else:
                idx = np.random.permutation(n)
                loss_sum = 0.0
                ${head.tallyStart}
                for start in range(0, n, batch_size):
                    batch = idx[start:start + batch_size]
                    y_pred = self.forward(X[batch]${extra.trainArgs})
                    loss_sum += self.compute_loss(y_pred, y[batch]) * len(batch)
                    ${head.tallyAdd}
                    optimizer.step(self.weights + self.biases, self.backward(y[batch]))
                loss = loss_sum / n
                ${head.tallyScore}
            losses.append(loss)
            if X_test is not None and len(X_test) > 0:
                test_losses.append(self.compute_loss(self.forward(X_test), y_test))
            
            if (epoch + 1) % print_every == 0:
                ${head.printLine}
        
        return losses, test_losses

# Create and train
nn = NeuralNetwork([${net.layerSizes.join(', ')}], [${hidden.join(', ')}])
optimizer = ${optimizer.create}${notebookInit ? '' : '\nnp.random.set_state(RNG_STATE)'}
losses, test_losses = nn.train(X, y, optimizer, epochs=${epochs}, batch_size=${batch}, print_every=${printEvery}, X_test=X_test, y_test=y_test)`
}

function resultsCell(head: NotebookHead): string {
  return `fig, axes = plt.subplots(1, 2, figsize=(14, 5))

# Loss curve
axes[0].plot(losses, 'b-', alpha=0.7, label='train')
if test_losses:
    axes[0].plot(test_losses, 'r-', alpha=0.7, label='test')
    axes[0].legend()
axes[0].set_xlabel('Epoch')
axes[0].set_ylabel('Loss')
axes[0].set_title('Training Loss')
axes[0].grid(True, alpha=0.3)

# ${head.mapName} (every point, train and test, inside the plot)
X_all = np.vstack([X, X_test])
x_min, x_max = X_all[:, 0].min() - 1, X_all[:, 0].max() + 1
y_min, y_max = X_all[:, 1].min() - 1, X_all[:, 1].max() + 1
# The notebook's step of 0.05, coarser for wide data (at most 400 steps along each axis)
hx = max(0.05, (x_max - x_min) / 400)
hy = max(0.05, (y_max - y_min) / 400)
xx, yy = np.meshgrid(np.arange(x_min, x_max, hx), np.arange(y_min, y_max, hy))
grid = np.column_stack([xx.ravel(), yy.ravel()])

${head.map}

plt.tight_layout()
plt.show()

${head.final}`
}

function settingsText(config: RunConfig, epochs: number, testCount: number): string {
  const d = config.dataset
  const net = config.network
  const t = config.training
  const o = t.optimizer
  const data =
    d.kind === 'csv'
      ? 'imported CSV points'
      : `${d.kind}, ${d.samples} points, noise ${d.noise}${d.kind === 'spiral' ? `, ${d.classes} arms` : ''}`
  const optimizer =
    o.kind === 'sgd'
      ? `gradient descent, learning rate ${o.learningRate}`
      : o.kind === 'momentum'
        ? `momentum ${o.momentum}, learning rate ${o.learningRate}`
        : `Adam (β1 ${o.beta1}, β2 ${o.beta2}, ε ${o.epsilon}), learning rate ${o.learningRate}`
  const hidden = net.activations.length > 0 ? `${net.activations.join(', ')} hidden, ` : ''
  const features = isRawInput(net.features)
    ? ''
    : `; input features ${(net.features ?? []).map((f) => FEATURES_REGISTRY[f].label).join(', ')}`
  const rounded = (values: number[]): string =>
    values.map((v) => String(Number(v.toPrecision(4)))).join(', ')
  const standardized = net.standardize
    ? `; inputs standardised (the training points' mean ${rounded(net.standardize.mean)}, standard deviation ${rounded(net.standardize.scale)})`
    : ''
  const dropout = hasDropout(t.dropout) ? `, dropout ${(t.dropout ?? []).join(' / ')}` : ''
  const schedule =
    t.lrSchedule && t.lrSchedule.kind !== 'constant'
      ? `, learning-rate schedule ${formatSchedule(t.lrSchedule)}`
      : ''
  return [
    `- **Data:** ${data}, seed ${d.seed}${testCount > 0 ? `; ${testCount} points held out for testing` : ''}`,
    `- **Network:** ${net.layerSizes.join(' → ')} (${hidden}${net.output} output${isRegression(net) ? ', ½·MSE loss' : ''}), ${net.init} initialisation${standardized}${features}`,
    `- **Training:** ${optimizer}, ${t.batchSize === 'full' ? 'full batch' : `mini-batches of ${t.batchSize}`}${t.l1 > 0 ? `, L1 ${t.l1}` : ''}${t.l2 > 0 ? `, L2 ${t.l2}` : ''}${dropout}${schedule}, ${epochs} epochs`
  ].join('\n')
}

/** The session as an .ipynb notebook (JSON text) that retrains it from epoch 0 to its epoch. */
export function notebookExport(snapshot: RunSnapshot, options: NotebookOptions): string {
  const { start, fileSplit } = rebuild(snapshot)
  const config = snapshot.config
  const notebookInit = usesNotebookData(config)
  const regression = isRegression(config.network)
  const epochs = snapshot.epoch
  const printEvery = Math.max(1, Math.floor(options.printEvery))
  const title = options.name ? `NN Lab run: ${options.name}` : 'NN Lab run'
  const cells: Cell[] = []
  let id = 0
  const md = (text: string): void => void cells.push(markdown(++id, text))
  const py = (text: string): void => void cells.push(code(++id, text))

  md(`# 🧮 ${title}

Exported from NN Lab at epoch ${epochs}. Run every cell from the top: it trains the same network
on the same points from epoch 0 to epoch ${epochs} and prints the same log as the app's Training
log (a line every ${printEvery} epochs, then the final ${regression ? 'MSE and R²' : 'accuracy'}). It repeats the run with these
settings from the start, so if they were changed during training, its numbers follow the settings
shown here.

${settingsText(config, epochs, start.test.count)}`)
  const usesMath = config.training.lrSchedule?.kind === 'cosine'
  py(`import base64${usesMath ? '\nimport math' : ''}
import numpy as np
import matplotlib.pyplot as plt
${notebookInit ? `\nnp.random.seed(${config.dataset.seed})` : ''}
print('✅ Setup complete')`)
  md(`## Step 1: Activation Functions

Activation functions introduce non-linearity. Without them, stacking layers would be equivalent to a single linear transformation.`)
  py(activationCell(config))
  md(
    notebookInit
      ? `## Step 2: Generate Data

We'll create a simple classification problem — two concentric circles.`
      : `## Step 2: The Data

The app's own points${regression ? ' and their real-valued targets' : ''}, embedded exactly${start.test.count > 0 ? ', with the held-out test points' : ''}.`
  )
  py(notebookInit ? notebookDataCell(config) : embeddedDataCell(config, start, fileSplit))
  md(`## Step 3: Build the Neural Network

Architecture: \`${architecture(config)}\``)
  py(networkCell(config, notebookInit, start, epochs, printEvery))
  md('## Step 4: Visualize Results')
  py(resultsCell(notebookHead(config.network.output)))

  const notebook = {
    cells,
    metadata: {
      kernelspec: { display_name: 'Python 3', language: 'python', name: 'python3' },
      language_info: { name: 'python' }
    },
    nbformat: 4,
    nbformat_minor: 5
  }
  return JSON.stringify(notebook, null, 1) + '\n'
}

const OUTPUT_LABEL: Record<RunConfig['network']['output'], string> = {
  sigmoid: 'Sigmoid',
  softmax: 'Softmax',
  linear: 'Linear'
}

/** `Input(2) → Hidden(16, ReLU) → Hidden(8, ReLU) → Output(1, Sigmoid)` */
function architecture(config: RunConfig): string {
  const net = config.network
  const s = net.layerSizes
  const parts = [`Input(${s[0]})`]
  net.activations.forEach((a, i) => parts.push(`Hidden(${s[i + 1]}, ${LABEL[a]})`))
  parts.push(`Output(${s[s.length - 1]}, ${OUTPUT_LABEL[net.output]})`)
  return parts.join(' → ')
}
