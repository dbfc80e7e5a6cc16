// Keeps one analysis of the current weights (AnalysisRequest) up to date while its view is open:
// asked on opening, then again whenever the weights moved on (the epoch changed) — one request in
// flight at a time, at most one per `minIntervalMs` — so a live view follows training without
// holding the trainer up. `refresh()` asks now (a changed option); errors come back as sentences.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import type { AnalysisRequest, AnalysisResult } from '@shared/protocol/trainerMessages'
import { useTrainingStore } from '../stores/training'

export interface LiveAnalysis<R extends AnalysisResult> {
  result: ShallowRef<R | null>
  error: Ref<string | null>
  busy: Ref<boolean>
  refresh(): void
}

export function useLiveAnalysis<R extends AnalysisResult>(
  makeRequest: () => AnalysisRequest | null,
  options: { live: boolean; minIntervalMs: number }
): LiveAnalysis<R> {
  const training = useTrainingStore()
  const result = shallowRef(null) as ShallowRef<R | null>
  const error = ref<string | null>(null)
  const busy = ref(false)
  let wanted = false
  let lastAskedAt = -Infinity
  let timer: ReturnType<typeof setTimeout> | null = null
  let disposed = false

  function ask(): void {
    timer = null
    if (disposed) return
    if (busy.value) {
      wanted = true
      return
    }
    const wait = lastAskedAt + options.minIntervalMs - performance.now()
    if (wait > 0) {
      timer ??= setTimeout(ask, wait)
      return
    }
    const analysis = makeRequest()
    if (!analysis || training.phase !== 'ready') return
    wanted = false
    busy.value = true
    lastAskedAt = performance.now()
    training
      .analyze(analysis)
      .then(
        (answer) => {
          if (disposed) return
          result.value = answer as R
          error.value = null
        },
        (failure: unknown) => {
          if (disposed) return
          error.value = failure instanceof Error ? failure.message : String(failure)
        }
      )
      .finally(() => {
        busy.value = false
        if (wanted && !disposed) ask()
      })
  }

  function refresh(): void {
    lastAskedAt = -Infinity
    if (busy.value) wanted = true
    else ask()
  }

  onMounted(refresh)
  onBeforeUnmount(() => {
    disposed = true
    if (timer !== null) clearTimeout(timer)
  })
  watch(
    () => training.epoch,
    () => {
      if (!options.live) return
      wanted = true
      ask()
    }
  )
  // A rebuilt run (new network or data): the old answer describes another network.
  watch(
    () => training.parameterCount,
    () => {
      result.value = null
      refresh()
    }
  )
  watch(
    () => training.phase,
    (phase) => {
      if (phase === 'ready') refresh()
    }
  )
  return { result, error, busy, refresh }
}
