// A run's history packed as flat arrays, for the threads it crosses: the trainer's snapshot to the
// window, the window to the session codec worker. Its own module so the main thread can pack and
// unpack a history without loading the session format (zod schemas and all) before the first save.
import type { EpochStats } from '../engine/types'
import type { TrainerEvent } from './trainerMessages'

/** A run's history as flat arrays: structured-cloning 100,000 small objects costs the sending
 *  thread ~100 ms, these arrays a few milliseconds. `has` bit 0: testLoss, bit 1: testAccuracy. */
export interface PackedHistory {
  values: Float64Array
  has: Uint8Array
}

const FIELDS = 5

export function packHistory(history: readonly EpochStats[]): PackedHistory {
  const values = new Float64Array(history.length * FIELDS)
  const has = new Uint8Array(history.length)
  history.forEach((s, i) => {
    const at = i * FIELDS
    values[at] = s.epoch
    values[at + 1] = s.loss
    values[at + 2] = s.accuracy
    if (s.testLoss !== undefined) {
      values[at + 3] = s.testLoss
      has[i] |= 1
    }
    if (s.testAccuracy !== undefined) {
      values[at + 4] = s.testAccuracy
      has[i] |= 2
    }
  })
  return { values, has }
}

export function unpackHistory(packed: PackedHistory): EpochStats[] {
  const { values, has } = packed
  const history: EpochStats[] = new Array(has.length)
  for (let i = 0; i < has.length; i++) {
    const at = i * FIELDS
    const s: EpochStats = { epoch: values[at], loss: values[at + 1], accuracy: values[at + 2] }
    if (has[i] & 1) s.testLoss = values[at + 3]
    if (has[i] & 2) s.testAccuracy = values[at + 4]
    history[i] = s
  }
  return history
}

/** A snapshot event whose history came packed (a port that moves buffers sends it as flat
 *  arrays), with its history back as epochs: the window's one kind of snapshot. Other events
 *  as they are. */
export function withHistory(event: TrainerEvent): TrainerEvent {
  if (event.type !== 'snapshot' || !event.packedHistory) return event
  const { packedHistory, ...rest } = event
  return { ...rest, snapshot: { ...rest.snapshot, history: unpackHistory(packedHistory) } }
}
