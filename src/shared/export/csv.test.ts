import { describe, expect, it } from 'vitest'
import { ownTestFraction, TrainingRun } from '../engine'
import { importCsv } from '../import'
import type { Dataset } from '../engine'
import { SMALL_RUNS, trainedSnapshot, withChanges } from '../session/testRuns'
import { datasetCsv, historyCsv, splitDatasetCsv } from './csv'

const parseCsvDataset = (text: string): Dataset => importCsv(text).data

function sameBits(a: Dataset, b: Dataset): boolean {
  return (
    a.count === b.count &&
    Buffer.from(a.x.buffer, a.x.byteOffset, a.x.byteLength).equals(
      Buffer.from(b.x.buffer, b.x.byteOffset, b.x.byteLength)
    ) &&
    Array.from(a.labels).join() === Array.from(b.labels).join()
  )
}

describe('datasetCsv', () => {
  it('is read back by the engine bit for bit, for every run kind', () => {
    for (const run of SMALL_RUNS) {
      const { train } = trainedSnapshot(run)
      const back = parseCsvDataset(datasetCsv(train))
      expect(back.count).toBe(train.count)
      expect(back.classes).toBe(train.classes)
      expect(Buffer.from(back.x.buffer).equals(Buffer.from(train.x.buffer))).toBe(true)
      expect(Array.from(back.labels)).toEqual(Array.from(train.labels))
    }
  })

  it('writes a header and x1,x2,label rows, keeping awkward values exact', () => {
    const data: Dataset = {
      x: Float64Array.of(0.1, -0, 1e-300, 123456789.125, -2.5e21, 5e-324),
      labels: Int32Array.of(0, 1, 2),
      count: 3,
      classes: 3
    }
    const text = datasetCsv(data)
    expect(text).toBe('x1,x2,label\n0.1,-0,0\n1e-300,123456789.125,1\n-2.5e+21,5e-324,2\n')
    const back = parseCsvDataset(text)
    expect(Object.is(back.x[1], -0)).toBe(true)
    expect(Array.from(back.x)).toEqual(Array.from(data.x))
  })
})

describe('splitDatasetCsv', () => {
  it('export → import gives the same train and test points bit for bit, for every run kind', () => {
    for (const run of SMALL_RUNS) {
      const { train, test, config } = trainedSnapshot(run)
      const text = splitDatasetCsv(train, test)
      expect(text.split('\n')[0]).toBe('x1,x2,label,split')
      const imported = parseCsvDataset(text)
      expect(imported.count).toBe(train.count + test.count)
      // The app and the CLI set the test fraction from the file; the run then keeps its split.
      const csvConfig = withChanges(config, {
        dataset: { kind: 'csv', samples: imported.count, testFraction: ownTestFraction(imported) }
      })
      const again = TrainingRun.create(csvConfig, imported)
      expect(sameBits(again.train, train), run.name).toBe(true)
      expect(sameBits(again.test, test), run.name).toBe(true)
    }
  })

  it('marks each row train or test, training rows first', () => {
    const train: Dataset = {
      x: Float64Array.of(0.5, -1),
      labels: Int32Array.of(1),
      count: 1,
      classes: 2
    }
    const test: Dataset = {
      x: Float64Array.of(2, 1e-300),
      labels: Int32Array.of(0),
      count: 1,
      classes: 2
    }
    expect(splitDatasetCsv(train, test)).toBe(
      'x1,x2,label,split\n0.5,-1,1,train\n2,1e-300,0,test\n'
    )
    const none: Dataset = {
      x: new Float64Array(0),
      labels: new Int32Array(0),
      count: 0,
      classes: 2
    }
    expect(splitDatasetCsv(train, none)).toBe('x1,x2,label,split\n0.5,-1,1,train\n')
  })
})

describe('historyCsv', () => {
  it('has one row per epoch with the exact numbers', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[0])
    const lines = historyCsv(snapshot.history).trimEnd().split('\n')
    expect(lines[0]).toBe('epoch,loss,accuracy')
    expect(lines).toHaveLength(snapshot.history.length + 1)
    lines.slice(1).forEach((line, i) => {
      const [epoch, loss, accuracy] = line.split(',').map(Number)
      expect(epoch).toBe(snapshot.history[i].epoch)
      expect(loss).toBe(snapshot.history[i].loss)
      expect(accuracy).toBe(snapshot.history[i].accuracy)
    })
  })

  it('adds test columns when the run holds out points, and spells NaN and infinities', () => {
    const snapshot = trainedSnapshot(SMALL_RUNS[1])
    snapshot.history[1].loss = NaN
    snapshot.history[2].testLoss = Infinity
    const lines = historyCsv(snapshot.history).trimEnd().split('\n')
    expect(lines[0]).toBe('epoch,loss,accuracy,test_loss,test_accuracy')
    const first = lines[1].split(',')
    expect(first).toHaveLength(5)
    expect(Number(first[3])).toBe(snapshot.history[0].testLoss)
    expect(lines[2].split(',')[1]).toBe('nan')
    expect(lines[3].split(',')[3]).toBe('inf')
  })

  it('is just a header for an untrained run', () => {
    expect(historyCsv([])).toBe('epoch,loss,accuracy\n')
  })
})
