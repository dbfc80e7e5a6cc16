// The `.nnlab` session file: a versioned JSON document holding everything needed to reopen a run
// and continue it bit for bit. See docs/cli-and-formats.md for the format description.
//
//   serializeSession(createSessionDocument(run.snapshot(), { name, appVersion }))  → text
//   parseSession(text) → { ok: true, session } | { ok: false, error: { code, message } }
import type { z } from 'zod'
import type { RunSnapshot } from '../engine/types'
import { decodeRun } from './decodeRun'
import { encodeRun } from './encodeRun'
import { fail, formatPath, issueToError, SessionFormatError } from './errors'
import type { SessionError } from './errors'
import { MAX_FILE_CHARS } from './limits'
import { migrateToVersion } from './migrations'
import type { JsonObject } from './migrations'
import { prettyJson } from './prettyJson'
import { challengeAnswerSchema, wireSessionV2Schema } from './schema'
import type { WireSessionV2 } from './schema'
import { decodeTimeline, encodeTimeline } from './timelineCodec'
import { decodePinnedRuns, encodePinnedRuns } from './pinnedRunsCodec'
import type { PinnedRun } from './pinnedRuns'

export { MAX_PINNED_RUNS, type PinnedRun } from './pinnedRuns'

export type { SessionError, SessionErrorCode } from './errors'

export const SESSION_FORMAT = 'nnlab-session'
/** The version this build writes. Older versions are migrated on load; newer ones are refused. */
export const SESSION_VERSION = 2
export { SESSION_EXTENSION } from './extension'

export interface SessionDocument {
  format: 'nnlab-session'
  version: number
  appVersion: string
  name: string
  note: string
  /** ISO 8601 */
  createdAt: string
  savedAt: string
  /** Weights, optimizer, RNG, data and history: exact float64; its `timeline` (version 2) the
   *  run's kept checkpoints. */
  snapshot: RunSnapshot
  /** The challenge this session answers (a learner's result), if any. */
  challenge?: ChallengeAnswer
  /** Runs kept for comparison (compare runs), if any. */
  pinnedRuns?: PinnedRun[]
}

export type ChallengeAnswer = z.infer<typeof challengeAnswerSchema>

export type SessionParseResult =
  { ok: true; session: SessionDocument; migratedFrom?: number } | { ok: false; error: SessionError }

/** A document for saving now; pass the original createdAt when re-saving an opened session. */
export function createSessionDocument(
  snapshot: RunSnapshot,
  meta: {
    name: string
    note?: string
    appVersion: string
    createdAt?: string
    challenge?: ChallengeAnswer
    pinnedRuns?: PinnedRun[]
  }
): SessionDocument {
  const now = new Date().toISOString()
  return {
    ...(meta.challenge ? { challenge: { ...meta.challenge } } : {}),
    ...(meta.pinnedRuns && meta.pinnedRuns.length > 0 ? { pinnedRuns: meta.pinnedRuns } : {}),
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    appVersion: meta.appVersion,
    name: meta.name,
    note: meta.note ?? '',
    createdAt: meta.createdAt ?? now,
    savedAt: now,
    snapshot
  }
}

export function serializeSession(doc: SessionDocument): string {
  const wire: WireSessionV2 = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    appVersion: doc.appVersion,
    name: doc.name,
    note: doc.note,
    createdAt: doc.createdAt,
    savedAt: doc.savedAt,
    run: encodeRun(doc.snapshot),
    timeline: doc.snapshot.timeline ? encodeTimeline(doc.snapshot.timeline) : null,
    challenge: doc.challenge,
    pinnedRuns:
      doc.pinnedRuns && doc.pinnedRuns.length > 0 ? encodePinnedRuns(doc.pinnedRuns) : undefined
  }
  return prettyJson(wire) + '\n'
}

/** Never throws: every problem becomes `{ ok: false, error }` with a one-sentence message. */
export function parseSession(text: string): SessionParseResult {
  try {
    return parseOrThrow(text)
  } catch (error) {
    if (error instanceof SessionFormatError) {
      return { ok: false, error: { code: error.code, message: error.message } }
    }
    // Only a bug in a check (or running out of memory) lands here; the promise still holds.
    return {
      ok: false,
      error: { code: 'corrupt-data', message: 'NN Lab could not read this session file.' }
    }
  }
}

function parseOrThrow(input: string): SessionParseResult {
  if (typeof input !== 'string') fail('not-a-session', 'The session was not given as text.')
  if (input.length > MAX_FILE_CHARS) {
    fail(
      'file-too-large',
      `The file is ${input.length} characters long, far larger than any NN Lab session can be.`
    )
  }
  const text = input.replace(/^\uFEFF/, '').trim()
  if (text === '') fail('empty', 'The file is empty.')
  const json = parseJson(text)
  checkFinite(json)
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    fail('not-a-session', 'This file is JSON but not an NN Lab session (it is not a JSON object).')
  }
  const doc = json as JsonObject
  if (doc.format !== SESSION_FORMAT) {
    fail(
      'not-a-session',
      `This file is not an NN Lab session (its "format" is not "${SESSION_FORMAT}").`
    )
  }
  const version = doc.version
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    fail(
      'bad-version',
      'The session has no valid format "version" (it must be a whole number from 1).'
    )
  }
  if (version > SESSION_VERSION) {
    fail(
      'newer-version',
      `This file was made by a newer NN Lab (format version ${version}); update NN Lab to open it.`
    )
  }
  const current = migrateToVersion(doc, version, SESSION_VERSION)
  const checked = wireSessionV2Schema.safeParse(current)
  if (!checked.success) {
    const error = issueToError(checked.error.issues[0], current)
    fail(error.code, error.message)
  }
  const wire = checked.data
  const session: SessionDocument = {
    format: SESSION_FORMAT,
    version: SESSION_VERSION,
    appVersion: wire.appVersion,
    name: wire.name,
    note: wire.note,
    createdAt: wire.createdAt,
    savedAt: wire.savedAt,
    snapshot: decodeRun(wire.run),
    ...(wire.challenge ? { challenge: wire.challenge } : {})
  }
  if (wire.timeline) session.snapshot.timeline = decodeTimeline(wire.timeline, session.snapshot)
  if (wire.pinnedRuns && wire.pinnedRuns.length > 0) {
    session.pinnedRuns = decodePinnedRuns(wire.pinnedRuns)
  }
  return version < SESSION_VERSION
    ? { ok: true, session, migratedFrom: version }
    : { ok: true, session }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch (error) {
    const message = error instanceof Error ? error.message : ''
    const at = /position (\d+)/.exec(message)
    const position = at ? Number(at[1]) : -1
    const looksCutOff = /end of JSON/i.test(message) || position >= text.length
    if (text.startsWith('{') && looksCutOff) {
      fail(
        'truncated',
        'The file ends too early; it was probably cut off while being saved or copied.'
      )
    }
    const where = position >= 0 ? ` near character ${position + 1}` : ''
    fail('not-json', `The file is not valid JSON${where}, so it cannot be an NN Lab session.`)
  }
}

/** JSON itself cannot spell NaN or Infinity, but a number like 1e999 overflows to Infinity. The
 *  walk is iterative so that absurdly deep nesting cannot overflow the call stack, and only
 *  containers carry a path (numbers are checked in place), so big arrays stay cheap. */
function checkFinite(root: unknown): void {
  if (typeof root === 'number' && !Number.isFinite(root)) notFinite([], root)
  const stack: { value: object; path: PropertyKey[] }[] = []
  if (root !== null && typeof root === 'object') stack.push({ value: root, path: [] })
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: object; path: PropertyKey[] }
    const isArray = Array.isArray(value)
    for (const [key, child] of Object.entries(value)) {
      if (typeof child === 'number') {
        if (!Number.isFinite(child)) notFinite([...path, isArray ? Number(key) : key], child)
      } else if (child !== null && typeof child === 'object') {
        stack.push({ value: child, path: [...path, isArray ? Number(key) : key] })
      }
    }
  }
}

function notFinite(path: PropertyKey[], value: number): never {
  fail(
    'not-finite',
    `The session's "${formatPath(path)}" is a number too large to represent (it reads as ${value}).`
  )
}
