// Payload schemas for every preload → main channel (see ipcChannels.ts). Main validates each
// argument before acting: a compromised or buggy renderer gets `{ ok: false, message }` back.
import { z } from 'zod'
import { describeIssues, type ParseResult } from './trainerSchemas'

/** Text the renderer may hand main in one call (a session with a large history or dataset). */
export const MAX_TEXT_CHARS = 200 * 1024 * 1024
/** A PNG figure at 3× scale stays far below this. */
export const MAX_BINARY_BYTES = 64 * 1024 * 1024
const MAX_PATH = 4096

const fileName = z
  .string()
  .min(1)
  .max(255)
  .refine((name) => !/[/\\\0]/.test(name), 'must be a file name without folders')

export const filePathSchema = z
  .string()
  .min(1)
  .max(MAX_PATH)
  .refine((path) => !path.includes('\0'), 'must not contain NUL characters')
  // Main never resolves paths against its own working directory: only absolute ones.
  .refine((path) => /^(\/|[A-Za-z]:[\\/]|\\\\)/.test(path), 'must be an absolute path')

export const textSchema = z.string().max(MAX_TEXT_CHARS)

export const saveSessionSchema = z.object({
  text: textSchema,
  // Any name: a dropped file knows only its name, and main saves in place only to paths the user
  // chose, so anything else goes through the Save dialog.
  path: z.string().min(1).max(MAX_PATH).nullable(),
  suggestedName: fileName,
  saveAs: z.boolean()
})

export const documentStateSchema = z.object({
  title: z.string().max(300),
  dirty: z.boolean()
})

export const fileFilterSchema = z.object({
  name: z.string().min(1).max(100),
  extensions: z
    // Letters, digits and hyphens (nnlab-challenge), or * for all files.
    .array(
      z.string().regex(/^(\*|[A-Za-z0-9][A-Za-z0-9-]{0,19})$/, 'must be an extension like png')
    )
    .min(1)
    .max(10)
})

// z.custom rather than z.instanceof: the type is any Uint8Array (what the page holds), not only
// one over a plain ArrayBuffer.
const binarySchema = z
  .custom<Uint8Array>((value) => value instanceof Uint8Array, 'must be bytes')
  .refine((bytes) => bytes.byteLength <= MAX_BINARY_BYTES, 'is too large')

export const exportFileSchema = z.object({
  suggestedName: fileName,
  filters: z.array(fileFilterSchema).max(10),
  data: z.union([textSchema, binarySchema])
})

const PNG_SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10]

export const pngSchema = binarySchema.refine(
  (bytes) => bytes.length > 8 && PNG_SIGNATURE.every((byte, i) => bytes[i] === byte),
  'is not a PNG image'
)

export const noArgumentsSchema = z.undefined()

/** Validates one IPC argument; the message is one sentence naming the problem. */
export function parseIpcArgument<T>(
  schema: z.ZodType<T>,
  value: unknown,
  what: string
): ParseResult<T> {
  const result = schema.safeParse(value)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, message: `The app sent an invalid ${what}: ${describeIssues(result.error)}` }
}
