// Run by inside-step.spec.ts with tsx, in its own Node process (Playwright's loader cannot import
// the engine): the engine's trace of epoch N (argv[2]) as the trainer sends it (at most
// MAX_TRACE_ROWS rows), printed as JSON with every array as a plain list. The run is the seed
// preset built here, or, with a session file (argv[3]), the run the app saved, so the trace
// starts from exactly the app's points and weights.
import { readFileSync } from 'node:fs'
import { MAX_TRACE_ROWS, SEED_NOTEBOOK, traceNextEpoch, TrainingRun } from '../../src/shared/engine'
import { parseSession } from '../../src/shared/session'

const epoch = Number(process.argv[2] ?? '1')
const sessionPath = process.argv[3]
let run = TrainingRun.create(SEED_NOTEBOOK)
if (sessionPath) {
  const parsed = parseSession(readFileSync(sessionPath, 'utf8'))
  if (!parsed.ok) throw new Error(parsed.error.message)
  const fresh = run
  run = TrainingRun.restore(parsed.session.snapshot)
  // How far the app's points are from Node's (the browser's Math.sin/cos may differ in the last bit).
  let differing = 0
  run.train.x.forEach((v, i) => (differing += v === fresh.train.x[i] ? 0 : 1))
  process.stderr.write(`coordinates that differ from Node's seed run: ${differing}\n`)
}
while (run.epoch < epoch - 1) run.trainEpoch()
const trace = traceNextEpoch(run, { rowLimit: MAX_TRACE_ROWS })
console.log(
  JSON.stringify(trace, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as unknown as ArrayLike<number>) : value
  )
)
