// Run by playground-parity.spec.ts with tsx, in its own Node process (the engine is ES-module code
// Playwright's loader cannot load in-process): the seed run with the training settings given as
// JSON, trained N epochs; prints the loss the app's top bar shows then (the current weights on the
// training points, no dropout), formatted as the app formats it.
import { formatLoss, SEED_NOTEBOOK, TrainingRun, type RunConfig } from '../../src/shared/engine'

const change = JSON.parse(process.argv[2]) as {
  network?: Partial<RunConfig['network']>
  training?: Partial<RunConfig['training']>
}
const epochs = Number(process.argv[3])
const config: RunConfig = structuredClone(SEED_NOTEBOOK)
Object.assign(config.network, change.network ?? {})
Object.assign(config.training, change.training ?? {})
const run = TrainingRun.create(config)
for (let i = 0; i < epochs; i++) run.trainEpoch()
console.log(formatLoss(run.evaluate(run.train).loss))
