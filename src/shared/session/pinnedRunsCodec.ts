// Pinned runs in a session file, both ways: settings as JSON (the one RunConfig schema), weights
// and history as base64 like the run's, each checked like the run itself.
import { MAX_PINNED_RUNS, type PinnedRun } from './pinnedRuns'
import { float64ToBase64 } from './binaryArrays'
import { checkConfig, decodeHistory, decodeParams } from './decodeRun'
import { encodeHistory } from './encodeRun'
import { fail } from './errors'
import type { RunConfig } from '../engine/types'
import type { WirePinnedRun } from './schema'

export function encodePinnedRuns(runs: readonly PinnedRun[]): WirePinnedRun[] {
  return runs.slice(0, MAX_PINNED_RUNS).map((run) => ({
    name: run.name,
    config: JSON.parse(JSON.stringify(run.config)) as WirePinnedRun['config'],
    epoch: run.epoch,
    params: {
      weights: run.params.weights.map(float64ToBase64),
      biases: run.params.biases.map(float64ToBase64)
    },
    history: encodeHistory(run.history),
    wallTimeMs: run.wallTimeMs,
    ...(run.final ? { final: { ...run.final } } : {}),
    ...(run.earlyStop ? { earlyStop: { ...run.earlyStop } } : {}),
    ...(run.dataName !== undefined ? { dataName: run.dataName } : {})
  }))
}

export function decodePinnedRuns(wire: readonly WirePinnedRun[]): PinnedRun[] {
  return wire.map((entry, i) => {
    const where = `pinnedRuns[${i}]`
    const config = entry.config as RunConfig
    checkConfig(config)
    if (entry.earlyStop && entry.earlyStop.bestEpoch > entry.earlyStop.stoppedAt) {
      fail(
        'inconsistent',
        `The session's "${where}.earlyStop" has its best epoch after the epoch it stopped at.`
      )
    }
    const run: PinnedRun = {
      name: entry.name,
      config,
      epoch: entry.epoch,
      params: decodeParams(entry.params, config.network.layerSizes, `${where}.params`),
      history: decodeHistory(entry.history, entry.epoch, `${where}.history`),
      wallTimeMs: entry.wallTimeMs
    }
    if (entry.final) run.final = { ...entry.final }
    if (entry.earlyStop) run.earlyStop = { ...entry.earlyStop }
    if (entry.dataName !== undefined) run.dataName = entry.dataName
    return run
  })
}
