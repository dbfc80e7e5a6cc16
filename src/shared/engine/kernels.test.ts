// The WebAssembly SIMD kernels must compute exactly what the TypeScript loops compute, and the
// committed bytes must come from the current kernels.as.
import { afterEach, describe, expect, it } from 'vitest'
import { sigmoid } from './activations'
import { makeCircles } from './datasets'
import { initParams } from './init'
import { backward, createBuffers, forward } from './network'
import { outputDelta } from './losses'
import { SEED_NOTEBOOK } from './presets'
import { RandomState } from './rng'
import { TrainingRun } from './train'
import type { ActivationName, Dataset, NetworkSpec, RunConfig } from './types'
import { ACTIVATIONS } from './types'
import { kernelSourceHash } from './wasm/build-kernels.mjs'
import { KERNELS_SOURCE_SHA256 } from './wasm/kernelsWasm'
import { getKernelBackend, KernelArena, setKernelBackend } from './wasmKernels'

afterEach(() => setKernelBackend('wasm'))

function gradients(spec: NetworkSpec, data: Dataset, backend: 'wasm' | 'js'): Float64Array[] {
  setKernelBackend(backend)
  const params = initParams(spec, new RandomState(4))
  params.biases.forEach((b) => b.forEach((_, i) => (b[i] = 0.01 * (i - 2))))
  const buf = createBuffers(spec, data.count)
  expect(buf.kernels.backend).toBe(backend)
  const p = forward(spec, params, data.x, data.count, buf)
  const L = spec.layerSizes.length - 1
  outputDelta(p, data.labels, data.count, spec.layerSizes[L], buf.delta[L - 1])
  backward(spec, params, data.x, data.count, buf)
  return [...buf.z, ...buf.a, ...buf.delta, ...buf.gradW, ...buf.gradB].map((v) => v.slice())
}

describe('WebAssembly kernels', () => {
  it('are available here (Node with SIMD)', () => {
    expect(getKernelBackend()).toBe('wasm')
  })

  // Odd sizes exercise every remainder path (8-wide blocks, pairs, single columns, 4-row blocks).
  const shapes = [
    [2, 16, 8, 1],
    [2, 11, 3, 5, 1],
    [2, 64, 64, 1],
    [2, 9, 4]
  ]
  for (const sizes of shapes) {
    for (const act of ACTIVATIONS) {
      it(`forward and backward equal the TypeScript loops bit for bit: ${sizes.join('-')} ${act}`, () => {
        const softmax = sizes[sizes.length - 1] > 1
        const spec: NetworkSpec = {
          layerSizes: sizes,
          activations: new Array<ActivationName>(sizes.length - 2).fill(act),
          output: softmax ? 'softmax' : 'sigmoid',
          init: 'he'
        }
        // 73 rows: 8-row blocks and a single row; 78: 8-row blocks and pairs.
        for (const count of [73, 78]) {
          const d = makeCircles(new RandomState(1), 40 * 2, 0.2)
          const classes = softmax ? sizes[sizes.length - 1] : 2
          const data: Dataset = {
            x: d.x.slice(0, count * 2),
            count,
            labels: d.labels.slice(0, count).map((l, i) => (l + i) % classes),
            classes
          }
          const js = gradients(spec, data, 'js')
          const wasm = gradients(spec, data, 'wasm')
          expect(wasm).toEqual(js)
          expect(js.some((arr) => arr.some((v) => v !== 0))).toBe(true)
        }
      })
    }
  }

  it('count saturated sigmoid and tanh slopes exactly as the TypeScript loop does', () => {
    // Activations spread over the whole range, with values whose slope is exactly the limit
    // (0.5 ± √0.24/2 for the sigmoid, ±√0.99 for tanh) and ones just either side of it.
    const limit = 0.01
    const rng = new RandomState(3)
    let saturated = 0
    for (const tanh of [false, true]) {
      for (const J of [1, 2, 3, 8, 9, 17, 64]) {
        for (const count of [1, 5, 73]) {
          const edge = tanh ? Math.sqrt(1 - limit) : 0.5 - Math.sqrt(0.25 - limit)
          const special = [
            edge,
            -edge,
            1 - edge,
            0,
            1,
            -1,
            0.5,
            edge * (1 + 1e-16),
            edge * (1 - 1e-16)
          ]
          const u = rng.uniform(0, 1, count * J)
          const values = Array.from(u, (v, i) =>
            i % 3 === 0 ? special[i % special.length] : tanh ? 2 * v - 1 : v ** 4
          )
          const counts = (backend: 'wasm' | 'js'): Int32Array => {
            setKernelBackend(backend)
            const spec: NetworkSpec = {
              layerSizes: [2, J, 1],
              activations: [tanh ? 'tanh' : 'sigmoid'],
              output: 'sigmoid',
              init: 'he'
            }
            const buf = createBuffers(spec, count)
            expect(buf.kernels.backend).toBe(backend)
            buf.a[0].set(values)
            const out = new Int32Array(J).fill(7) // counts are added to what is there
            buf.kernels.countSaturated(tanh, buf.a[0], count, J, limit, out)
            return out
          }
          const js = counts('js')
          expect(counts('wasm')).toEqual(js)
          saturated += js.reduce((sum, c) => sum + c - 7, 0)
        }
      }
    }
    expect(saturated).toBeGreaterThan(1000)
  })

  it('train the seed preset to the same history and weights as the TypeScript loops', () => {
    const run = (backend: 'wasm' | 'js'): TrainingRun => {
      setKernelBackend(backend)
      const r = TrainingRun.create(SEED_NOTEBOOK)
      for (let i = 0; i < 100; i++) r.trainEpoch()
      return r
    }
    const js = run('js')
    const wasm = run('wasm')
    expect(wasm.history).toEqual(js.history)
    expect(wasm.params).toEqual(js.params)
  })

  it('train mini-batches with Adam and a tanh layer identically too', () => {
    const config: RunConfig = {
      ...SEED_NOTEBOOK,
      network: {
        ...SEED_NOTEBOOK.network,
        layerSizes: [2, 12, 6, 1],
        activations: ['tanh', 'leaky-relu']
      },
      training: {
        ...SEED_NOTEBOOK.training,
        batchSize: 30,
        optimizer: { ...SEED_NOTEBOOK.training.optimizer, kind: 'adam', learningRate: 0.01 }
      }
    }
    const run = (backend: 'wasm' | 'js'): TrainingRun => {
      setKernelBackend(backend)
      const r = TrainingRun.create(config)
      for (let i = 0; i < 20; i++) r.trainEpoch()
      return r
    }
    expect(run('wasm').snapshot()).toEqual(run('js').snapshot())
  })

  it("compute e^x exactly as Math.exp does (the sigmoid head's exp runs in WebAssembly)", () => {
    const arena = KernelArena.create(16, 1)
    expect(arena).not.toBeNull()
    const k = (arena as KernelArena).exports
    const special = [
      0,
      -0,
      1,
      -1,
      0.5,
      2 ** -28,
      -(2 ** -29),
      0.34657359027997264,
      1.0397207708399179
    ]
    special.push(709.78, 709.79, -745.13, -745.14, 500, -500, Infinity, -Infinity, NaN, 1e-300)
    const rng = new RandomState(9)
    const random = [rng.uniform(-520, 520, 300_000), rng.uniform(-3, 3, 300_000)]
    random.push(rng.uniform(-1e-6, 1e-6, 100_000), rng.uniform(-800, 800, 100_000))
    let mismatches = 0
    for (const xs of [special, ...random]) {
      for (const x of xs) if (!Object.is(k.exp(x), Math.exp(x))) mismatches++
    }
    expect(mismatches).toBe(0)
  })

  it('compute the sigmoid head two lanes at a time exactly as activations.sigmoid does', () => {
    // dense() with one input, weight 1 and bias 0 turns each row's input into z, so the sigmoid
    // column is σ(z) for every test value, rows taken in pairs as in training.
    const rng = new RandomState(11)
    const values = [0, -0, 1, -1, 0.5, -0.5, 2 ** -28, -(2 ** -28), 2 ** -29, 500, -500, 501, -501]
    values.push(0.34657359027997264, -0.34657359027997264, 0.3465735902799727, 1.0397207708399179)
    values.push(Infinity, -Infinity, NaN, 1e-300, 0.1)
    const draws = [rng.uniform(-40, 40, 200_000), rng.uniform(-1, 1, 200_000)]
    draws.push(rng.uniform(-600, 600, 100_000), rng.uniform(-1e-7, 1e-7, 100_000))
    const z = new Float64Array([...values, ...draws.flatMap((d) => Array.from(d))])
    const n = z.length
    const arena = KernelArena.create(4 * n + 16, 6) as KernelArena
    const inp = arena.alloc(n)
    const w = arena.alloc(1)
    const b = arena.alloc(1)
    const out = arena.alloc(n)
    const act = arena.alloc(n)
    inp.set(z)
    w[0] = 1
    arena.exports.dense(
      inp.byteOffset,
      w.byteOffset,
      b.byteOffset,
      out.byteOffset,
      act.byteOffset,
      0,
      n,
      1,
      1,
      1 | 8,
      0
    )
    let mismatches = 0
    for (let i = 0; i < n; i++) if (!Object.is(act[i], sigmoid(out[i]))) mismatches++
    expect(mismatches).toBe(0)
  })

  it("compute ln x exactly as Math.log does here (the binary loss's log runs in WebAssembly)", () => {
    const k = (KernelArena.create(16, 1) as KernelArena).exports
    const special = [0, -0, 1, -1, 0.5, 2, 1e-8, 1 + 1e-8, 1 - 1e-12, 1 + 2 ** -21, Math.SQRT2]
    special.push(Math.SQRT1_2, 5e-324, 2.2250738585072014e-308, 1e308, Infinity, -Infinity, NaN)
    const rng = new RandomState(10)
    // The loss takes ln(p + 1e-8) and ln(1 − p + 1e-8) for p in [0, 1]; also wider ranges.
    const random = [rng.uniform(0, 1.00000001, 400_000), rng.uniform(1 - 1e-5, 1 + 1e-5, 200_000)]
    random.push(rng.uniform(-700, 700, 200_000).map(Math.exp))
    let mismatches = 0
    for (const xs of [special, ...random]) {
      for (const x of xs) if (!Object.is(k.log(x), Math.log(x))) mismatches++
    }
    expect(mismatches).toBe(0)
  })

  it('kernelsWasm.ts was compiled from the current kernels.as, flags and compiler', () => {
    // The hash stands in for recompiling (seconds); `npm run check:kernels` recompiles in CI.
    expect(
      KERNELS_SOURCE_SHA256,
      'kernels.as changed since kernelsWasm.ts was built: run npm run build:kernels'
    ).toBe(kernelSourceHash())
  })
})
