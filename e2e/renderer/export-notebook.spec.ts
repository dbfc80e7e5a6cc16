// The Jupyter notebook and PyTorch exports, downloaded through the Export menu and run: the
// notebook (nbformat + nbclient, a real kernel) prints the app's Training log line for line, and
// the PyTorch script predicts what the app's NumPy script predicts.
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
