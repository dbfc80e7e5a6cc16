// One-line verdicts on the training meters (meters.ts), in words a learner reads under the
// gradient-flow chart and the network diagram.
//
// Gradient flow. Backprop starts from the output error p − y; a hidden layer's gradient is that
// error carried back through every layer above it. A Frobenius norm grows with √(weights), so
// each hidden weight matrix is judged by its root-mean-square gradient per weight,
// ‖dW‖ / √(fan-in · fan-out), over the RMS output error (EpochMeters.outputErrorRms):
//   vanishing   below VANISHING_BELOW for some hidden layer: too little error reaches it to learn
//   exploding   above EXPLODING_ABOVE for some hidden layer: the error grows on its way back
// Measured: the seed run's smallest ratio over its 2000 epochs is 0.0069 and its largest 0.07
// (mini-batches of 1: up to 0.92); a deep sigmoid network (2-8-8-8-8-8-1, full batch) stays
// below 0.00002 for Hidden 1 in every one of its 2000 epochs.
import type { EpochMeters } from './meters'
import type { NetworkSpec } from './types'

/** A hidden layer's RMS gradient per weight below this fraction of the RMS output error:
 *  vanishing. */
export const VANISHING_BELOW = 1e-3
/** … above this multiple of it: exploding. */
export const EXPLODING_ABOVE = 10

export type FlowKind = 'vanishing' | 'exploding'

export interface FlowVerdict {
  kind: FlowKind
  /** The hidden weight matrix furthest outside the healthy range. */
  layer: number
  /** Its RMS gradient per weight over the RMS output error. */
  ratio: number
  text: string
}

/** Weight matrix l's name: the layer it feeds ('Hidden 1' … or 'the output layer'). */
export function weightLayerName(spec: NetworkSpec, l: number): string {
  return l === spec.layerSizes.length - 2 ? 'the output layer' : `Hidden ${l + 1}`
}

/** Per weight matrix: ‖dW‖ / √(its number of weights). */
export function rmsGradients(spec: NetworkSpec, meters: EpochMeters): number[] {
  const s = spec.layerSizes
  return meters.weightGradNorm.map((norm, l) => norm / Math.sqrt(s[l] * s[l + 1]))
}

/** Per hidden weight matrix: its RMS gradient per weight over the RMS output error (what the
 *  flow verdict judges); empty without hidden layers or without an output error. */
export function flowRatios(spec: NetworkSpec, meters: EpochMeters): number[] {
  const error = meters.outputErrorRms
  if (!(error > 0) || !Number.isFinite(error)) return []
  return rmsGradients(spec, meters)
    .slice(0, -1)
    .map((g) => g / error)
}

function roundedFactor(f: number): string {
  return f >= 100 ? Math.round(f).toLocaleString('en-US') : f.toPrecision(2)
}

/** The gradient-flow verdict for one epoch's meters, or null when every hidden layer's
 *  gradient is in the healthy range (see the file comment). */
export function flowVerdict(spec: NetworkSpec, meters: EpochMeters): FlowVerdict | null {
  const ratios = flowRatios(spec, meters)
  let layer = -1
  let ratio = 1
  for (let l = 0; l < ratios.length; l++) {
    const r = ratios[l]
    const outside = r < VANISHING_BELOW || r > EXPLODING_ABOVE
    if (outside && Math.abs(Math.log(r)) > Math.abs(Math.log(ratio))) {
      layer = l
      ratio = r
    }
  }
  if (layer < 0) return null
  const name = weightLayerName(spec, layer)
  if (ratio < 1) {
    const text = `Vanishing gradients: the gradient reaching ${name}'s weights is 1/${roundedFactor(1 / ratio)} of the output error, so ${name} barely learns.`
    return { kind: 'vanishing', layer, ratio, text }
  }
  const text = `Exploding gradients: the gradient reaching ${name}'s weights is ${roundedFactor(ratio)}× the output error; try a smaller learning rate.`
  return { kind: 'exploding', layer, ratio, text }
}

/** The dead/saturated units verdict: the hidden layer with the most such units, or null. */
export function unitsVerdict(spec: NetworkSpec, meters: EpochMeters): string | null {
  let best: { h: number; count: number; dead: boolean } | null = null
  for (let h = 0; h < meters.dead.length; h++) {
    const dead = meters.dead[h].length
    const saturated = meters.saturated[h].length
    const count = Math.max(dead, saturated)
    if (count > 0 && (!best || count > best.count)) best = { h, count, dead: dead >= saturated }
  }
  if (!best) return null
  const units = spec.layerSizes[best.h + 1]
  const where = `${best.count} of ${units} units in Hidden ${best.h + 1}`
  return best.dead
    ? `${where} never fire (0 on every training point): they no longer learn.`
    : `${where} are saturated (|f′(z)| < 0.01 on most points): their gradients vanish.`
}
