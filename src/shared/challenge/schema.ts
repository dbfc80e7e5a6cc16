// The `.nnlab-challenge` file: a versioned JSON document, validated by these zod schemas; the
// TypeScript types are inferred from them. Version 1.
import { z } from 'zod'
import { MAX_EPOCHS, MAX_LAYER_SIZE, MAX_LAYERS } from '../engine/limits'
import { runConfigSchema } from '../protocol/trainerSchemas'
import { CHALLENGE_CONTROL_NAMES, type ChallengeControl } from './controls'

import { CHALLENGE_FORMAT, CHALLENGE_VERSION } from './constants'
export { CHALLENGE_EXTENSION, CHALLENGE_FORMAT, CHALLENGE_VERSION } from './constants'

export const MAX_TITLE_CHARS = 200
export const MAX_INSTRUCTIONS_CHARS = 20_000
export const MAX_HINTS = 20
export const MAX_HINT_CHARS = 2000

const fraction = z.number().min(0).max(1)

/** Every part is optional; a goal is met when all the parts it has are met (at least one). */
export const challengeGoalSchema = z
  .object({
    minTestAccuracy: fraction.optional(),
    minTrainAccuracy: fraction.optional(),
    /** Training loss (the data loss on the training points, without penalties). */
    maxLoss: z.number().positive().optional(),
    maxParameters: z.number().int().min(1).optional(),
    maxHiddenNeurons: z
      .number()
      .int()
      .min(0)
      .max(MAX_LAYER_SIZE * MAX_LAYERS)
      .optional(),
    maxEpochs: z.number().int().min(1).max(MAX_EPOCHS).optional()
  })
  .refine((goal) => Object.values(goal).some((v) => v !== undefined), {
    message: 'the goal needs at least one target'
  })

const controlName = z.enum(CHALLENGE_CONTROL_NAMES as [ChallengeControl, ...ChallengeControl[]])

export const challengeSchema = z
  .object({
    format: z.literal(CHALLENGE_FORMAT),
    version: z.literal(CHALLENGE_VERSION),
    /** Recorded in result sessions, so `nn-lab check` knows which challenge a session answers. */
    id: z.string().min(1).max(100),
    title: z.string().trim().min(1).max(MAX_TITLE_CHARS),
    /** Markdown. */
    instructions: z.string().max(MAX_INSTRUCTIONS_CHARS),
    goal: challengeGoalSchema,
    locked: z.array(controlName).max(CHALLENGE_CONTROL_NAMES.length),
    hidden: z.array(controlName).max(CHALLENGE_CONTROL_NAMES.length),
    /** Where the learner starts (generated data only: the points come from the seed). */
    start: runConfigSchema,
    hints: z.array(z.string().min(1).max(MAX_HINT_CHARS)).max(MAX_HINTS)
  })
  .superRefine((challenge, ctx) => {
    if (challenge.start.dataset.kind === 'csv') {
      ctx.addIssue({
        code: 'custom',
        path: ['start', 'dataset', 'kind'],
        message: 'a challenge starts from generated data, not imported points'
      })
    }
    if (
      challenge.goal.minTestAccuracy !== undefined &&
      challenge.start.dataset.testFraction === 0
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['goal', 'minTestAccuracy'],
        message: 'a test-accuracy goal needs a test split in the starting settings'
      })
    }
  })

export type ChallengeGoal = z.infer<typeof challengeGoalSchema>
export type Challenge = z.infer<typeof challengeSchema>
