// Live maps (the decision boundary, one neuron's activation) computed by the float32 WebAssembly
// SIMD kernel `gridMap` (wasm/kernels.as): only the forward pass, nothing stored but the values
// asked for. Training never reads them.
import { ACTIVATIONS_REGISTRY } from './activations'
import { KernelArena } from './wasmKernels'
import { readsRawPoints } from './features'
import { outputSize, parameterCount } from './spec'
import type { GridBounds, NetworkParams, NetworkSpec } from './types'

/** Points per gridMap call: the output staging in WebAssembly memory stays small. */
const MAP_CHUNK = 4096
/** Output codes of kernels.as gridMap (hidden layers use their registry entry's kernelId). */
const MAP_SIGMOID_OUTPUT = ACTIVATIONS_REGISTRY.sigmoid.kernelId
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
          ? ACTIVATIONS_REGISTRY[spec.activations[l]].kernelId
          : spec.output === 'sigmoid'
            ? MAP_SIGMOID_OUTPUT
            : spec.output === 'linear'
              ? ACTIVATIONS_REGISTRY.linear.kernelId
              : MAP_SOFTMAX_OUTPUT
    }
  }

  static create(spec: NetworkSpec): GridMapper | null {
    // The kernel feeds (x, y) straight in; standardised inputs and engineered features take
    // predict()'s float64 path.
    if (!readsRawPoints(spec)) return null
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
