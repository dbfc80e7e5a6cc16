// Commands on a saved session: predict, eval and export.
import { isRegression, predict, pythonFixed, pythonPercent, TrainingRun } from '../shared/engine'
import type { Dataset, RunSnapshot } from '../shared/engine'
import { CsvImportError, matchClasses } from '../shared/import'
import { CSV_OPTIONS, readCsvData, type CsvOptionValues as Values } from './csvData'
import {
  datasetCsv,
  historyCsv,
  modelNames,
  logIntervalFor,
  notebookExport,
  numpyScript,
  splitDatasetCsv,
  torchScript,
  weightsJson
} from '../shared/export'
import { parseSession } from '../shared/session'
import { UsageError } from './errors'
import type { CliIo } from './io'
import { checkWritableFolder, readText, writeTextAtomic } from './io'
import { parseChoice, parseCommandArgs } from './options'

export function loadSession(io: CliIo, path: string): RunSnapshot {
  const result = parseSession(readText(io, path))
  if (!result.ok) throw new UsageError(`${path}: ${result.error.message}`)
  return result.session.snapshot
}

function restore(snapshot: RunSnapshot, path: string): TrainingRun {
  try {
    return TrainingRun.restore(snapshot)
  } catch (error) {
    throw new UsageError(`${path}: ${error instanceof Error ? error.message : String(error)}`)
  }
}

function onePath(command: string, positionals: string[], what = 'SESSION'): string {
  if (positionals.length === 0)
    throw new UsageError(`"${command}" needs a ${what} file (see nn-lab ${command} --help).`)
  if (positionals.length > 1)
    throw new UsageError(
      `"${command}" takes one ${what} file, but got ${positionals.length} arguments.`
    )
  return positionals[0]
}

function requireOption(
  command: string,
  value: string | boolean | undefined,
  option: string
): string {
  if (typeof value !== 'string') throw new UsageError(`"${command}" needs --${option} FILE.`)
  return value
}

/** An eval --data file's points, labelled by the session's classes when it has their names; a
 *  regression model's file is read for real targets (its label or --target-column column). */
function readDataset(
  io: CliIo,
  path: string,
  values: Values,
  regression: boolean,
  classNames?: string[]
): Dataset {
  const problem = regression ? 'regression' : 'classification'
  const imported = readCsvData(io, path, { ...values, problem })
  if (regression || !classNames) return imported.data
  try {
    return matchClasses(imported, classNames)
  } catch (error) {
    if (error instanceof CsvImportError) throw new UsageError(`${path}: ${error.message}`)
    throw error
  }
}

async function emit(io: CliIo, out: string | undefined, text: string): Promise<void> {
  if (out === undefined) io.stdout(text)
  else await writeTextAtomic(io, out, text)
}

export async function predictCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommandArgs('predict', args, {
    data: { type: 'string' },
    json: { type: 'boolean' },
    ...CSV_OPTIONS
  })
  const sessionPath = onePath('predict', positionals)
  const dataPath = requireOption('predict', values.data, 'data')
  const snapshot = loadSession(io, sessionPath)
  // The shared import (as train --data reads files); a label column, if any, is not needed.
  const imported = readCsvData(io, dataPath, values, true)
  const points = imported.data
  const { network } = snapshot.config
  const k = network.layerSizes[network.layerSizes.length - 1]
  const p = predict(network, snapshot.params, points.x, points.count)
  const rows: (number | number[])[] = []
  for (let i = 0; i < points.count; i++)
    rows.push(k === 1 ? p[i] : Array.from(p.subarray(i * k, (i + 1) * k)))
  if (values.json === true) {
    if (isRegression(network)) {
      // A regression model predicts values, a classifier probabilities.
      io.stdout(
        JSON.stringify({
          predictions: rows,
          columns: { x: imported.inputNames },
          droppedRows: imported.droppedRows
        }) + '\n'
      )
      return
    }
    const classNames = modelNames(snapshot).classes
    const predicted = rows.map((r) =>
      Array.isArray(r) ? classNames[r.indexOf(Math.max(...r))] : classNames[r > 0.5 ? 1 : 0]
    )
    io.stdout(
      JSON.stringify({
        probabilities: rows,
        classNames,
        predicted,
        columns: { x: imported.inputNames },
        droppedRows: imported.droppedRows
      }) + '\n'
    )
  } else {
    io.stdout(rows.map((r) => (Array.isArray(r) ? r.join(',') : String(r))).join('\n') + '\n')
  }
}

export async function evalCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommandArgs('eval', args, {
    data: { type: 'string' },
    json: { type: 'boolean' },
    ...CSV_OPTIONS
  })
  const sessionPath = onePath('eval', positionals)
  const snapshot = loadSession(io, sessionPath)
  const run = restore(snapshot, sessionPath)
  const dataPath = typeof values.data === 'string' ? values.data : undefined
  const regression = isRegression(snapshot.config.network)
  if (!regression && values['target-column'] !== undefined) {
    throw new UsageError(
      `${sessionPath} holds a classifier; name its label column with --label-column.`
    )
  }
  const sets: { name: string; data: Dataset }[] = dataPath
    ? [
        {
          name: dataPath,
          data: readDataset(io, dataPath, values, regression, run.train.classNames)
        }
      ]
    : [{ name: 'Training', data: run.train }]
  if (!dataPath && run.test.count > 0) sets.push({ name: 'Test', data: run.test })
  const results = sets.map(({ name, data }) => {
    const k = snapshot.config.network.layerSizes[snapshot.config.network.layerSizes.length - 1]
    if (k > 1 && data.classes > k) {
      throw new UsageError(`${name} has ${data.classes} classes, but the model predicts only ${k}.`)
    }
    if (k === 1 && data.classes > 2) {
      throw new UsageError(`${name} has ${data.classes} classes, but the model predicts only 2.`)
    }
    return { name, points: data.count, ...run.evaluate(data) }
  })
  // Regression: loss is ½·MSE and accuracy holds R²; the report names both metrics.
  const metrics = (r: { loss: number; accuracy: number }) =>
    regression ? { mse: 2 * r.loss, r2: r.accuracy } : {}
  if (values.json === true) {
    const [main, test] = results
    io.stdout(
      JSON.stringify({
        epoch: snapshot.epoch,
        problem: regression ? 'regression' : 'classification',
        loss: main.loss,
        accuracy: main.accuracy,
        ...metrics(main),
        points: main.points,
        data: dataPath ?? 'train',
        test: test
          ? { loss: test.loss, accuracy: test.accuracy, ...metrics(test), points: test.points }
          : undefined
      }) + '\n'
    )
  } else {
    io.stdout(`Epoch ${snapshot.epoch}\n`)
    for (const r of results) {
      const score = regression
        ? `MSE: ${pythonFixed(2 * r.loss, 4)} | R²: ${pythonFixed(r.accuracy, 4)}`
        : `Accuracy: ${pythonPercent(r.accuracy)}`
      io.stdout(`${r.name}: Loss: ${pythonFixed(r.loss, 4)} | ${score} (${r.points} points)\n`)
    }
  }
}

const EXPORT_KINDS = ['numpy', 'notebook', 'torch', 'weights', 'data', 'history'] as const
const SPLITS = ['all', 'train', 'test'] as const

export async function exportCommand(args: string[], io: CliIo): Promise<void> {
  const { values, positionals } = parseCommandArgs('export', args, {
    out: { type: 'string' },
    split: { type: 'string' },
    'log-every': { type: 'string' }
  })
  if (positionals.length === 0) {
    throw new UsageError(`"export" needs a kind (${EXPORT_KINDS.join(', ')}) and a SESSION file.`)
  }
  const kind = positionals[0]
  if (!(EXPORT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`unknown export "${kind}"; use one of ${EXPORT_KINDS.join(', ')}.`)
  }
  const sessionPath = onePath(`export ${kind}`, positionals.slice(1))
  const split =
    typeof values.split === 'string' ? parseChoice('split', values.split, SPLITS) : 'all'
  if (values.split !== undefined && kind !== 'data') {
    throw new UsageError(`--split only applies to "export data".`)
  }
  const logEveryText = values['log-every']
  if (logEveryText !== undefined && kind !== 'notebook') {
    throw new UsageError(`--log-every only applies to "export notebook".`)
  }
  const logEvery = typeof logEveryText === 'string' ? Number(logEveryText) : undefined
  if (logEvery !== undefined && !(Number.isInteger(logEvery) && logEvery >= 1)) {
    throw new UsageError(`--log-every must be a whole number of at least 1, not "${logEveryText}".`)
  }
  const out = typeof values.out === 'string' ? values.out : undefined
  if (out !== undefined) checkWritableFolder(io, out)
  const snapshot = loadSession(io, sessionPath)
  switch (kind) {
    case 'numpy':
      return emit(io, out, numpyScript(snapshot))
    case 'notebook': {
      // The app's log interval for the session's epoch limit unless asked otherwise.
      const printEvery = logEvery ?? logIntervalFor(snapshot.config.training.epochLimit)
      let text: string
      try {
        text = notebookExport(snapshot, { printEvery })
      } catch (error) {
        throw new UsageError(
          `${sessionPath}: ${error instanceof Error ? error.message : String(error)}`
        )
      }
      return emit(io, out, text)
    }
    case 'torch':
      return emit(io, out, torchScript(snapshot))
    case 'weights':
      return emit(io, out, weightsJson(snapshot))
    case 'history':
      return emit(io, out, historyCsv(snapshot.history))
    case 'data':
      if (split === 'all') return emit(io, out, splitDatasetCsv(snapshot.train, snapshot.test))
      return emit(io, out, datasetCsv(split === 'train' ? snapshot.train : snapshot.test))
  }
}
