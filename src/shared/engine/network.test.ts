import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { initParams } from './init'
import { createBuffers, forward, predict, PREDICT_CHUNK } from './network'
import { SEED_NOTEBOOK } from './presets'
import { RandomState } from './rng'
import { parameterCount, validateNetworkSpec } from './spec'
import type { NetworkSpec } from './types'

const seedSpec = SEED_NOTEBOOK.network

describe('network shape', () => {
  it('counts parameters like the notebook', () => {
    expect(parameterCount(seedSpec)).toBe(193)
    expect(parameterCount({ ...seedSpec, layerSizes: [2, 64, 64, 1] })).toBe(4417)
    expect(
      parameterCount({ ...seedSpec, layerSizes: [2, 3], activations: [], output: 'softmax' })
    ).toBe(9)
  })

  it('accepts the seed network and explains what is wrong with bad ones', () => {
    expect(validateNetworkSpec(seedSpec)).toBeNull()
    const bad: [Partial<NetworkSpec>, RegExp][] = [
      [{ layerSizes: [2] }, /at least an input layer and an output layer/],
      [{ layerSizes: [2, 0, 1], activations: ['relu'] }, /Layer 2 has 0 neurons/],
      [{ layerSizes: [2, 2.5, 1], activations: ['relu'] }, /whole number/],
      [{ layerSizes: [3, 4, 1], activations: ['relu'] }, /input layer must have 2/],
      [{ layerSizes: [2, 4, 2], activations: ['relu'] }, /sigmoid output has exactly 1/],
      [{ layerSizes: [2, 4, 1], activations: ['relu'], output: 'softmax' }, /at least 2/],
      [{ layerSizes: [2, 4, 1], activations: [] }, /one activation per hidden layer/],
      [
        { layerSizes: [2, 4, 1], activations: ['softsign' as never] },
        /Unknown activation "softsign"/
      ],
      [{ layerSizes: [2, 5000, 1], activations: ['relu'] }, /most a layer can have/]
    ]
    for (const [change, message] of bad) {
      expect(validateNetworkSpec({ ...seedSpec, ...change })).toMatch(message)
    }
  })
})

describe('predict', () => {
  it('gives the same probabilities in chunks as one forward pass over all points', () => {
    const params = initParams(seedSpec, new RandomState(8))
    const count = PREDICT_CHUNK + 37
    const rng = new RandomState(2)
    const x = rng.uniform(-4, 4, count * 2)
    const chunked = predict(seedSpec, params, x, count)
    const buf = createBuffers(seedSpec, count)
    const whole = forward(seedSpec, params, x, count, buf)
    expect(Array.from(chunked)).toEqual(Array.from(whole.subarray(0, count)))
    expect(chunked.every((p) => p > 0 && p < 1)).toBe(true)
  })

  it('returns k probabilities per point summing to 1 for softmax', () => {
    const spec: NetworkSpec = {
      layerSizes: [2, 6, 3],
      activations: ['tanh'],
      output: 'softmax',
      init: 'xavier'
    }
    const p = predict(
      spec,
      initParams(spec, new RandomState(1)),
      Float64Array.from([0, 0, 1, -2]),
      2
    )
    expect(p).toHaveLength(6)
    expect(p[0] + p[1] + p[2]).toBeCloseTo(1, 15)
    expect(p[3] + p[4] + p[5]).toBeCloseTo(1, 15)
  })
})

describe('engine purity', () => {
  it('imports nothing outside the engine (no node:, electron, vue or DOM modules)', () => {
    const dir = fileURLToPath(new URL('.', import.meta.url))
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    const wasmFiles = readdirSync(`${dir}/wasm`).filter((f) => f.endsWith('.ts'))
    const sources = [
      ...files.map((f) => `${dir}/${f}`),
      ...wasmFiles.map((f) => `${dir}/wasm/${f}`)
    ]
    expect(sources.length).toBeGreaterThan(10)
    for (const file of sources) {
      const text = readFileSync(file, 'utf8')
      for (const m of text.matchAll(/from '([^']+)'/g)) expect(m[1], file).toMatch(/^\.\//)
      if (file.endsWith('/kernelThreads.ts') || file.endsWith('/kernelHelper.ts')) {
        // The exceptions: helper threads feature-detect Node's worker_threads (through
        // process.getBuiltinModule, no import) and everything works without them; the helper
        // thread's own program (never imported, started as a Node worker) takes Node's modules
        // the same way.
        expect(text).toMatch(/getBuiltinModule/)
        expect(text).not.toMatch(/\b(window|document)\s*[.(]/)
        continue
      }
      expect(text, file).not.toMatch(/\b(window|document|process|require)\s*[.(]/)
    }
  })
})
