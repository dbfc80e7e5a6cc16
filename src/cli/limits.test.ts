// One source of limits (engine/limits.ts): for every limit, each place that checks it — the
// engine's validators, the trainer (its message schemas, then the engine when it builds the run),
// the session format and the `nn-lab` command — accepts a run at the limit and refuses one just
// past it, each with its own sentence. And a file `nn-lab train` writes opens in the app.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import {
  DECAY_BELOW,
  MAX_BATCH_SIZE,
  MAX_CLASSES,
  MAX_CSV_POINTS,
  MAX_EPOCHS,
  MAX_EPSILON,
  MAX_HIDDEN_LAYERS,
  MAX_LAYER_SIZE,
  MAX_LEARNING_RATE,
  MAX_NOISE,
  MAX_PENALTY_RATE,
  MAX_SAMPLES,
  MAX_SEED,
  MIN_SAMPLES,
  SEED_NOTEBOOK,
  TEST_FRACTION_BELOW,
  TrainingRun
} from '../shared/engine'
import type { RunConfig, RunSnapshot } from '../shared/engine/types'
import type { TrainerEvent } from '../shared/protocol/trainerMessages'
import { parseTrainerCommand } from '../shared/protocol/trainerSchemas'
import { createSessionDocument, parseSession, serializeSession } from '../shared/session'
import { startTrainerService, type TrainerClock } from '../shared/trainer/trainerService'
import { cliIn } from './testCli'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-limits-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = cliIn(dir)

/** The trainer service's answer to one command: 'configured' or the error sentence. Timers never
 *  fire (nothing trains), so only the synchronous answer counts. */
function trainerAnswer(command: unknown): TrainerEvent {
  const clock: TrainerClock = { now: () => 0, setTimeout: () => 0, clearTimeout: () => {} }
  const events: TrainerEvent[] = []
  let handler: (command: unknown) => void = () => {}
  const service = startTrainerService(
    { postMessage: (event) => events.push(event), onMessage: (h) => (handler = h) },
    clock
  )
  handler(command)
  service.dispose()
  const answer = events.find((e) => e.type === 'configured' || e.type === 'error')
  if (!answer) throw new Error(`no answer to ${JSON.stringify(command)}`)
  return answer
}

function trainerMessage(command: unknown): string {
  const answer = trainerAnswer(command)
  return answer.type === 'error' ? answer.message : 'accepted'
}

/** A small, quick run that each row changes in one place. */
const base: RunConfig = {
  ...SEED_NOTEBOOK,
  dataset: { ...SEED_NOTEBOOK.dataset, samples: 40 },
  training: { ...SEED_NOTEBOOK.training, epochLimit: 10 }
}

function configWith(change: (config: RunConfig) => void): RunConfig {
  const config = structuredClone(base)
  change(config)
  return config
}

type Json = Record<string, unknown>

/** A session file of `snapshot`, with one JSON field set to `value` (the way a hand-edited or
 *  foreign file would carry a value the app cannot make). */
function sessionWith(snapshot: RunSnapshot, path: string[] | null, value: unknown): string {
  const text = serializeSession(createSessionDocument(snapshot, { name: 'limit', appVersion: '1' }))
  if (!path) return text
  const doc = JSON.parse(text) as Json
  let node = doc.run as Json
  for (const key of path.slice(0, -1)) node = node[key] as Json
  node[path[path.length - 1]] = value
  return JSON.stringify(doc)
}

function sessionMessage(text: string): string {
  const parsed = parseSession(text)
  return parsed.ok ? 'accepted' : parsed.error.message
}

interface LimitRow {
  name: string
  /** The limit itself (accepted) and the nearest value past it (refused). */
  at: number
  past: number
  set(config: RunConfig, value: number): void
  /** The field in the session file's `run` object. */
  sessionPath: string[]
  /** What each place says past the limit. */
  trainerSays: RegExp
  sessionSays: RegExp
  /** `nn-lab train` options for the value (absent: the CLI has no such option), whether the CLI
   *  can afford to train at the limit in a test, and what it says past it. */
  cli?: { args(value: number): string[]; tryAt: boolean; says: RegExp }
}

const rows: LimitRow[] = [
  {
    name: 'fewest samples',
    at: MIN_SAMPLES,
    past: MIN_SAMPLES - 1,
    set: (c, v) => (c.dataset.samples = v),
    sessionPath: ['config', 'dataset', 'samples'],
    trainerSays: /number of points must be a whole number from 4 to 100000/,
    sessionSays: /number of points must be a whole number from 4 to 100000/,
    cli: {
      args: (v) => ['--samples', String(v)],
      tryAt: true,
      says: /--samples must be a whole number from 4 to 100000, not "3"/
    }
  },
  {
    name: 'most samples',
    at: MAX_SAMPLES,
    past: MAX_SAMPLES + 1,
    set: (c, v) => (c.dataset.samples = v),
    sessionPath: ['config', 'dataset', 'samples'],
    trainerSays: /number of points must be a whole number from 4 to 100000/,
    sessionSays: /number of points must be a whole number from 4 to 100000/,
    cli: {
      args: (v) => ['--samples', String(v)],
      tryAt: true,
      says: /--samples must be a whole number from 4 to 100000, not "100001"/
    }
  },
  {
    name: 'noise',
    at: MAX_NOISE,
    past: MAX_NOISE + 1,
    set: (c, v) => (c.dataset.noise = v),
    sessionPath: ['config', 'dataset', 'noise'],
    trainerSays: /refused a command: config\.dataset\.noise must be at most 5\.$/,
    sessionSays: /"run\.config\.dataset\.noise" is 6, but it must be at most 5\./,
    cli: {
      args: (v) => ['--noise', String(v)],
      tryAt: true,
      says: /Noise must be a number from 0 to 5/
    }
  },
  {
    name: 'classes (spiral arms)',
    at: MAX_CLASSES,
    past: MAX_CLASSES + 1,
    set: (c, v) => {
      c.dataset.kind = 'spiral'
      c.dataset.classes = v
      c.network.layerSizes = [2, 16, 8, v]
      c.network.output = 'softmax'
    },
    sessionPath: ['config', 'dataset', 'classes'],
    trainerSays: /config\.dataset\.classes must be at most 8\.$/,
    sessionSays: /"run\.config\.dataset\.classes" is 9, but it must be at most 8\./,
    cli: {
      args: (v) => ['--dataset', 'spiral', '--layers', `2,16,8,${v}`],
      tryAt: true,
      says: /A spiral has 2 to 8 arms/
    }
  },
  {
    name: 'seed',
    at: MAX_SEED,
    past: MAX_SEED + 1,
    set: (c, v) => (c.dataset.seed = v),
    sessionPath: ['config', 'dataset', 'seed'],
    trainerSays: /config\.dataset\.seed must be at most 4294967295\.$/,
    sessionSays: /"run\.config\.dataset\.seed" is 4294967296, but it must be at most 4294967295\./,
    cli: {
      args: (v) => ['--seed', String(v)],
      tryAt: true,
      says: /--seed must be a whole number from 0 to 4294967295/
    }
  },
  {
    name: 'test fraction (below 1)',
    at: 0.99,
    past: TEST_FRACTION_BELOW,
    set: (c, v) => (c.dataset.testFraction = v),
    sessionPath: ['config', 'dataset', 'testFraction'],
    trainerSays: /config\.dataset\.testFraction must be less than 1\.$/,
    sessionSays: /"run\.config\.dataset\.testFraction" is 1, but it must be less than 1\./,
    cli: {
      args: (v) => ['--test-fraction', String(v)],
      tryAt: true,
      says: /--test-fraction must be at least 0 and less than 1, not 1/
    }
  },
  {
    name: 'widest layer',
    at: MAX_LAYER_SIZE,
    past: MAX_LAYER_SIZE + 1,
    set: (c, v) => {
      c.network.layerSizes = [2, v, 1]
      c.network.activations = ['relu']
    },
    sessionPath: ['config', 'network', 'layerSizes'],
    trainerSays: /config\.network\.layerSizes\.1 must be at most 1024\.$/,
    sessionSays: /"run\.config\.network\.layerSizes\[1\]" is 1025, but it must be at most 1024\./,
    cli: {
      args: (v) => ['--layers', `2,${v},1`],
      tryAt: true,
      says: /Layer 2 has 1025 neurons; the most a layer can have is 1024/
    }
  },
  {
    name: 'hidden layers',
    at: MAX_HIDDEN_LAYERS,
    past: MAX_HIDDEN_LAYERS + 1,
    set: (c, v) => {
      c.network.layerSizes = [2, ...Array<number>(v).fill(3), 1]
      c.network.activations = Array(v).fill('relu')
    },
    sessionPath: ['config', 'network', 'layerSizes'],
    trainerSays: /config\.network\.layerSizes must have at most 10 entries\.$/,
    sessionSays: /"run\.config\.network\.layerSizes" has 11 entries, but it must have at most 10\./,
    cli: {
      args: (v) => ['--layers', ['2', ...Array<string>(v).fill('3'), '1'].join(',')],
      tryAt: true,
      says: /at most 8 hidden layers/
    }
  },
  {
    name: 'learning rate',
    at: MAX_LEARNING_RATE,
    past: MAX_LEARNING_RATE + 1,
    set: (c, v) => (c.training.optimizer.learningRate = v),
    sessionPath: ['config', 'training', 'optimizer', 'learningRate'],
    trainerSays: /config\.training\.optimizer\.learningRate must be at most 100\.$/,
    sessionSays:
      /"run\.config\.training\.optimizer\.learningRate" is 101, but it must be at most 100\./,
    cli: {
      args: (v) => ['--lr', String(v)],
      tryAt: true,
      says: /--lr must be greater than 0 and at most 100, not 101/
    }
  },
  {
    name: 'epoch limit',
    at: MAX_EPOCHS,
    past: MAX_EPOCHS + 1,
    set: (c, v) => (c.training.epochLimit = v),
    sessionPath: ['config', 'training', 'epochLimit'],
    trainerSays: /config\.training\.epochLimit must be at most 5000000\.$/,
    sessionSays: /"run\.config\.training\.epochLimit" is 5000001, but it must be at most 5000000\./,
    // Training 5,000,000 epochs is not a unit test: the CLI is only asked to refuse past it.
    cli: {
      args: (v) => ['--epochs', String(v)],
      tryAt: false,
      says: /--epochs must be a whole number from 1 to 5000000/
    }
  },
  {
    name: 'batch size',
    at: MAX_BATCH_SIZE,
    past: MAX_BATCH_SIZE + 1,
    set: (c, v) => (c.training.batchSize = v),
    sessionPath: ['config', 'training', 'batchSize'],
    trainerSays: /config\.training\.batchSize must be at most 2000000\.$/,
    sessionSays: /"run\.config\.training\.batchSize" is 2000001, but it must be at most 2000000\./,
    cli: {
      args: (v) => ['--batch', String(v)],
      tryAt: true,
      says: /--batch must be a whole number from 1 to 2000000/
    }
  },
  {
    name: 'L2 rate',
    at: MAX_PENALTY_RATE,
    past: MAX_PENALTY_RATE + 1,
    set: (c, v) => (c.training.l2 = v),
    sessionPath: ['config', 'training', 'l2'],
    trainerSays: /config\.training\.l2 must be at most 1000\.$/,
    sessionSays: /"run\.config\.training\.l2" is 1001, but it must be at most 1000\./
  },
  {
    name: 'momentum (below 1)',
    at: 0.999,
    past: DECAY_BELOW,
    set: (c, v) => {
      c.training.optimizer.kind = 'momentum'
      c.training.optimizer.momentum = v
    },
    sessionPath: ['config', 'training', 'optimizer', 'momentum'],
    trainerSays: /config\.training\.optimizer\.momentum must be less than 1\.$/,
    sessionSays: /"run\.config\.training\.optimizer\.momentum" is 1, but it must be less than 1\./
  },
  {
    name: "Adam's ε",
    at: MAX_EPSILON,
    past: MAX_EPSILON + 1,
    set: (c, v) => {
      c.training.optimizer.kind = 'adam'
      c.training.optimizer.epsilon = v
    },
    sessionPath: ['config', 'training', 'optimizer', 'epsilon'],
    trainerSays: /config\.training\.optimizer\.epsilon must be at most 1\.$/,
    sessionSays: /"run\.config\.training\.optimizer\.epsilon" is 2, but it must be at most 1\./
  }
]

describe('every limit is the same everywhere', () => {
  for (const row of rows) {
    describe(row.name, () => {
      const at = configWith((c) => row.set(c, row.at))
      const past = configWith((c) => row.set(c, row.past))

      it('the trainer builds a run at the limit and refuses one past it', () => {
        expect(trainerMessage({ type: 'configure', requestId: 1, config: at })).toBe('accepted')
        expect(trainerMessage({ type: 'configure', requestId: 1, config: past })).toMatch(
          row.trainerSays
        )
      })

      it('a session opens at the limit and is refused past it, with a sentence', () => {
        const snapshot = TrainingRun.create(at).snapshot()
        expect(sessionMessage(sessionWith(snapshot, null, null))).toBe('accepted')
        const path = row.sessionPath
        // A list field (layer sizes) gets the past run's whole list.
        const value = path.at(-1) === 'layerSizes' ? past.network.layerSizes : row.past
        const refused = sessionMessage(sessionWith(snapshot, path, value))
        expect(refused).toMatch(row.sessionSays)
        expect(refused).toMatch(/^The session[^\n]*\.$/)
      })

      const cliRow = row.cli
      if (cliRow) {
        it('nn-lab train takes the limit and refuses past it with the option’s name', async () => {
          if (cliRow.tryAt) {
            const ran = await cli('train', '--epochs', '1', '--json', ...cliRow.args(row.at))
            expect(ran.stderr).toBe('')
            expect(ran.code).toBe(0)
          }
          const refused = await cli('train', '--epochs', '1', ...cliRow.args(row.past))
          expect(refused.code).toBe(2)
          expect(refused.stderr).toMatch(cliRow.says)
        })
      }
    })
  }

  it('imported points: the trainer takes MAX_CSV_POINTS and refuses one more', () => {
    const command = (count: number) => ({
      type: 'configure',
      requestId: 1,
      config: configWith((c) => {
        c.dataset.kind = 'csv'
        c.dataset.samples = count
      }),
      data: {
        x: new Float64Array(2 * count),
        labels: Int32Array.from({ length: count }, (_, i) => i % 2),
        count,
        classes: 2
      }
    })
    expect(parseTrainerCommand(command(MAX_CSV_POINTS)).ok).toBe(true)
    const refused = parseTrainerCommand(command(MAX_CSV_POINTS + 1))
    expect(refused.ok).toBe(false)
    if (!refused.ok)
      expect(refused.message).toMatch(/config\.dataset\.samples must be at most 2000000\.$/)
  })

  it('a session holding more than MAX_CSV_POINTS points is refused before it is decoded', () => {
    const snapshot = TrainingRun.create(base).snapshot()
    const text = sessionWith(snapshot, ['train', 'count'], MAX_CSV_POINTS + 1)
    expect(sessionMessage(text)).toMatch(
      /"run\.train\.count" is 2000001, but it must be at most 2000000\./
    )
  })

  it('nn-lab train --help states the same limits', async () => {
    const help = (await cli('train', '--help')).stdout
    expect(help).toContain(`(${MIN_SAMPLES} to ${MAX_SAMPLES})`)
    expect(help).toContain(`noise level (0 to ${MAX_NOISE})`)
    expect(help).toContain(
      `up to ${MAX_HIDDEN_LAYERS} hidden layers of 1 to ${MAX_LAYER_SIZE} neurons`
    )
    expect(help).toContain(`at most ${MAX_LEARNING_RATE})`)
    expect(help).toContain(`epochs to train (1 to ${MAX_EPOCHS})`)
    expect(help).toContain(`up to ${MAX_CSV_POINTS} rows,`)
    expect(help).toContain(`${MAX_CLASSES} classes)`)
  })
})

describe('a wide network from nn-lab opens in the app', () => {
  it('`train --layers 2,512,1 --out` writes a session the parser and the trainer accept', async () => {
    const ran = await cli('train', '--layers', '2,512,1', '--epochs', '3', '--out', 'wide.nnlab')
    expect(ran.stderr).toBe('')
    expect(ran.code).toBe(0)
    const parsed = parseSession(readFileSync(join(dir, 'wide.nnlab'), 'utf8'))
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    const { snapshot } = parsed.session
    expect(snapshot.config.network.layerSizes).toEqual([2, 512, 1])
    expect(snapshot.epoch).toBe(3)

    // Opening a file restores its run; changing a setting afterwards configures it afresh.
    const restored = trainerAnswer({ type: 'restore', requestId: 7, snapshot })
    expect(restored.type).toBe('configured')
    if (restored.type === 'configured') {
      expect(restored.summary.config.network.layerSizes).toEqual([2, 512, 1])
      expect(restored.summary.epoch).toBe(3)
      expect(restored.summary.params.weights[0]).toEqual(snapshot.params.weights[0])
    }
    const configured = trainerAnswer({ type: 'configure', requestId: 8, config: snapshot.config })
    expect(configured.type).toBe('configured')
  })
})
