// A run's history packed as flat arrays, for the threads it crosses: the trainer's snapshot to the
// window, the window to the session codec worker. Its own module so the main thread can pack and
// unpack a history without loading the session format (zod schemas and all) before the first save.
import type { EpochStats, RunSnapshot } from '../engine/types'
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

/** The packed arrays a snapshot's history arrived in (withHistory), until it is replaced. */
const arrivedPacked = new WeakMap<RunSnapshot, PackedHistory>()

/** An event whose epochs came packed (a port that moves buffers sends them as flat arrays),
 *  with its epochs back as objects: the window's one kind of snapshot and of progress. Other
 *  events as they are. A progress event's few hundred epochs are unpacked at once; a snapshot's
 *  on first read: Save hands the packed arrays straight to the session codec (splitHistory),
 *  and unpacking 200,000 epochs in the event's task made it a long one (issue 14). */
export function withHistory(event: TrainerEvent): TrainerEvent {
  if (event.type === 'progress' && event.packedPoints) {
    const { packedPoints, ...rest } = event
    return { ...rest, points: unpackHistory(packedPoints) }
  }
  if (event.type !== 'snapshot' || !event.packedHistory) return event
  const { packedHistory, ...rest } = event
  const snapshot = { ...rest.snapshot }
  let history: EpochStats[] | null = null
  Object.defineProperty(snapshot, 'history', {
    enumerable: true,
    configurable: true,
    get: () => (history ??= unpackHistory(packedHistory)),
    set: (value: EpochStats[]) => {
      Object.defineProperty(snapshot, 'history', {
        value,
        enumerable: true,
        configurable: true,
        writable: true
      })
      arrivedPacked.delete(snapshot)
    }
  })
  arrivedPacked.set(snapshot, packedHistory)
  return { ...rest, snapshot }
}

/** The snapshot without its history (an empty one), and the history packed: the arrays it
 *  arrived in when it came packed (without unpacking it), else packed now. */
export function splitHistory(snapshot: RunSnapshot): {
  snapshot: RunSnapshot
  history: PackedHistory
} {
  const rest: Record<string, unknown> = {}
  // Keys, not a spread: a spread would read (and unpack) the history.
  for (const key of Object.keys(snapshot)) {
    if (key !== 'history') rest[key] = snapshot[key as keyof RunSnapshot]
  }
  return {
    snapshot: { ...(rest as Omit<RunSnapshot, 'history'>), history: [] },
    history: arrivedPacked.get(snapshot) ?? packHistory(snapshot.history)
  }
}
