// Classroom challenges: the `.nnlab-challenge` file (schema.ts), the controls it can lock
// (controls.ts), the goal's verdict on a run (evaluate.ts) and the challenges NN Lab ships
// (shipped.ts).
//
//   serializeChallenge(challenge) → text;  parseChallenge(text) → { ok, challenge } | { ok: false, message }
import { prettyJson } from '../session/prettyJson'
import { CHALLENGE_FORMAT, CHALLENGE_VERSION } from './constants'
import { challengeSchema, type Challenge } from './schema'

export * from './controls'
export * from './evaluate'
export * from './schema'
export { looksLikeChallenge } from './constants'
export { SHIPPED_CHALLENGES, findShippedChallenge } from './shipped'

export type ChallengeParseResult =
  { ok: true; challenge: Challenge } | { ok: false; message: string }

export function serializeChallenge(challenge: Challenge): string {
  return prettyJson(challengeSchema.parse(challenge)) + '\n'
}

function issuePath(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .slice(1)
}

/** Never throws: every problem is one sentence for the learner. */
export function parseChallenge(text: string): ChallengeParseResult {
  let json: unknown
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''))
  } catch {
    return {
      ok: false,
      message: 'The file is not valid JSON, so it cannot be an NN Lab challenge.'
    }
  }
  const doc = json as { format?: unknown; version?: unknown } | null
  if (doc === null || typeof doc !== 'object' || doc.format !== CHALLENGE_FORMAT) {
    return {
      ok: false,
      message: `This file is not an NN Lab challenge (its "format" is not "${CHALLENGE_FORMAT}").`
    }
  }
  if (typeof doc.version === 'number' && doc.version > CHALLENGE_VERSION) {
    return {
      ok: false,
      message: `This challenge was made by a newer NN Lab (version ${doc.version}); update NN Lab to open it.`
    }
  }
  const checked = challengeSchema.safeParse(json)
  if (!checked.success) {
    const issue = checked.error.issues[0]
    const where = issue.path.length > 0 ? `"${issuePath(issue.path)}": ` : ''
    return { ok: false, message: `The challenge file is not valid: ${where}${issue.message}.` }
  }
  return { ok: true, challenge: checked.data }
}
