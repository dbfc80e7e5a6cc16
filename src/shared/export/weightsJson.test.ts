import { spawnSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { regressionConfig, SMALL_RUNS, trainedSnapshot } from '../session/testRuns'
import { weightsJson } from './weightsJson'
import { predict, TrainingRun } from '../engine'

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

describe('weightsJson: names and standardisation', () => {
  const run = SMALL_RUNS.find((r) => r.name.startsWith('imported csv with names, standardised'))
  if (!run) throw new Error('the standardised test run is missing')
  const snapshot = trainedSnapshot(run)
  const text = weightsJson(snapshot)

  it('names the input columns and classes and holds the fitted mean and scale', () => {
    const file = JSON.parse(text) as {
      inputNames: string[]
      classNames: string[]
      standardize: { mean: number[]; scale: number[]; fittedOn: string; points: number }
    }
    expect(file.inputNames).toEqual(['income', 'ratio'])
    expect(file.classNames).toEqual(['low', 'mid', 'high'])
    expect(file.standardize).toEqual({
      mean: snapshot.config.network.standardize?.mean,
      scale: snapshot.config.network.standardize?.scale,
      fittedOn: 'training points',
      points: snapshot.train.count
    })
  })

  it('NumPy reading only the JSON predicts what the engine predicts on raw points', () => {
    const script = `
import json, sys
import numpy as np
m = json.loads(sys.stdin.read())
X = np.array(json.loads(sys.argv[1]), dtype=np.float64)
a = (X - np.array(m['standardize']['mean'])) / np.array(m['standardize']['scale'])
for layer in m['layers']:
    z = a @ np.array(layer['weights']) + np.array(layer['biases'])
    if layer['activation'] == 'tanh': a = np.tanh(z)
    elif layer['activation'] == 'softmax':
        e = np.exp(z - z.max(axis=1, keepdims=True)); a = e / e.sum(axis=1, keepdims=True)
    else: raise SystemExit('unexpected activation ' + layer['activation'])
print(json.dumps(a.ravel().tolist()))
`
    const x = Array.from(snapshot.train.x)
    const rows = x.length / 2
    const points = Array.from({ length: rows }, (_, i) => [x[2 * i], x[2 * i + 1]])
    const run = spawnSync('/usr/bin/python3', ['-c', script, JSON.stringify(points)], {
      input: text,
      encoding: 'utf8'
    })
    expect(run.stderr).toBe('')
    const got = JSON.parse(run.stdout) as number[]
    const expected = predict(snapshot.config.network, snapshot.params, snapshot.train.x, rows)
    got.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThanOrEqual(1e-12))
  })
})

describe('weightsJson of a regression model', () => {
  const config = regressionConfig('plane', {
    dataset: { samples: 60, seed: 5 },
    network: { layerSizes: [2, 4, 1], activations: ['tanh'] },
    training: { epochLimit: 100 }
  })
  const run = TrainingRun.create(config)
  for (let i = 0; i < 20; i++) run.trainEpoch()
  const snapshot = run.snapshot()
  const text = weightsJson(snapshot)

  it('marks the output linear, and NumPy reading only the JSON predicts the engine’s values', () => {
    const file = JSON.parse(text) as WeightsFile
    expect(file.output).toBe('linear')
    expect(file.layers.at(-1)?.activation).toBe('linear')
    const script = `
import json, sys
import numpy as np
m = json.loads(sys.stdin.read())
a = np.array(json.loads(sys.argv[1]), dtype=np.float64)
for layer in m['layers']:
    z = a @ np.array(layer['weights']) + np.array(layer['biases'])
    if layer['activation'] == 'tanh': a = np.tanh(z)
    elif layer['activation'] == 'linear': a = z
    else: raise SystemExit('unexpected activation ' + layer['activation'])
print(json.dumps(a.ravel().tolist()))
`
    const x = Array.from(snapshot.train.x)
    const points = Array.from({ length: x.length / 2 }, (_, i) => [x[2 * i], x[2 * i + 1]])
    const ran = spawnSync('/usr/bin/python3', ['-c', script, JSON.stringify(points)], {
      input: text,
      encoding: 'utf8'
    })
    expect(ran.stderr).toBe('')
    const got = JSON.parse(ran.stdout) as number[]
    const expected = predict(config.network, snapshot.params, snapshot.train.x, points.length)
    expect(got).toHaveLength(points.length)
    got.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThanOrEqual(1e-12))
  })
})
