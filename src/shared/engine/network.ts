// The multilayer perceptron's batched forward and backward passes, written once against the
// LayerKernels interface (layerKernels.ts: the TypeScript loops; wasmKernels.ts: the
// WebAssembly SIMD kernels, same numbers), and the buffers one batch size needs. The spec's
// arithmetic is in spec.ts, the float32 live maps in gridMapper.ts.
import { numpySum } from './numeric'
import { softmaxOutput } from './losses'
import { TYPESCRIPT_KERNELS, type LayerKernels } from './layerKernels'
import { outputSize } from './spec'
import type { NetworkParams, NetworkSpec } from './types'
import { WasmLayerKernels } from './wasmKernels'
import { featureInput, readsRawPoints } from './features'
import { applyMask, maskedDerivative, type DropoutMasks } from './dropout'

/** Scratch space for one batch size: pre-activations z, activations a, deltas (dL/dz, not yet
 *  averaged) and averaged gradients, one entry per weight matrix, all allocated by (and, for
 *  WebAssembly, inside the memory of) the kernels that compute them. */
export interface BatchBuffers {
  capacity: number
  z: Float64Array[]
  a: Float64Array[]
  delta: Float64Array[]
  gradW: Float64Array[]
  gradB: Float64Array[]
  /** count entries for loss terms */
  scratch: Float64Array
  kernels: LayerKernels
  /** The last forward pass's input rows (features.ts: standardised points or engineered
   *  features), when the network has them. */
  features?: Float64Array
}

export function createBuffers(spec: NetworkSpec, capacity: number): BatchBuffers {
  const s = spec.layerSizes
  const L = s.length - 1
  // Per weight matrix: z, a and delta (capacity×J), gradW (K×J) and gradB (J); then scratch.
  let doubles = capacity
  for (let i = 0; i < L; i++) doubles += 3 * capacity * s[i + 1] + s[i] * s[i + 1] + s[i + 1]
  const kernels = WasmLayerKernels.create(spec, capacity, doubles, 5 * L + 1) ?? TYPESCRIPT_KERNELS
  const z: Float64Array[] = []
  const a: Float64Array[] = []
  const delta: Float64Array[] = []
  const gradW: Float64Array[] = []
  const gradB: Float64Array[] = []
  for (let i = 0; i < L; i++) {
    z.push(kernels.alloc(capacity * s[i + 1]))
    a.push(kernels.alloc(capacity * s[i + 1]))
    delta.push(kernels.alloc(capacity * s[i + 1]))
    gradW.push(kernels.alloc(s[i] * s[i + 1]))
    gradB.push(kernels.alloc(s[i + 1]))
  }
  return { capacity, z, a, delta, gradW, gradB, scratch: kernels.alloc(capacity), kernels }
}

/** Forward pass over `count` rows of x (count×2); returns the output probabilities, or the
 *  predicted values of a linear head (a view of the last activation buffer, count × outputs). Training passes dropout masks
 *  (dropout.ts); evaluation never does. */
export function forward(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  buf: BatchBuffers,
  masks?: DropoutMasks
): Float64Array {
  const s = spec.layerSizes
  const L = s.length - 1
  const kernels = buf.kernels
  // The inputs enter the network here: the raw points, or standardised, or their engineered
  // features.
  const input = featureInput(spec, x, count, buf.features ?? null)
  if (input !== x) buf.features = input
  let inp = kernels.loadInput(input, count)
  for (let l = 0; l < L; l++) {
    const J = s[l + 1]
    // The head is a sigmoid column, a linear column (regression), or the softmax over all
    // outputs (the same code for both backends, below).
    const act =
      l < L - 1
        ? spec.activations[l]
        : spec.output === 'softmax'
          ? null
          : spec.output === 'sigmoid'
            ? 'sigmoid'
            : 'linear'
    const w = params.weights[l]
    kernels.forwardLayer(inp, w, params.biases[l], buf.z[l], buf.a[l], count, s[l], J, act)
    if (act === null) softmaxOutput(buf.z[l], buf.a[l], count, J)
    const mask = l < L - 1 ? masks?.[l] : null
    if (mask) applyMask(buf.a[l], mask, count * J)
    inp = buf.a[l]
  }
  return buf.a[L - 1]
}

/** The sigmoid head after a forward pass over the same `count` rows (p: its output): the binary
 *  cross-entropy, the rows classified right and buf.delta at the output = p − y, ready for
 *  backward() — exactly as losses.binaryStep (the WebAssembly kernel's ln is fdlibm's, which is
 *  Math.log in Node; see the engine README). */
export function binaryHead(
  p: Float64Array,
  labels: Int32Array,
  count: number,
  buf: BatchBuffers
): { loss: number; correct: number } {
  const delta = buf.delta[buf.delta.length - 1]
  return buf.kernels.binaryHead(p, labels, count, buf.scratch, delta)
}

/** Backward pass: given buf.delta[L−1] = dL/dz at the output (per sample) and a forward pass
 *  over the same rows, fills every gradW/gradB with the batch-averaged gradient
 *  (dW = aᵀ·delta / m, db = mean(delta)), propagating with the weights as they are. */
export function backward(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  buf: BatchBuffers,
  masks?: DropoutMasks
): void {
  const s = spec.layerSizes
  const L = s.length - 1
  const kernels = buf.kernels
  const input = readsRawPoints(spec) ? x : (buf.features ?? x)
  for (let l = L - 1; l >= 0; l--) {
    const K = s[l]
    const J = s[l + 1]
    const inp = l === 0 ? kernels.loadedInput(input) : buf.a[l - 1]
    const delta = buf.delta[l]
    // dW[k, j] = Σₙ a[n, k]·delta[n, j] / m, summed over n in order.
    kernels.weightGrad(inp, delta, buf.gradW[l], count, K, J)
    // np.mean over a (m, 1) column reduces a contiguous run: NumPy's pairwise sum.
    if (J === 1) buf.gradB[l][0] = numpySum(delta, count) / count
    else kernels.biasGrad(delta, buf.gradB[l], count, J)
    if (l > 0) {
      const mask = masks?.[l - 1]
      // A dropped layer: dL/da first (linear), then ⊙ mask ⊙ f′(z) (dropout.ts).
      const act = mask ? 'linear' : spec.activations[l - 1]
      const prev = buf.delta[l - 1]
      kernels.backLayer(
        delta,
        params.weights[l],
        prev,
        buf.z[l - 1],
        buf.a[l - 1],
        count,
        K,
        J,
        act
      )
      if (mask) maskedDerivative(spec, l - 1, prev, buf.z[l - 1], mask, count * K)
    }
  }
}

/** Rows per forward pass when evaluating many points (grids): bounded memory, cache friendly. */
export const PREDICT_CHUNK = 4096

/** Class probabilities for `count` points (x is count×2): count × outputs values. */
export function predict(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number
): Float64Array {
  const out = new Float64Array(count * outputSize(spec))
  const buf = createBuffers(spec, Math.min(Math.max(count, 1), PREDICT_CHUNK))
  forEachChunk(spec, params, x, count, buf, spec.layerSizes.length - 2, (start, n, a) => {
    out.set(a.subarray(0, n * outputSize(spec)), start * outputSize(spec))
  })
  return out
}

/** Runs the forward pass over x in chunks of buf.capacity rows and hands each chunk's
 *  activations of weight layer `layer` (the last one: output probabilities) to `take`. */
export function forEachChunk(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  buf: BatchBuffers,
  layer: number,
  take: (start: number, rows: number, activations: Float64Array) => void
): void {
  for (let start = 0; start < count; start += buf.capacity) {
    const n = Math.min(buf.capacity, count - start)
    forward(spec, params, x.subarray(start * 2, (start + n) * 2), n, buf)
    take(start, n, buf.a[layer])
  }
}
