// Imported points keep their column and class names through a run and a session file; a session
// without them (every older file) loads as before.
import { describe, expect, it } from 'vitest'
import { SEED_NOTEBOOK, TrainingRun } from '../engine'
import { importCsv } from '../import'
import { createSessionDocument, parseSession, serializeSession } from './index'
import { withChanges } from './testRuns'

const TEXT = [
  'height,width,fruit',
  ...Array.from({ length: 40 }, (_, i) => `${i % 7},${(i * 3) % 11},${['pear', 'apple'][i % 2]}`)
].join('\n')

function namedRun(): TrainingRun {
  const data = importCsv(TEXT).data
  const config = withChanges(SEED_NOTEBOOK, {
    dataset: { kind: 'csv', samples: data.count, classes: 2, testFraction: 0.25 },
    network: { layerSizes: [2, 4, 1], activations: ['relu'] }
  })
  return TrainingRun.create(config, data)
}

describe('dataset names in a session', () => {
  it('travel with train and test through save and open', () => {
    const run = namedRun()
    expect(run.train.inputNames).toEqual(['height', 'width'])
    expect(run.test.classNames).toEqual(['apple', 'pear'])
    const text = serializeSession(
      createSessionDocument(run.snapshot(), { name: 'fruit', appVersion: 'test' })
    )
    const parsed = parseSession(text)
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.session.snapshot.train.inputNames).toEqual(['height', 'width'])
    expect(parsed.session.snapshot.train.classNames).toEqual(['apple', 'pear'])
    expect(parsed.session.snapshot.test.classNames).toEqual(['apple', 'pear'])
  })

  it('are optional: a session without them opens with none', () => {
    const run = namedRun()
    const doc = JSON.parse(
      serializeSession(createSessionDocument(run.snapshot(), { name: 'x', appVersion: 'test' }))
    )
    for (const set of ['train', 'test']) {
      delete doc.run[set].inputNames
      delete doc.run[set].classNames
    }
    const parsed = parseSession(JSON.stringify(doc))
    if (!parsed.ok) throw new Error(parsed.error.message)
    expect(parsed.session.snapshot.train.inputNames).toBeUndefined()
    expect(parsed.session.snapshot.train.count).toBe(run.train.count)
  })
})
