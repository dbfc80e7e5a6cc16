import { describe, expect, it } from 'vitest'
import {
  CsvDatasetParser,
  dataBounds,
  DatasetError,
  generateDataset,
  makeCircles,
  ownTestFraction,
  parseCsvDataset,
  splitDataset,
  validateDatasetSpec
} from './datasets'
import { MAX_CSV_POINTS, MAX_SAMPLES } from './limits'
import { RandomState } from './rng'
import type { DatasetSpec } from './types'
import { GENERATED_DATASETS } from './types'

const base: DatasetSpec = {
  kind: 'circles',
  samples: 200,
  noise: 0.1,
  seed: 1,
  testFraction: 0,
  classes: 2
}

function classCounts(labels: Int32Array, classes: number): number[] {
  const counts = new Array<number>(classes).fill(0)
  for (const l of labels) counts[l]++
  return counts
}

describe('generated datasets', () => {
  for (const kind of GENERATED_DATASETS) {
    it(`${kind}: right size, balanced classes, finite points, same seed → same points`, () => {
      const spec: DatasetSpec = {
        ...base,
        kind,
        classes: kind === 'spiral' ? 3 : 2,
        samples: 301 - (kind === 'circles' ? 1 : 0)
      }
      const a = generateDataset(spec, new RandomState(7))
      const b = generateDataset(spec, new RandomState(7))
      const c = generateDataset(spec, new RandomState(8))
      expect(a.count).toBe(spec.samples)
      expect(a.x).toHaveLength(2 * a.count)
      expect(a.classes).toBe(spec.classes)
      const counts = classCounts(a.labels, a.classes)
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(kind === 'xor' ? 60 : 1)
      expect(a.x.every(Number.isFinite)).toBe(true)
      expect(Array.from(a.x)).toEqual(Array.from(b.x))
      expect(Array.from(a.x)).not.toEqual(Array.from(c.x))
      // Shuffled: labels are not sorted into blocks.
      expect(Array.from(a.labels)).not.toEqual(Array.from(a.labels).sort())
    })
  }

  it('circles: class 0 near radius 1, class 1 near radius 3', () => {
    const d = makeCircles(new RandomState(42), 400, 0.15)
    for (let i = 0; i < d.count; i++) {
      const r = Math.hypot(d.x[2 * i], d.x[2 * i + 1])
      expect(Math.abs(r - (d.labels[i] === 0 ? 1 : 3))).toBeLessThan(0.15 * 5)
    }
  })

  it('xor labels follow the quadrant when there is no noise', () => {
    const d = generateDataset({ ...base, kind: 'xor', noise: 0 }, new RandomState(3))
    for (let i = 0; i < d.count; i++)
      expect(d.labels[i]).toBe(d.x[2 * i] * d.x[2 * i + 1] > 0 ? 1 : 0)
  })

  it('rejects bad specs with a sentence', () => {
    expect(validateDatasetSpec({ ...base, samples: 2 })).toMatch(/points/)
    expect(validateDatasetSpec({ ...base, kind: 'spiral', classes: 9 })).toMatch(/arms/)
    expect(validateDatasetSpec({ ...base, testFraction: 1 })).toMatch(/test fraction/)
    expect(() => generateDataset({ ...base, noise: -1 }, new RandomState(1))).toThrow(DatasetError)
  })
})

describe('splitDataset', () => {
  it('holds out round(n·f) distinct points and keeps every point once', () => {
    const d = generateDataset(base, new RandomState(5))
    const { train, test } = splitDataset(d, 0.25, new RandomState(9))
    expect(test.count).toBe(50)
    expect(train.count).toBe(150)
    const key = (x: Float64Array, i: number): string => `${x[2 * i]},${x[2 * i + 1]}`
    const all = new Set<string>()
    for (let i = 0; i < train.count; i++) all.add(key(train.x, i))
    for (let i = 0; i < test.count; i++) all.add(key(test.x, i))
    expect(all.size).toBe(200)
  })

  it('uses the points’ own split while the fraction asks for that many test points', () => {
    const data = parseCsvDataset('1,1,0,train\n2,2,1,test\n3,3,0,train\n4,4,1,test\n5,5,0,train\n')
    const rng = new RandomState(3)
    const before = rng.getState()
    const own = splitDataset(data, ownTestFraction(data), rng)
    expect(Array.from(own.train.x)).toEqual([1, 1, 3, 3, 5, 5])
    expect(Array.from(own.test.x)).toEqual([2, 2, 4, 4])
    expect(rng.getState()).toEqual(before) // no permutation drawn
    // Another fraction (the learner moved the slider) is a fresh random split of all points.
    const other = splitDataset(data, 0.2, rng)
    expect(other.test.count).toBe(1)
    expect(other.train.count + other.test.count).toBe(5)
  })

  it('draws nothing and keeps the order with testFraction 0 (the notebook)', () => {
    const d = generateDataset(base, new RandomState(5))
    const rng = new RandomState(9)
    const { train, test } = splitDataset(d, 0, rng)
    expect(test.count).toBe(0)
    expect(Array.from(train.x)).toEqual(Array.from(d.x))
    expect(rng.randomUint32()).toBe(new RandomState(9).randomUint32())
  })
})

describe('parseCsvDataset', () => {
  it('reads rows with or without a header, skipping blank lines, CRLF included', () => {
    const withHeader = parseCsvDataset('x1,x2,label\r\n0.5,-1,0\r\n\r\n2,3e-1,1\r\n')
    expect(Array.from(withHeader.x)).toEqual([0.5, -1, 2, 0.3])
    expect(Array.from(withHeader.labels)).toEqual([0, 1])
    expect(withHeader.classes).toBe(2)
    const noHeader = parseCsvDataset('1,2,0\n3,4,2\n')
    expect(noHeader.count).toBe(2)
    expect(noHeader.classes).toBe(3)
  })

  it('names the line of the first bad row', () => {
    const cases: [string, number, RegExp][] = [
      ['x1,x2,label\n1,2,0\n1,2\n', 3, /expected 3 values/],
      ['1,2,0\n\nabc,2,1\n', 3, /"abc" is not a number/],
      ['1,2,0\n1,2,1.5\n', 2, /label "1.5"/],
      ['1,2,-1\n', 1, /label "-1"/],
      ['1,2,0\n1,2,9\n', 2, /from 0 to 7/]
    ]
    for (const [text, line, message] of cases) {
      try {
        parseCsvDataset(text)
        expect.unreachable(`no error for ${JSON.stringify(text)}`)
      } catch (e) {
        expect(e).toBeInstanceOf(DatasetError)
        expect((e as DatasetError).line).toBe(line)
        expect((e as DatasetError).message).toMatch(new RegExp(`^Line ${line}: `))
        expect((e as DatasetError).message).toMatch(message)
      }
    }
  })

  it('says so when there are no rows', () => {
    expect(() => parseCsvDataset('x1,x2,label\n\n')).toThrow(/no data rows/)
    expect(() => parseCsvDataset('')).toThrow(DatasetError)
  })

  it('reads a split column (train/test) into Dataset.split; without one there is none', () => {
    const data = parseCsvDataset('x1,x2,label,split\n1,2,0,train\n3,4,1,TEST\n5,6,1, train \n')
    expect(data.count).toBe(3)
    expect(Array.from(data.split ?? [])).toEqual([0, 1, 0])
    expect(ownTestFraction(data)).toBe(1 / 3)
    expect(parseCsvDataset('1,2,0,test\n3,4,1,train\n').split).toEqual(Uint8Array.of(1, 0))
    expect(parseCsvDataset('1,2,0\n').split).toBeUndefined()
    expect(ownTestFraction(parseCsvDataset('1,2,0\n'))).toBe(0)
  })

  it('names the line of a bad split value or a row without one', () => {
    const cases: [string, number, RegExp][] = [
      ['x1,x2,label,split\n1,2,0,train\n1,2,1\n', 3, /expected 4 values \(x1,x2,label,split\)/],
      ['x1,x2,label,split\n1,2,0,validation\n', 2, /the split "validation" must be train or test/],
      ['x1,x2,label\n1,2,0,train\n', 2, /expected 3 values/]
    ]
    for (const [text, line, message] of cases) {
      try {
        parseCsvDataset(text)
        expect.unreachable(`no error for ${JSON.stringify(text)}`)
      } catch (e) {
        expect((e as DatasetError).line).toBe(line)
        expect((e as DatasetError).message).toMatch(message)
      }
    }
    expect(() => parseCsvDataset('1,2,0,test\n3,4,1,test\n')).toThrow(
      /at least one point must be for training/
    )
  })

  it('keeps the split when a large file arrives in pieces', () => {
    const rows = Array.from(
      { length: 5000 },
      (_, i) => `${i},${-i},${i % 2},${i % 7 ? 'train' : 'test'}`
    )
    const text = 'x1,x2,label,split\n' + rows.join('\n')
    const parser = new CsvDatasetParser()
    for (let at = 0; at < text.length; at += 777) parser.push(text.slice(at, at + 777))
    const data = parser.finish()
    expect(data.split).toEqual(parseCsvDataset(text).split)
    expect(data.split?.filter((s) => s === 1).length).toBe(Math.ceil(5000 / 7))
  })
})

describe('dataBounds', () => {
  it('is min − 1 … max + 1 on each axis, as the notebook plots', () => {
    const d = parseCsvDataset('0,5,0\n-2,1,1\n3,-4,0\n')
    expect(dataBounds(d)).toEqual({ xMin: -3, xMax: 4, yMin: -5, yMax: 6 })
  })
})

describe('CsvDatasetParser', () => {
  const text =
    'x1,x2,label\r\n0.5,-1,0\r\n\r\n2,3e-1,1\n-4,.25,2\r7,8,1\n\n  1.5 , 2.5 , 0  \r\n9,9,3'

  it('gives exactly what parseCsvDataset gives, however the text is cut', () => {
    const whole = parseCsvDataset(text)
    expect(whole.count).toBe(6)
    expect(whole.classes).toBe(4)
    for (let size = 1; size <= text.length; size++) {
      const parser = new CsvDatasetParser()
      for (let at = 0; at < text.length; at += size) parser.push(text.slice(at, at + size))
      const pieces = parser.finish()
      expect(pieces.count, `pieces of ${size}`).toBe(whole.count)
      expect(Array.from(pieces.x)).toEqual(Array.from(whole.x))
      expect(Array.from(pieces.labels)).toEqual(Array.from(whole.labels))
      expect(pieces.classes).toBe(whole.classes)
    }
  })

  it('names the same line as parseCsvDataset when pieces split a bad file, \\r\\n included', () => {
    const bad = 'a,b,c\r\n1,2,0\r\n\r\n3,4\r\n5,6,1\r\n'
    expect(() => parseCsvDataset(bad)).toThrow(/^Line 4: expected 3 values/)
    for (let size = 1; size <= bad.length; size++) {
      const parser = new CsvDatasetParser()
      let error: unknown = null
      try {
        for (let at = 0; at < bad.length; at += size) parser.push(bad.slice(at, at + size))
        parser.finish()
      } catch (caught) {
        error = caught
      }
      expect(error, `pieces of ${size}`).toBeInstanceOf(DatasetError)
      expect((error as DatasetError).line).toBe(4)
    }
  })

  it('counts rows as it goes and reads a last line without a break', () => {
    const parser = new CsvDatasetParser()
    parser.push('x,y,l\n1,2,0\n3,')
    expect(parser.rowCount).toBe(1)
    expect(parser.lineCount).toBe(2)
    parser.push('4,1')
    expect(parser.rowCount).toBe(1)
    const data = parser.finish()
    expect(data.count).toBe(2)
    expect(Array.from(data.x)).toEqual([1, 2, 3, 4])
  })

  it('reads more points than the generators may make, up to MAX_CSV_POINTS', () => {
    expect(MAX_CSV_POINTS).toBeGreaterThanOrEqual(1_000_000)
    const rows = MAX_SAMPLES + 5
    const lines: string[] = []
    for (let i = 0; i < rows; i++) lines.push(`${i},${-i / 2},${i % 3}`)
    const data = parseCsvDataset(lines.join('\n'))
    expect(data.count).toBe(rows)
    expect(data.classes).toBe(3)
    expect(data.x[2 * (rows - 1)]).toBe(rows - 1)
    expect(data.x[2 * (rows - 1) + 1]).toBe(-(rows - 1) / 2)
    expect(data.labels[rows - 1]).toBe((rows - 1) % 3)
  })

  it('refuses a row past MAX_CSV_POINTS, naming its line', () => {
    const parser = new CsvDatasetParser()
    const block = '1,2,0\n'.repeat(100_000)
    let error: unknown = null
    try {
      for (let i = 0; i <= MAX_CSV_POINTS / 100_000; i++) parser.push(block)
    } catch (caught) {
      error = caught
    }
    expect(error).toBeInstanceOf(DatasetError)
    expect((error as DatasetError).line).toBe(MAX_CSV_POINTS + 1)
    expect(parser.rowCount).toBe(MAX_CSV_POINTS)
  })
})
