// Typed failures of parseSession. Every failure carries a code (for programs and tests) and one
// sentence naming the problem (for the learner).
import type { z } from 'zod'

export type SessionErrorCode =
  /** Nothing in the file. */
  | 'empty'
  /** More text than any real session could hold. */
  | 'file-too-large'
  /** JSON that stops early: an interrupted save or copy. */
  | 'truncated'
  /** Not JSON at all. */
  | 'not-json'
  /** JSON, but not an NN Lab session. */
  | 'not-a-session'
  /** Made by a newer NN Lab than this one. */
  | 'newer-version'
  /** The version field is missing or nonsense. */
  | 'bad-version'
  | 'missing-field'
  | 'wrong-type'
  | 'out-of-range'
  /** NaN or ±Infinity where a finite number is required. */
  | 'not-finite'
  /** A size beyond the lab's limits (layers, neurons, points, history). */
  | 'too-large'
  /** Parts that contradict each other (array lengths vs. the architecture, labels vs. classes). */
  | 'inconsistent'
  /** A binary array that is not valid base64 or has the wrong byte length. */
  | 'corrupt-data'

export interface SessionError {
  code: SessionErrorCode
  /** One sentence for the learner. */
  message: string
}

/** Thrown inside the parser and turned into a result at its boundary; never escapes it. */
export class SessionFormatError extends Error {
  constructor(
    readonly code: SessionErrorCode,
    message: string
  ) {
    super(message)
    this.name = 'SessionFormatError'
  }
}

export function fail(code: SessionErrorCode, message: string): never {
  throw new SessionFormatError(code, message)
}

/** `run.params.weights[0]` */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = ''
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`
    else out += out === '' ? String(part) : `.${String(part)}`
  }
  return out === '' ? 'the top level' : out
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value: unknown = root
  for (const part of path) {
    if (value === null || typeof value !== 'object') return undefined
    value = (value as Record<PropertyKey, unknown>)[part]
  }
  return value
}

/** A short description of a JSON value for a message: `text "abc"`, `1.5`, `a list`. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (typeof value === 'string') {
    const shown = value.length > 24 ? `${value.slice(0, 24)}…` : value
    return `the text "${shown}"`
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (Array.isArray(value)) return `a list of ${value.length}`
  if (typeof value === 'object') return 'an object'
  return typeof value
}

const EXPECTED_WORDS: Record<string, string> = {
  number: 'a number',
  int: 'a whole number',
  string: 'text',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object'
}

/** Turns the first zod issue into a SessionError sentence. */
export function issueToError(issue: z.core.$ZodIssue, root: unknown): SessionError {
  const where = `"${formatPath(issue.path)}"`
  const value = valueAt(root, issue.path)
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        return { code: 'missing-field', message: `The session has no ${where} field.` }
      }
      const expected = EXPECTED_WORDS[issue.expected] ?? issue.expected
      return {
        code: 'wrong-type',
        message: `The session's ${where} should be ${expected}, but it is ${describeValue(value)}.`
      }
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small'
      const limit = Number(small ? issue.minimum : issue.maximum)
      if (issue.origin === 'number' || issue.origin === 'int') {
        const relation = small
          ? issue.inclusive
            ? 'at least'
            : 'greater than'
          : issue.inclusive
            ? 'at most'
            : 'less than'
        return {
          code: small ? 'out-of-range' : 'too-large',
          message: `The session's ${where} is ${describeValue(value)}, but it must be ${relation} ${limit}.`
        }
      }
      const count = Array.isArray(value) || typeof value === 'string' ? value.length : 0
      const unit = issue.origin === 'string' ? 'characters' : 'entries'
      const rule = issue.exact ? 'exactly' : small ? 'at least' : 'at most'
      return {
        code: small ? 'inconsistent' : 'too-large',
        message: `The session's ${where} has ${count} ${unit}, but it must have ${rule} ${limit}.`
      }
    }
    case 'invalid_value': {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(', ')
      return {
        code: 'out-of-range',
        message: `The session's ${where} is ${describeValue(value)}, but it must be one of ${allowed}.`
      }
    }
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'batchSize') {
        return {
          code: 'out-of-range',
          message: `The session's ${where} is ${describeValue(value)}, but it must be "full" or a whole number of at least 1.`
        }
      }
      return {
        code: 'wrong-type',
        message: `The session's ${where} has an unexpected value (${describeValue(value)}).`
      }
    case 'invalid_format':
      return {
        code: 'wrong-type',
        message: `The session's ${where} is not a valid ISO 8601 date and time.`
      }
    default:
      return { code: 'wrong-type', message: `The session's ${where} is not valid.` }
  }
}
