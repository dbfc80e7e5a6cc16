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
    label: 'Linear',
    inlineName: 'linear',
    shortLabel: 'lin',
    plotted: false, // trivial: a straight line and a constant
    doc: 'linear(z) = z; no non-linearity (stacked linear layers stay linear); derivative 1'
  }
} satisfies Record<string, ActivationEntry>

/** Hidden-layer activations: the registry's keys. */
export type ActivationName = keyof typeof ACTIVATIONS_REGISTRY

/** The registry's names in its order (menus, --help and the schemas list them so). */
export const ACTIVATIONS = Object.keys(ACTIVATIONS_REGISTRY) as readonly ActivationName[]
