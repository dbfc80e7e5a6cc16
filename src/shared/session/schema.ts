// The JSON shape of a version-1 `.nnlab` file, as zod schemas. Shape and ranges live here;
// cross-field rules (array lengths that must match the architecture, labels below the class
// count, …) are checked in decodeSession.ts after the shape is known to be right.
//
// Numbers the learner chose (hyper-parameters, sizes) are plain JSON numbers: JavaScript prints
// the shortest text that reads back to the same double, so they round-trip exactly and stay
// readable. Arrays of floats (points, weights, optimizer moments, history) are base64 strings of
// little-endian IEEE-754 bytes: bit-exact, compact, and able to hold NaN in the loss history.
import { z } from 'zod'
import { MAX_CLASSES, MAX_CSV_POINTS, MAX_EPOCHS, MAX_LAYERS, MIN_CLASSES } from '../engine/limits'
import { MAX_TIMELINE_LEVEL } from '../engine/timeline'
import { MAX_NAME_CHARS, MAX_NOTE_CHARS } from './limits'
import { MAX_PINNED_RUNS } from './pinnedRuns'
import {
  datasetSpecSchema,
  networkSpecSchema,
  runConfigSchema,
  trainConfigSchema
} from '../protocol/trainerSchemas' // the one RunConfig schema

const wholeNumber = (min: number, max: number): z.ZodNumber => z.number().int().min(min).max(max)

/** A base64 string; its decoded length is checked against the architecture later. */
const base64Text = z.string()

// The run's settings are the trainer protocol's one RunConfig schema: a file holds what the
// trainer accepts, no more and no less.
export { datasetSpecSchema, networkSpecSchema, runConfigSchema, trainConfigSchema }

/** The longest column or class name a session keeps. */
const NAME_MAX_CHARS = 200

/** Points: x is base64 float64 (count × 2, row-major), labels base64 int32 (count). */
const wireDatasetSchema = z.object({
  count: wholeNumber(0, MAX_CSV_POINTS),
  classes: wholeNumber(MIN_CLASSES, MAX_CLASSES),
  x: base64Text,
  labels: base64Text,
  /** Imported points: the input columns' names (optional; older sessions have none). */
  inputNames: z.tuple([z.string().max(NAME_MAX_CHARS), z.string().max(NAME_MAX_CHARS)]).optional(),
  /** Imported points: each class's name, by class index (optional). */
  classNames: z.array(z.string().max(NAME_MAX_CHARS)).max(MAX_CLASSES).optional(),
  /** Regression points: the real-valued targets, base64 float64 (count); absent for classes. */
  targets: base64Text.optional()
})

const arrayList = z.array(base64Text).max(2 * MAX_LAYERS)

/** History as columns: epoch (base64 int32), the rest base64 float64; test columns are null
 *  when the run has no held-out points. */
const wireHistorySchema = z.object({
  count: wholeNumber(0, MAX_EPOCHS),
  epoch: base64Text,
  loss: base64Text,
  accuracy: base64Text,
  testLoss: base64Text.nullable(),
  testAccuracy: base64Text.nullable()
})

export const wireRunSchema = z.object({
  config: runConfigSchema,
  epoch: wholeNumber(0, MAX_EPOCHS),
  train: wireDatasetSchema,
  test: wireDatasetSchema,
  params: z.object({ weights: arrayList, biases: arrayList }),
  /** m and v list weights[0..L−1] then biases[0..L−1] (the engine's slot order). */
  optimizer: z.object({
    step: wholeNumber(0, Number.MAX_SAFE_INTEGER),
    m: arrayList,
    v: arrayList
  }),
  /** NumPy's `get_state()`: the 624-word MT19937 key, position, and the cached Gaussian. */
  rng: z.object({
    key: z.array(wholeNumber(0, 0xffffffff)).length(624),
    pos: wholeNumber(0, 624),
    hasGauss: z.boolean(),
    gauss: z.number()
  }),
  history: wireHistorySchema
})

/** The challenge a result session answers (src/shared/challenge): its id and, for people, its title. */
export const challengeAnswerSchema = z.object({
  id: z.string().min(1).max(100),
  title: z.string().max(MAX_NAME_CHARS)
})

export const wireSessionV1Schema = z.object({
  format: z.literal('nnlab-session'),
  version: z.literal(1),
  appVersion: z.string().max(100),
  name: z.string().max(MAX_NAME_CHARS),
  note: z.string().max(MAX_NOTE_CHARS),
  createdAt: z.iso.datetime({ offset: true }),
  savedAt: z.iso.datetime({ offset: true }),
  run: wireRunSchema,
  /** Present in a learner's result for a challenge. */
  challenge: challengeAnswerSchema.optional()
})

// ---- version 2 (issue 15): version 1 plus the run's timeline ----------------------------------

/** One kept epoch: its training settings as plain JSON, its arrays as base64 like the run's (the
 *  RNG key as base64 of its 624 uint32 words: a timeline holds hundreds of keys). */
const wireCheckpointSchema = z.object({
  epoch: wholeNumber(0, MAX_EPOCHS),
  training: trainConfigSchema,
  params: z.object({ weights: arrayList, biases: arrayList }),
  optimizer: z.object({
    step: wholeNumber(0, Number.MAX_SAFE_INTEGER),
    m: arrayList,
    v: arrayList
  }),
  rng: z.object({
    key: base64Text,
    pos: wholeNumber(0, 624),
    hasGauss: z.boolean(),
    gauss: z.number()
  })
})

/** The kept checkpoints in ascending epoch order, and the thinning level they were kept at. */
export const wireTimelineSchema = z.object({
  level: wholeNumber(0, MAX_TIMELINE_LEVEL),
  entries: z.array(wireCheckpointSchema).max(MAX_EPOCHS)
})

/** A run kept for comparison (pinnedRuns.ts): its settings, weights and history, checked like the
 *  run's in pinnedRunsCodec.ts. */
export const wirePinnedRunSchema = z.object({
  name: z.string().max(MAX_NAME_CHARS),
  config: runConfigSchema,
  epoch: wholeNumber(0, MAX_EPOCHS),
  params: z.object({ weights: arrayList, biases: arrayList }),
  history: wireHistorySchema,
  wallTimeMs: z.number().min(0).nullable(),
  final: z.object({ loss: z.number().min(0), accuracy: z.number().min(0).max(1) }).optional(),
  earlyStop: z
    .object({ bestEpoch: wholeNumber(0, MAX_EPOCHS), stoppedAt: wholeNumber(0, MAX_EPOCHS) })
    .optional(),
  dataName: z.string().max(MAX_NAME_CHARS).optional()
})

/** Version 2: every file says whether it has a timeline (null: none, as in files migrated from
 *  version 1). `pinnedRuns` (compare runs) is optional: files without it open unchanged, and a
 *  session without pinned runs is written without it. */
export const wireSessionV2Schema = wireSessionV1Schema.extend({
  version: z.literal(2),
  timeline: wireTimelineSchema.nullable(),
  pinnedRuns: z.array(wirePinnedRunSchema).max(MAX_PINNED_RUNS).optional()
})

export type WireSessionV1 = z.infer<typeof wireSessionV1Schema>
export type WireSessionV2 = z.infer<typeof wireSessionV2Schema>
export type WireTimeline = z.infer<typeof wireTimelineSchema>
export type WireCheckpoint = z.infer<typeof wireCheckpointSchema>
export type WireRun = z.infer<typeof wireRunSchema>
export type WireDataset = z.infer<typeof wireDatasetSchema>
export type WirePinnedRun = z.infer<typeof wirePinnedRunSchema>
