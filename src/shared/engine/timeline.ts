// A run's timeline: checkpoints kept as it trains, so the lab can show any kept epoch again and
// continue (fork) from it bit for bit. Every epoch is kept up to TIMELINE_DENSE_EPOCHS, then
// the spacing doubles each time the epoch doubles (every 2nd epoch to 200, every 4th to 400, …),
// so a run of E epochs keeps about 100 + 50·log2(E/100) checkpoints. When those would take more
// than the budget, the spacing everywhere doubles (the "level" goes up) and the checkpoints off
// the new grid are dropped: each level's grid is a subset of the one below, so nothing needs to
// be recomputed and epoch 0 is always kept.
import type { RunCheckpoint } from './types'

/** Every epoch up to here is kept (at level 0). */
export const TIMELINE_DENSE_EPOCHS = 100
/** The most memory one run's timeline may take (issue 15: ≤ 64 MB per run). */
export const TIMELINE_BUDGET_BYTES = 64 * 1024 ** 2
/** Past this level the grid keeps only epoch 0 and multiples of 2^40: the level cannot grow
 *  further in practice, and a file claiming more is refused. */
export const MAX_TIMELINE_LEVEL = 40

/** Epochs between two kept checkpoints around `epoch` at `level`. */
export function timelineSpacing(epoch: number, level: number): number {
  let spacing = 1
  while (epoch > TIMELINE_DENSE_EPOCHS * spacing) spacing *= 2
  return spacing * 2 ** level
}

/** True when the timeline keeps a checkpoint at `epoch` (at `level`). */
export function keptAt(epoch: number, level: number): boolean {
  return epoch % timelineSpacing(epoch, level) === 0
}

/** Bytes a checkpoint holds: its float64 arrays, the RNG key and a little bookkeeping. */
export function checkpointBytes(checkpoint: RunCheckpoint): number {
  let floats = 0
  for (const a of checkpoint.params.weights) floats += a.length
  for (const a of checkpoint.params.biases) floats += a.length
  for (const a of checkpoint.optimizer.m) floats += a.length
  for (const a of checkpoint.optimizer.v) floats += a.length
  return floats * 8 + checkpoint.rng.key.length * 4 + 256
}

/** What a timeline keeps, as it travels (trainer port, session file). */
export interface TimelineData {
  level: number
  /** Ascending by epoch. */
  entries: RunCheckpoint[]
}

export class RunTimeline {
  private list: RunCheckpoint[] = []
  private usedBytes = 0
  private currentLevel = 0

  constructor(readonly budgetBytes: number = TIMELINE_BUDGET_BYTES) {}

  /** A timeline holding `data` (a saved one), thinned to the budget if needed. */
  static from(data: TimelineData, budgetBytes: number = TIMELINE_BUDGET_BYTES): RunTimeline {
    const timeline = new RunTimeline(budgetBytes)
    timeline.currentLevel = data.level
    timeline.list = [...data.entries].sort((a, b) => a.epoch - b.epoch)
    timeline.usedBytes = timeline.list.reduce((sum, c) => sum + checkpointBytes(c), 0)
    timeline.fitBudget()
    return timeline
  }

  get entries(): readonly RunCheckpoint[] {
    return this.list
  }

  get level(): number {
    return this.currentLevel
  }

  get bytes(): number {
    return this.usedBytes
  }

  /** The kept epochs, ascending. */
  epochs(): number[] {
    return this.list.map((c) => c.epoch)
  }

  /** Keeps a checkpoint of `epoch` when it is on the grid (or `always`: where a restored run
   *  starts); `take` copies it only then. A kept checkpoint at or after `epoch` (history that
   *  was replaced) goes first. True when it was kept. */
  record(epoch: number, take: () => RunCheckpoint, always = false): boolean {
    if (!always && !keptAt(epoch, this.currentLevel)) return false
    this.truncateAfter(epoch - 1)
    const checkpoint = take()
    this.list.push(checkpoint)
    this.usedBytes += checkpointBytes(checkpoint)
    this.fitBudget()
    return true
  }

  /** Keeps `checkpoint` wherever its epoch falls, on the grid or not (early stopping's best
   *  epoch, so the learner can continue from exactly there). */
  insert(checkpoint: RunCheckpoint): void {
    const existing = this.list.findIndex((c) => c.epoch >= checkpoint.epoch)
    if (existing >= 0 && this.list[existing].epoch === checkpoint.epoch) return
    const at = existing < 0 ? this.list.length : existing
    this.list.splice(at, 0, checkpoint)
    this.usedBytes += checkpointBytes(checkpoint)
    this.fitBudget()
  }

  /** The kept checkpoint with the greatest epoch ≤ `epoch`, or null. */
  at(epoch: number): RunCheckpoint | null {
    let lo = 0
    let hi = this.list.length - 1
    let found: RunCheckpoint | null = null
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.list[mid].epoch <= epoch) {
        found = this.list[mid]
        lo = mid + 1
      } else hi = mid - 1
    }
    return found
  }

  /** Drops every checkpoint after `epoch` (a fork replaces the later history). */
  truncateAfter(epoch: number): void {
    while (this.list.length > 0 && this.list[this.list.length - 1].epoch > epoch) {
      this.usedBytes -= checkpointBytes(this.list.pop() as RunCheckpoint)
    }
  }

  toData(): TimelineData {
    return { level: this.currentLevel, entries: this.list.slice() }
  }

  /** Doubles the spacing until the checkpoints fit the budget (epoch 0 always stays). */
  private fitBudget(): void {
    while (this.usedBytes > this.budgetBytes && this.currentLevel < MAX_TIMELINE_LEVEL) {
      this.currentLevel++
      const level = this.currentLevel
      this.list = this.list.filter((c) => keptAt(c.epoch, level))
      this.usedBytes = this.list.reduce((sum, c) => sum + checkpointBytes(c), 0)
    }
  }
}
