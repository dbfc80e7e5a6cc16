// Draw mode (issue 16, "Drawing the data"): the points the learner draws on the boundary map,
// the class (or target value) a click adds, and "Use these points", which builds the run from
// them as an imported dataset named "Drawn points" (so sessions save them like a CSV file's).
// The run is rebuilt only when the learner asks (Use these points, or Train while drawing).
import { defineStore } from 'pinia'
import { computed, ref, shallowRef, watch } from 'vue'
import { mergeDatasets } from '@shared/engine'
import { MAX_CLASSES, MAX_CSV_POINTS } from '@shared/engine/limits'
import type { Dataset, RunConfig } from '@shared/engine/types'
import { drawMode } from '../components/draw/drawMode'
import { PointDraft, type DraftProblem } from '../components/draw/pointDraft'
import { useDatasetStore } from './dataset'
import { outputHead } from './network'
import { useTrainingStore } from './training'

/** The name drawn points carry as a dataset (the Data panel's tile, figures, compare runs). */
export const DRAWN_DATASET_NAME = 'Drawn points'

/** The run to build on drawn points: the lab's settings, the points as an imported dataset, and
 *  the output head they ask for (regression targets: one linear unit; k classes: softmax). */
export function drawnRunConfig(base: RunConfig, data: Dataset): RunConfig {
  const head = outputHead(data.classes, data.targets !== undefined)
  const sizes = base.network.layerSizes
  return {
    ...base,
    dataset: { ...base.dataset, kind: 'csv', samples: data.count, classes: data.classes },
    network: {
      ...base.network,
      layerSizes: [...sizes.slice(0, -1), head.size],
      output: head.output
    }
  }
}

export const useDrawingStore = defineStore('drawing', () => {
  const dataset = useDatasetStore()
  const training = useTrainingStore()

  const active = ref(false)
  const draft = shallowRef<PointDraft | null>(null)
  /** Bumped with every change to the draft (it changes in place). */
  const version = ref(0)
  /** The draft differs from the points the run trains on. */
  const dirty = ref(false)
  /** The class a click adds (classes), and the value it adds (values). */
  const currentClass = ref(0)
  const targetValue = ref(1)
  /** Classes offered by the picker (at least those the draft uses). */
  const classChoices = ref(2)
  /** Why the last action did nothing (a full draft, too few points, a refused run), or null. */
  const message = ref<string | null>(null)
  const building = ref(false)

  const problem = computed<DraftProblem>(
    () => draft.value?.problem ?? (dataset.regression ? 'values' : 'classes')
  )
  /** The draft's points for the map to draw (a view: it follows the draft). */
  const points = computed<Dataset | null>(() => {
    void version.value
    return draft.value?.view() ?? null
  })
  const count = computed(() => {
    void version.value
    return draft.value?.count ?? 0
  })

  function changed(): void {
    version.value++
    dirty.value = true
    message.value = null
  }

  /** The run's points (train and test together), or null before a run exists. */
  function runPoints(): Dataset | null {
    const train = dataset.train
    if (!train) return null
    const test = dataset.test
    // (A draft keeps coordinates and labels only: the Data panel's test split applies to it.)
    return test && test.count > 0 ? mergeDatasets(train, test) : train
  }

  /** Starts the draft afresh: from the run's points, or from an empty plane. */
  function startFrom(source: 'current' | 'empty', as: DraftProblem = problem.value): void {
    draft.value = PointDraft.from(source === 'current' ? runPoints() : null, as)
    classChoices.value = draft.value.classCounts().length
    currentClass.value = Math.min(currentClass.value, classChoices.value - 1)
    version.value++
    // The run's own points, as they are: nothing to rebuild.
    dirty.value = source === 'empty' || as !== (dataset.regression ? 'values' : 'classes')
    message.value = null
  }

  /** Classes ⇄ values: the points stay (class 1 ↔ positive values, others ↔ negative). */
  function setProblem(next: DraftProblem): void {
    if (next === problem.value) return
    draft.value = PointDraft.from(draft.value?.view() ?? null, next)
    changed()
  }

  function enter(): void {
    // An unfinished drawing is picked up again; otherwise drawing starts from the run's points.
    if (!draft.value || !dirty.value) startFrom('current')
    active.value = true
  }

  function leave(): void {
    active.value = false
    message.value = null
  }

  function toggle(): void {
    if (active.value) leave()
    else enter()
  }

  function chooseClass(c: number): void {
    if (c < 0 || c >= MAX_CLASSES) return
    classChoices.value = Math.max(classChoices.value, c + 1)
    currentClass.value = c
  }

  function addClass(): void {
    if (classChoices.value >= MAX_CLASSES) return
    classChoices.value++
    currentClass.value = classChoices.value - 1
  }

  /** A click on the plane at (px, py): a point of the chosen class or value. */
  function addAt(px: number, py: number): void {
    const d = draft.value
    if (!d) return
    const mark = d.problem === 'values' ? targetValue.value : currentClass.value
    if (!d.add(px, py, mark)) {
      message.value =
        d.count >= MAX_CSV_POINTS
          ? `A run holds at most ${MAX_CSV_POINTS.toLocaleString('en-US')} points: erase some first.`
          : 'Type a target value (a number) first.'
      return
    }
    changed()
  }

  /** A drag from (x0, y0) to (x1, y1): erases the points within (rx, ry) of the path. */
  function eraseAlong(
    x0: number,
    y0: number,
    x1: number,
    y1: number,
    rx: number,
    ry: number
  ): void {
    if (draft.value && draft.value.eraseAlong(x0, y0, x1, y1, rx, ry) > 0) changed()
  }

  /** Builds the run from the drawn points (asks first when trained weights would be lost).
   *  Resolves true once the trainer has built it. */
  async function use(): Promise<boolean> {
    const d = draft.value
    if (!d || building.value) return false
    const data = d.toDataset()
    if (typeof data === 'string') {
      message.value = data
      return false
    }
    building.value = true
    try {
      if (!(await training.confirmDiscard('Using the drawn points'))) return false
      await training.replaceRun(drawnRunConfig(training.runConfig, data), {
        name: DRAWN_DATASET_NAME,
        data
      })
      dirty.value = false
      message.value = null
      return true
    } catch (error) {
      message.value = error instanceof Error ? error.message : String(error)
      return false
    } finally {
      building.value = false
      offerToTrain()
    }
  }

  /** While drawing with unused points, Train builds the run from them first. */
  function offerToTrain(): void {
    training.setPendingData(active.value && dirty.value ? use : null)
  }
  watch([active, dirty], offerToTrain, { flush: 'sync' })
  // What the first screen (the map, the Draw button) sees of draw mode.
  drawMode.tool = { addAt, eraseAlong }
  watch(
    [active, points],
    () => {
      drawMode.active = active.value
      drawMode.points = points.value
    },
    { flush: 'sync' }
  )

  return {
    active,
    draft,
    version,
    dirty,
    problem,
    points,
    count,
    currentClass,
    targetValue,
    classChoices,
    message,
    building,
    startFrom,
    setProblem,
    enter,
    leave,
    toggle,
    chooseClass,
    addClass,
    addAt,
    eraseAlong,
    use
  }
})
