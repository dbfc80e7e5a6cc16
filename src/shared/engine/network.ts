// The multilayer perceptron: sizes, validation, initialisation, and the batched forward and
// backward passes over row-major Float64Array matrices (the notebook's `X @ W + b` layout).
// Loop orders are chosen so the innermost loop walks memory contiguously (a row of W, a row of
// the batch), and every sum runs over its terms in the same order the notebook's matmul would
// write them, k = 0, 1, 2, … .
import { ACTIVATION_FUNCTIONS, LEAKY_RELU_SLOPE } from './activations'
import type { ActivationName, GridBounds, NetworkParams, NetworkSpec } from './types'
import { ACTIVATIONS, INITS } from './types'
import { numpyMean, numpySum } from './numeric'
import { binaryStep, softmaxOutput } from './losses'
import {
  DENSE_ACTIVATE,
  DENSE_ADD_BIAS,
  DENSE_GATE,
  DENSE_SIGMOID,
  KernelArena
} from './wasmKernels'
import { PARALLEL_MIN_MACS } from './kernelThreads'
import { MAX_HIDDEN_LAYERS, MAX_LAYER_SIZE } from './limits'

export { initParams } from './init'

/** Weights and biases in total: Σ fanIn·fanOut + fanOut (193 for [2, 16, 8, 1]). */
export function parameterCount(spec: NetworkSpec): number {
  let total = 0
  const s = spec.layerSizes
  for (let i = 0; i < s.length - 1; i++) total += s[i] * s[i + 1] + s[i + 1]
  return total
}

/** Number of outputs the head produces: 1 for sigmoid, k for softmax. */
export function outputSize(spec: NetworkSpec): number {
  return spec.layerSizes[spec.layerSizes.length - 1]
}

/** A sentence saying what is wrong with the spec, or null when it is fine. */
export function validateNetworkSpec(spec: NetworkSpec): string | null {
  const sizes = spec.layerSizes
  if (!Array.isArray(sizes) || sizes.length < 2) {
    return 'A network needs at least an input layer and an output layer.'
  }
  if (sizes.length - 2 > MAX_HIDDEN_LAYERS) {
    return `A network can have at most ${MAX_HIDDEN_LAYERS} hidden layers.`
  }
  for (let i = 0; i < sizes.length; i++) {
    const n = sizes[i]
    if (!Number.isInteger(n) || n < 1) {
      return `Layer ${i + 1} has ${n} neurons; every layer needs a whole number of at least 1.`
    }
    if (n > MAX_LAYER_SIZE) {
      return `Layer ${i + 1} has ${n} neurons; the most a layer can have is ${MAX_LAYER_SIZE}.`
    }
  }
  if (sizes[0] !== 2) return `The input layer must have 2 neurons (x1, x2), not ${sizes[0]}.`
  const out = sizes[sizes.length - 1]
  if (spec.output === 'sigmoid' && out !== 1) {
    return `A sigmoid output has exactly 1 neuron, not ${out}.`
  }
  if (spec.output === 'softmax' && out < 2) {
    return 'A softmax output needs one neuron per class, so at least 2.'
  }
  if (spec.output !== 'sigmoid' && spec.output !== 'softmax') {
    return `Unknown output "${String(spec.output)}"; use sigmoid or softmax.`
  }
  if (!Array.isArray(spec.activations) || spec.activations.length !== sizes.length - 2) {
    return `Give one activation per hidden layer (${sizes.length - 2}).`
  }
  for (const a of spec.activations) {
    if (!ACTIVATIONS.includes(a)) return `Unknown activation "${String(a)}".`
  }
  if (!INITS.includes(spec.init)) return `Unknown initialisation "${String(spec.init)}".`
  return null
}

/** Scratch space for one batch size: pre-activations z, activations a, deltas (dL/dz, not yet
 *  averaged) and averaged gradients, one entry per weight matrix. With the WebAssembly backend
 *  these arrays live in the kernels' memory (`arena`), together with staging copies of the
 *  input rows, weights, transposed weights and biases that the kernels read. */
export interface BatchBuffers {
  capacity: number
  z: Float64Array[]
  a: Float64Array[]
  delta: Float64Array[]
  gradW: Float64Array[]
  gradB: Float64Array[]
  /** count entries for loss terms */
  scratch: Float64Array
  wasm: WasmStaging | null
}

interface WasmStaging {
  arena: KernelArena
  x: Float64Array
  labels: Int32Array
  w: Float64Array[]
  wT: Float64Array[]
  b: Float64Array[]
}

export function createBuffers(spec: NetworkSpec, capacity: number): BatchBuffers {
  const s = spec.layerSizes
  const L = s.length - 1
  let doubles = capacity * 4 // x, labels (int32), the loss terms
  for (let i = 0; i < L; i++)
    doubles += 3 * capacity * s[i + 1] + 3 * s[i] * s[i + 1] + 2 * s[i + 1]
  let widest = 0
  for (let i = 0; i < L; i++) widest = Math.max(widest, s[i] * s[i + 1])
  const arena = KernelArena.create(doubles, 3 + 8 * L, capacity * widest >= PARALLEL_MIN_MACS)
  const alloc = (n: number): Float64Array => (arena ? arena.alloc(n) : new Float64Array(n))
  const z: Float64Array[] = []
  const a: Float64Array[] = []
  const delta: Float64Array[] = []
  const gradW: Float64Array[] = []
  const gradB: Float64Array[] = []
  for (let i = 0; i < L; i++) {
    z.push(alloc(capacity * s[i + 1]))
    a.push(alloc(capacity * s[i + 1]))
    delta.push(alloc(capacity * s[i + 1]))
    gradW.push(alloc(s[i] * s[i + 1]))
    gradB.push(alloc(s[i + 1]))
  }
  let wasm: WasmStaging | null = null
  if (arena) {
    wasm = {
      arena,
      x: arena.alloc(capacity * 2),
      labels: arena.allocI32(capacity),
      w: [],
      wT: [],
      b: []
    }
    for (let i = 0; i < L; i++) {
      wasm.w.push(arena.alloc(s[i] * s[i + 1]))
      wasm.wT.push(arena.alloc(s[i] * s[i + 1]))
      wasm.b.push(arena.alloc(s[i + 1]))
    }
  }
  return { capacity, z, a, delta, gradW, gradB, scratch: alloc(capacity), wasm }
}

/** out(count×J) = inp(count×K) @ W(K×J) + b: each sum over k in order from 0, then the bias
 *  added. Four output columns at a time are summed in locals (fewer loads and stores). */
export function denseForward(
  inp: Float64Array,
  w: Float64Array,
  b: Float64Array,
  out: Float64Array,
  count: number,
  K: number,
  J: number
): void {
  for (let n = 0; n < count; n++) {
    const io = n * K
    const oo = n * J
    let j = 0
    for (; j + 4 <= J; j += 4) {
      let s0 = 0
      let s1 = 0
      let s2 = 0
      let s3 = 0
      for (let k = 0, wo = j; k < K; k++, wo += J) {
        const av = inp[io + k]
        s0 += av * w[wo]
        s1 += av * w[wo + 1]
        s2 += av * w[wo + 2]
        s3 += av * w[wo + 3]
      }
      out[oo + j] = s0 + b[j]
      out[oo + j + 1] = s1 + b[j + 1]
      out[oo + j + 2] = s2 + b[j + 2]
      out[oo + j + 3] = s3 + b[j + 3]
    }
    for (; j < J; j++) {
      let s = 0
      for (let k = 0, wo = j; k < K; k++, wo += J) s += inp[io + k] * w[wo]
      out[oo + j] = s + b[j]
    }
  }
}

/** gw(K×J) = inpᵀ(K×count) @ delta(count×J) / count, each sum over n in order from 0. Rows are
 *  taken four at a time so each gw element is loaded and stored once per four terms. */
export function denseGrad(
  inp: Float64Array,
  delta: Float64Array,
  gw: Float64Array,
  count: number,
  K: number,
  J: number
): void {
  gw.fill(0)
  let n = 0
  for (; n + 4 <= count; n += 4) {
    const i0 = n * K
    const d0 = n * J
    for (let k = 0; k < K; k++) {
      const a0 = inp[i0 + k]
      const a1 = inp[i0 + K + k]
      const a2 = inp[i0 + 2 * K + k]
      const a3 = inp[i0 + 3 * K + k]
      const go = k * J
      for (let j = 0; j < J; j++) {
        const d = d0 + j
        gw[go + j] =
          gw[go + j] +
          a0 * delta[d] +
          a1 * delta[d + J] +
          a2 * delta[d + 2 * J] +
          a3 * delta[d + 3 * J]
      }
    }
  }
  for (; n < count; n++) {
    const io = n * K
    const dO = n * J
    for (let k = 0; k < K; k++) {
      const av = inp[io + k]
      const go = k * J
      for (let j = 0; j < J; j++) gw[go + j] += av * delta[dO + j]
    }
  }
  for (let i = 0; i < K * J; i++) gw[i] = gw[i] / count
}

/** a = f(z) elementwise for a hidden layer. */
export function activate(
  name: ActivationName,
  z: Float64Array,
  a: Float64Array,
  len: number
): void {
  switch (name) {
    case 'relu':
      for (let i = 0; i < len; i++) a[i] = z[i] > 0 ? z[i] : 0
      break
    case 'leaky-relu':
      for (let i = 0; i < len; i++) a[i] = z[i] > 0 ? z[i] : LEAKY_RELU_SLOPE * z[i]
      break
    case 'linear':
      for (let i = 0; i < len; i++) a[i] = z[i]
      break
    default: {
      const f = ACTIVATION_FUNCTIONS[name].f
      for (let i = 0; i < len; i++) a[i] = f(z[i])
    }
  }
}

/** delta *= f'(z) elementwise (sigmoid and tanh use the stored activation a = f(z)). */
export function multiplyDerivative(
  name: ActivationName,
  z: Float64Array,
  a: Float64Array,
  delta: Float64Array,
  len: number
): void {
  switch (name) {
    case 'relu':
      // The notebook multiplies by (z > 0).astype(float), so a 0·x product (−0 for negative x).
      for (let i = 0; i < len; i++) delta[i] = delta[i] * (z[i] > 0 ? 1 : 0)
      break
    case 'leaky-relu':
      for (let i = 0; i < len; i++) delta[i] = delta[i] * (z[i] > 0 ? 1 : LEAKY_RELU_SLOPE)
      break
    case 'linear':
      break
    case 'sigmoid':
      for (let i = 0; i < len; i++) delta[i] = delta[i] * (a[i] * (1 - a[i]))
      break
    case 'tanh':
      for (let i = 0; i < len; i++) delta[i] = delta[i] * (1 - a[i] * a[i])
      break
  }
}

/** The sigmoid output, σ(z) = 1 / (1 + e^(−z)) with z clipped to ±500: exactly
 *  activations.sigmoid, written out here because this loop runs every epoch and a call per
 *  element into another module costs about as much as the exp itself. */
function sigmoidColumn(z: Float64Array, out: Float64Array, count: number): void {
  for (let i = 0; i < count; i++) {
    const v = z[i]
    const c = v < -500 ? -500 : v > 500 ? 500 : v
    out[i] = 1 / (1 + Math.exp(-c))
  }
}

/** Forward pass over `count` rows of x (count×2); returns the output probabilities
 *  (a view of the last activation buffer, count × outputs). */
export function forward(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  buf: BatchBuffers
): Float64Array {
  const s = spec.layerSizes
  const L = s.length - 1
  const wasm = buf.wasm
  let inp = x
  if (wasm) {
    wasm.x.set(x.subarray(0, count * 2))
    inp = wasm.x
  }
  for (let l = 0; l < L; l++) {
    const K = s[l]
    const J = s[l + 1]
    const z = buf.z[l]
    const a = buf.a[l]
    const act = l < L - 1 ? spec.activations[l] : null
    const reluLike = act === 'relu' || act === 'leaky-relu'
    const sigmoidHead = act === null && spec.output === 'sigmoid'
    if (wasm) {
      wasm.w[l].set(params.weights[l])
      wasm.b[l].set(params.biases[l])
      const flags =
        DENSE_ADD_BIAS | (reluLike ? DENSE_ACTIVATE : 0) | (sigmoidHead ? DENSE_SIGMOID : 0)
      const slope = act === 'leaky-relu' ? LEAKY_RELU_SLOPE : 0
      const ptrW = wasm.w[l].byteOffset
      wasm.arena.dense(
        inp.byteOffset,
        ptrW,
        wasm.b[l].byteOffset,
        z.byteOffset,
        a.byteOffset,
        0,
        count,
        K,
        J,
        flags,
        slope
      )
    } else {
      denseForward(inp, params.weights[l], params.biases[l], z, count, K, J)
    }
    if (act !== null) {
      if (!(wasm && reluLike)) activate(act, z, a, count * J)
    } else if (sigmoidHead) {
      if (!wasm) sigmoidColumn(z, a, count)
    } else softmaxOutput(z, a, count, J)
    inp = a
  }
  return buf.a[L - 1]
}

/** The sigmoid head after a forward pass over the same `count` rows (p: its output): the binary
 *  cross-entropy, the rows classified right and buf.delta at the output = p − y, ready for
 *  backward() — exactly as losses.binaryStep, in the WebAssembly kernel when there is one (its ln
 *  is fdlibm's, which is Math.log in Node; see the engine README). */
export function binaryHead(
  p: Float64Array,
  labels: Int32Array,
  count: number,
  buf: BatchBuffers
): { loss: number; correct: number } {
  const delta = buf.delta[buf.delta.length - 1]
  const wasm = buf.wasm
  if (!wasm) return binaryStep(p, labels, count, buf.scratch, delta)
  wasm.labels.set(labels.subarray(0, count))
  const k = wasm.arena.exports
  const correct = k.binaryHead(
    p.byteOffset,
    wasm.labels.byteOffset,
    count,
    buf.scratch.byteOffset,
    delta.byteOffset
  )
  return { loss: -numpyMean(buf.scratch, count), correct }
}

/** Backward pass: given buf.delta[L−1] = dL/dz at the output (per sample) and a forward pass
 *  over the same rows, fills every gradW/gradB with the batch-averaged gradient
 *  (dW = aᵀ·delta / m, db = mean(delta)), propagating with the weights as they are. */
export function backward(
  spec: NetworkSpec,
  params: NetworkParams,
  x: Float64Array,
  count: number,
  buf: BatchBuffers
): void {
  if (buf.wasm) {
    backwardWasm(spec, params, count, buf, buf.wasm)
    return
  }
  const s = spec.layerSizes
  const L = s.length - 1
  for (let l = L - 1; l >= 0; l--) {
    const K = s[l]
    const J = s[l + 1]
    const inp = l === 0 ? x : buf.a[l - 1]
    const delta = buf.delta[l]
    const gw = buf.gradW[l]
    const gb = buf.gradB[l]
    // dW[k, j] = Σₙ a[n, k]·delta[n, j] / m, summed over n in order.
    denseGrad(inp, delta, gw, count, K, J)
    if (J === 1) {
      // np.mean over a (m, 1) column reduces a contiguous run: NumPy's pairwise sum.
      gb[0] = numpySum(delta, count) / count
    } else {
      gb.fill(0)
      for (let n = 0; n < count; n++) {
        const dO = n * J
        for (let j = 0; j < J; j++) gb[j] += delta[dO + j]
      }
      for (let j = 0; j < J; j++) gb[j] = gb[j] / count
    }
    if (l > 0) {
      // delta_prev[n, k] = (Σⱼ delta[n, j]·W[k, j]) · f'(z_prev[n, k])
      const w = params.weights[l]
      const prev = buf.delta[l - 1]
      for (let n = 0; n < count; n++) {
        const dO = n * J
        const po = n * K
        for (let k = 0; k < K; k++) {
          const wo = k * J
          let sum = 0
          for (let j = 0; j < J; j++) sum += delta[dO + j] * w[wo + j]
          prev[po + k] = sum
        }
      }
      multiplyDerivative(spec.activations[l - 1], buf.z[l - 1], buf.a[l - 1], prev, count * K)
    }
  }
}

/** The same backward pass on the WebAssembly kernels (the forward pass left x staged). */
function backwardWasm(
  spec: NetworkSpec,
  params: NetworkParams,
  count: number,
  buf: BatchBuffers,
  wasm: WasmStaging
): void {
  const s = spec.layerSizes
  const L = s.length - 1
  const arena = wasm.arena
  for (let l = L - 1; l >= 0; l--) {
    const K = s[l]
    const J = s[l + 1]
    const inp = l === 0 ? wasm.x : buf.a[l - 1]
    const delta = buf.delta[l]
    arena.denseGrad(inp.byteOffset, delta.byteOffset, buf.gradW[l].byteOffset, count, K, J)
    if (J === 1) buf.gradB[l][0] = numpySum(delta, count) / count
    else arena.exports.biasGrad(delta.byteOffset, buf.gradB[l].byteOffset, count, J)
    if (l > 0) {
      // delta_prev = (delta @ Wᵀ)·f′(z_prev): the dense kernel over the transposed weights, no
      // bias, with the (leaky) ReLU derivative applied as each sum is stored.
      const w = params.weights[l]
      const wT = wasm.wT[l]
      for (let r = 0; r < K; r++) for (let c = 0; c < J; c++) wT[c * K + r] = w[r * J + c]
      const prev = buf.delta[l - 1]
      const act = spec.activations[l - 1]
      const reluLike = act === 'relu' || act === 'leaky-relu'
      const slope = act === 'leaky-relu' ? LEAKY_RELU_SLOPE : 0
      const zPrev = buf.z[l - 1]
      const flags = reluLike ? DENSE_GATE : 0
      arena.dense(
        delta.byteOffset,
        wT.byteOffset,
        0,
        prev.byteOffset,
        0,
        zPrev.byteOffset,
        count,
        J,
        K,
        flags,
        slope
      )
      if (!reluLike) multiplyDerivative(act, zPrev, buf.a[l - 1], prev, count * K)
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

/** Points per gridMap call: the output staging in WebAssembly memory stays small. */
const MAP_CHUNK = 4096
/** Activation codes of kernels.as gridMap. */
const MAP_ACTIVATION: Record<ActivationName, number> = {
  linear: 0,
  relu: 1,
  'leaky-relu': 2,
  sigmoid: 3,
  tanh: 4
}
const MAP_SIGMOID_OUTPUT = 3
const MAP_SOFTMAX_OUTPUT = 5

/** Live maps (the decision boundary, one neuron's activation) in float32 on the WebAssembly SIMD
 *  kernel: only the forward pass, nothing stored but the requested values, four points per
 *  vector. A 200×200 map of the notebook's network takes well under a millisecond, so maps can
 *  stream at 30/s while training loses only a few percent. Values agree with predict() to float32
 *  rounding (the map is a Float32Array of colours anyway). null from create() where WebAssembly
 *  is unavailable: callers then use predict()'s float64 path. */
export class GridMapper {
  private readonly spec: NetworkSpec
  private readonly arena: KernelArena
  private readonly sizes: Int32Array
  private readonly acts: Int32Array
  private readonly params: Float32Array
  private readonly bufA: Float32Array
  private readonly bufB: Float32Array
  private readonly out: Float32Array

  private constructor(spec: NetworkSpec, arena: KernelArena) {
    const s = spec.layerSizes
    const L = s.length - 1
    const widest = Math.max(...s)
    this.spec = spec
    this.arena = arena
    this.sizes = arena.allocI32(L + 1)
    this.acts = arena.allocI32(L)
    this.params = arena.allocF32(parameterCount(spec))
    this.bufA = arena.allocF32(widest * 16)
    this.bufB = arena.allocF32(widest * 16)
    this.out = arena.allocF32(MAP_CHUNK * outputSize(spec))
    this.sizes.set(s)
    for (let l = 0; l < L; l++) {
      this.acts[l] =
        l < L - 1
          ? MAP_ACTIVATION[spec.activations[l]]
          : spec.output === 'sigmoid'
            ? MAP_SIGMOID_OUTPUT
            : MAP_SOFTMAX_OUTPUT
    }
  }

  static create(spec: NetworkSpec): GridMapper | null {
    const s = spec.layerSizes
    const floats = 2 * s.length + parameterCount(spec) + 32 * Math.max(...s)
    const arena = KernelArena.create(Math.ceil(floats / 2) + MAP_CHUNK * outputSize(spec), 8)
    return arena ? new GridMapper(spec, arena) : null
  }

  /** Values over a width×height grid of pixel centres (row 0 at the top) for weight layer
   *  `layer`: one neuron's (`unit` ≥ 0), or every unit's, point by point (`unit` −1). */
  map(
    params: NetworkParams,
    layer: number,
    unit: number,
    width: number,
    height: number,
    b: GridBounds
  ): Float32Array {
    this.load(params, layer)
    const perPoint = unit >= 0 ? 1 : this.spec.layerSizes[layer + 1]
    const count = width * height
    const values = new Float32Array(count * perPoint)
    const dx = (b.xMax - b.xMin) / width
    const dy = (b.yMax - b.yMin) / height
    const k = this.arena.exports
    for (let first = 0; first < count; first += MAP_CHUNK) {
      const n = Math.min(MAP_CHUNK, count - first)
      k.gridMap(
        this.spec.layerSizes.length - 1,
        this.sizes.byteOffset,
        this.acts.byteOffset,
        this.params.byteOffset,
        this.bufA.byteOffset,
        this.bufB.byteOffset,
        b.xMin,
        dx,
        b.yMax,
        dy,
        width,
        first,
        n,
        layer,
        unit,
        this.out.byteOffset
      )
      values.set(this.out.subarray(0, n * perPoint), first * perPoint)
    }
    return values
  }

  /** Weights as float32, each matrix transposed (a unit's weights contiguous), up to `layer`. */
  private load(params: NetworkParams, layer: number): void {
    const s = this.spec.layerSizes
    let o = 0
    for (let l = 0; l <= layer; l++) {
      const K = s[l]
      const J = s[l + 1]
      const w = params.weights[l]
      for (let j = 0; j < J; j++) for (let i = 0; i < K; i++) this.params[o++] = w[i * J + j]
      this.params.set(params.biases[l], o)
      o += J
    }
  }
}
