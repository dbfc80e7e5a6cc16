import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { MAX_CSV_POINTS } from '../engine/limits'
import {
  APP_HINTS,
  CsvImportError,
  detectCsvFormat,
  importCsv,
  planCsvImport,
  readCsv,
  type CsvFormat
} from './index'

// Files written by pandas, scikit-learn and a spreadsheet (tests/fixtures/import/make_fixtures.py)
// and what pandas + LabelEncoder read from them (expected.json).
const FIXTURES = join(__dirname, '../../../tests/fixtures/import')
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  {
    inputNames: [string, string]
    labelName: string
    x: number[]
    labels: number[]
    classNames: string[]
    droppedRows: number
  }
>
const fixture = (name: string): string => readFileSync(join(FIXTURES, name), 'utf8')

const FORMATS: Record<string, CsvFormat> = {
  'pandas_index.csv': { delimiter: ',', decimalComma: false, header: true },
  'iris.csv': { delimiter: ',', decimalComma: false, header: true },
  'spreadsheet.csv': { delimiter: ';', decimalComma: true, header: true },
  'tabs.tsv': { delimiter: '\t', decimalComma: false, header: true },
  'spaces.txt': { delimiter: 'spaces', decimalComma: false, header: true },
  'bom_crlf.csv': { delimiter: ',', decimalComma: false, header: true },
  'quoted.csv': { delimiter: ',', decimalComma: false, header: true },
  'no_header.csv': { delimiter: ',', decimalComma: false, header: false },
  'missing.csv': { delimiter: ',', decimalComma: false, header: true }
}

describe('importCsv on files made by pandas, scikit-learn and a spreadsheet', () => {
  it('covers every fixture', () => {
    expect(Object.keys(FORMATS).sort()).toEqual(Object.keys(expected).sort())
  })

  for (const [name, format] of Object.entries(FORMATS)) {
    it(`${name}: the format, columns, points and classes pandas + LabelEncoder read`, () => {
      const want = expected[name]
      const imported = importCsv(fixture(name))
      expect(imported.format).toEqual(format)
      expect(imported.inputNames).toEqual(want.inputNames)
      expect(imported.labelName).toBe(want.labelName)
      expect(imported.classNames).toEqual(want.classNames)
      expect(imported.droppedRows).toBe(want.droppedRows)
      expect(Array.from(imported.data.x)).toEqual(want.x)
      expect(Array.from(imported.data.labels)).toEqual(want.labels)
      expect(imported.data.count).toBe(want.labels.length)
      expect(imported.data.classes).toBe(want.classNames.length)
      expect(imported.data.classNames).toEqual(want.classNames)
      expect(imported.data.inputNames).toEqual(want.inputNames)
    })
  }

  it('never takes an index or id column as an input', () => {
    expect(importCsv(fixture('pandas_index.csv')).columns[0].role).toBe('index')
    expect(importCsv(fixture('missing.csv')).columns[0]).toMatchObject({
      name: 'id',
      role: 'index'
    })
  })

  it('reads the same points however PapaParse cuts the text into chunks', () => {
    const text = fixture('quoted.csv')
    const whole = importCsv(text)
    for (const chunkChars of [7, 64, 1000]) {
      const pieces = readCsv(text, planCsvImport(text), { chunkChars })
      expect(Array.from(pieces.data.x)).toEqual(Array.from(whole.data.x))
      expect(Array.from(pieces.data.labels)).toEqual(Array.from(whole.data.labels))
    }
  })
})

describe('class order', () => {
  const cases: [string, string[], boolean][] = [
    ['strings', ['virginica', 'setosa', 'versicolor', 'setosa'], false],
    ['-1/+1', ['+1', '-1', '1', '-1'], true],
    ['1/2', ['2', '1', '2'], true],
    ['numbers past 9', ['10', '9', '2', '10'], true],
    ['yes/no', ['yes', 'no', 'yes'], false],
    ['booleans', ['True', 'False', 'True'], false],
    ['lowercase booleans', ['true', 'false'], false],
    ['mixed case text', ['b', 'B', 'a', 'A'], false]
  ]
  /** LabelEncoder().fit(values).classes_ for every case, computed by scikit-learn in one run. */
  let sklearnClasses: string[][] = []
  beforeAll(() => {
    const script = `
import json, sys
from sklearn.preprocessing import LabelEncoder
out = []
for values, numeric in json.loads(sys.argv[1]):
    if numeric: values = [float(v) for v in values]
    out.append([str(int(c)) if numeric else str(c) for c in LabelEncoder().fit(values).classes_])
print(json.dumps(out))
`
    const input = JSON.stringify(cases.map(([, values, numeric]) => [values, numeric]))
    sklearnClasses = JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', script, input], { encoding: 'utf8' })
    ) as string[][]
  })

  cases.forEach(([what, values, numeric], index) => {
    it(`${what}: the order of scikit-learn's LabelEncoder`, () => {
      const text = 'x1,x2,label\n' + values.map((v, i) => `${i},${i * 2},${v}`).join('\n')
      const imported = importCsv(text)
      expect(imported.classNames).toEqual(sklearnClasses[index])
      const names = Array.from(imported.data.labels, (l) => imported.classNames[l])
      expect(names).toEqual(values.map((v) => (numeric ? String(Number(v)) : v)))
    })
  })
})

describe('detectCsvFormat', () => {
  it('tells a semicolon file with decimal commas from a comma file', () => {
    expect(detectCsvFormat('a;b;c\n1,5;2,25;0\n3;4,5;1\n')).toEqual({
      delimiter: ';',
      decimalComma: true,
      header: true
    })
    expect(detectCsvFormat('1.5,2,0\n3,4,1\n')).toEqual({
      delimiter: ',',
      decimalComma: false,
      header: false
    })
  })
  it('sees a header by a named numeric column, even with a text label', () => {
    expect(detectCsvFormat('x,y,kind\n1,2,cat\n3,4,dog\n').header).toBe(true)
    expect(detectCsvFormat('1,2,cat\n3,4,dog\n').header).toBe(false)
  })
})

describe('messages say the line and what to change', () => {
  const fails = (text: string, request = {}): CsvImportError => {
    try {
      importCsv(text, request)
    } catch (error) {
      expect(error).toBeInstanceOf(CsvImportError)
      return error as CsvImportError
    }
    throw new Error('imported')
  }

  it('a forced delimiter the file does not use', () => {
    expect(fails('a;b;c\n1;2;0\n3;4;1\n', { format: { delimiter: ',' } }).message).toBe(
      "The file uses ';' between values: pass --delimiter ';'."
    )
    expect(
      fails('a;b;c\n1;2;0\n3;4;1\n', { format: { delimiter: ',' }, hints: APP_HINTS }).message
    ).toBe("The file uses ';' between values: choose ';' as the delimiter.")
  })
  it('a value that is not a number, with its line and column', () => {
    const error = fails('x1,x2,label\n0,1,0\n2,oops,1\n')
    expect(error.line).toBe(3)
    expect(error.message).toBe(
      `Line 3: "oops" in column 'x2' is not a number: correct it, or pass --x-columns A,B.`
    )
  })
  it('real numbers as labels, when classification is asked for (else: regression)', () => {
    expect(fails('a,b,price\n1,2,3.25\n2,3,4\n', { problem: 'classification' }).message).toBe(
      "Column 'price' holds real numbers (such as 3.25); classification needs labels (classes such as 0/1, yes/no or names): pass --label-column C."
    )
  })
  it('too many classes, and one class', () => {
    const many = Array.from({ length: 12 }, (_, i) => `${i},${i},c${i}`).join('\n')
    expect(fails('a,b,c\n' + many).message).toMatch(
      /has 12 different values, but a run has at most/
    )
    expect(fails('a,b,c\n1,2,x\n3,4,x\n').message).toMatch(/holds one value \('x'\) in every row/)
  })
  it('a column that is not there lists the ones that are', () => {
    expect(fails('a,b,c\n1,2,0\n3,4,1\n', { columns: { label: 'kind' } }).message).toBe(
      "The file has no column 'kind' (its columns: 'a', 'b', 'c'): pass --label-column C."
    )
  })
  it('one column only', () => {
    expect(fails('1\n2\n3\n').message).toMatch(/^Line 1 has one column/)
  })
  it('extra values on a line', () => {
    const error = fails('a,b,c\n1,2,0\n3,4,1,9\n')
    expect(error.message).toMatch(/^Line 3: found 4 values where the file has 3 columns/)
  })
  it('an unclosed quote', () => {
    expect(fails('a,b,c\n1,2,0\n"3,4,1\n5,6,1\n').message).toMatch(/quoted value is not closed/)
  })
  it(`more than ${MAX_CSV_POINTS} points`, () => {
    const rows = new Array<string>(MAX_CSV_POINTS + 1)
    for (let i = 0; i < rows.length; i++) rows[i] = `${i % 97},${i % 89},${i % 2}`
    const error = fails('a,b,c\n' + rows.join('\n'))
    expect(error.line).toBe(MAX_CSV_POINTS + 2)
  })
})

describe('the split column and the app’s own exports', () => {
  it('keeps a train/test column', () => {
    const data = importCsv('x1,x2,label,split\n1,2,0,train\n3,4,1,TEST\n5,6,1, train \n').data
    expect(data.split).toEqual(Uint8Array.of(0, 1, 0))
    expect(importCsv('1,2,0,test\n3,4,1,train\n5,6,0,train\n').data.split).toEqual(
      Uint8Array.of(1, 0, 0)
    )
  })
  it('refuses a split with no training row', () => {
    expect(() => importCsv('1,2,0,test\n3,4,1,test\n')).toThrow(
      /at least one point must be for training/
    )
  })
  it('chosen columns override the defaults, by name or number', () => {
    const text = fixture('iris.csv')
    const imported = importCsv(text, {
      columns: { x: ['petal length (cm)', '4'], label: 'species' }
    })
    expect(imported.inputNames).toEqual(['petal length (cm)', 'petal width (cm)'])
    expect(imported.data.x[0]).toBe(1.4)
    expect(imported.data.x[1]).toBe(0.2)
  })
})
