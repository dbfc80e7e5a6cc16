// The trainer's set-parameter command (the network diagram's weight editor): one weight or bias
// of the live run set to the learner's value. The schema bounds the value (limits.ts
// MAX_EDITED_PARAMETER); the indices are checked here against the run's own network.
import type { NetworkParams, NetworkSpec } from '../engine/types'
import type { SetParameterCommand } from '../protocol/trainerMessages'

/** Where a command's weight or bias lives in the run's arrays, or a sentence saying why it does
 *  not exist. Weights are row-major fanIn × fanOut: W[layer][from, neuron] = from·fanOut + neuron. */
export function parameterSlot(
  spec: NetworkSpec,
  command: Pick<SetParameterCommand, 'layer' | 'neuron' | 'from'>
): { array: 'weights' | 'biases'; layer: number; index: number } | string {
  const sizes = spec.layerSizes
  const { layer, neuron, from } = command
  if (layer >= sizes.length - 1) {
    return `This network has ${sizes.length - 1} weight layers; there is no layer ${layer + 1}.`
  }
  const fanOut = sizes[layer + 1]
  if (neuron >= fanOut) {
    return `Layer ${layer + 1} feeds ${fanOut} neurons; there is no neuron ${neuron + 1}.`
  }
  if (from === undefined) return { array: 'biases', layer, index: neuron }
  if (from >= sizes[layer]) {
    return `Layer ${layer + 1} reads ${sizes[layer]} neurons; there is no neuron ${from + 1} to read from.`
  }
  return { array: 'weights', layer, index: from * fanOut + neuron }
}

/** Sets the parameter in place; returns null, or the sentence of parameterSlot. */
export function setParameter(
  spec: NetworkSpec,
  params: NetworkParams,
  command: SetParameterCommand
): string | null {
  const slot = parameterSlot(spec, command)
  if (typeof slot === 'string') return slot
  params[slot.array][slot.layer][slot.index] = command.value
  return null
}
