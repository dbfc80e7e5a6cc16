// The Jupyter notebook and PyTorch exports, downloaded through the Export menu and run: the
// notebook (nbformat + nbclient, a real kernel) prints the app's Training log line for line (a
// classifier, a regression run and a standardised regression import), and the PyTorch script
// predicts what the app's NumPy script predicts.
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, ids, test, type LabPage } from './fixtures'

const PYTHON = '/usr/bin/python3'
// Playwright runs from the repository root.
const RUNNER = join(process.cwd(), 'src/shared/export/fixtures/run_notebook.py')

const torchMissing = spawnSync(PYTHON, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0
if (torchMissing)
  console.log(`PyTorch is not importable by ${PYTHON}: the torch script check is skipped.`)

async function grab(page: Page, lab: LabPage, kind: string) {
  await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId(`export-${kind}`).click()
  const file = await download
  return { name: file.suggestedFilename(), path: await file.path() }
}

// Loads both scripts and compares their predictions over the data and a wide grid.
const COMPARE = `
import importlib.machinery, importlib.util, json, sys
import numpy as np
def load(path):
    # Downloads have no .py suffix: name the source loader explicitly.
    name = 'm' + str(abs(hash(path)))
    spec = importlib.util.spec_from_loader(name, importlib.machinery.SourceFileLoader(name, path))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
numpy_model, torch_model = load(sys.argv[1]), load(sys.argv[2])
g = np.linspace(-6, 6, 41)
X = np.vstack([numpy_model.TRAIN_X, np.array([[a, b] for a in g for b in g])])
gap = float(np.max(np.abs(numpy_model.predict(X) - torch_model.predict(X))))
print(json.dumps({'gap': gap, 'rows': len(X)}))
`

test('the Jupyter notebook reprints the Training log and the PyTorch script predicts as the NumPy script', async ({
  lab,
  page
}) => {
  test.setTimeout(240_000)
  await lab.open()
  // 60 epochs: the log prints every 6th; training may finish before any other click.
  await lab.setEpochLimit(60)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(60)
  const log = lab.byId('training-log')
  await expect(log).toContainText('Final Accuracy', { timeout: 60_000 })
  const appLines = (await log.locator('div').allTextContents()).map((line) => line.trimEnd())
  expect(appLines[0]).toBe('Network: 2, 16, 8, 1')
  // Two header lines, ten epoch lines, then the notebook's blank line and its final line.
  expect(appLines).toHaveLength(2 + 10 + 2)
  expect(appLines.at(-2)).toBe('')

  const notebook = await grab(page, lab, 'notebook')
  expect(notebook.name).toBe('Untitled-epoch60-run.ipynb')
  const ran = JSON.parse(
    execFileSync(PYTHON, [RUNNER, notebook.path], { encoding: 'utf8', maxBuffer: 1 << 26 })
  ) as { cells: string[]; errors: string[]; images: number }
  expect(ran.errors).toEqual([])
  expect(ran.images).toBe(3)
  const printed = ran.cells.join('').trimEnd().split('\n')
  const fromNetwork = printed.slice(printed.indexOf('Network: 2, 16, 8, 1'))
  expect(fromNetwork).toEqual(appLines)

  if (torchMissing) {
    test
      .info()
      .annotations.push({ type: 'skip', description: `PyTorch is not importable by ${PYTHON}` })
    return
  }
  const torch = await grab(page, lab, 'torch')
  expect(torch.name).toBe('Untitled-epoch60-torch.py')
  expect(readFileSync(torch.path, 'utf8')).toContain('torch.nn.Sequential(')
  const numpy = await grab(page, lab, 'numpy')
  const compared = JSON.parse(
    execFileSync(PYTHON, ['-c', COMPARE, numpy.path, torch.path], { encoding: 'utf8' })
  ) as { gap: number; rows: number }
  expect(compared.rows).toBe(400 + 41 * 41)
  expect(compared.gap).toBeLessThanOrEqual(1e-12)
})

/** The Training log's lines as the app shows them. */
async function appLog(lab: LabPage): Promise<string[]> {
  return (await lab.byId('training-log').locator('div').allTextContents()).map((l) => l.trimEnd())
}

/** Downloads the notebook, runs it top to bottom in a kernel and returns what it printed from the
 *  network lines on (its Training log). */
async function notebookLog(
  page: Page,
  lab: LabPage,
  firstLine: string,
  settings: string[]
): Promise<string[]> {
  const notebook = await grab(page, lab, 'notebook')
  // The settings the notebook says it repeats (its first cell) are the ones the spec chose.
  const text = readFileSync(notebook.path, 'utf8')
  for (const setting of settings) expect(text).toContain(setting)
  expect(notebook.name).toMatch(/\.ipynb$/)
  const ran = JSON.parse(
    execFileSync(PYTHON, [RUNNER, notebook.path], { encoding: 'utf8', maxBuffer: 1 << 26 })
  ) as { cells: string[]; errors: string[]; images: number }
  expect(ran.errors).toEqual([])
  expect(ran.images).toBe(3) // activations, the data, loss curve + value map
  const printed = ran.cells.join('').trimEnd().split('\n')
  expect(printed).toContain(firstLine)
  return printed.slice(printed.indexOf(firstLine))
}

/** Sets the Test split slider (a range input: fill does not apply) and waits for the rebuilt run. */
async function setTestSplit(lab: LabPage, fraction: number): Promise<void> {
  await lab.byId('split-input').evaluate((element, value) => {
    const input = element as HTMLInputElement
    input.value = String(value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  }, fraction)
  await expect(lab.byId('toggle-test-points')).toBeEnabled()
  await lab.waitForReady()
}

/** Trains to a 60-epoch limit (the log prints every 6th) and returns the app's log. */
async function trainToLimit(lab: LabPage): Promise<string[]> {
  await lab.setEpochLimit(60)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(60)
  await expect(lab.byId('training-log')).toContainText('Final MSE', { timeout: 60_000 })
  const lines = await appLog(lab)
  // Two header lines, ten regression lines (loss, MSE, R²), the blank line and the final line.
  expect(lines).toHaveLength(2 + 10 + 2)
  expect(lines.filter((l) => / \| MSE: \d+\.\d{4} \| R²: -?\d+\.\d{4}$/.test(l))).toHaveLength(10)
  expect(lines.at(-1)).toMatch(/^🎯 Final MSE: \d+\.\d{4} \| R²: -?\d+\.\d{4}$/)
  return lines
}

test('a regression run (gauss-mix, test split, Adam, mini-batches): the notebook prints its log', async ({
  lab,
  page
}) => {
  test.setTimeout(240_000)
  await lab.open()
  await lab.byId('dataset-gauss-mix').click()
  await expect(lab.byId('dataset-gauss-mix')).toHaveAttribute('aria-checked', 'true')
  await lab.waitForReady()
  await setTestSplit(lab, 0.2)
  await lab.byId('optimizer-select').selectOption('adam')
  await lab.byId('batch-select').selectOption('16')
  await expect(lab.byId('batch-select')).toHaveValue('16')
  const appLines = await trainToLimit(lab)
  expect(appLines[0]).toBe('Network: 2, 16, 8, 1')
  const settings = ['linear output, ½·MSE loss', 'Adam', 'mini-batches of 16', 'points held out']
  expect(await notebookLog(page, lab, appLines[0], settings)).toEqual(appLines)
  lab.expectNoErrors()
})

/** A real-valued target of two columns in their own units (metres², years): a regression import. */
const PRICES = [
  'area,age,price',
  ...Array.from({ length: 120 }, (_, i) => {
    const area = 40 + ((i * 37) % 160)
    const age = (i * 13) % 50
    return `${area},${age},${(2 * area - 3 * age + 15 * Math.sin(i * 0.9)) / 100}`
  })
].join('\n')

test('a standardised regression import: the notebook prints its log', async ({ lab, page }) => {
  test.setTimeout(240_000)
  await lab.open()
  const chooser = page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (
    await chooser
  ).setFiles({ name: 'prices.csv', mimeType: 'text/csv', buffer: Buffer.from(PRICES) })
  await expect(lab.byId('import-dialog')).toBeVisible()
  await expect(lab.byId('import-problem-type')).toHaveValue('regression')
  await lab.byId('import-standardize').check()
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('import-dialog')).toBeHidden()
  await expect(lab.byId('data-standardized')).toBeVisible()
  await lab.waitForReady()
  await setTestSplit(lab, 0.25)
  await lab.byId('optimizer-select').selectOption('momentum')
  const appLines = await trainToLimit(lab)
  const settings = ['imported CSV points', 'inputs standardised', 'momentum', 'points held out']
  expect(await notebookLog(page, lab, appLines[0], settings)).toEqual(appLines)
  lab.expectNoErrors()
})
