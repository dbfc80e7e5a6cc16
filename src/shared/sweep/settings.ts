// The settings a sweep can vary (issue 15): one entry per setting, each with its label, how a
// comma list of its values is read (checked against the engine's one set of limits) and how a
// value goes into a run's config. The app's Sweep view and its grid come from this registry.
import {
  MAX_BATCH_SIZE,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_PENALTY_RATE,
  MAX_SWEEP_VALUES
} from '../engine/limits'
import { ACTIVATIONS, ACTIVATIONS_REGISTRY, type ActivationName } from '../engine/activations'
import { OPTIMIZERS, OPTIMIZERS_REGISTRY, type OptimizerName } from '../engine/optimizers'
import type { RunConfig } from '../engine/types'

/** One value of a swept setting: a number, or a name (an activation, an optimizer, 'full'). */
export type SweepValue = number | string

interface SweepSettingEntry {
  /** The field's label and the heat map's axis title. */
  label: string
  /** What to type, e.g. "0.01, 0.1, 1". */
  example: string
  /** The values allowed, from the engine's limits (the app's hint under the field). */
  allowed: string
  /** One value from its text: the value, or the sentence saying what is wrong. */
  parse(text: string): SweepValue | { problem: string }
  /** How a value reads in the heat map's axis. */
  format(value: SweepValue): string
  /** Puts the value into `config` (a copy the caller owns). */
  apply(config: RunConfig, value: SweepValue): void
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/
const WHOLE = /^\+?\d+$/

function positive(label: string, max: number) {
  return (text: string): SweepValue | { problem: string } => {
    const value = Number(text)
    if (!NUMBER.test(text) || !(value > 0 && value <= max)) {
      return {
        problem: `${label} values must be greater than 0 and at most ${max}, not "${text}".`
      }
    }
    return value
  }
}

function whole(label: string, min: number, max: number) {
  return (text: string): SweepValue | { problem: string } => {
    const value = Number(text)
    if (!WHOLE.test(text) || value < min || value > max) {
      return {
        problem: `${label} values must be whole numbers from ${min} to ${max}, not "${text}".`
      }
    }
    return value
  }
}

function choice<T extends string>(label: string, names: readonly T[]) {
  return (text: string): SweepValue | { problem: string } =>
    (names as readonly string[]).includes(text)
      ? text
      : { problem: `${label} values must be among ${names.join(', ')}; "${text}" is not.` }
}

const plain = (value: SweepValue): string => String(value)

/** The hidden layers' widths, with `count` layers of `width` (the first hidden layer's settings
 *  carried to new layers: its activation and dropout rate). */
function setHidden(config: RunConfig, count: number, width: number): void {
  const net = config.network
  const sizes = net.layerSizes
  const activation = net.activations[0] ?? 'relu'
  net.layerSizes = [
    sizes[0],
    ...Array.from({ length: count }, () => width),
    sizes[sizes.length - 1]
  ]
  net.activations = Array.from({ length: count }, (_, i) => net.activations[i] ?? activation)
  const dropout = config.training.dropout
  if (dropout)
    config.training.dropout = Array.from({ length: count }, (_, i) => dropout[i] ?? dropout[0] ?? 0)
}

/** Width of the first hidden layer (8 when the network has none: what a new layer gets). */
function firstWidth(config: RunConfig): number {
  const sizes = config.network.layerSizes
  return sizes.length > 2 ? sizes[1] : 8
}

export const SWEEP_SETTINGS_REGISTRY = {
  lr: {
    label: 'Learning rate',
    example: '0.01, 0.1, 1',
    allowed: `above 0, at most ${MAX_LEARNING_RATE}`,
    parse: positive('Learning rate', MAX_LEARNING_RATE),
    format: plain,
    apply(config, value) {
      config.training.optimizer.learningRate = value as number
    }
  },
  width: {
    label: 'Width (units per hidden layer)',
    example: '4, 8, 16',
    allowed: `whole numbers from 1 to ${MAX_LAYER_SIZE}`,
    parse: whole('Width', 1, MAX_LAYER_SIZE),
    format: plain,
    apply(config, value) {
      setHidden(config, config.network.layerSizes.length - 2, value as number)
    }
  },
  depth: {
    label: 'Depth (hidden layers)',
    example: '1, 2, 3',
    allowed: `whole numbers from 0 to ${MAX_HIDDEN_LAYERS}`,
    parse: whole('Depth', 0, MAX_HIDDEN_LAYERS),
    format: plain,
    apply(config, value) {
      setHidden(config, value as number, firstWidth(config))
    }
  },
  activation: {
    label: 'Activation',
    example: 'relu, tanh',
    allowed: ACTIVATIONS.join(', '),
    parse: choice('Activation', ACTIVATIONS),
    format: (value) => ACTIVATIONS_REGISTRY[value as ActivationName].label,
    apply(config, value) {
      config.network.activations = config.network.activations.map(() => value as ActivationName)
    }
  },
  optimizer: {
    label: 'Optimizer',
    example: 'sgd, adam',
    allowed: OPTIMIZERS.join(', '),
    parse: choice('Optimizer', OPTIMIZERS),
    format: (value) => OPTIMIZERS_REGISTRY[value as OptimizerName].label,
    apply(config, value) {
      config.training.optimizer.kind = value as OptimizerName
    }
  },
  batch: {
    label: 'Batch size',
    example: '16, 64, full',
    allowed: `full, or whole numbers from 1 to ${MAX_BATCH_SIZE}`,
    parse: (text) => (text === 'full' ? 'full' : whole('Batch size', 1, MAX_BATCH_SIZE)(text)),
    format: plain,
    apply(config, value) {
      config.training.batchSize = value === 'full' ? 'full' : (value as number)
    }
  },
  l2: {
    label: 'L2 penalty',
    example: '0, 0.001, 0.01',
    allowed: `from 0 to ${MAX_PENALTY_RATE}`,
    parse(text) {
      const value = Number(text)
      if (!NUMBER.test(text) || !(value >= 0 && value <= MAX_PENALTY_RATE)) {
        return { problem: `L2 values must be from 0 to ${MAX_PENALTY_RATE}, not "${text}".` }
      }
      return value
    },
    format: plain,
    apply(config, value) {
      config.training.l2 = value as number
    }
  }
} satisfies Record<string, SweepSettingEntry>

export type SweepSettingName = keyof typeof SWEEP_SETTINGS_REGISTRY
export const SWEEP_SETTINGS = Object.keys(SWEEP_SETTINGS_REGISTRY) as SweepSettingName[]

/** Depth before width: a cell's network gets its layers, then their width. */
const APPLY_ORDER: readonly SweepSettingName[] = [
  'depth',
  ...SWEEP_SETTINGS.filter((s) => s !== 'depth')
]

export function isSweepSetting(name: string): name is SweepSettingName {
  return Object.hasOwn(SWEEP_SETTINGS_REGISTRY, name)
}

/** A comma list of one setting's values, read: the values in the order given, or the sentence
 *  naming the first problem (an empty item, a value past the limits, a repeat, too many). */
export function parseSweepValues(
  name: SweepSettingName,
  text: string
): { values: SweepValue[] } | { problem: string } {
  const entry: SweepSettingEntry = SWEEP_SETTINGS_REGISTRY[name]
  const items = text.split(',').map((item) => item.trim())
  if (items.length === 1 && items[0] === '') {
    return { problem: `Type one or more values, e.g. ${entry.example}.` }
  }
  if (items.some((item) => item === '')) {
    return { problem: `There is an empty value in "${text}"; separate values with commas.` }
  }
  const values: SweepValue[] = []
  for (const item of items) {
    const value = entry.parse(item)
    if (typeof value === 'object') return value
    if (values.includes(value)) return { problem: `${entry.format(value)} is listed twice.` }
    values.push(value)
  }
  if (values.length > MAX_SWEEP_VALUES) {
    return { problem: `At most ${MAX_SWEEP_VALUES} values, not ${values.length}.` }
  }
  return { values }
}

export function formatSweepValue(name: SweepSettingName, value: SweepValue): string {
  const entry: SweepSettingEntry = SWEEP_SETTINGS_REGISTRY[name]
  return entry.format(value)
}

/** One swept setting and its values (an axis of the heat map). */
export interface SweepAxis {
  setting: SweepSettingName
  values: SweepValue[]
}

/** The config of one combination: `base` with each axis's value put in. */
export function applySweepValues(
  base: RunConfig,
  settings: readonly { setting: SweepSettingName; value: SweepValue }[]
): RunConfig {
  const config = structuredClone(base)
  for (const name of APPLY_ORDER) {
    const chosen = settings.find((s) => s.setting === name)
    if (chosen) {
      const entry: SweepSettingEntry = SWEEP_SETTINGS_REGISTRY[name]
      entry.apply(config, chosen.value)
    }
  }
  return config
}
