// The run's timeline (engine/timeline.ts) in a version-2 session file, both ways. Each kept epoch
// is checked like the run itself: settings valid, arrays of exactly the network's shapes, epochs
// ascending and no later than the run's.
import { validateTrainConfig } from '../engine'
import type { TimelineData } from '../engine/timeline'
import type { RunCheckpoint, RunSnapshot } from '../engine/types'
import { float64ToBase64, int32ToBase64 } from './binaryArrays'
import { decodeInts, decodeOptimizer, decodeParams } from './decodeRun'
import { fail } from './errors'
import type { WireCheckpoint, WireTimeline } from './schema'

function encodeCheckpoint(c: RunCheckpoint): WireCheckpoint {
  const key = new Int32Array(c.rng.key.buffer, c.rng.key.byteOffset, c.rng.key.length)
  return {
    epoch: c.epoch,
    training: JSON.parse(JSON.stringify(c.training)) as WireCheckpoint['training'],
    params: {
      weights: c.params.weights.map(float64ToBase64),
      biases: c.params.biases.map(float64ToBase64)
    },
    optimizer: {
      step: c.optimizer.step,
      m: c.optimizer.m.map(float64ToBase64),
      v: c.optimizer.v.map(float64ToBase64)
    },
    rng: { key: int32ToBase64(key), pos: c.rng.pos, hasGauss: c.rng.hasGauss, gauss: c.rng.gauss }
  }
}

export function encodeTimeline(timeline: TimelineData): WireTimeline {
  return { level: timeline.level, entries: timeline.entries.map(encodeCheckpoint) }
}

/** The timeline of `run` (already decoded) from its shape-checked wire form. */
export function decodeTimeline(wire: WireTimeline, run: RunSnapshot): TimelineData {
  let previous = -1
  const entries = wire.entries.map((entry, i): RunCheckpoint => {
    const where = `timeline.entries[${i}]`
    if (entry.epoch <= previous || entry.epoch > run.epoch) {
      fail(
        'inconsistent',
        `The session's "${where}" is for epoch ${entry.epoch}, but the timeline's epochs must rise and end by epoch ${run.epoch}.`
      )
    }
    previous = entry.epoch
    const training = entry.training as RunCheckpoint['training']
    const problem = validateTrainConfig(training)
    if (problem) fail('inconsistent', `The session's "${where}.training" is not valid: ${problem}`)
    const network = run.config.network
    const key = decodeInts(entry.rng.key, 624, `${where}.rng.key`)
    return {
      epoch: entry.epoch,
      training,
      params: decodeParams(entry.params, network.layerSizes, `${where}.params`),
      optimizer: decodeOptimizer(entry.optimizer, { network, training }, `${where}.optimizer`),
      rng: {
        key: new Uint32Array(key.buffer, key.byteOffset, key.length),
        pos: entry.rng.pos,
        hasGauss: entry.rng.hasGauss,
        gauss: entry.rng.gauss
      }
    }
  })
  return { level: wire.level, entries }
}
