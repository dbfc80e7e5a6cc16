// What the lab's number fields accept, and the sentence a refused value gets (shown next to the
// field). Every range is the engine's own limit (engine/limits.ts), so a field takes exactly what
// the trainer, the session format and `nn-lab` take. A slider may travel a narrower, comfortable
// range; the typed field beside it takes the whole range.
import {
  DECAY_BELOW,
  MAX_EPOCHS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_PENALTY_RATE,
  MAX_SAMPLES,
  MAX_SEED,
  MIN_SAMPLES
} from '@shared/engine/limits'

export interface NumberRule {
  /** The field as a sentence starts with it: 'Samples', 'The learning rate'. */
  name: string
  min: number
  max: number
  whole?: boolean
  /** The minimum itself is refused (the learning rate is above 0). */
  aboveMin?: boolean
  /** The maximum itself is refused (momentum is below 1). */
  belowMax?: boolean
}

export const SAMPLES_RULE: NumberRule = {
  name: 'Samples',
  min: MIN_SAMPLES,
  max: MAX_SAMPLES,
  whole: true
}
export const NOISE_RULE: NumberRule = { name: 'Noise', min: 0, max: MAX_NOISE }
export const SEED_RULE: NumberRule = { name: 'The seed', min: 0, max: MAX_SEED, whole: true }
export const NEURONS_RULE: NumberRule = {
  name: 'Neurons',
  min: 1,
  max: MAX_LAYER_SIZE,
  whole: true
}
export const LEARNING_RATE_RULE: NumberRule = {
  name: 'The learning rate',
  min: 0,
  max: MAX_LEARNING_RATE,
  aboveMin: true
}
export const MOMENTUM_RULE: NumberRule = {
  name: 'Momentum',
  min: 0,
  max: DECAY_BELOW,
  belowMax: true
}
export const BETA1_RULE: NumberRule = { name: 'β₁', min: 0, max: DECAY_BELOW, belowMax: true }
export const BETA2_RULE: NumberRule = { name: 'β₂', min: 0, max: DECAY_BELOW, belowMax: true }
/** Above 0: a rate of 0 is the Regularization menu's "None". */
export const PENALTY_RATE_RULE: NumberRule = {
  name: 'The regularization rate',
  min: 0,
  max: MAX_PENALTY_RATE,
  aboveMin: true
}
export const EPOCH_LIMIT_RULE: NumberRule = {
  name: 'The epoch limit',
  min: 1,
  max: MAX_EPOCHS,
  whole: true
}

/** One formatter for every limit: toLocaleString with options builds a new one per call, and
 *  field titles ask for limits on every render (issue 14). */
const LIMIT_FORMAT = new Intl.NumberFormat('en-US', { maximumFractionDigits: 10 })

/** `1234567.5` → `1,234,567.5`: numbers as the lab shows them elsewhere. */
export function formatLimit(value: number): string {
  return LIMIT_FORMAT.format(value)
}

/** "a whole number from 4 to 100,000", "a number above 0 and at most 100". */
export function describeRange(rule: NumberRule): string {
  const kind = rule.whole ? 'a whole number' : 'a number'
  if (!rule.aboveMin && !rule.belowMax) {
    return `${kind} from ${formatLimit(rule.min)} to ${formatLimit(rule.max)}`
  }
  const low = `${rule.aboveMin ? 'above' : 'at least'} ${formatLimit(rule.min)}`
  const high = `${rule.belowMax ? 'below' : 'at most'} ${formatLimit(rule.max)}`
  return `${kind} ${low} and ${high}`
}

export type CheckedNumber = { ok: true; value: number } | { ok: false; message: string }

/** The typed text as a value the rule accepts, or the sentence saying what the field takes. A
 *  number input hands over '' for text that is not a number ("abc"). */
export function checkNumber(text: string, rule: NumberRule): CheckedNumber {
  const typed = text.trim()
  const value = Number(typed)
  const fits =
    typed !== '' &&
    Number.isFinite(value) &&
    (!rule.whole || Number.isInteger(value)) &&
    (rule.aboveMin ? value > rule.min : value >= rule.min) &&
    (rule.belowMax ? value < rule.max : value <= rule.max)
  if (fits) return { ok: true, value }
  const not = typed === '' ? '' : `, not ${typed}`
  return { ok: false, message: `${rule.name} must be ${describeRange(rule)}${not}.` }
}
