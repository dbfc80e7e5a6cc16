// Training meters: what the training step itself says about how the network learns, measured
// on the forward/backward pass that trains (no second pass). A TrainingRun records them only
// after enableMeters(true); off, the step does no extra work and allocates nothing.
//
// Per weight matrix l (0 = input → first hidden), for one epoch:
//   weightGradNorm  ‖dW‖ (Frobenius norm) of the gradient the update used: the data loss's
//                   gradient plus the L1/L2 penalty terms the engine adds to it
//   biasGradNorm    ‖db‖ (L2 norm; biases carry no penalty)
//   updateRatio     ‖ΔW‖ / ‖W‖: the update actually applied by the optimizer over the weights
//                   before it
// and outputErrorRms, √mean((p − y)²): the root-mean-square of dL/dz at the output (per point,
// before averaging), the error signal backprop starts from; gradients are judged against it.
// With mini-batches each is the mean over the epoch's steps (full batch: the one step).
// Per hidden layer:
//   dead            ReLU units whose activation is 0 for every training point of the epoch, each
//                   point measured in the forward pass of its own batch (full batch: one pass)
//   saturated       sigmoid/tanh units with |f′(z)| < SATURATION_SLOPE on more than half of the
//                   epoch's training points (same counting)
// Other activations (leaky ReLU, linear, …) neither die nor saturate: their counts are 0.
import type { LayerKernels } from './layerKernels'
import type { ActivationName, NetworkSpec } from './types'

/** A sigmoid/tanh unit is saturated at a point where |f′(z)| is below this. */
export const SATURATION_SLOPE = 0.01

/** One epoch's meters (see the file comment). Arrays are indexed by weight matrix (norms) or
 *  hidden layer (dead, saturated: the indices of those units, usually none). */
export interface EpochMeters {
  weightGradNorm: number[]
  biasGradNorm: number[]
  updateRatio: number[]
  outputErrorRms: number
  dead: number[][]
  saturated: number[][]
}

/** What each hidden activation can suffer from: a ReLU dies, sigmoid and tanh saturate. */
type Affliction = 'dies' | 'saturates' | null

function afflictionOf(act: ActivationName): Affliction {
  if (act === 'relu') return 'dies'
  if (act === 'sigmoid' || act === 'tanh') return 'saturates'
  return null
}

/** Indices j < n where flags[j] is 0 (ReLU: never fired), a plain array; usually empty. */
function unsetIndices(flags: Uint8Array): number[] {
  const out: number[] = []
  for (let j = 0; j < flags.length; j++) if (flags[j] === 0) out.push(j)
  return out
}

/** Indices j where more than half of the `points` were saturated. */
function mostlySaturated(counts: Int32Array, points: number): number[] {
  const out: number[] = []
  for (let j = 0; j < counts.length; j++) if (2 * counts[j] > points) out.push(j)
  return out
}

/** values[i] / steps as a plain array. */
function meansOf(values: Float64Array, steps: number): number[] {
  const out = new Array<number>(values.length)
  for (let i = 0; i < values.length; i++) out[i] = values[i] / steps
  return out
}

/** Accumulates one epoch's meters over its steps; all its arrays are allocated once. */
export class MeterRecorder {
  private readonly sizes: number[]
  private readonly afflictions: Affliction[]
  private readonly activations: ActivationName[]
  /** The current update's Σ(Δp)², Σ(p before)² and Σg², for W and b (the measured update's). */
  private readonly change = { weight: new Float64Array(3), bias: new Float64Array(3) }
  private readonly gradW: Float64Array
  private readonly gradB: Float64Array
  private readonly ratio: Float64Array
  /** Per hidden layer and unit: fired on some point this epoch (ReLU) / saturated points. */
  private readonly fired: Uint8Array[]
  private readonly saturatedPoints: Int32Array[]
  private steps = 0
  private points = 0
  private outputError = 0

  constructor(spec: NetworkSpec) {
    const s = spec.layerSizes
    this.sizes = s
    this.activations = spec.activations
    this.afflictions = spec.activations.map(afflictionOf)
    const L = s.length - 1
    this.gradW = new Float64Array(L)
    this.gradB = new Float64Array(L)
    this.ratio = new Float64Array(L)
    this.fired = spec.activations.map((_, h) => new Uint8Array(s[h + 1]))
    this.saturatedPoints = spec.activations.map((_, h) => new Int32Array(s[h + 1]))
  }

  beginEpoch(): void {
    this.steps = 0
    this.points = 0
    this.outputError = 0
    this.gradW.fill(0)
    this.gradB.fill(0)
    this.ratio.fill(0)
    for (let h = 0; h < this.afflictions.length; h++) {
      const kind = this.afflictions[h]
      if (kind === 'dies') this.fired[h].fill(0)
      else if (kind === 'saturates') this.saturatedPoints[h].fill(0)
    }
  }

  /** After a step's forward pass: the hidden activations a[h] (count × units, row-major), in
   *  the memory of the `kernels` that computed them (they count the saturated points). */
  recordActivations(a: Float64Array[], count: number, kernels: LayerKernels): void {
    this.points += count
    this.steps++
    for (let h = 0; h < this.afflictions.length; h++) {
      const kind = this.afflictions[h]
      if (kind === null) continue
      const J = this.sizes[h + 1]
      const act = a[h]
      if (kind === 'dies') {
        // A unit that fired is done: most units fire on one of the first rows.
        const fired = this.fired[h]
        for (let j = 0; j < J; j++) {
          if (fired[j]) continue
          for (let n = 0; n < count; n++) {
            if (act[n * J + j] > 0) {
              fired[j] = 1
              break
            }
          }
        }
      } else {
        const tanh = this.activations[h] === 'tanh'
        kernels.countSaturated(tanh, act, count, J, SATURATION_SLOPE, this.saturatedPoints[h])
      }
    }
  }

  /** After the loss: the output delta (dL/dz per point, count × outputs values). */
  recordOutputError(delta: Float64Array, values: number): void {
    let s = 0
    for (let i = 0; i < values; i++) s += delta[i] * delta[i]
    this.outputError += Math.sqrt(s / Math.max(1, values))
  }

  /** Before weight matrix l's update: the arrays its measured update (optimizers.ts
   *  applyMeasuredUpdate) adds Σ(Δp)², Σp² and Σg² to, for W and for b, cleared. */
  beginUpdate(): { weight: Float64Array; bias: Float64Array } {
    const { weight, bias } = this.change
    weight[0] = weight[1] = weight[2] = 0
    bias[0] = bias[1] = bias[2] = 0
    return this.change
  }

  /** After weight matrix l's measured update (the gradient with its penalty terms): ‖dW‖, ‖db‖
   *  and ‖W − W_before‖ / ‖W_before‖. */
  endUpdate(l: number): void {
    const weight = this.change.weight
    const size = weight[1]
    this.gradW[l] += Math.sqrt(weight[2])
    this.gradB[l] += Math.sqrt(this.change.bias[2])
    this.ratio[l] += size > 0 ? Math.sqrt(weight[0] / size) : 0
  }

  /** The epoch's meters (a fresh plain object: safe to keep). */
  endEpoch(): EpochMeters {
    const steps = Math.max(1, this.steps)
    const H = this.afflictions.length
    const dead = new Array<number[]>(H)
    const saturated = new Array<number[]>(H)
    for (let h = 0; h < H; h++) {
      const kind = this.afflictions[h]
      dead[h] = kind === 'dies' ? unsetIndices(this.fired[h]) : []
      saturated[h] =
        kind === 'saturates' ? mostlySaturated(this.saturatedPoints[h], this.points) : []
    }
    return {
      weightGradNorm: meansOf(this.gradW, steps),
      biasGradNorm: meansOf(this.gradB, steps),
      updateRatio: meansOf(this.ratio, steps),
      outputErrorRms: this.outputError / steps,
      dead,
      saturated
    }
  }
}
