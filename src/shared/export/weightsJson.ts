// The trained model as plain JSON, for use outside NN Lab: one entry per weight layer with its
// matrix as rows (inputs × outputs, the notebook's `weights[i]` layout) and its bias vector.
// Numbers are JSON numbers, which JavaScript writes as the shortest decimal that reads back to
// the same float64, so any JSON reader gets the exact weights.
import type { RunSnapshot } from '../engine/types'
import { prettyJson } from '../session/prettyJson'
import { modelNames } from './numpyScript'

export const WEIGHTS_FORMAT = 'nnlab-weights'
export const WEIGHTS_VERSION = 1

export function weightsJson(snapshot: RunSnapshot): string {
  const { network } = snapshot.config
  const sizes = network.layerSizes
  const names = modelNames(snapshot)
  const last = sizes.length - 2
  const layers = snapshot.params.weights.map((w, i) => {
    const inputs = sizes[i]
    const outputs = sizes[i + 1]
    const rows: number[][] = []
    for (let r = 0; r < inputs; r++)
      rows.push(Array.from(w.subarray(r * outputs, (r + 1) * outputs)))
    return {
      inputs,
      outputs,
      activation: i === last ? network.output : network.activations[i],
      weights: rows,
      biases: Array.from(snapshot.params.biases[i])
    }
  })
  return (
    prettyJson({
      format: WEIGHTS_FORMAT,
      version: WEIGHTS_VERSION,
      layerSizes: sizes,
      activations: network.activations,
      output: network.output,
      // The two input columns (x1, x2) in order, and each class's name by class index.
      inputNames: names.inputs,
      classNames: names.classes,
      // The z-score applied to (x1, x2) first (standardize.ts): z = (x − mean) / scale, with the
      // mean and population standard deviation (ddof=0) of the training points.
      ...(network.standardize
        ? {
            standardize: {
              mean: network.standardize.mean,
              scale: network.standardize.scale,
              fittedOn: 'training points',
              points: snapshot.train.count
            }
          }
        : {}),
      // The inputs layer 0 reads: features.ts's names, computed from (x1, x2).
      ...(network.features ? { features: network.features } : {}),
      epoch: snapshot.epoch,
      layers
    }) + '\n'
  )
}
