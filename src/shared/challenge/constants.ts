// The challenge file's name and version, apart from its zod schema (schema.ts) so that the lab's
// first screen (routing files, the Challenges menu) does not load zod with them.
export const CHALLENGE_FORMAT = 'nnlab-challenge'
export const CHALLENGE_VERSION = 1
export const CHALLENGE_EXTENSION = 'nnlab-challenge'

/** Whether a file's text looks like a challenge (so "Open" can route it). */
export function looksLikeChallenge(text: string): boolean {
  return text.slice(0, 200).includes(`"${CHALLENGE_FORMAT}"`)
}
