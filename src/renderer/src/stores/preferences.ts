// How the learner likes to look at things. Kept in localStorage so it survives restarts; none of
// it changes the run itself.
import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { isPaletteName, setActivePalette, type PaletteName } from '../charts/colormap'
import { isTrainingSpeed, type TrainingSpeed } from './trainingSpeed'

export type LossScale = 'linear' | 'log'
export type LabView = 'lab' | 'activations' | 'learn' | 'inside'

interface StoredPreferences {
  showTestPoints: boolean
  discretize: boolean
  lossScale: LossScale
  liveView: boolean
  palette: PaletteName
  speed: TrainingSpeed
}

const STORAGE_KEY = 'nnlab:preferences'

function load(): Partial<StoredPreferences> {
  try {
    const text = globalThis.localStorage?.getItem(STORAGE_KEY)
    if (!text) return {}
    const parsed = JSON.parse(text) as unknown
    return parsed && typeof parsed === 'object' ? (parsed as Partial<StoredPreferences>) : {}
  } catch {
    return {}
  }
}

export const usePreferencesStore = defineStore('preferences', () => {
  const stored = load()
  const showTestPoints = ref(stored.showTestPoints !== false)
  const discretize = ref(stored.discretize === true)
  const lossScale = ref<LossScale>(stored.lossScale === 'log' ? 'log' : 'linear')
  /** Live boundary maps while training; off = loss points only, the fastest. */
  const liveView = ref(stored.liveView !== false)
  /** Class colours and diverging map, on screen and in exports (charts/colormap.ts PALETTES). */
  const palette = ref<PaletteName>(isPaletteName(stored.palette) ? stored.palette : 'standard')
  /** Epochs per second while training: 'max' (as fast as possible) or a slow-motion pace. */
  const speed = ref<TrainingSpeed>(isTrainingSpeed(stored.speed) ? stored.speed : 'max')
  /** Which main view is showing (not persisted: the lab opens on the lab). */
  const view = ref<LabView>('lab')

  watch(palette, (name) => setActivePalette(name), { immediate: true })

  watch([showTestPoints, discretize, lossScale, liveView, palette, speed], () => {
    const value: StoredPreferences = {
      showTestPoints: showTestPoints.value,
      discretize: discretize.value,
      lossScale: lossScale.value,
      liveView: liveView.value,
      palette: palette.value,
      speed: speed.value
    }
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(value))
    } catch {
      // Storage full or disabled: preferences just won't persist.
    }
  })

  return { showTestPoints, discretize, lossScale, liveView, palette, speed, view }
})
