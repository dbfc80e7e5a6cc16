// The regression problem type in the app's views (issue 16): plane chosen through the Data panel,
// trained to its epoch limit; the top bar's MSE and R² and the log's final line equal NumPy's
// computation from the run's exported data and weights (the NumPy script's forward pass, the
// metrics computed here), the map shows its value legend and the second chart is R².
import { execFileSync } from 'node:child_process'
import type { Page } from '@playwright/test'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTIFACTS_DIR, expect, ids, test, type LabPage } from './fixtures'

const PYTHON = '/usr/bin/python3'

async function grab(page: Page, lab: LabPage, kind: string): Promise<string> {
  await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId(`export-${kind}`).click()
  return (await (await download).path()) as string
}

// Loads the exported NumPy script (its weights, points and targets) and computes MSE and R²
// with NumPy from its predictions, not with the script's own metric functions.
const METRICS = `
import importlib.machinery, importlib.util, json, sys
import numpy as np
name = 'exported_regression'
spec = importlib.util.spec_from_loader(name, importlib.machinery.SourceFileLoader(name, sys.argv[1]))
m = importlib.util.module_from_spec(spec)
spec.loader.exec_module(m)
y = m.TRAIN_Y
residual = y - m.predict(m.TRAIN_X)
mse = float(np.mean(residual ** 2))
r2 = float(1 - np.sum(residual ** 2) / np.sum((y - y.mean()) ** 2))
largest = float(np.max(np.abs(np.concatenate([m.TRAIN_Y, m.TEST_Y]))))
print(json.dumps({'mse': mse, 'r2': r2, 'mse4': f'{mse:.4f}', 'r24': f'{r2:.4f}',
                  'largest': largest, 'output': m.OUTPUT, 'count': len(y)}))
`

test('plane: the top bar and the log report NumPy’s MSE and R², the map its value scale', async ({
  lab,
  page
}) => {
  test.setTimeout(180_000)
  await lab.open()
  await lab.byId('dataset-plane').click()
  await expect(lab.byId('dataset-plane')).toHaveAttribute('aria-checked', 'true')
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId(ids.trainToggle)).toBeEnabled()

  // Before training: the views already speak of regression.
  await expect(page.locator('#boundary-heading')).toHaveText('Predicted value')
  await expect(lab.byId('value-legend')).toBeVisible()
  await expect(lab.byId(ids.accuracyCanvas)).toHaveAttribute('aria-label', 'R² against epoch')
  const stats = page.locator('.stats')
  await expect(stats).toContainText('MSE now')
  await expect(stats).toContainText('R² now')
  await expect(stats).not.toContainText('Acc.')

  await expect(lab.byId('output-note')).toHaveText('Linear · ½·MSE')

  // TF Playground's regression rate (0.03): the notebook's 0.1 overshoots on the plane's range.
  await lab.byId('lr-input').fill('0.03')
  await lab.byId('lr-input').blur()
  await lab.setEpochLimit(300)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(300)
  const log = lab.byId(ids.trainingLog)
  await expect(log).toContainText('Final MSE', { timeout: 60_000 })
  const lines = (await log.locator('div').allTextContents()).map((line) => line.trimEnd())
  // The CLI's regression lines: loss, MSE = 2 × loss, R².
  expect(lines.at(-2)).toBe('')
  const epochLines = lines.filter((l) => l.startsWith('Epoch'))
  expect(epochLines).toHaveLength(10)
  for (const line of epochLines) {
    const match =
      /^Epoch +\d+ \| Loss: (\d+\.\d{4}) \| MSE: (\d+\.\d{4}) \| R²: (-?\d+\.\d{4})$/.exec(line)
    expect(match, line).not.toBeNull()
    // MSE is twice the loss (both rounded to 4 decimals from the same number).
    expect(Math.abs(Number(match?.[2]) - 2 * Number(match?.[1]))).toBeLessThanOrEqual(1.5e-4)
  }

  const script = await grab(page, lab, 'numpy')
  const expected = JSON.parse(
    execFileSync(PYTHON, ['-c', METRICS, script], { encoding: 'utf8' })
  ) as {
    mse: number
    r2: number
    mse4: string
    r24: string
    largest: number
    output: string
    count: number
  }
  expect(expected.output).toBe('linear')
  expect(expected.count).toBeGreaterThan(0)
  expect(lines.at(-1)).toBe(`🎯 Final MSE: ${expected.mse4} | R²: ${expected.r24}`)
  // The top bar: the same final weights, MSE and R² to 4 decimals.
  const mseNow = Number(await lab.byId(ids.statLoss).textContent())
  const r2Now = Number(await lab.byId(ids.statAccuracy).textContent())
  expect(Math.abs(mseNow - expected.mse)).toBeLessThanOrEqual(5e-5 + 1e-12)
  expect(Math.abs(r2Now - expected.r2)).toBeLessThanOrEqual(5e-5 + 1e-12)
  expect(expected.r2).toBeGreaterThan(0.5) // a plane is learnt in 300 epochs

  // The legend's ends: symmetric, covering every target.
  const low = Number(await lab.byId('value-legend-min').textContent())
  const high = Number(await lab.byId('value-legend-max').textContent())
  expect(low).toBe(-high)
  expect(high).toBeGreaterThanOrEqual(expected.largest)
  expect(high).toBeLessThanOrEqual(1.25 * expected.largest)
  // Compare runs: the table names MSE and R² and shows the top bar's figures; no confusion matrix.
  await lab.byId('pin-run').click()
  const table = lab.byId('compare-table')
  await expect(table.locator('thead')).toContainText('MSE')
  await expect(table.locator('thead')).toContainText('R²')
  await expect(
    table.getByTestId('compare-row-1').locator('[data-col="train-accuracy"]')
  ).toHaveText((await lab.byId(ids.statAccuracy).textContent()) ?? '')
  await expect(lab.byId('confusion-panel')).toHaveCount(0)
  await expect(lab.byId('analysis-confusion')).toHaveCount(0)
  await lab.screenshot('regression-plane')
  lab.expectNoErrors()
})

// For looking at: the lab and the exported map figure of a trained gauss-mix run at both window
// sizes, light and dark (e2e/artifacts/regression-*.png).
for (const size of [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 }
]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`gauss-mix at ${size.width}×${size.height}, ${scheme}: screenshots and the map figure`, async ({
      lab,
      page
    }) => {
      test.setTimeout(120_000)
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await lab.open()
      await lab.byId('dataset-gauss-mix').click()
      await expect(lab.byId('dataset-gauss-mix')).toHaveAttribute('aria-checked', 'true')
      await expect(lab.byId(ids.trainToggle)).toBeEnabled()
      await lab.byId('split-input').fill('0.2')
      await lab.byId('lr-input').fill('0.03')
      await lab.byId('lr-input').blur()
      await lab.setEpochLimit(400)
      await expect(lab.byId(ids.trainToggle)).toBeEnabled()
      await lab.byId(ids.trainToggle).click()
      await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(400)
      await expect(lab.byId(ids.trainingLog)).toContainText('Final MSE', { timeout: 60_000 })
      await lab.screenshot(`regression-${size.width}x${size.height}-${scheme}`)
      await lab.byId('export-toggle').click()
      const download = page.waitForEvent('download')
      await lab.byId('export-figure-boundary').click()
      const file = await download
      mkdirSync(ARTIFACTS_DIR, { recursive: true })
      writeFileSync(
        join(ARTIFACTS_DIR, `regression-figure-${size.width}-${scheme}.png`),
        readFileSync(await file.path())
      )
      lab.expectNoErrors()
    })
  }
}
