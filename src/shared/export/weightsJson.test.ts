import { describe, expect, it } from 'vitest'
import { SMALL_RUNS, trainedSnapshot } from '../session/testRuns'
import { weightsJson } from './weightsJson'

interface WeightsFile {
  format: string
  version: number
  layerSizes: number[]
  activations: string[]
  output: string
  epoch: number
  layers: {
    inputs: number
    outputs: number
    activation: string
    weights: number[][]
    biases: number[]
  }[]
}

describe('weightsJson', () => {
  for (const run of SMALL_RUNS) {
    it(`holds the exact weights as rows: ${run.name}`, () => {
      const snapshot = trainedSnapshot(run)
      const file = JSON.parse(weightsJson(snapshot)) as WeightsFile
      const { network } = snapshot.config
      expect(file.format).toBe('nnlab-weights')
      expect(file.version).toBe(1)
      expect(file.layerSizes).toEqual(network.layerSizes)
      expect(file.output).toBe(network.output)
      expect(file.epoch).toBe(run.epochs)
      expect(file.layers).toHaveLength(network.layerSizes.length - 1)
      file.layers.forEach((layer, i) => {
        expect(layer.inputs).toBe(network.layerSizes[i])
        expect(layer.outputs).toBe(network.layerSizes[i + 1])
        expect(layer.activation).toBe(
          i === file.layers.length - 1 ? network.output : network.activations[i]
        )
        expect(layer.weights).toHaveLength(layer.inputs)
        // Row r, column c is weights[i][r·outputs + c], exactly (JSON numbers round-trip).
        expect(layer.weights.flat()).toEqual(Array.from(snapshot.params.weights[i]))
        expect(layer.biases).toEqual(Array.from(snapshot.params.biases[i]))
      })
    })
  }
})
