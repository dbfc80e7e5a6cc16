// Run by shell-streaming.spec.ts with tsx, in its own Node process: the seed run trained alone for
// one window, printed as JSON (epochs per second, CPU ms per epoch). A child process because the
// engine is ES-module code (import.meta) that Playwright's test loader cannot load in-process.
import { MAX_EPOCHS, SEED_NOTEBOOK, TrainingRun } from '../../src/shared/engine'

const windowMs = Number(process.argv[2])
const config = structuredClone(SEED_NOTEBOOK)
config.training.epochLimit = MAX_EPOCHS // the loop below ends by time
const run = TrainingRun.create(config)
const cpuBefore = process.cpuUsage()
const started = performance.now()
let epochs = 0
while (performance.now() - started < windowMs) {
  for (let i = 0; i < 50; i++) run.trainEpoch()
  epochs += 50
}
const cpu = process.cpuUsage(cpuBefore)
console.log(
  JSON.stringify({
    epochsPerSecond: epochs / ((performance.now() - started) / 1000),
    cpuMsPerEpoch: (cpu.user + cpu.system) / 1000 / epochs
  })
)
