// The import decides classification vs regression from the label column (problemType.ts); the
// learner's choice overrides it; regression rows keep their real targets.
import { describe, expect, it } from 'vitest'
import { TrainingRun } from '../engine/train'
import { SEED_NOTEBOOK } from '../engine/presets'
import type { RunConfig } from '../engine/types'
import { APP_HINTS, CsvImportError, importCsv, planCsvImport } from './index'

const REAL = 'x1,x2,price\n0,1,3.25\n1,0,-1.5\n2,2,0\n3,1,7\n'

describe('the problem type of an imported file', () => {
  it('a column with a fractional number is a regression target, kept as is', () => {
    const imported = importCsv(REAL)
    expect(imported.problem).toBe('regression')
    expect(imported.detectedProblem).toBe('regression')
    expect([...(imported.data.targets as Float64Array)]).toEqual([3.25, -1.5, 0, 7])
    // Labels are the sign classes; there are no class names.
    expect([...imported.data.labels]).toEqual([1, 0, 0, 1])
    expect(imported.data.classes).toBe(2)
    expect(imported.classNames).toEqual([])
    expect(imported.data.classNames).toBeUndefined()
    expect(imported.data.inputNames).toEqual(['x1', 'x2'])
  })

  it('more whole numbers than a run has classes is a regression target too', () => {
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${i * 10}`).join('\n')
    expect(planCsvImport('a,b,score\n' + rows).problem).toBe('regression')
  })

  it('labels such as 0/1, names or a few whole numbers are classes', () => {
    expect(planCsvImport('a,b,label\n1,2,0\n3,4,1\n').problem).toBe('classification')
    expect(planCsvImport('a,b,kind\n1,2,cat\n3,4,dog\n').problem).toBe('classification')
    expect(planCsvImport('a,b,kind\n1,2,3\n3,4,7\n5,6,3\n').problem).toBe('classification')
  })

  it('the learner overrides the choice both ways', () => {
    const asClasses = planCsvImport('a,b,label\n1,2,0\n3,4,1\n', { problem: 'regression' })
    expect(asClasses.problem).toBe('regression')
    expect(asClasses.detectedProblem).toBe('classification')
    const imported = importCsv('a,b,label\n1,2,0\n3,4,1\n', { problem: 'regression' })
    expect([...(imported.data.targets as Float64Array)]).toEqual([0, 1])
    expect(importCsv(REAL, { problem: 'classification', columns: { label: 'x2' } }).problem).toBe(
      'classification'
    )
  })

  it('a target that is not a number names its line and what to change', () => {
    try {
      importCsv('a,b,y\n1,2,0.5\n3,4,oops\n', { problem: 'regression', hints: APP_HINTS })
      throw new Error('imported')
    } catch (error) {
      expect(error).toBeInstanceOf(CsvImportError)
      expect((error as CsvImportError).message).toBe(
        `Line 3: "oops" in column 'y' is not a number, but a regression target must be: correct it, or choose another label column.`
      )
    }
  })

  it('a regression import trains a linear-output run', () => {
    const imported = importCsv(REAL)
    const config: RunConfig = structuredClone(SEED_NOTEBOOK)
    config.dataset = { ...config.dataset, kind: 'csv', samples: 4 }
    config.network = { ...config.network, output: 'linear' }
    const run = TrainingRun.create(config, imported.data)
    const stats = run.trainEpoch()
    expect(Number.isFinite(stats.loss)).toBe(true)
    expect(run.train.targets).toHaveLength(4)
  })
})

describe('why the import chose the problem type', () => {
  it('names what in the label column decided it', () => {
    expect(planCsvImport(REAL).problemReason).toBe(
      'The label column holds numbers with a fraction (3.25), so it is a value to predict.'
    )
    const rows = Array.from({ length: 12 }, (_, i) => `${i},${i % 3},${i * 10}`).join('\n')
    expect(planCsvImport('a,b,score\n' + rows).problemReason).toMatch(
      /^The label column holds 12 different whole numbers, more than the \d+ classes/
    )
    expect(planCsvImport('a,b,kind\n1,2,cat\n3,4,dog\n').problemReason).toBe(
      'The label column holds names, so each names a class.'
    )
    expect(planCsvImport('a,b,label\n1,2,0\n3,4,1\n').problemReason).toBe(
      'The label column holds 2 different whole numbers, so each names a class.'
    )
  })

  it('gives the reason of the detection, not of an override', () => {
    const layout = planCsvImport('a,b,label\n1,2,0\n3,4,1\n', { problem: 'regression' })
    expect(layout.problem).toBe('regression')
    expect(layout.problemReason).toMatch(/so each names a class\.$/)
  })
})
