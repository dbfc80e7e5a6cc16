// Run by desktop.spec.ts with tsx: parses a saved .nnlab with the app's own loader and prints
// { ok, epoch } or { ok: false, message }. A child process because the engine is ES-module code
// (import.meta) that Playwright's test loader cannot load in-process.
import { readFileSync } from 'node:fs'
import { parseSession } from '../../src/shared/session'

const parsed = parseSession(readFileSync(process.argv[2], 'utf8'))
console.log(
  JSON.stringify(
    parsed.ok
      ? { ok: true, epoch: parsed.session.snapshot.epoch }
      : { ok: false, message: parsed.error.message }
  )
)
