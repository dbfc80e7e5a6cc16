// `nn-lab train`: build a run from options (defaults = the notebook's), train it, print the
// notebook's log or one JSON object, and optionally save the session.
import { basename, extname } from 'node:path'
import { performance } from 'node:perf_hooks'
import {
  ACTIVATIONS,
  DATASETS_REGISTRY,
  EarlyStopping,
  formatFinalAccuracy,
  formatFinalRegression,
  formatRunEpochLine,
  isRegression,
  isRegressionDataset,
  PROBLEM_TYPES,
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
  validateNetworkSpec,
  CONSTANT_SCHEDULE,
  DECAY_BELOW,
  DROPOUT_BELOW,
  FEATURES,
  formatSchedule,
  MAX_EPSILON,
  MAX_PENALTY_RATE,
  parseSchedule,
  RAW_FEATURES,
  validateSchedule
} from '../shared/engine'
import type { Dataset, FeatureName, RunConfig, TrainConfig } from '../shared/engine'
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
  standardize: { type: 'boolean' },
  'early-stop': { type: 'string' },
  l1: { type: 'string' },
  l2: { type: 'string' },
  momentum: { type: 'string' },
  beta1: { type: 'string' },
  beta2: { type: 'string' },
  epsilon: { type: 'string' },
  'lr-schedule': { type: 'string' },
  dropout: { type: 'string' },
  features: { type: 'string' },
  problem: { type: 'string' }
}

const PRESETS = ['seed-notebook'] as const

type Values = Record<string, string | boolean | undefined>

const hiddenLayerCount = (config: RunConfig): number => config.network.layerSizes.length - 2

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
  // --problem regression: a regression dataset (plane unless --dataset names one) and a linear
  // output; --data files are decided by their target column (src/shared/import/problemType.ts).
  const problemText = text(values, 'problem')
  const problem =
    problemText === undefined ? undefined : parseChoice('problem', problemText, PROBLEM_TYPES)
  if (dataPath === undefined && problem !== undefined) {
    if (datasetKind === undefined && problem === 'regression') dataset.kind = 'plane'
    if ((problem === 'regression') !== isRegressionDataset(dataset.kind)) {
      throw new UsageError(
        problem === 'regression'
          ? `--dataset ${dataset.kind} has classes; for --problem regression use --dataset plane or gauss-mix.`
          : `--dataset ${dataset.kind} is a regression dataset; drop --problem classification or choose another dataset.`
      )
    }
  }
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
  const features = text(values, 'features')
  if (features !== undefined) {
    network.features = parseFeatures(features)
    // Without --layers the notebook's hidden layers follow the features' count.
    if (layers === undefined) network.layerSizes[0] = network.features.length
  }
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
  if (networkProblem) {
    throw new UsageError(
      `${features !== undefined ? '--features/--layers' : '--layers'}: ${networkProblem}`
    )
  }

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
  applyTrainingOptions(values, training, hidden)
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
  // z-score of the inputs, fitted on the training points by TrainingRun.create (standardize.ts).
  if (values.standardize === true) dataset.standardize = true
  const regression =
    imported !== undefined ? imported.problem === 'regression' : isRegressionDataset(dataset.kind)
  if (regression) {
    if (outputs !== 1) {
      throw new UsageError(
        `--layers: a regression network has one linear output, so end --layers with 1 (e.g. 2,16,8,1), not ${outputs}.`
      )
    }
    network.output = 'linear'
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

/** --l1 … --dropout: the rest of the training settings, each checked against limits.ts. */
function applyTrainingOptions(values: Values, training: TrainConfig, hidden: number): void {
  for (const name of ['l1', 'l2'] as const) {
    const value = text(values, name)
    if (value === undefined) continue
    training[name] = parseNumber(name, value)
    if (!(training[name] >= 0 && training[name] <= MAX_PENALTY_RATE)) {
      throw new UsageError(`--${name} must be from 0 to ${MAX_PENALTY_RATE}, not ${value}.`)
    }
  }
  for (const name of ['momentum', 'beta1', 'beta2'] as const) {
    const value = text(values, name)
    if (value === undefined) continue
    training.optimizer[name] = parseNumber(name, value)
    if (!(training.optimizer[name] >= 0 && training.optimizer[name] < DECAY_BELOW)) {
      throw new UsageError(`--${name} must be at least 0 and below ${DECAY_BELOW}, not ${value}.`)
    }
  }
  const epsilon = text(values, 'epsilon')
  if (epsilon !== undefined) {
    training.optimizer.epsilon = parsePositiveNumber('epsilon', epsilon, MAX_EPSILON)
  }
  const schedule = text(values, 'lr-schedule')
  if (schedule !== undefined) {
    const parsed = parseSchedule(schedule)
    if (typeof parsed === 'string') throw new UsageError(`--lr-schedule: ${parsed}`)
    const problem = validateSchedule(parsed, training.optimizer.learningRate)
    if (problem) throw new UsageError(`--lr-schedule: ${problem}`)
    training.lrSchedule = parsed
  }
  const dropout = text(values, 'dropout')
  if (dropout !== undefined) {
    const rates = dropout.split(',').map((p) => parseNumber('dropout', p.trim()))
    if (rates.some((p) => !(p >= 0 && p < DROPOUT_BELOW))) {
      throw new UsageError(
        `--dropout rates must be at least 0 and below ${DROPOUT_BELOW}, not "${dropout}".`
      )
    }
    if (rates.length !== 1 && rates.length !== hidden) {
      throw new UsageError(
        `--dropout needs one rate, or one per hidden layer (${hidden}), not ${rates.length}.`
      )
    }
    training.dropout = Array.from({ length: hidden }, (_, i) => rates[rates.length === 1 ? 0 : i])
  }
}

/** What --json says about the run's input standardisation. */
export function standardizeReport(
  run: TrainingRun
): { mean: [number, number]; scale: [number, number]; fittedOn: string; points: number } | null {
  const s = run.config.network.standardize
  if (!s) return null
  return { mean: s.mean, scale: s.scale, fittedOn: 'training points', points: run.train.count }
}

/** `x1,x2,x1^2` → the registry's names; unknown or repeated names are refused. */
function parseFeatures(list: string): FeatureName[] {
  const names = list.split(',').map((f) => parseChoice('features', f.trim(), FEATURES))
  if (new Set(names).size !== names.length) {
    throw new UsageError(`--features lists a feature twice: "${list}".`)
  }
  return names
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
  const regression = isRegression(config.network)

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
      io.stdout(formatRunEpochLine(regression, stats.epoch, stats.loss, stats.accuracy) + '\n')
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
      // Regression: accuracyHistory and finalAccuracy hold R² (scikit-learn's score), and the
      // loss is ½·MSE.
      problem: regression ? 'regression' : 'classification',
      dataset: config.dataset,
      optimizer: config.training.optimizer,
      batchSize: config.training.batchSize,
      features: config.network.features ?? RAW_FEATURES,
      // The fitted z-score (mean and population std of the training points), or null: none.
      standardize: standardizeReport(run),
      l1: config.training.l1,
      l2: config.training.l2,
      lrSchedule: formatSchedule(config.training.lrSchedule ?? CONSTANT_SCHEDULE),
      dropout: config.training.dropout ?? Array.from({ length: hiddenLayerCount(config) }, () => 0),
      finalLearningRate: run.currentLearningRate(),
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
      ...(regression
        ? {
            finalMse: 2 * final.loss,
            finalR2: final.accuracy,
            finalTestMse: test ? 2 * test.loss : undefined,
            finalTestR2: test?.accuracy
          }
        : {}),
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
    io.stdout(
      '\n' +
        (regression
          ? formatFinalRegression(final.loss, final.accuracy)
          : formatFinalAccuracy(final.accuracy)) +
        '\n'
    )
    if (out !== undefined) io.stdout(`Session saved to ${out}\n`)
  }
}
