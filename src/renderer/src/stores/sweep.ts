// Sweeps in the app (issue 15): the settings the learner sweeps (up to MAX_SWEEP_SETTINGS, each a
// comma list read by the shared registry, src/shared/sweep/settings.ts), the lab's other settings
// as the base of every cell (same data and seed), the trainer's 'sweep' request and its
// 'sweep-cell' events, cancel, and opening a cell's run in the lab. Loaded with the Sweep dialog,
// not with the first screen; it keeps the last sweep while the dialog is closed.
import { defineStore } from 'pinia'
import { computed, inject, reactive, ref, shallowRef, triggerRef } from 'vue'
import { MAX_SWEEP_SETTINGS } from '@shared/engine/limits'
import type { RunConfig, RunSnapshot } from '@shared/engine/types'
import { sweepCells } from '@shared/sweep/grid'
import {
  parseSweepValues,
  SWEEP_SETTINGS_REGISTRY,
  type SweepAxis,
  type SweepSettingName
} from '@shared/sweep/settings'
import type { SweepRow, TrainerEvent } from '@shared/protocol/trainerMessages'
import { TRAINER_CLIENT_KEY, TrainerRequestError } from '../composables/trainerClient'
import { askConfirm } from '../components/ui/choice'
import { useDatasetStore } from './dataset'
import { useNetworkStore } from './network'
import { useTrainingStore } from './training'

/** One setting field of the form: which setting ('' for none: the second is optional) and the
 *  comma list typed for it. */
export interface SweepField {
  setting: SweepSettingName | ''
  text: string
}

/** A sweep sent to the trainer and what has come back of it. */
export interface SweepRunState {
  id: number
  axes: SweepAxis[]
  /** The lab's settings the cells started from (each cell changes only its axes' settings). */
  base: RunConfig
  /** Per cell (row by row): its numbers and its run, once trained. */
  rows: (SweepRow | null)[]
  snapshots: (RunSnapshot | null)[]
}

/** The values each setting starts with: its own example from the registry. */
function exampleOf(setting: SweepSettingName | ''): string {
  return setting === '' ? '' : SWEEP_SETTINGS_REGISTRY[setting].example
}

export const useSweepStore = defineStore('sweep', () => {
  const training = useTrainingStore()
  const dataset = useDatasetStore()
  const network = useNetworkStore()
  const client = inject(TRAINER_CLIENT_KEY, null)

  const fields = reactive<SweepField[]>([
    { setting: 'lr', text: exampleOf('lr') },
    { setting: 'width', text: exampleOf('width') }
  ])

  /** Per field: the sentence saying what is wrong with it, or null. */
  const fieldProblems = computed<(string | null)[]>(() =>
    fields.map((field, i) => {
      if (field.setting === '') return null
      if (fields.slice(0, i).some((f) => f.setting === field.setting)) {
        return 'This setting is swept already: choose another one, or none.'
      }
      const parsed = parseSweepValues(field.setting, field.text)
      return 'problem' in parsed ? parsed.problem : null
    })
  )

  /** The axes of the form as typed, or null while a field has a problem. */
  const axes = computed<SweepAxis[] | null>(() => {
    if (fieldProblems.value.some((p) => p !== null)) return null
    const out: SweepAxis[] = []
    for (const field of fields.slice(0, MAX_SWEEP_SETTINGS)) {
      if (field.setting === '') continue
      const parsed = parseSweepValues(field.setting, field.text)
      if ('values' in parsed) out.push({ setting: field.setting, values: parsed.values })
    }
    return out.length > 0 ? out : null
  })

  const cellCount = computed(() => axes.value?.reduce((n, a) => n * a.values.length, 1) ?? 0)

  function chooseSetting(index: number, setting: SweepSettingName | ''): void {
    const field = fields[index]
    if (field.setting === setting) return
    field.setting = setting
    field.text = exampleOf(setting)
  }

  // ---- the sweep ----
  const current = shallowRef<SweepRunState | null>(null)
  const running = ref(false)
  /** Finished cells of the current sweep. */
  const done = ref(0)
  /** True when the current sweep was cancelled before every cell came back. */
  const cancelled = ref(false)
  /** A sentence about the sweep for the learner (a refusal, a lost trainer), or null. */
  const problem = ref<string | null>(null)
  let nextId = 1

  function onEvent(event: TrainerEvent): void {
    const sweep = current.value
    if (event.type !== 'sweep-cell' || !sweep || event.sweepId !== sweep.id) return
    if (sweep.rows[event.index] !== null) return
    sweep.rows[event.index] = event.row
    sweep.snapshots[event.index] = event.snapshot
    done.value++
    triggerRef(current)
  }
  client?.onEvent(onEvent)

  /** Trains every combination of the form's values on the trainer's sweep threads. Resolves when
   *  the sweep ends (all cells, cancelled, or failed: the sentence in `problem`). */
  async function run(): Promise<void> {
    const chosen = axes.value
    if (!chosen || running.value) return
    problem.value = null
    if (!client) {
      problem.value = 'The trainer is not running yet; please try again in a moment.'
      return
    }
    if (network.problem) {
      problem.value = network.problem
      return
    }
    if (dataset.kind === 'csv' && !dataset.importedData) {
      problem.value = 'Import a CSV file first, or pick one of the generated datasets.'
      return
    }
    // A plain copy: the lab's settings are reactive, and the cells cross a port.
    const base = JSON.parse(JSON.stringify(training.runConfig)) as RunConfig
    const cells = sweepCells(base, chosen)
    const sweep: SweepRunState = {
      id: nextId++,
      axes: chosen.map((a) => ({ setting: a.setting, values: [...a.values] })),
      base,
      rows: cells.map(() => null),
      snapshots: cells.map(() => null)
    }
    current.value = sweep
    done.value = 0
    cancelled.value = false
    running.value = true
    try {
      const reply = await client.request(
        {
          type: 'sweep',
          sweepId: sweep.id,
          cells: cells.map((c) => c.config),
          data: dataset.importedData
        },
        { timeoutMs: null }
      )
      if (current.value === sweep) cancelled.value = reply.cancelled
    } catch (error) {
      if (current.value !== sweep) return
      if (error instanceof TrainerRequestError && error.reason === 'restart') {
        problem.value = `The trainer restarted, so the sweep stopped after ${done.value} of ${cells.length} runs; run it again to train the rest.`
      } else problem.value = error instanceof Error ? error.message : String(error)
    } finally {
      if (current.value === sweep) running.value = false
    }
  }

  /** Stops the sweep: no new cell starts (the finished ones stay on the map). */
  function cancel(): void {
    const sweep = current.value
    if (!sweep || !running.value) return
    client?.send({ type: 'sweep-cancel', sweepId: sweep.id })
  }

  /** Opens a finished cell's run in the lab (settings, weights, curves), asking first when the
   *  lab's trained run would be replaced. False when nothing opened (declined, not trained, or
   *  refused: the sentence in `problem`). */
  async function openCell(index: number): Promise<boolean> {
    const snapshot = current.value?.snapshots[index]
    if (!snapshot) return false
    if (training.trained) {
      if (training.running) training.pause()
      const ok = await askConfirm({
        title: 'Replace the lab’s run?',
        message: `Opening this sweep run replaces the lab’s run and its ${training.epoch.toLocaleString('en-US')} trained epochs (pin it in Compare runs first to keep it).`,
        confirmLabel: 'Open the sweep run',
        cancelLabel: 'Keep my run'
      })
      if (!ok) return false
    }
    try {
      await training.restore(snapshot)
      return true
    } catch (error) {
      problem.value = `Could not open that run: ${error instanceof Error ? error.message : String(error)}`
      return false
    }
  }

  return {
    fields,
    fieldProblems,
    axes,
    cellCount,
    chooseSetting,
    current,
    running,
    done,
    cancelled,
    problem,
    run,
    cancel,
    openCell
  }
})
