// What data the run uses: the generator settings (or an imported CSV) and, once the trainer has
// built the run, the actual train/test points and the plane area they cover.
import { defineStore } from 'pinia'
import { computed, ref, shallowRef } from 'vue'
import { datasetDoc, datasetLabel, isRegressionDataset, ownTestFraction } from '@shared/engine'
import {
  GENERATED_DATASETS,
  type Dataset,
  type DatasetKind,
  type DatasetSpec,
  type GridBounds
} from '@shared/engine/types'

/** The import dialog's choices the run keeps (beside the points themselves). */
export interface ImportOptions {
  /** Standardise the inputs (z-score, fitted on the training points): DatasetSpec.standardize. */
  standardize?: boolean
}

export interface ImportedDataset {
  name: string
  data: Dataset
}

// Derived from the engine's dataset registry (its label and doc per kind): one source.
const KINDS: readonly DatasetKind[] = [...GENERATED_DATASETS, 'csv']
export const DATASET_LABELS = Object.fromEntries(
  KINDS.map((kind) => [kind, datasetLabel(kind)])
) as Record<DatasetKind, string>
export const DATASET_HINTS = Object.fromEntries(
  KINDS.map((kind) => [kind, datasetDoc(kind)])
) as Record<DatasetKind, string>

export const useDatasetStore = defineStore('dataset', () => {
  const kind = ref<DatasetKind>('circles')
  const samples = ref(400)
  const noise = ref(0.15)
  const seed = ref(42)
  const testFraction = ref(0)
  /** Spiral arms; other generated datasets always have 2 classes. */
  const spiralArms = ref(2)
  const imported = shallowRef<ImportedDataset | null>(null)
  /** Imported points only: the inputs are standardised (z-score) by the run (the import dialog's
   *  choice; DatasetSpec.standardize, kept in the session). */
  const standardize = ref(false)

  /** The points the trainer built (after the split), for drawing. */
  const train = shallowRef<Dataset | null>(null)
  const test = shallowRef<Dataset | null>(null)
  const bounds = shallowRef<GridBounds | null>(null)

  const classes = computed(() => {
    if (kind.value === 'csv') return imported.value?.data.classes ?? 2
    if (kind.value === 'spiral') return spiralArms.value
    return 2
  })

  /** The regression problem type: a regression generator (plane, gauss-mix), or imported points
   *  with real-valued targets (the file's, or a reopened session's training points). */
  const regression = computed(() =>
    kind.value === 'csv'
      ? (imported.value?.data ?? train.value)?.targets !== undefined
      : isRegressionDataset(kind.value)
  )

  const spec = computed<DatasetSpec>(() => ({
    kind: kind.value,
    samples: kind.value === 'csv' ? (imported.value?.data.count ?? 0) : samples.value,
    noise: noise.value,
    seed: seed.value,
    testFraction: testFraction.value,
    classes: classes.value,
    ...(kind.value === 'csv' && standardize.value ? { standardize: true } : {})
  }))

  /** The imported points' names, when they have them (a reopened session: its training points). */
  const namedPoints = computed(() =>
    kind.value === 'csv' ? (imported.value?.data ?? train.value) : null
  )
  /** Axis titles: the input columns' names for an imported file, else x₁ and x₂. */
  const inputNames = computed<[string, string]>(() => namedPoints.value?.inputNames ?? ['x₁', 'x₂'])
  /** A class's name: the file's label for an imported file, else "Class k". */
  function className(index: number): string {
    return namedPoints.value?.classNames?.[index] ?? `Class ${index}`
  }

  /** Points to send with `configure` (imported data only). */
  const importedData = computed(() => (kind.value === 'csv' ? imported.value?.data : undefined))

  function applySpec(next: DatasetSpec): void {
    kind.value = next.kind
    if (next.kind !== 'csv') samples.value = next.samples
    noise.value = next.noise
    seed.value = next.seed
    testFraction.value = next.testFraction
    if (next.kind === 'spiral') spiralArms.value = next.classes
    standardize.value = next.standardize === true
  }

  function setImported(name: string, data: Dataset): void {
    imported.value = { name, data }
    kind.value = 'csv'
    // A file exported with its split column brings its own train/test split back.
    if (data.split) testFraction.value = ownTestFraction(data)
  }

  function setRunData(run: { train: Dataset; test: Dataset; bounds: GridBounds }): void {
    train.value = run.train
    test.value = run.test
    bounds.value = run.bounds
  }

  /** A fresh seed for Regenerate: new points (and new initial weights) from the same settings. */
  function newSeed(random: () => number = Math.random): void {
    let next = seed.value
    while (next === seed.value) next = Math.floor(random() * 100000)
    seed.value = next
  }

  return {
    kind,
    samples,
    noise,
    seed,
    testFraction,
    spiralArms,
    imported,
    standardize,
    namedPoints,
    inputNames,
    className,
    train,
    test,
    bounds,
    classes,
    regression,
    spec,
    importedData,
    applySpec,
    setImported,
    setRunData,
    newSeed
  }
})
