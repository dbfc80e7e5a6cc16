// What one dense layer's numbers need: the LayerKernels interface that forward() and backward()
// (network.ts) are written against once, and its TypeScript implementation — the reference
// loops. The WebAssembly implementation (wasmKernels.ts) computes the very same numbers, bit for
// bit (kernels.test.ts). Loop orders are chosen so the innermost loop walks memory contiguously
// (a row of W, a row of the batch), and every sum runs over its terms in the same order the
// notebook's matmul would write them, k = 0, 1, 2, … . Matrices are row-major Float64Arrays (the
// notebook's `X @ W + b` layout): inputs count×K, weights K×J, outputs count×J.
import { ACTIVATIONS_REGISTRY, LEAKY_RELU_SLOPE } from './activations'
import { binaryStep } from './losses'
import type { ActivationName } from './types'

export type KernelBackend = 'wasm' | 'js'

export interface LayerKernels {
  readonly backend: KernelBackend
  /** A zeroed array the kernels can work on (for WebAssembly: in its memory). */
  alloc(length: number): Float64Array
  /** The batch's first `count` input rows (x is count×2) where the kernels read them. */
  loadInput(x: Float64Array, count: number): Float64Array
  /** Where loadInput put x's rows: the backward pass reads the rows the forward pass used. */
  loadedInput(x: Float64Array): Float64Array
  /** z = inp @ w + b, then a = act(z) elementwise (act null: z only, the softmax head's logits). */
  forwardLayer(
    inp: Float64Array,
    w: Float64Array,
    b: Float64Array,
    z: Float64Array,
    a: Float64Array,
    count: number,
    K: number,
    J: number,
    act: ActivationName | null
  ): void
  /** gw(K×J) = inpᵀ @ delta / count, each sum over the rows in order. */
  weightGrad(
    inp: Float64Array,
    delta: Float64Array,
    gw: Float64Array,
    count: number,
    K: number,
    J: number
  ): void
  /** gb = the mean of delta's rows (J > 1; a single column is NumPy's pairwise mean). */
  biasGrad(delta: Float64Array, gb: Float64Array, count: number, J: number): void
  /** prev(count×K) = (delta @ wᵀ) ⊙ act′(zPrev), where aPrev = act(zPrev): dL/dz one layer down. */
  backLayer(
    delta: Float64Array,
    w: Float64Array,
    prev: Float64Array,
    zPrev: Float64Array,
    aPrev: Float64Array,
    count: number,
    K: number,
    J: number,
    act: ActivationName
  ): void
  /** The sigmoid head's binary cross-entropy, the rows classified right, and delta = p − y
   *  (losses.binaryStep; terms: scratch for the count loss terms). */
  binaryHead(
    p: Float64Array,
    labels: Int32Array,
    count: number,
    terms: Float64Array,
    delta: Float64Array
  ): { loss: number; correct: number }
  /** Adds to counts[j] the rows n < count where sigmoid (tanh: tanh) unit j's slope, from its
   *  activation a = f(z) in a(count×J), is below `limit` (the meters' saturation count). */
  countSaturated(
    tanh: boolean,
    a: Float64Array,
    count: number,
    J: number,
    limit: number,
    counts: Int32Array
  ): void
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

/** a = f(z) elementwise. */
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
    case 'sigmoid':
      // Exactly activations.sigmoid (z clipped to ±500), written out because this loop runs
      // every epoch and a call per element into another module costs about as much as the exp.
      for (let i = 0; i < len; i++) {
        const v = z[i]
        const c = v < -500 ? -500 : v > 500 ? 500 : v
        a[i] = 1 / (1 + Math.exp(-c))
      }
      break
    default: {
      // Any other registry entry (tanh, and whatever is added): its own scalar f.
      const f = ACTIVATIONS_REGISTRY[name].f
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
    default: {
      // Any other registry entry: its own scalar df, so a new activation is never left without
      // a derivative. (While every entry has a case above, the compiler types name as never.)
      const df = ACTIVATIONS_REGISTRY[name as ActivationName].df
      for (let i = 0; i < len; i++) delta[i] = delta[i] * df(z[i])
    }
  }
}

/** LayerKernels.countSaturated in TypeScript: the slope from a = f(z) (no recomputing f),
 *  σ′ = a(1 − a), tanh′ = 1 − a² (both ≥ 0). The loops count without branches (a saturated point
 *  is as likely as not: a branch would be mispredicted) and four rows at a time into separate
 *  counters. */
export function countSaturated(
  tanh: boolean,
  a: Float64Array,
  count: number,
  J: number,
  limit: number,
  counts: Int32Array
): void {
  const end = count * J
  const J2 = 2 * J
  const J3 = 3 * J
  const J4 = 4 * J
  const S = limit
  for (let j = 0; j < J; j++) {
    let c0 = 0
    let c1 = 0
    let c2 = 0
    let c3 = 0
    let i = j
    if (!tanh) {
      for (; i + J3 < end; i += J4) {
        const v0 = a[i]
        const v1 = a[i + J]
        const v2 = a[i + J2]
        const v3 = a[i + J3]
        c0 += v0 * (1 - v0) < S ? 1 : 0
        c1 += v1 * (1 - v1) < S ? 1 : 0
        c2 += v2 * (1 - v2) < S ? 1 : 0
        c3 += v3 * (1 - v3) < S ? 1 : 0
      }
      for (; i < end; i += J) c0 += a[i] * (1 - a[i]) < S ? 1 : 0
    } else {
      for (; i + J3 < end; i += J4) {
        const v0 = a[i]
        const v1 = a[i + J]
        const v2 = a[i + J2]
        const v3 = a[i + J3]
        c0 += 1 - v0 * v0 < S ? 1 : 0
        c1 += 1 - v1 * v1 < S ? 1 : 0
        c2 += 1 - v2 * v2 < S ? 1 : 0
        c3 += 1 - v3 * v3 < S ? 1 : 0
      }
      for (; i < end; i += J) c0 += 1 - a[i] * a[i] < S ? 1 : 0
    }
    counts[j] += c0 + c1 + c2 + c3
  }
}

/** The reference loops, on ordinary arrays: used where WebAssembly is unavailable, and by
 *  setKernelBackend('js') for comparison. */
export const TYPESCRIPT_KERNELS: LayerKernels = {
  backend: 'js',
  alloc: (length) => new Float64Array(length),
  loadInput: (x) => x,
  loadedInput: (x) => x,
  forwardLayer(inp, w, b, z, a, count, K, J, act) {
    denseForward(inp, w, b, z, count, K, J)
    if (act !== null) activate(act, z, a, count * J)
  },
  weightGrad: denseGrad,
  biasGrad(delta, gb, count, J) {
    gb.fill(0)
    for (let n = 0; n < count; n++) {
      const dO = n * J
      for (let j = 0; j < J; j++) gb[j] += delta[dO + j]
    }
    for (let j = 0; j < J; j++) gb[j] = gb[j] / count
  },
  backLayer(delta, w, prev, zPrev, aPrev, count, K, J, act) {
    // prev[n, k] = (Σⱼ delta[n, j]·W[k, j]) · f'(zPrev[n, k])
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
    multiplyDerivative(act, zPrev, aPrev, prev, count * K)
  },
  binaryHead: binaryStep,
  countSaturated
}
