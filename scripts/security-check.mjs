// `npm run security`: runs Doyensec's electronegativity over the built app (out/, from
// `npm run build`) and fails when it finds anything of MEDIUM or HIGH severity.
//
//   node scripts/security-check.mjs [dir]     (default: out)
//
// Excluded checks, and why:
// - AvailableSecurityFixesGlobalCheck: the only online check. It downloads Electron's release list
//   from GitHub to compare versions; it cannot run on an offline build machine, and keeping Electron
//   current is done by updating the dependency, not by this scan.
// Every other check runs. A finding that is a false positive is silenced at the line it concerns
// with an `eng-disable CHECK_ID` comment and a reason, never here.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const require = createRequire(import.meta.url)
const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..')

export const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck']
/** electronegativity's severity scale: 0 informational, 1 low, 2 medium, 3 high. */
export const FAILING_SEVERITY = 2

/** Every JS/HTML file electronegativity would read under dir (to refuse scanning an empty tree). */
function scannableFiles(dir) {
  const found = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) found.push(...scannableFiles(path))
    else if (/\.(m?js|cjs|html?|ts)$/.test(entry.name)) found.push(path)
  }
  return found
}

/** Runs the scan and returns { issues, errors, checks } with plain, printable fields. */
export async function scan(input) {
  // The tool fetches translations from the network at start-up (1 s timeout) and says so on
  // stdout when that fails; English is built in, so ask for it and drop that one line.
  process.env.LANG = 'en-US'
  const run = require('@doyensec/electronegativity')
  const electronVersion = JSON.parse(
    readFileSync(require.resolve('electron/package.json'), 'utf8')
  ).version
  const log = console.log
  console.log = (...args) => {
    if (!/Could not retrieve updated translations/.test(String(args[0]))) log(...args)
  }
  let result
  try {
    result = await run({
      input,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion,
      isRelative: true
    })
  } finally {
    console.log = log
  }
  return {
    checks: result.globalChecks + result.atomicChecks,
    errors: result.errors,
    issues: result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      severityValue: issue.severity.value,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      description: issue.description,
      manualReview: Boolean(issue.manualReview),
      url: issue.shortenedURL
    }))
  }
}

export function formatTable(issues) {
  const rows = issues.map((i) => [
    i.severity,
    i.confidence,
    i.id,
    `${i.file}:${i.line}:${i.column}`,
    i.description + (i.manualReview ? ' (review)' : '')
  ])
  const head = ['severity', 'confidence', 'check', 'where', 'what']
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)))
  const line = (cells) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ')
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n')
}

async function main() {
  const input = resolve(projectDir, process.argv[2] ?? 'out')
  const shown = relative(projectDir, input) || '.'
  if (!existsSync(input) || !statSync(input).isDirectory()) {
    console.error(`security: ${shown}/ does not exist; run \`npm run build\` first.`)
    process.exit(1)
  }
  const files = scannableFiles(input)
  if (files.length === 0) {
    console.error(
      `security: ${shown}/ has no JavaScript or HTML to scan; run \`npm run build\` first.`
    )
    process.exit(1)
  }

  const { checks, errors, issues } = await scan(input)
  const parseFailures = errors.filter((e) => !e.tolerable)
  for (const error of parseFailures) {
    console.error(`security: could not parse ${relative(input, error.file)}: ${error.message}`)
  }
  const failing = issues.filter((i) => i.severityValue >= FAILING_SEVERITY)
  const sorted = [...issues].sort((a, b) => b.severityValue - a.severityValue)
  console.log(
    `security: electronegativity ran ${checks} checks over ${files.length} files in ${shown}/ (excluded: ${EXCLUDED_CHECKS.join(', ')}).`
  )
  if (sorted.length > 0) console.log(formatTable(sorted))
  if (failing.length > 0 || parseFailures.length > 0) {
    console.error(
      `security: FAILED: ${failing.length} finding(s) of medium or high severity` +
        (parseFailures.length > 0 ? `, ${parseFailures.length} file(s) not parsed` : '') +
        '.'
    )
    process.exit(1)
  }
  console.log(
    `security: passed: no medium or high findings (${issues.length} low/informational listed above).`
  )
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main()
}
