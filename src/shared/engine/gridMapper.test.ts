// The float32 live-map kernel must show what the float64 engine computes: every value within
// float32 rounding of predict() (output maps) or of the forward pass (hidden-neuron maps).
import { describe, expect, it } from 'vitest'
import { initParams } from './init'
import { GridMapper } from './gridMapper'
import { createBuffers, forward, predict } from './network'
import { outputSize } from './spec'
import { RandomState } from './rng'
import type { ActivationName, GridBounds, NetworkParams, NetworkSpec } from './types'
import { ACTIVATIONS } from './types'

const bounds: GridBounds = { xMin: -2.5, xMax: 3, yMin: -1.5, yMax: 2 }

/** Pixel centres in image order, as the kernel generates them. */
function gridPoints(width: number, height: number): Float64Array {
  const pts = new Float64Array(width * height * 2)
  const dx = (bounds.xMax - bounds.xMin) / width
  const dy = (bounds.yMax - bounds.yMin) / height
  for (let r = 0; r < height; r++) {
    for (let c = 0; c < width; c++) {
      pts[2 * (r * width + c)] = bounds.xMin + (c + 0.5) * dx
      pts[2 * (r * width + c) + 1] = bounds.yMax - (r + 0.5) * dy
    }
  }
  return pts
}

function paramsFor(spec: NetworkSpec): NetworkParams {
  const params = initParams(spec, new RandomState(7))
  params.biases.forEach((b) => b.forEach((_, i) => (b[i] = 0.1 * (i % 5) - 0.2)))
  return params
}

/** Largest difference relative to max(1, |expected|). */
function maxError(actual: Float32Array, expected: ArrayLike<number>): number {
  expect(actual).toHaveLength(expected.length)
  let worst = 0
  for (let i = 0; i < actual.length; i++) {
    const e = expected[i]
    worst = Math.max(worst, Math.abs(actual[i] - e) / Math.max(1, Math.abs(e)))
  }
  return worst
}

describe('GridMapper (float32 live maps)', () => {
  // 70×61 = 4270 points: more than one 4096-point chunk, and a short last block of 16.
  const [width, height] = [70, 61]
  const shapes = [
    [2, 16, 8, 1],
    [2, 11, 3, 5, 1],
    [2, 64, 64, 1],
    [2, 9, 4]
  ]
  for (const sizes of shapes) {
    for (const act of ACTIVATIONS) {
      it(`matches predict() and the hidden activations: ${sizes.join('-')} ${act}`, () => {
        const spec: NetworkSpec = {
          layerSizes: sizes,
          activations: new Array<ActivationName>(sizes.length - 2).fill(act),
          output: sizes[sizes.length - 1] > 1 ? 'softmax' : 'sigmoid',
          init: 'he'
        }
        const params = paramsFor(spec)
        const mapper = GridMapper.create(spec)
        expect(mapper).not.toBeNull()
        const L = sizes.length - 1
        const count = width * height
        const x = gridPoints(width, height)
        const out = mapper!.map(params, L - 1, -1, width, height, bounds)
        expect(maxError(out, predict(spec, params, x, count))).toBeLessThan(2e-6)
        // One output unit alone is that column of the full map.
        const k = outputSize(spec)
        const unit = mapper!.map(params, L - 1, k - 1, width, height, bounds)
        const column = Array.from({ length: count }, (_, i) => out[i * k + k - 1])
        expect(maxError(unit, column)).toBe(0)
        // A hidden neuron: its activation from the float64 forward pass.
        if (L > 1) {
          const neuron = sizes[1] - 1
          const buf = createBuffers(spec, count)
          forward(spec, params, x, count, buf)
          const a = Array.from({ length: count }, (_, i) => buf.a[0][i * sizes[1] + neuron])
          const hidden = mapper!.map(params, 0, neuron, width, height, bounds)
          expect(maxError(hidden, a)).toBeLessThan(2e-6)
        }
      })
    }
  }

  it('keeps sigmoid and softmax finite and in [0, 1] for huge pre-activations', () => {
    const spec: NetworkSpec = {
      layerSizes: [2, 3],
      activations: [],
      output: 'softmax',
      init: 'he'
    }
    const params: NetworkParams = {
      weights: [Float64Array.from([1e4, -1e4, 0, 0, 1e4, -1e4])],
      biases: [Float64Array.from([0, 0, 0])]
    }
    const values = GridMapper.create(spec)!.map(params, 0, -1, 17, 5, bounds)
    expect(values.every((v) => v >= 0 && v <= 1)).toBe(true)
    expect(maxError(values, predict(spec, params, gridPoints(17, 5), 85))).toBeLessThan(2e-6)
  })
})
