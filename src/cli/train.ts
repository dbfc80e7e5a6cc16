// `nn-lab train`: build a run from options (defaults = the notebook's), train it, print the
// notebook's log or one JSON object, and optionally save the session.
import { basename, extname } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  ACTIVATIONS,
  DATASETS_REGISTRY,
  EarlyStopping,
  formatEpochLine,
  formatFinalAccuracy,
  formatNetworkLines,
  GENERATED_DATASETS,
  INITS,
  MAX_BATCH_SIZE,
  MAX_EPOCHS,
  MAX_LEARNING_RATE,
  MAX_SAMPLES,
  MAX_SEED,
  MIN_SAMPLES,
  OPTIMIZERS,
  ownTestFraction,
  SEED_NOTEBOOK,
  SEED_NOTEBOOK_PRINT_EVERY,
  TEST_FRACTION_BELOW,
  TrainingRun,
  validateDatasetSpec,
  validateNetworkSpec
} from '../shared/engine'
import type { Dataset, RunConfig } from '../shared/engine'
import type { ImportedCsv } from '../shared/import'
import { createSessionDocument, serializeSession } from '../shared/session'
import { csvReport, CSV_OPTIONS, readCsvData } from './csvData'
import { UsageError } from './errors'
import type { CliIo } from './io'
import { checkWritableFolder, writeTextAtomic } from './io'
import {
  parseChoice,
  parseCommandArgs,
  parseLayers,
  parseNumber,
  parsePositiveNumber,
  parseWholeNumber
} from './options'
import type { OptionSpec } from './options'
import { appVersion } from './version'

export const TRAIN_OPTIONS: OptionSpec = {
  preset: { type: 'string' },
  dataset: { type: 'string' },
  data: { type: 'string' },
  samples: { type: 'string' },
  noise: { type: 'string' },
  'test-fraction': { type: 'string' },
  layers: { type: 'string' },
  activation: { type: 'string' },
  init: { type: 'string' },
  optimizer: { type: 'string' },
  lr: { type: 'string' },
  epochs: { type: 'string' },
  batch: { type: 'string' },
  seed: { type: 'string' },
  'log-every': { type: 'string' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  ...CSV_OPTIONS,
  'early-stop': { type: 'string' }
}

const PRESETS = ['seed-notebook'] as const

type Values = Record<string, string | boolean | undefined>

function text(values: Values, name: string): string | undefined {
  const value = values[name]
  return typeof value === 'string' ? value : undefined
}

/** The run's config from the options, and the imported points for --data. */
export function buildConfig(
  values: Values,
  io: CliIo
): { config: RunConfig; data?: Dataset; imported?: ImportedCsv; logEvery: number } {
  const preset = text(values, 'preset')
  if (preset !== undefined) parseChoice('preset', preset, PRESETS)
  // Every option starts from the notebook's value (the only preset today).
  const base = SEED_NOTEBOOK
  const dataset = { ...base.dataset }
  const network = { ...base.network, layerSizes: [...base.network.layerSizes] }
  const training = { ...base.training, optimizer: { ...base.training.optimizer } }

  const datasetKind = text(values, 'dataset')
  const dataPath = text(values, 'data')
  if (datasetKind !== undefined && dataPath !== undefined) {
    throw new UsageError('use either --dataset or --data, not both.')
  }
  for (const generatorOnly of ['samples', 'noise']) {
    if (dataPath !== undefined && values[generatorOnly] !== undefined) {
      throw new UsageError(
        `--${generatorOnly} applies to generated datasets, not to --data points.`
      )
    }
  }
  if (datasetKind !== undefined)
    dataset.kind = parseChoice('dataset', datasetKind, GENERATED_DATASETS)
  const samples = text(values, 'samples')
  if (samples !== undefined) {
    dataset.samples = parseWholeNumber('samples', samples, MIN_SAMPLES, MAX_SAMPLES)
  }
  const noise = text(values, 'noise')
  if (noise !== undefined) dataset.noise = parseNumber('noise', noise)
  const testFraction = text(values, 'test-fraction')
  if (testFraction !== undefined) {
    dataset.testFraction = parseNumber('test-fraction', testFraction)
    if (!(dataset.testFraction >= 0 && dataset.testFraction < TEST_FRACTION_BELOW)) {
      throw new UsageError(
        `--test-fraction must be at least 0 and less than ${TEST_FRACTION_BELOW}, not ${testFraction}.`
      )
    }
  }
  const seed = text(values, 'seed')
  if (seed !== undefined) dataset.seed = parseWholeNumber('seed', seed, 0, MAX_SEED)

  const layers = text(values, 'layers')
  if (layers !== undefined) network.layerSizes = parseLayers(layers)
  const sizes = network.layerSizes
  const outputs = sizes[sizes.length - 1]
  network.output = outputs === 1 ? 'sigmoid' : 'softmax'
  const hidden = Math.max(0, sizes.length - 2)
  const activation = text(values, 'activation')
  const names = activation === undefined ? ['relu'] : activation.split(',').map((a) => a.trim())
  const chosen = names.map((a) => parseChoice('activation', a, ACTIVATIONS))
  if (chosen.length !== 1 && chosen.length !== hidden) {
    throw new UsageError(
      `--activation needs one name, or one per hidden layer (${hidden}), not ${chosen.length}.`
    )
  }
  network.activations = Array.from(
    { length: hidden },
    (_, i) => chosen[chosen.length === 1 ? 0 : i]
  )
  const init = text(values, 'init')
  if (init !== undefined) network.init = parseChoice('init', init, INITS)
  const networkProblem = validateNetworkSpec(network)
  if (networkProblem) throw new UsageError(`--layers: ${networkProblem}`)

  const optimizer = text(values, 'optimizer')
  if (optimizer !== undefined)
    training.optimizer.kind = parseChoice('optimizer', optimizer, OPTIMIZERS)
  const lr = text(values, 'lr')
  if (lr !== undefined) {
    training.optimizer.learningRate = parsePositiveNumber('lr', lr, MAX_LEARNING_RATE)
  }
  const epochs = text(values, 'epochs')
  if (epochs !== undefined) training.epochLimit = parseWholeNumber('epochs', epochs, 1, MAX_EPOCHS)
  const batch = text(values, 'batch')
  if (batch !== undefined) {
    training.batchSize =
      batch === 'full' ? 'full' : parseWholeNumber('batch', batch, 1, MAX_BATCH_SIZE)
  }
  const logEveryText = text(values, 'log-every')
  const logEvery =
    logEveryText === undefined
      ? SEED_NOTEBOOK_PRINT_EVERY
      : parseWholeNumber('log-every', logEveryText, 1, MAX_EPOCHS)

  let data: Dataset | undefined
  let imported: ImportedCsv | undefined
  if (dataPath !== undefined) {
    imported = readCsvData(io, dataPath, values)
    data = imported.data
    dataset.kind = 'csv'
    // A file exported with a split column keeps its split, unless --test-fraction asks otherwise.
    if (data.split && testFraction === undefined) dataset.testFraction = ownTestFraction(data)
    dataset.samples = data.count
    dataset.classes = data.classes
    if (network.output === 'sigmoid' && data.classes > 2) {
      throw new UsageError(
        `${dataPath} has ${data.classes} classes; end --layers with ${data.classes} (a softmax output), e.g. 2,16,8,${data.classes}.`
      )
    }
  } else {
    // A generator whose classes the learner chooses (the spiral's arms) follows a softmax head's
    // width; every other makes 2 classes.
    const choosesClasses = dataset.kind !== 'csv' && DATASETS_REGISTRY[dataset.kind].choosesClasses
    dataset.classes = choosesClasses && outputs > 1 ? outputs : 2
    const problem = validateDatasetSpec(dataset)
    if (problem) throw new UsageError(problem)
  }
  if (dataPath === undefined) {
    for (const csvOnly of Object.keys(CSV_OPTIONS)) {
      if (values[csvOnly] !== undefined)
        throw new UsageError(`--${csvOnly} applies to a --data file.`)
    }
  }
  return { config: { dataset, network, training }, data, imported, logEvery }
}

/** --early-stop N: the patience, checked against the run's test points. */
function earlyStopping(values: Values, config: RunConfig): EarlyStopping | null {
  const patience = text(values, 'early-stop')
  if (patience === undefined) return null
  const epochs = parseWholeNumber('early-stop', patience, 1, MAX_EPOCHS)
  if (config.dataset.testFraction === 0) {
    throw new UsageError(
      '--early-stop watches the test loss, so it needs held-out points: add --test-fraction, e.g. --test-fraction 0.2.'
    )
  }
  return new EarlyStopping(epochs)
}

function earlyStopLine(stoppedAt: number | null, bestEpoch: number): string {
  const kept = `the test loss was lowest at epoch ${bestEpoch}, whose weights are kept`
  return stoppedAt === null
    ? `Early stopping did not trigger; ${kept}.`
    : `Stopped early at epoch ${stoppedAt}: ${kept}.`
}

export async function trainCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommandArgs('train', args, TRAIN_OPTIONS)
  if (positionals.length > 0) {
    throw new UsageError(`"train" takes no arguments besides options, but got "${positionals[0]}".`)
  }
  const { config, data, imported, logEvery } = buildConfig(values, io)
  const out = text(values, 'out')
  if (out !== undefined) checkWritableFolder(io, out)
  const json = values.json === true
  const stopper = earlyStopping(values, config)

  let run: TrainingRun
  try {
    run = TrainingRun.create(config, data)
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (!json) io.stdout(formatNetworkLines(config.network).join('\n') + '\n')

  const epochs = config.training.epochLimit
  const started = performance.now()
  // --json reports the training meters (engine/meters.ts) of every epoch.
  const gradientNorms: [number, number][][] = []
  const updateRatios: number[][] = []
  const outputErrorRms: number[] = []
  const deadUnits: number[][] = []
  const saturatedUnits: number[][] = []
  if (json) run.enableMeters(true)
  let stoppedAt: number | null = null
  for (let i = 0; i < epochs; i++) {
    const stats = run.trainEpoch()
    if (!json && stats.epoch % logEvery === 0)
      io.stdout(formatEpochLine(stats.epoch, stats.loss, stats.accuracy) + '\n')
    const m = json ? run.lastMeters : null
    if (m) {
      gradientNorms.push(m.weightGradNorm.map((w, l) => [w, m.biasGradNorm[l]]))
      updateRatios.push(m.updateRatio)
      outputErrorRms.push(m.outputErrorRms)
      deadUnits.push(m.dead.map((units) => units.length))
      saturatedUnits.push(m.saturated.map((units) => units.length))
    }
    const current = run
    if (stopper?.observe(stats.epoch, stats.testLoss, () => current.checkpoint())) {
      stoppedAt = stats.epoch
      break
    }
  }
  const trainSeconds = (performance.now() - started) / 1000
  // The curves show every epoch trained; the weights (and a saved session) are the best epoch's.
  const fullHistory = run.history.slice()
  const lossHistory = fullHistory.map((e) => e.loss)
  const accuracyHistory = fullHistory.map((e) => e.accuracy)
  if (stopper?.best) run = run.restoreCheckpoint(stopper.best)
  const final = run.evaluate(run.train)

  if (out !== undefined) {
    const name = basename(out, extname(out))
    const doc = createSessionDocument(run.snapshot(), { name, appVersion: appVersion() })
    await writeTextAtomic(io, out, serializeSession(doc))
  }

  if (json) {
    const test = run.test.count > 0 ? run.evaluate(run.test) : null
    const result = {
      layers: config.network.layerSizes,
      activations: config.network.activations,
      output: config.network.output,
      dataset: config.dataset,
      optimizer: config.training.optimizer,
      batchSize: config.training.batchSize,
      parameterCount: run.parameterCount(),
      epochs,
      lossHistory,
      accuracyHistory,
      testLossHistory: test ? fullHistory.map((e) => e.testLoss) : undefined,
      testAccuracyHistory: test ? fullHistory.map((e) => e.testAccuracy) : undefined,
      gradientNorms,
      updateRatios,
      outputErrorRms,
      deadUnits,
      saturatedUnits,
      finalLoss: final.loss,
      finalAccuracy: final.accuracy,
      finalTestLoss: test?.loss,
      finalTestAccuracy: test?.accuracy,
      trainSeconds,
      session: out,
      ...(imported ? csvReport(imported) : {}),
      // With --early-stop: the epoch it stopped at (null: it reached --epochs first) and the
      // epoch whose weights it kept.
      stoppedAt: stopper ? stoppedAt : undefined,
      bestEpoch: stopper ? stopper.bestEpoch : undefined
    }
    io.stdout(JSON.stringify(result) + '\n')
  } else {
    if (stopper) io.stdout(earlyStopLine(stoppedAt, stopper.bestEpoch) + '\n')
    io.stdout('\n' + formatFinalAccuracy(final.accuracy) + '\n')
    if (out !== undefined) io.stdout(`Session saved to ${out}\n`)
  }
}
