// Compare runs (issue 15): up to MAX_PINNED_RUNS runs kept beside the live one, whose curves the
// loss/accuracy charts overlay, whose boundaries and figures the compare panel shows, and which
// the session file keeps. Loaded on first use (the compare panel, the curves' overlays), not with
// the first screen.
//
// API for other views (an in-app sweep's cell, say): `pinRun(run)` keeps any PinnedRun (false
// when MAX_PINNED_RUNS are already kept); `pinCurrent()` pins the lab's run as it is now.
import { defineStore } from 'pinia'
import { ref, shallowRef, watch } from 'vue'
import { MAX_PINNED_RUNS, type PinnedRun } from '@shared/session/pinnedRuns'
import type { EpochStats } from '@shared/engine/types'
import { useDatasetStore } from './dataset'
import { useSessionStore } from './session'
import { useTrainingStore } from './training'

export { MAX_PINNED_RUNS, type PinnedRun }

export const useCompareStore = defineStore('compare', () => {
  const training = useTrainingStore()
  const dataset = useDatasetStore()
  const session = useSessionStore()

  /** The pinned runs, oldest first. Replaced (never mutated) on every change. */
  const pinned = shallowRef<readonly PinnedRun[]>([])
  /** A sentence for the learner after a pin that did not happen, or null. */
  const problem = ref<string | null>(null)
  /** True while a pin is being taken (the trainer's snapshot is on its way). */
  const pinning = ref(false)
  let nextNumber = 1

  // ---- the live run's training time: counted while it trains, from its first epoch ----
  let trackedHistory: readonly EpochStats[] = training.history
  let spentMs: number | null = 0
  let runningSince: number | null = training.running ? Date.now() : null
  watch(
    () => training.running,
    (on) => {
      const now = Date.now()
      if (on && runningSince === null) runningSince = now
      if (!on && runningSince !== null) {
        if (spentMs !== null) spentMs += now - runningSince
        runningSince = null
      }
    },
    { flush: 'sync' }
  )
  watch(
    () => training.history,
    (history) => {
      if (history === trackedHistory) return
      trackedHistory = history
      // A fresh run starts at 0; a restored or forked one has epochs whose time nobody saw.
      spentMs = history.length === 0 ? 0 : null
      runningSince = training.running ? Date.now() : null
    },
    { flush: 'sync' }
  )

  /** Time the live run has spent training (ms), or null when part of it was not watched. */
  function liveWallTimeMs(): number | null {
    if (spentMs === null) return null
    return spentMs + (runningSince === null ? 0 : Date.now() - runningSince)
  }

  /** True (with the sentence in `problem`) when no more runs can be pinned. */
  function full(): boolean {
    if (pinned.value.length < MAX_PINNED_RUNS) return false
    problem.value = `${MAX_PINNED_RUNS} runs are pinned, the most the lab compares: unpin one first.`
    return true
  }

  /** Keeps `run` for comparison; false (with `problem` set) when MAX_PINNED_RUNS are kept. */
  function pinRun(run: PinnedRun): boolean {
    if (full()) return false
    problem.value = null
    pinned.value = [...pinned.value, run]
    return true
  }

  /** Pins the lab's run as it is now (exact weights and history from the trainer). Resolves
   *  with the pinned run, or null (the reason in `problem`). */
  async function pinCurrent(): Promise<PinnedRun | null> {
    if (pinning.value) return null
    if (full()) return null
    if (!training.trained) {
      problem.value = 'Train the run first: a pinned run keeps its curves and final weights.'
      return null
    }
    pinning.value = true
    try {
      const wallTimeMs = liveWallTimeMs()
      const snapshot = await session.requestSnapshot(false)
      // The top bar's training figures of the final weights (after their update), computed here
      // from the snapshot so that they belong to exactly the weights kept.
      const { TrainingRun } = await import('@shared/engine/train')
      const final = TrainingRun.restore(snapshot).evaluateInChunks(snapshot.train)
      const run: PinnedRun = {
        name: `Run ${nextNumber}`,
        config: structuredClone(snapshot.config),
        epoch: snapshot.epoch,
        history: snapshot.history.slice(),
        params: snapshot.params,
        wallTimeMs,
        final: { loss: final.loss, accuracy: final.accuracy }
      }
      const stop = training.earlyStop
      if (stop && stop.stoppedAt === snapshot.epoch) run.earlyStop = { ...stop }
      if (snapshot.config.dataset.kind === 'csv' && dataset.imported) {
        run.dataName = dataset.imported.name
      }
      if (!pinRun(run)) return null
      nextNumber++
      session.markDirty()
      return run
    } catch (error) {
      problem.value = `Could not pin the run: ${error instanceof Error ? error.message : String(error)}`
      return null
    } finally {
      pinning.value = false
    }
  }

  function unpin(index: number): void {
    pinned.value = pinned.value.filter((_, i) => i !== index)
    problem.value = null
    session.markDirty()
  }

  function clear(): void {
    if (pinned.value.length === 0) return
    pinned.value = []
    problem.value = null
    session.markDirty()
  }

  /** The pinned runs of an opened session (or none for a new one). */
  function replaceAll(runs: readonly PinnedRun[]): void {
    pinned.value = runs.slice(0, MAX_PINNED_RUNS)
    problem.value = null
    const numbers = runs.map((r) => /^Run (\d+)$/.exec(r.name)?.[1]).map(Number)
    nextNumber = Math.max(0, ...numbers.filter(Number.isFinite)) + 1
  }

  function dismissProblem(): void {
    problem.value = null
  }

  return {
    pinned,
    problem,
    pinning,
    liveWallTimeMs,
    pinRun,
    pinCurrent,
    unpin,
    clear,
    replaceAll,
    dismissProblem
  }
})
