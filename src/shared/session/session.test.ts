import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '../engine'
import type { RunConfig, RunSnapshot } from '../engine'
import { float64ToBase64 } from './binaryArrays'
import { createSessionDocument, parseSession, SESSION_VERSION, serializeSession } from './index'
import type { SessionParseResult } from './index'
import { migrateToVersion } from './migrations'
import { firstSnapshotDifference, SMALL_RUNS, trainedSnapshot, withChanges } from './testRuns'

function save(snapshot: RunSnapshot, note = ''): string {
  return serializeSession(
    createSessionDocument(snapshot, { name: 'test run', note, appVersion: '0.1.0' })
  )
}

function load(text: string): RunSnapshot {
  const result = parseSession(text)
  if (!result.ok) throw new Error(`expected the session to load: ${result.error.message}`)
  return result.session.snapshot
}

describe('save → load round trip', () => {
  for (const run of SMALL_RUNS) {
    it(`is bit-identical: ${run.name}`, () => {
      const snapshot = trainedSnapshot(run)
      const text = save(snapshot, 'a note ✓ with "quotes"\nand a newline')
      const result = parseSession(text)
      expect(result.ok).toBe(true)
      if (!result.ok) return
      expect(firstSnapshotDifference(result.session.snapshot, snapshot)).toBeNull()
      expect(result.session.note).toBe('a note ✓ with "quotes"\nand a newline')
      expect(result.session.name).toBe('test run')
      expect(result.session.version).toBe(SESSION_VERSION)
      expect(result.migratedFrom).toBeUndefined()
      // Saving what was loaded gives the same text again.
      expect(serializeSession(result.session)).toBe(text)
    })
  }

  it('keeps -0, NaN and Infinity in the loss history, and -0 in weights, exactly', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[0])
    snapshot.history[0].loss = NaN
    snapshot.history[1].loss = Infinity
    snapshot.history[2].accuracy = -0
    snapshot.params.weights[0][0] = -0
    snapshot.params.biases[0][1] = 5e-324
    const loaded = load(save(snapshot))
    expect(firstSnapshotDifference(loaded, snapshot)).toBeNull()
    expect(Object.is(loaded.params.weights[0][0], -0)).toBe(true)
    expect(loaded.params.biases[0][1]).toBe(5e-324)
  })

  it('stores the RNG key as 624 readable uint32 words and the config as plain JSON', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[1])
    const json = JSON.parse(save(snapshot))
    expect(json.format).toBe('nnlab-session')
    expect(json.version).toBe(SESSION_VERSION)
    expect(json.run.rng.key).toHaveLength(624)
    expect(json.run.rng.key).toEqual(Array.from(snapshot.rng.key))
    expect(json.run.config).toEqual(JSON.parse(JSON.stringify(snapshot.config)))
    expect(Date.parse(json.savedAt)).not.toBeNaN()
  })

  it('keeps createdAt when given and stamps savedAt now', () => {
    const doc = createSessionDocument(trainedSnapshot(SMALL_RUNS[0]), {
      name: 'n',
      appVersion: '9.9.9',
      createdAt: '2020-01-02T03:04:05.000Z'
    })
    const loaded = parseSession(serializeSession(doc))
    expect(loaded.ok && loaded.session.createdAt).toBe('2020-01-02T03:04:05.000Z')
    expect(loaded.ok && loaded.session.appVersion).toBe('9.9.9')
    expect(loaded.ok && Date.parse(loaded.session.savedAt)).toBeGreaterThan(
      Date.parse('2025-01-01')
    )
  })
})

/** Train `total` epochs straight, and separately `half`, save, load, restore, `total − half` more. */
function resumeMatchesStraight(config: RunConfig, half: number, total: number): string | null {
  const straight = TrainingRun.create(config)
  for (let i = 0; i < total; i++) straight.trainEpoch()

  const first = TrainingRun.create(config)
  for (let i = 0; i < half; i++) first.trainEpoch()
  const resumed = TrainingRun.restore(load(save(first.snapshot())))
  for (let i = half; i < total; i++) resumed.trainEpoch()

  expect(resumed.epoch).toBe(total)
  return firstSnapshotDifference(resumed.snapshot(), straight.snapshot())
}

describe('resuming a saved session is exact', () => {
  it('seed notebook, full batch: 1000 + save/load + 1000 = 2000 straight, bit for bit', () => {
    expect(resumeMatchesStraight(SEED_NOTEBOOK, 1000, 2000)).toBeNull()
  })

  it('mini-batches with shuffling, Adam and held-out points: 1000 + 1000 = 2000 straight', () => {
    const config = withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'moons', samples: 120, noise: 0.2, testFraction: 0.25, seed: 5 },
      network: { layerSizes: [2, 8, 1], activations: ['tanh'] },
      training: { batchSize: 16 },
      optimizer: { kind: 'adam', learningRate: 0.01 }
    })
    expect(resumeMatchesStraight(config, 1000, 2000)).toBeNull()
  })

  it('mini-batches with momentum: a save in the middle changes nothing', () => {
    const config = withChanges(SEED_NOTEBOOK, {
      dataset: { kind: 'xor', samples: 80, noise: 0.1, seed: 9 },
      network: { layerSizes: [2, 6, 1], activations: ['relu'] },
      training: { batchSize: 7 },
      optimizer: { kind: 'momentum', learningRate: 0.05 }
    })
    expect(resumeMatchesStraight(config, 333, 700)).toBeNull()
  })

  it('would notice a resume that lost the RNG state (the comparison can fail)', () => {
    const config = withChanges(SEED_NOTEBOOK, {
      dataset: { samples: 60 },
      network: { layerSizes: [2, 4, 1], activations: ['relu'] },
      training: { batchSize: 8 }
    })
    const straight = TrainingRun.create(config)
    for (let i = 0; i < 20; i++) straight.trainEpoch()
    const first = TrainingRun.create(config)
    for (let i = 0; i < 10; i++) first.trainEpoch()
    const saved = load(save(first.snapshot()))
    saved.rng = TrainingRun.create(config).snapshot().rng // a fresh stream: different shuffles
    const resumed = TrainingRun.restore(saved)
    for (let i = 0; i < 10; i++) resumed.trainEpoch()
    expect(firstSnapshotDifference(resumed.snapshot(), straight.snapshot())).not.toBeNull()
  })
})

function errorOf(result: SessionParseResult): { code: string; message: string } {
  if (result.ok) throw new Error('expected the session to be rejected')
  return result.error
}

describe('parseSession rejects bad files with one sentence', () => {
  const good = save(trainedSnapshot(SMALL_RUNS[1]))
  // The edits reach anywhere into raw JSON, so the document is deliberately untyped here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const edit = (change: (json: Record<string, any>) => void): string => {
    const json = JSON.parse(good)
    change(json)
    return JSON.stringify(json)
  }
  const cases: [string, string, string, RegExp?][] = [
    ['empty file', '', 'empty'],
    ['only spaces', '  \n\t ', 'empty'],
    ['not JSON', 'hello world', 'not-json', /not valid JSON/],
    ['cut off half way', good.slice(0, Math.floor(good.length / 2)), 'truncated', /ends too early/],
    ['cut off one character early', good.trimEnd().slice(0, -1), 'truncated'],
    ['JSON but an array', '[1,2,3]', 'not-a-session'],
    ['JSON but a number', '42', 'not-a-session'],
    ['another app’s JSON', '{"name":"x"}', 'not-a-session', /not an NN Lab session/],
    [
      'a newer version',
      edit((j) => (j.version = 3)),
      'newer-version',
      /newer NN Lab \(format version 3\); update NN Lab to open it\./
    ],
    ['version 0', edit((j) => (j.version = 0)), 'bad-version'],
    ['version as text', edit((j) => (j.version = '1')), 'bad-version'],
    ['version 1.5', edit((j) => (j.version = 1.5)), 'bad-version'],
    ['no run', edit((j) => delete j.run), 'missing-field', /"run"/],
    [
      'no weights',
      edit((j) => delete j.run.params.weights),
      'missing-field',
      /run\.params\.weights/
    ],
    ['epoch as text', edit((j) => (j.run.epoch = 'ten')), 'wrong-type', /run\.epoch/],
    ['fractional epoch', edit((j) => (j.run.epoch = 4.5)), 'wrong-type', /whole number/],
    [
      'learning rate 0',
      edit((j) => (j.run.config.training.optimizer.learningRate = 0)),
      'out-of-range',
      /learningRate.*greater than 0/
    ],
    [
      'unknown activation',
      edit((j) => (j.run.config.network.activations = ['softsign'])),
      'out-of-range',
      /activations\[0\]/
    ],
    [
      'batch size 0',
      edit((j) => (j.run.config.training.batchSize = 0)),
      'out-of-range',
      /batchSize" is 0, but it must be at least 1\./
    ],
    [
      'batch size "half"',
      edit((j) => (j.run.config.training.batchSize = 'half')),
      'out-of-range',
      /batchSize" is the text "half", but it must be "full" or a whole number/
    ],
    ['bad date', edit((j) => (j.savedAt = 'yesterday')), 'wrong-type', /savedAt/],
    [
      'Infinity via overflow',
      good.replace('"learningRate": 0.01', '"learningRate": 1e999'),
      'not-finite',
      /learningRate/
    ],
    ['NaN literal', good.replace('"learningRate": 0.01', '"learningRate": NaN'), 'not-json'],
    [
      '17 layers',
      edit((j) => (j.run.config.network.layerSizes = [2, ...Array(15).fill(4), 3])),
      'too-large',
      /at most 10/
    ],
    [
      '9 hidden layers (one past the engine limit)',
      edit((j) => {
        j.run.config.network.layerSizes = [2, ...Array(9).fill(4), 3]
        j.run.config.network.activations = Array(9).fill('relu')
      }),
      'too-large',
      /layerSizes" has 11 entries, but it must have at most 10/
    ],
    [
      '5000 neurons',
      edit((j) => (j.run.config.network.layerSizes = [2, 5000, 3])),
      'too-large',
      /at most 1024/
    ],
    ['3 million points', edit((j) => (j.run.train.count = 3_000_000)), 'too-large', /2000000/],
    [
      'points over the total limit',
      edit((j) => {
        j.run.train.count = 1_500_000
        j.run.test.count = 1_500_000
      }),
      'too-large'
    ],
    [
      'point count not matching the data',
      edit((j) => (j.run.train.count += 1)),
      'inconsistent',
      /run\.train\.x/
    ],
    [
      'weights of the wrong size',
      edit((j) => (j.run.params.weights[0] = float64ToBase64(new Float64Array(5)))),
      'inconsistent',
      /weights\[0\].*holds 5 numbers.*needs 12/
    ],
    ['a missing bias array', edit((j) => j.run.params.biases.pop()), 'inconsistent', /bias arrays/],
    ['not base64', edit((j) => (j.run.params.biases[0] = '@@@@')), 'corrupt-data', /biases\[0\]/],
    [
      'base64 of a wrong byte count',
      edit((j) => (j.run.params.biases[0] = 'AAAA')),
      'corrupt-data'
    ],
    [
      'NaN in the weights',
      edit(
        (j) =>
          (j.run.params.weights[1] = float64ToBase64(Float64Array.of(NaN, ...new Float64Array(17))))
      ),
      'not-finite',
      /weights\[1\].*NaN/
    ],
    [
      'Infinity in the points',
      edit((j) => {
        const x = new Float64Array(j.run.train.count * 2)
        x[3] = -Infinity
        j.run.train.x = float64ToBase64(x)
      }),
      'not-finite',
      /run\.train\.x/
    ],
    [
      'a label beyond the classes',
      edit((j) => {
        const labels = new Int32Array(j.run.test.count)
        labels[2] = 7
        j.run.test.labels = Buffer.from(labels.buffer).toString('base64')
      }),
      'inconsistent',
      /label 7/
    ],
    [
      'Adam without its moments',
      edit((j) => (j.run.optimizer.v = [])),
      'inconsistent',
      /adam optimizer needs 4/
    ],
    [
      'more history than epochs',
      edit((j) => (j.run.epoch = 2)),
      'inconsistent',
      /history has 4 entries/
    ],
    ['short RNG key', edit((j) => j.run.rng.key.pop()), 'inconsistent', /rng\.key.*exactly 624/],
    [
      'RNG word above 32 bits',
      edit((j) => (j.run.rng.key[5] = 2 ** 32)),
      'too-large',
      /rng\.key\[5\]/
    ],
    [
      'softmax head smaller than the classes',
      edit((j) => (j.run.config.network.layerSizes = [2, 6, 2])),
      'inconsistent',
      /3 classes/
    ],
    ['wrong format name', edit((j) => (j.format = 'nnlab-sesion')), 'not-a-session'],
    ['huge note', edit((j) => (j.note = 'x'.repeat(200_000))), 'too-large', /note/]
  ]
  for (const [name, text, code, message] of cases) {
    it(`${name} → ${code}`, () => {
      const error = errorOf(parseSession(text))
      expect(error.code).toBe(code)
      if (message) expect(error.message).toMatch(message)
      // One sentence: a single line that ends with a full stop.
      expect(error.message).not.toMatch(/\n/)
      expect(error.message).toMatch(/\.$/)
    })
  }

  it('accepts a byte-order mark and surrounding whitespace', () => {
    expect(parseSession('\uFEFF\n' + good + '\n\n').ok).toBe(true)
  })

  it('ignores unknown extra fields (they are dropped, not fatal)', () => {
    const result = parseSession(edit((j) => (j.run.extra = { anything: true })))
    expect(result.ok).toBe(true)
  })
})

describe('migrations run step by step', () => {
  const rename = (from: string, to: string) => (doc: Record<string, unknown>) => {
    const { [from]: value, ...rest } = doc
    return { ...rest, [to]: value }
  }
  const chain = [
    { from: 1, to: 2, migrate: rename('a', 'b') },
    { from: 2, to: 3, migrate: rename('b', 'c') }
  ]

  it('applies each step in order and stamps the version', () => {
    expect(migrateToVersion({ version: 1, a: 5 }, 1, 3, chain)).toEqual({ version: 3, c: 5 })
    expect(migrateToVersion({ version: 2, b: 6 }, 2, 3, chain)).toEqual({ version: 3, c: 6 })
    expect(migrateToVersion({ version: 3, c: 7 }, 3, 3, chain)).toEqual({ version: 3, c: 7 })
  })

  it('says so when a step is missing', () => {
    expect(() => migrateToVersion({ version: 1 }, 1, 3, [chain[1]])).toThrow(/format version 1/)
  })
})
