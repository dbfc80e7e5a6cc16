// The activation registry: everything the lab knows about each hidden-layer activation, in one
// entry — the function beside its derivative (as the notebook writes them), its id in the
// WebAssembly kernels, its NumPy source, and the words the lab and its figures show. The name
// list, the type ActivationName, the trainer and session schemas, the CLI choices, the panels'
// menus and the figures' labels all derive from ACTIVATIONS_REGISTRY, so adding an activation is
// one entry here plus its code in wasm/kernels.as (activate4). The words live here rather than
// in the renderer because the CLI's --help and the exported script show them too, and they are
// plain strings (the engine stays free of I/O).
//
// The network's hot loops (layerKernels.ts) inline the most used formulas; these scalar versions
// are the readable reference, the loops' fallback for any other entry, and what gradcheck and
// the inspection tools use.

export interface ActivationEntry {
  /** a = f(z) */
  f(z: number): number
  /** da/dz at z */
  df(z: number): number
  /** This activation's code in wasm/kernels.as (the ACT_* constants of gridMap's `acts`). */
  kernelId: number
  /** A Python callable of z for the exported NumPy script (which defines `sigmoid` and
   *  imports `np`). */
  numpy: string
  /** Its derivative f′ as a Python callable of z (same context as `numpy`): the Inside view's
   *  code panel writes it as the notebook writes relu_derivative. */
  numpyDerivative: string
  /** Menus and figure titles: 'Leaky ReLU'. */
  label: string
  /** Inside a sentence or a legend: 'leaky ReLU'. */
  inlineName: string
  /** At most five characters, under a narrow column of the network drawing: 'lrelu'. */
  shortLabel: string
  /** Drawn in the notebook's Step 1 panels (the Learn panel's activation plots). */
  plotted: boolean
  /** One line for learners. */
  doc: string
}

/** Slope of leaky ReLU for negative inputs. */
export const LEAKY_RELU_SLOPE = 0.01

/** √(2/π), the constant of GELU's tanh form. */
export const GELU_C = Math.sqrt(2 / Math.PI)
/** The cubic coefficient of GELU's tanh form (Hendrycks & Gimpel). */
export const GELU_CUBIC = 0.044715

/** σ(z) = 1 / (1 + e^(−z)), input clipped to ±500 as the notebook does so exp cannot overflow. */
export function sigmoid(z: number): number {
  const c = z < -500 ? -500 : z > 500 ? 500 : z
  return 1 / (1 + Math.exp(-c))
}

// `satisfies` keeps the literal keys (ActivationName below) while the compiler checks that
// every entry has every field of ActivationEntry.
export const ACTIVATIONS_REGISTRY = {
  sigmoid: {
    f: sigmoid,
    df(z) {
      const s = sigmoid(z)
      return s * (1 - s)
    },
    kernelId: 3,
    numpy: 'sigmoid',
    numpyDerivative: 'lambda z: sigmoid(z) * (1 - sigmoid(z))',
    label: 'Sigmoid',
    inlineName: 'sigmoid',
    shortLabel: 'sigm',
    plotted: true,
    doc: 'σ(z) = 1 / (1 + e^(−z)); squashes to (0, 1); derivative σ(z)·(1 − σ(z))'
  },
  relu: {
    f: (z) => (z > 0 ? z : 0),
    df: (z) => (z > 0 ? 1 : 0),
    kernelId: 1,
    numpy: 'lambda z: np.maximum(0, z)',
    numpyDerivative: 'lambda z: (z > 0).astype(float)',
    label: 'ReLU',
    inlineName: 'ReLU',
    shortLabel: 'relu',
    plotted: true,
    doc: 'ReLU(z) = max(0, z); derivative 1 where z > 0, else 0'
  },
  tanh: {
    f: (z) => Math.tanh(z),
    df(z) {
      const t = Math.tanh(z)
      return 1 - t * t
    },
    kernelId: 4,
    numpy: 'np.tanh',
    numpyDerivative: 'lambda z: 1 - np.tanh(z) ** 2',
    label: 'Tanh',
    inlineName: 'tanh',
    shortLabel: 'tanh',
    plotted: true,
    doc: 'tanh(z); squashes to (−1, 1); derivative 1 − tanh²(z)'
  },
  'leaky-relu': {
    f: (z) => (z > 0 ? z : LEAKY_RELU_SLOPE * z),
    df: (z) => (z > 0 ? 1 : LEAKY_RELU_SLOPE),
    kernelId: 2,
    // The same shortest decimal JavaScript prints is what Python reads back: the same float64.
    numpy: `lambda z: np.where(z > 0, z, ${LEAKY_RELU_SLOPE} * z)`,
    numpyDerivative: `lambda z: np.where(z > 0, 1.0, ${LEAKY_RELU_SLOPE})`,
    label: 'Leaky ReLU',
    inlineName: 'leaky ReLU',
    shortLabel: 'lrelu',
    plotted: true,
    doc: 'leaky ReLU(z) = z if z > 0, else 0.01·z; derivative 1 or 0.01'
  },
  linear: {
    f: (z) => z,
    df: () => 1,
    kernelId: 0,
    numpy: 'lambda z: z',
    numpyDerivative: 'lambda z: np.ones_like(z)',
    label: 'Linear',
    inlineName: 'linear',
    shortLabel: 'lin',
    plotted: false, // trivial: a straight line and a constant
    doc: 'linear(z) = z; no non-linearity (stacked linear layers stay linear); derivative 1'
  },
  elu: {
    // α = 1 (PyTorch's and Keras's default); expm1 keeps small negative z exact.
    f: (z) => (z > 0 ? z : Math.expm1(z)),
    df: (z) => (z > 0 ? 1 : Math.exp(z)),
    kernelId: 6,
    numpy: 'lambda z: np.where(z > 0, z, np.expm1(np.minimum(z, 0)))',
    numpyDerivative: 'lambda z: np.where(z > 0, 1.0, np.exp(np.minimum(z, 0)))',
    label: 'ELU',
    inlineName: 'ELU',
    shortLabel: 'elu',
    plotted: false,
    doc: 'ELU(z) = z if z > 0, else e^z − 1; derivative 1 or e^z'
  },
  gelu: {
    f(z) {
      return 0.5 * z * (1 + Math.tanh(GELU_C * (z + GELU_CUBIC * z * z * z)))
    },
    df(z) {
      const t = Math.tanh(GELU_C * (z + GELU_CUBIC * z * z * z))
      return 0.5 * (1 + t) + 0.5 * z * (1 - t * t) * GELU_C * (1 + 3 * GELU_CUBIC * z * z)
    },
    kernelId: 7,
    numpy: `lambda z: 0.5 * z * (1 + np.tanh(${GELU_C} * (z + ${GELU_CUBIC} * z ** 3)))`,
    numpyDerivative: `lambda z: 0.5 * (1 + np.tanh(${GELU_C} * (z + ${GELU_CUBIC} * z ** 3))) + 0.5 * z * (1 - np.tanh(${GELU_C} * (z + ${GELU_CUBIC} * z ** 3)) ** 2) * ${GELU_C} * (1 + 3 * ${GELU_CUBIC} * z ** 2)`,
    label: 'GELU',
    inlineName: 'GELU',
    shortLabel: 'gelu',
    plotted: false,
    doc: 'GELU(z) ≈ ½·z·(1 + tanh(√(2/π)·(z + 0.044715·z³))) (tanh form); smooth ReLU that dips below 0'
  },
  swish: {
    f: (z) => z * sigmoid(z),
    df(z) {
      const s = sigmoid(z)
      return s * (1 + z * (1 - s))
    },
    kernelId: 8,
    numpy: 'lambda z: z * sigmoid(z)',
    numpyDerivative: 'lambda z: sigmoid(z) * (1 + z * (1 - sigmoid(z)))',
    label: 'Swish (SiLU)',
    inlineName: 'Swish',
    shortLabel: 'swish',
    plotted: false,
    doc: 'Swish(z) = SiLU(z) = z·σ(z); derivative σ(z)·(1 + z·(1 − σ(z)))'
  },
  softplus: {
    // log(1 + e^z) without overflow: max(z, 0) + log1p(e^(−|z|)).
    f: (z) => Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))),
    df: sigmoid,
    kernelId: 9,
    numpy: 'lambda z: np.logaddexp(0, z)',
    numpyDerivative: 'sigmoid',
    label: 'Softplus',
    inlineName: 'softplus',
    shortLabel: 'splus',
    plotted: false,
    doc: 'softplus(z) = ln(1 + e^z), a smooth ReLU; derivative σ(z)'
  }
} satisfies Record<string, ActivationEntry>

/** Hidden-layer activations: the registry's keys. */
export type ActivationName = keyof typeof ACTIVATIONS_REGISTRY

/** The registry's names in its order (menus, --help and the schemas list them so). */
export const ACTIVATIONS = Object.keys(ACTIVATIONS_REGISTRY) as readonly ActivationName[]
