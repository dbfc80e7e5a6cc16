// Learning-rate schedules: the rate an epoch trains with, as a pure function of the base rate
// (the optimizer's learningRate) and the number of epochs already trained. A run stays a pure
// function of its config; the UI plots the same function, so nothing is stored per epoch.
//   constant: lr
//   step:     lr · F^⌊e / K⌋                      (×F every K epochs)
//   exp:      lr · G^e                            (×G each epoch)
//   cosine:   lrMin + (lr − lrMin)·(1 + cos(π·min(e, T)/T)) / 2   (lr → lrMin over T epochs)
import { MAX_SCHEDULE_EPOCHS, MAX_SCHEDULE_FACTOR } from './limits'

export type LrSchedule =
  | { kind: 'constant' }
  | { kind: 'step'; every: number; factor: number }
  | { kind: 'exp'; gamma: number }
  | { kind: 'cosine'; period: number; minRate: number }

export type LrScheduleName = LrSchedule['kind']

type ScheduleOf<K extends LrScheduleName> = Extract<LrSchedule, { kind: K }>

export interface LrScheduleEntry<K extends LrScheduleName> {
  /** The rate for the epoch after `epoch` epochs were trained. */
  rate(base: number, epoch: number, schedule: ScheduleOf<K>): number
  /** The same as a Python expression of `lr` and `epoch` (exports). */
  python(schedule: ScheduleOf<K>): string
  /** A problem with the parameters as a sentence, or null. */
  check(schedule: ScheduleOf<K>, base: number): string | null
  /** The CLI's spelling: 'step:100:0.5'. */
  format(schedule: ScheduleOf<K>): string
  /** From the CLI spelling's parts after the name (numbers already parsed). */
  fromParts(parts: number[]): ScheduleOf<K>
  /** The parameters' names in the CLI spelling, for --help and messages: 'K:F'. */
  partsHint: string
  label: string
  doc: string
}

const wholeEpochs = (n: number): boolean =>
  Number.isInteger(n) && n >= 1 && n <= MAX_SCHEDULE_EPOCHS
const decayFactor = (f: number): boolean => f > 0 && f <= MAX_SCHEDULE_FACTOR

export const LR_SCHEDULES_REGISTRY: { [K in LrScheduleName]: LrScheduleEntry<K> } = {
  constant: {
    rate: (base) => base,
    python: () => 'lr',
    check: () => null,
    format: () => 'constant',
    fromParts: () => ({ kind: 'constant' }),
    partsHint: '',
    label: 'Constant',
    doc: 'The same learning rate every epoch (the notebook).'
  },
  step: {
    rate: (base, epoch, s) => base * Math.pow(s.factor, Math.floor(epoch / s.every)),
    python: (s) => `lr * ${s.factor} ** (epoch // ${s.every})`,
    check: (s) =>
      !wholeEpochs(s.every)
        ? `A step schedule's interval K must be a whole number of epochs from 1 to ${MAX_SCHEDULE_EPOCHS}.`
        : !decayFactor(s.factor)
          ? `A step schedule's factor F must be above 0 and at most ${MAX_SCHEDULE_FACTOR}.`
          : null,
    format: (s) => `step:${s.every}:${s.factor}`,
    fromParts: ([every, factor]) => ({ kind: 'step', every, factor }),
    partsHint: 'K:F',
    label: 'Step decay',
    doc: 'Multiplies the rate by F every K epochs: lr·F^⌊epoch/K⌋.'
  },
  exp: {
    rate: (base, epoch, s) => base * Math.pow(s.gamma, epoch),
    python: (s) => `lr * ${s.gamma} ** epoch`,
    check: (s) =>
      decayFactor(s.gamma)
        ? null
        : `An exponential schedule's γ must be above 0 and at most ${MAX_SCHEDULE_FACTOR}.`,
    format: (s) => `exp:${s.gamma}`,
    fromParts: ([gamma]) => ({ kind: 'exp', gamma }),
    partsHint: 'G',
    label: 'Exponential decay',
    doc: 'Multiplies the rate by γ each epoch: lr·γ^epoch.'
  },
  cosine: {
    rate(base, epoch, s) {
      const t = Math.min(epoch, s.period) / s.period
      return s.minRate + ((base - s.minRate) * (1 + Math.cos(Math.PI * t))) / 2
    },
    python: (s) =>
      `${s.minRate} + (lr - ${s.minRate}) * (1 + math.cos(math.pi * (min(epoch, ${s.period}) / ${s.period}))) / 2`,
    check: (s, base) =>
      !wholeEpochs(s.period)
        ? `A cosine schedule's length T must be a whole number of epochs from 1 to ${MAX_SCHEDULE_EPOCHS}.`
        : !(s.minRate >= 0 && s.minRate <= base)
          ? `A cosine schedule's lowest rate must be from 0 to the learning rate (${base}).`
          : null,
    format: (s) => `cosine:${s.period}:${s.minRate}`,
    fromParts: ([period, minRate]) => ({ kind: 'cosine', period, minRate }),
    partsHint: 'T:LRMIN',
    label: 'Cosine annealing',
    doc: 'Glides from the learning rate down to lr_min over T epochs along half a cosine, then stays there.'
  }
}

/** The registry's names in its order. */
export const LR_SCHEDULES = Object.keys(LR_SCHEDULES_REGISTRY) as readonly LrScheduleName[]

export const CONSTANT_SCHEDULE: LrSchedule = { kind: 'constant' }

function entryOf<K extends LrScheduleName>(s: ScheduleOf<K>): LrScheduleEntry<K> {
  return LR_SCHEDULES_REGISTRY[s.kind as K]
}

/** The learning rate of the epoch that follows `epoch` trained epochs. */
export function scheduledRate(base: number, epoch: number, schedule?: LrSchedule): number {
  if (!schedule || schedule.kind === 'constant') return base
  return entryOf(schedule).rate(base, epoch, schedule)
}

/** A sentence saying what is wrong with a schedule for this base rate, or null. */
export function validateSchedule(schedule: LrSchedule, base: number): string | null {
  if (!(LR_SCHEDULES as readonly string[]).includes(schedule.kind))
    return `Unknown learning-rate schedule "${String(schedule.kind)}".`
  return entryOf(schedule).check(schedule, base)
}

/** 'step:100:0.5' etc. */
export function formatSchedule(schedule: LrSchedule): string {
  return entryOf(schedule).format(schedule)
}

/** A Python expression of `lr` and `epoch` for the rate (constant: 'lr'). */
export function pythonScheduleExpression(schedule: LrSchedule): string {
  return entryOf(schedule).python(schedule)
}

/** Parses the CLI spelling; returns the schedule or a sentence naming what is wrong. The numbers
 *  are checked by validateSchedule. */
export function parseSchedule(text: string): LrSchedule | string {
  const [name, ...rest] = text.trim().split(':')
  if (!(LR_SCHEDULES as readonly string[]).includes(name)) {
    return `the schedule must be one of ${LR_SCHEDULES.map((n) => scheduleSpelling(n)).join(', ')}; "${text}" is not.`
  }
  const entry = LR_SCHEDULES_REGISTRY[name as LrScheduleName]
  const wanted = entry.partsHint === '' ? 0 : entry.partsHint.split(':').length
  const numbers = rest.map(Number)
  if (rest.length !== wanted || rest.some((p) => p.trim() === '' || !Number.isFinite(Number(p)))) {
    return `write the ${name} schedule as ${scheduleSpelling(name as LrScheduleName)}, not "${text}".`
  }
  return (entry.fromParts as (parts: number[]) => LrSchedule)(numbers)
}

/** 'step:K:F', 'constant'. */
export function scheduleSpelling(name: LrScheduleName): string {
  const hint = LR_SCHEDULES_REGISTRY[name].partsHint
  return hint === '' ? name : `${name}:${hint}`
}
