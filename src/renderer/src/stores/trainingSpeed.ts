// The transport's speed choices: slow motion (a few epochs per second, so the boundary visibly
// forms) up to as fast as the machine can ('max', the default). Each is a pace the trainer keeps
// itself (its `set-pace` command); the limits it accepts are MIN/MAX_EPOCHS_PER_SECOND.
import { MAX_EPOCHS_PER_SECOND, MIN_EPOCHS_PER_SECOND } from '@shared/engine/limits'

export type TrainingSpeed = 'max' | number

export interface SpeedChoice {
  speed: TrainingSpeed
  /** What the transport's menu shows (short: the top bar is narrow at 1024 px). */
  label: string
}

export const SPEED_CHOICES: readonly SpeedChoice[] = [
  { speed: 2, label: '2 epochs/s (slow motion)' },
  { speed: 5, label: '5 epochs/s' },
  { speed: 20, label: '20 epochs/s' },
  { speed: 100, label: '100 epochs/s' },
  { speed: 500, label: '500 epochs/s' },
  { speed: 'max', label: 'Fastest' }
]

export function isTrainingSpeed(value: unknown): value is TrainingSpeed {
  return SPEED_CHOICES.some((choice) => choice.speed === value)
}

/** The trainer's `set-pace` value for a speed (null: no pace). */
export function epochsPerSecond(speed: TrainingSpeed): number | null {
  if (speed === 'max') return null
  return Math.min(MAX_EPOCHS_PER_SECOND, Math.max(MIN_EPOCHS_PER_SECOND, speed))
}
