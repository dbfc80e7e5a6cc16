// `nn-lab trace`: the step-through of one epoch (the engine's traceNextEpoch) of a saved session
// or of a run built from train options, as one JSON object or a short readable summary.
import {
  MAX_EPOCHS,
  pythonFixed,
  traceNextEpoch,
  traceRow,
  TrainingRun,
  type EpochTrace
} from '../shared/engine'
import { UsageError } from './errors'
import type { CliIo } from './io'
import { parseCommandArgs, parseWholeNumber, type OptionSpec } from './options'
import { loadSession } from './sessionCommands'
import { buildConfig, TRAIN_OPTIONS } from './train'

/** train's options that shape a run (not --epochs, --log-every or --out), plus trace's own. */
function traceOptions(): OptionSpec {
  const options: OptionSpec = { ...TRAIN_OPTIONS }
  delete options.epochs
  delete options['log-every']
  delete options.out
  return { ...options, epoch: { type: 'string' }, sample: { type: 'string' } }
}

const RUN_OPTIONS = Object.keys(TRAIN_OPTIONS).filter((o) => o !== 'json')

/** A row-major rows × cols matrix as arrays of rows. */
function matrixRows(values: Float64Array, cols: number): number[][] {
  const out: number[][] = []
  for (let r = 0; r < values.length / cols; r++) {
    out.push(Array.from(values.subarray(r * cols, (r + 1) * cols)))
  }
  return out
}

/** The trace as `nn-lab trace --json` prints it: matrices as arrays of rows, biases as vectors. */
export function traceJson(trace: EpochTrace): object {
  return {
    epoch: trace.epoch,
    lossBefore: trace.lossBefore,
    batch: { index: trace.batchIndex, of: trace.batches, size: trace.m },
    rows: Array.from(trace.rows),
    x: matrixRows(trace.x, 2),
    labels: Array.from(trace.labels),
    optimizer: trace.training.optimizer,
    l1: trace.training.l1,
    l2: trace.training.l2,
    layers: trace.layers.map((layer) => ({
      shape: [layer.inputs, layer.units],
      activation: layer.activation,
      W: matrixRows(layer.W, layer.units),
      b: Array.from(layer.b),
      z: matrixRows(layer.z, layer.units),
      a: matrixRows(layer.a, layer.units),
      delta: matrixRows(layer.delta, layer.units),
      dW: matrixRows(layer.dW, layer.units),
      db: Array.from(layer.db),
      Wafter: matrixRows(layer.Wafter, layer.units),
      bAfter: Array.from(layer.bAfter)
    }))
  }
}

function preview(values: Float64Array): string {
  const shown = Array.from(values.subarray(0, 4), (v) => pythonFixed(v, 4)).join(', ')
  return values.length > 4 ? `${shown}, … (${values.length} values)` : shown
}

/** A few lines a person can read: each quantity's shape and first values. */
function traceText(trace: EpochTrace): string {
  const rows = trace.rows.length
  const batch =
    trace.batches === 1
      ? `full batch of ${trace.m} points`
      : `mini-batch 1 of ${trace.batches}, ${trace.m} points`
  const lines = [
    `Epoch ${trace.epoch} (${batch}) | Loss before the update: ${pythonFixed(trace.lossBefore, 6)}`
  ]
  if (rows === 1) lines.push(`Sample: training point ${trace.rows[0]}`)
  trace.layers.forEach((layer, l) => {
    const { inputs: K, units: J } = layer
    lines.push(`Layer ${l + 1} (${K} → ${J}, ${layer.activation})`)
    const quantities: [string, string, Float64Array][] = [
      ['W', `${K}×${J}`, layer.W],
      ['b', `1×${J}`, layer.b],
      ['z', `${rows}×${J}`, layer.z],
      ['a', `${rows}×${J}`, layer.a],
      ['delta', `${rows}×${J}`, layer.delta],
      ['dW', `${K}×${J}`, layer.dW],
      ['db', `1×${J}`, layer.db],
      ['W after', `${K}×${J}`, layer.Wafter],
      ['b after', `1×${J}`, layer.bAfter]
    ]
    for (const [name, shape, values] of quantities) {
      lines.push(`  ${name.padEnd(8)} ${shape.padEnd(9)} ${preview(values)}`)
    }
  })
  return lines.join('\n') + '\n'
}

function startingRun(
  values: Record<string, string | boolean | undefined>,
  positionals: string[],
  io: CliIo
): TrainingRun {
  if (positionals.length > 1) {
    throw new UsageError(`"trace" takes at most one SESSION file, but got ${positionals.length}.`)
  }
  const sessionPath = positionals[0]
  try {
    if (sessionPath === undefined) {
      const { config, data } = buildConfig(values, io)
      return TrainingRun.create(config, data)
    }
    const given = RUN_OPTIONS.find((o) => values[o] !== undefined)
    if (given !== undefined) {
      throw new UsageError(
        `use a SESSION file or train options, not both (--${given} with ${sessionPath}).`
      )
    }
    return TrainingRun.restore(loadSession(io, sessionPath))
  } catch (error) {
    if (error instanceof UsageError) throw error
    const message = error instanceof Error ? error.message : String(error)
    throw new UsageError(sessionPath === undefined ? message : `${sessionPath}: ${message}`)
  }
}

export function traceCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommandArgs('trace', args, traceOptions())
  const run = startingRun(values, positionals, io)
  const next = run.epoch + 1
  const epochText = values.epoch
  const epoch =
    typeof epochText === 'string' ? parseWholeNumber('epoch', epochText, 1, MAX_EPOCHS) : next
  if (epoch < next) {
    throw new UsageError(
      `the session has trained ${run.epoch} epochs already; --epoch must be ${next} or later.`
    )
  }
  const sampleText = values.sample
  const m = Math.min(
    run.train.count,
    run.config.training.batchSize === 'full' ? run.train.count : run.config.training.batchSize
  )
  const sample =
    typeof sampleText === 'string' ? parseWholeNumber('sample', sampleText, 0, m - 1) : undefined
  while (run.epoch < epoch - 1) run.trainEpoch()
  const full = traceNextEpoch(run)
  const trace = sample === undefined ? full : traceRow(full, sample)
  io.stdout(values.json === true ? JSON.stringify(traceJson(trace)) + '\n' : traceText(trace))
  return Promise.resolve()
}
