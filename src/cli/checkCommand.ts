// nn-lab check CHALLENGE SESSION... : grades submissions. Each session's weights are evaluated
// again on data regenerated from its settings (src/shared/challenge/evaluate.ts), so numbers
// edited in a file cannot make it pass.
import {
  checkRun,
  parseChallenge,
  type Challenge,
  type ChallengeVerdict
} from '../shared/challenge'
import { parseSession } from '../shared/session'
import { EXIT_NOT_MET, EXIT_OK, UsageError } from './errors'
import type { CliIo } from './io'
import { readText } from './io'
import { parseCommandArgs } from './options'

interface SessionVerdict extends ChallengeVerdict {
  session: string
}

function loadChallenge(io: CliIo, path: string): Challenge {
  const result = parseChallenge(readText(io, path))
  if (!result.ok) throw new UsageError(`${path}: ${result.message}`)
  return result.challenge
}

/** A file that is not a session fails the check (a folder of submissions may hold anything). */
function checkOne(io: CliIo, challenge: Challenge, path: string): SessionVerdict {
  let text: string
  try {
    text = readText(io, path)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return { session: path, passed: false, figures: null, checks: [], problems: [message] }
  }
  const parsed = parseSession(text)
  if (!parsed.ok) {
    return {
      session: path,
      passed: false,
      figures: null,
      checks: [],
      problems: [parsed.error.message]
    }
  }
  const verdict = checkRun(challenge, parsed.session.snapshot, parsed.session.challenge?.id)
  return { session: path, ...verdict }
}

function printVerdict(io: CliIo, verdict: SessionVerdict): void {
  io.stdout(`${verdict.passed ? 'PASS' : 'FAIL'}  ${verdict.session}\n`)
  for (const check of verdict.checks) {
    io.stdout(`  ${check.met ? '✓' : '✗'} ${check.label}: ${check.actual}\n`)
  }
  for (const problem of verdict.problems) io.stdout(`  ✗ ${problem}\n`)
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs('check', args, { json: { type: 'boolean' } })
  if (positionals.length < 2) {
    throw new UsageError(
      '"check" needs a CHALLENGE file and at least one SESSION file (see nn-lab check --help).'
    )
  }
  const [challengePath, ...sessionPaths] = positionals
  const challenge = loadChallenge(io, challengePath)
  const verdicts = sessionPaths.map((path) => checkOne(io, challenge, path))
  const passed = verdicts.filter((v) => v.passed).length
  if (values.json === true) {
    io.stdout(
      JSON.stringify({
        challenge: { id: challenge.id, title: challenge.title, goal: challenge.goal },
        passed,
        failed: verdicts.length - passed,
        sessions: verdicts.map((v) => ({
          session: v.session,
          passed: v.passed,
          figures: v.figures,
          checks: v.checks.map(({ key, label, actual, met }) => ({ key, label, actual, met })),
          problems: v.problems
        }))
      }) + '\n'
    )
  } else {
    io.stdout(`${challenge.title}\n`)
    for (const verdict of verdicts) printVerdict(io, verdict)
    io.stdout(`${passed} of ${verdicts.length} sessions meet the goal.\n`)
  }
  return passed === verdicts.length ? EXIT_OK : EXIT_NOT_MET
}
