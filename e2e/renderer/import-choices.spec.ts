// The import dialog's choices for the run (issue 12): "Standardise inputs (z-score)" is kept with
// the run (the session's DatasetSpec.standardize and the network's fitted mean and scale, which
// NumPy computes the same from the file) and survives a save and reopen; the Problem choice
// defaults to what the import detected and says why.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, FAR_EPOCH_LIMIT, test, type LabPage } from './fixtures'

const FIXTURES = join(__dirname, '..', '..', 'tests', 'fixtures', 'import')

interface SavedRun {
  config: {
    dataset: { kind: string; standardize?: boolean; testFraction: number }
    network: { standardize?: { mean: number[]; scale: number[] } }
  }
}

async function chooseFile(lab: LabPage, path: string): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (await chooser).setFiles(path)
  await expect(lab.byId('import-dialog')).toBeVisible()
}

async function save(page: Page, lab: LabPage): Promise<string> {
  const download = page.waitForEvent('download')
  await lab.byId('session-save').click()
  return readFileSync(await (await download).path(), 'utf8')
}

/** StandardScaler's mean and scale of the file's two input columns, by NumPy (ddof = 0). */
function numpyScaler(file: string): { mean: number[]; scale: number[] } {
  const script = `
import json, sys
import pandas as pd
import numpy as np
X = pd.read_csv(sys.argv[1], index_col=0)[['x1', 'x2']].to_numpy(dtype=float)
s = X.std(axis=0)
print(json.dumps({'mean': X.mean(axis=0).tolist(), 'scale': np.where(s == 0, 1, s).tolist()}))
`
  const ran = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })
  expect(ran.stderr).toBe('')
  return JSON.parse(ran.stdout) as { mean: number[]; scale: number[] }
}

test('standardised inputs are kept with the run, in the session and after reopening it', async ({
  lab,
  page
}) => {
  const file = join(FIXTURES, 'pandas_index.csv')
  await lab.open()
  await chooseFile(lab, file)
  await expect(lab.byId('import-problem-type')).toHaveValue('classification')
  await expect(lab.byId('import-problem-reason')).toHaveText(
    'Detected: classification. The label column holds 2 different whole numbers, so each names a class.'
  )
  const box = lab.byId('import-standardize')
  await expect(box).not.toBeChecked()
  await box.check()
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('import-dialog')).toBeHidden()
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('data-standardized')).toBeVisible()
  await lab.waitForReady()

  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(5)
  await lab.pause()
  expect(await lab.canvasInk('boundary-canvas')).toBeGreaterThan(0)

  // The session holds the request and the transform fitted on the (all training) points.
  const text = await save(page, lab)
  const run = (JSON.parse(text) as { run: SavedRun }).run
  expect(run.config.dataset.standardize).toBe(true)
  expect(run.config.dataset.testFraction).toBe(0)
  const want = numpyScaler(file)
  const fitted = run.config.network.standardize!
  for (let j = 0; j < 2; j++) {
    expect(fitted.mean[j]).toBeCloseTo(want.mean[j], 12)
    expect(fitted.scale[j]).toBeCloseTo(want.scale[j], 12)
  }

  // Start over (no standardisation on generated points), then reopen the saved run.
  await lab.byId('file-menu').click()
  await lab.byId('session-new').click()
  await expect(lab.byId('dataset-circles')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('data-standardized')).toHaveCount(0)
  const chooser = page.waitForEvent('filechooser')
  await lab.byId('file-menu').click()
  await lab.byId('session-open').click()
  await (
    await chooser
  ).setFiles({ name: 'scaled.nnlab', mimeType: 'application/json', buffer: Buffer.from(text) })
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('data-standardized')).toBeVisible()

  // Training on after reopening keeps the same transform (it is part of the model).
  await lab.start()
  await lab.waitForEpochAbove((await lab.epoch()) + 3)
  await lab.pause()
  const again = (JSON.parse(await save(page, lab)) as { run: SavedRun }).run
  expect(again.config.dataset.standardize).toBe(true)
  expect(again.config.network.standardize).toEqual(fitted)
  lab.expectNoErrors()
})

test('the Problem choice starts at what was detected, says why, and can be overridden', async ({
  lab
}) => {
  await lab.open()
  await chooseFile(lab, join(FIXTURES, 'iris.csv'))
  await expect(lab.byId('import-problem-type')).toHaveValue('classification')
  await expect(lab.byId('import-problem-reason')).toHaveText(
    'Detected: classification. The label column holds names, so each names a class.'
  )
  // A label column of real numbers: detected as a value to predict.
  await lab.byId('import-label').selectOption({ label: 'petal length (cm)' })
  await expect(lab.byId('import-problem-type')).toHaveValue('regression')
  await expect(lab.byId('import-problem-reason')).toHaveText(
    /Detected: regression\. The label column holds numbers with a fraction \(\d\.\d\), so it is a value to predict\.$/
  )
  await expect(lab.byId('import-target')).toContainText("A value to predict, 'petal length (cm)'")
  await expect(lab.byId('import-dialog-confirm')).toBeEnabled()
  // Forcing classes on it says what to change, and Import waits.
  await lab.byId('import-problem-type').selectOption('classification')
  await expect(lab.byId('import-problem')).toContainText(
    "Column 'petal length (cm)' holds real numbers"
  )
  await expect(lab.byId('import-dialog-confirm')).toBeDisabled()
  // Back to the names: the detection's choice again.
  await lab.byId('import-label').selectOption({ label: 'species' })
  await expect(lab.byId('import-problem-type')).toHaveValue('classification')
  await expect(lab.byId('import-dialog-confirm')).toBeEnabled()
  await lab.screenshot('import-dialog-problem-choice')
  lab.expectNoErrors()
})

test('a file imported as Regression gets one linear output on its label values', async ({
  lab,
  page
}) => {
  await lab.open()
  await chooseFile(lab, join(FIXTURES, 'iris.csv'))
  await lab.byId('import-label').selectOption({ label: 'petal length (cm)' })
  await expect(lab.byId('import-problem-type')).toHaveValue('regression')
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('import-dialog')).toBeHidden()
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await lab.waitForReady()
  await expect(page.locator('li.layer.fixed .layer-size').last()).toHaveText('1')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 1')
  lab.expectNoErrors()
})
