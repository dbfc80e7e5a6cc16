// The architecture being built: hidden layers (size and activation each), the init scheme, and the
// output head that follows from the data (one sigmoid unit for 2 classes, softmax for more).
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { formatNetworkLines, parameterCount, validateNetworkSpec } from '@shared/engine'
import { MAX_HIDDEN_LAYERS, MAX_LAYER_SIZE } from '@shared/engine/limits'
import type { ActivationName, InitName, NetworkSpec } from '@shared/engine/types'
import { isRawInput, type FeatureName } from '@shared/engine/features'
import { useDatasetStore } from './dataset'

export interface HiddenLayer {
  size: number
  activation: ActivationName
}

export const DEFAULT_NEW_LAYER_SIZE = 8

/** The output head data calls for: one linear unit for a regression target, one sigmoid unit
 *  for 2 classes, a softmax unit per class for more. */
export function outputHead(
  classes: number,
  regression: boolean
): { size: number; output: NetworkSpec['output'] } {
  if (regression) return { size: 1, output: 'linear' }
  return classes > 2 ? { size: classes, output: 'softmax' } : { size: 1, output: 'sigmoid' }
}

/** `network` with the output head of `data` (an import: its classes, or its regression target). */
export function withOutputHead(
  network: NetworkSpec,
  data: { classes: number; targets?: unknown }
): NetworkSpec {
  const head = outputHead(data.classes, data.targets !== undefined)
  return {
    ...network,
    layerSizes: [...network.layerSizes.slice(0, -1), head.size],
    output: head.output
  }
}

export const useNetworkStore = defineStore('network', () => {
  const dataset = useDatasetStore()
  const hidden = ref<HiddenLayer[]>([
    { size: 16, activation: 'relu' },
    { size: 8, activation: 'relu' }
  ])
  const init = ref<InitName>('he')
  /** Engineered input features (features.ts); null = the raw x1, x2. */
  const features = ref<FeatureName[] | null>(null)

  const head = computed(() => outputHead(dataset.classes, dataset.regression))
  const outputSize = computed(() => head.value.size)

  const spec = computed<NetworkSpec>(() => ({
    layerSizes: [
      features.value?.length ?? 2,
      ...hidden.value.map((layer) => layer.size),
      outputSize.value
    ],
    activations: hidden.value.map((layer) => layer.activation),
    // Regression data: one linear output unit (outputSize is 1: such data has 2 sign classes).
    output: head.value.output,
    init: init.value,
    ...(features.value ? { features: [...features.value] } : {})
  }))

  const totalParameters = computed(() => parameterCount(spec.value))
  /** The notebook's two printed lines: `Network: 2, 16, 8, 1` and `Total parameters: 193`. */
  const summaryLines = computed(() => formatNetworkLines(spec.value))
  /** A sentence when the spec is unusable, else null. */
  const problem = computed(() => validateNetworkSpec(spec.value))

  const canAddLayer = computed(() => hidden.value.length < MAX_HIDDEN_LAYERS)
  const canRemoveLayer = computed(() => hidden.value.length > 0)

  function addLayer(): void {
    if (!canAddLayer.value) return
    const last = hidden.value[hidden.value.length - 1]
    hidden.value.push({
      size: last ? last.size : DEFAULT_NEW_LAYER_SIZE,
      activation: last ? last.activation : 'relu'
    })
  }

  function removeLayer(index = hidden.value.length - 1): void {
    if (index < 0 || index >= hidden.value.length) return
    hidden.value.splice(index, 1)
  }

  function setNeurons(index: number, size: number): void {
    const layer = hidden.value[index]
    if (!layer || !Number.isFinite(size)) return
    layer.size = Math.min(MAX_LAYER_SIZE, Math.max(1, Math.round(size)))
  }

  function setActivation(index: number, activation: ActivationName): void {
    const layer = hidden.value[index]
    if (layer) layer.activation = activation
  }

  function applySpec(next: NetworkSpec): void {
    const sizes = next.layerSizes.slice(1, -1)
    hidden.value = sizes.map((size, i) => ({ size, activation: next.activations[i] ?? 'relu' }))
    init.value = next.init
    features.value = next.features ? [...next.features] : null
  }

  /** The input features in the registry's order; [x1, x2] is stored as the raw input (null). */
  function setFeatures(next: readonly FeatureName[]): void {
    features.value = isRawInput(next) ? null : [...next]
  }

  return {
    hidden,
    init,
    features,
    setFeatures,
    outputSize,
    spec,
    totalParameters,
    summaryLines,
    problem,
    canAddLayer,
    canRemoveLayer,
    addLayer,
    removeLayer,
    setNeurons,
    setActivation,
    applySpec
  }
})
