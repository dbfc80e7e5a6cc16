// Every dataset can be chosen and trained: pick it (confirming when trained weights would be
// lost), train to a short epoch limit, and see the notebook-style log end in a final accuracy.
import { expect, ids, test, type LabPage } from './fixtures'

const LIMIT = 60

/** Trains the current run to LIMIT epochs and returns the final accuracy line. */
async function trainToLimit(lab: LabPage): Promise<string> {
  await lab.setEpochLimit(LIMIT)
  // Not lab.start(): a 60-epoch run can finish before "running" is ever seen.
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
  expect(await lab.epoch()).toBe(LIMIT)
  const lines = (await lab.byId(ids.trainingLog).innerText()).split('\n').filter(Boolean)
  // A tenth of the limit: lines at epochs 6, 12, … 60, then the final accuracy.
  expect(lines.filter((l) => l.startsWith('Epoch'))).toHaveLength(10)
  expect(lines.at(-2)).toMatch(/^Epoch {3}60 \| Loss: \d+\.\d{4} \| Accuracy: \d+\.\d{2}%$/)
  const final = lines.at(-1) ?? ''
  expect(final).toMatch(/^🎯 Final Accuracy: \d+\.\d{2}%$/)
  return final
}

/** Picks a dataset thumbnail; confirms discarding the trained weights when asked. */
async function pickDataset(lab: LabPage, kind: string, trained: boolean): Promise<void> {
  await lab.byId(`dataset-${kind}`).click()
  if (trained) {
    await expect(lab.byId('confirm-dialog')).toBeVisible()
    await lab.byId('confirm-accept').click()
  }
  await expect(lab.byId(`dataset-${kind}`)).toHaveAttribute('aria-checked', 'true')
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId(ids.trainToggle)).toBeEnabled()
}

test('each generated dataset can be chosen and trained', async ({ lab }) => {
  test.setTimeout(240_000)
  await lab.open()
  let trained = false
  for (const kind of ['xor', 'gauss', 'spiral', 'moons', 'circles']) {
    await pickDataset(lab, kind, trained)
    await trainToLimit(lab)
    trained = true
    if (kind === 'spiral') await lab.screenshot('lab-dataset-spiral')
  }
  lab.expectNoErrors()
})

test('a three-arm spiral trains a softmax network with a per-class map', async ({ lab }) => {
  await lab.open()
  await pickDataset(lab, 'spiral', false)
  await lab.byId('classes-select').selectOption('3')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 3')
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 211')
  await trainToLimit(lab)
  await lab.screenshot('lab-dataset-spiral-3-classes')
  lab.expectNoErrors()
})

test('a CSV file can be imported and trained; a bad file names its line', async ({ lab, page }) => {
  await lab.open()
  const rows = ['x1,x2,label']
  for (let i = 0; i < 40; i++) {
    const angle = (i / 40) * Math.PI * 2
    rows.push(`${(Math.cos(angle) * 0.5).toFixed(3)},${(Math.sin(angle) * 0.5).toFixed(3)},0`)
    rows.push(`${(Math.cos(angle) * 2).toFixed(3)},${(Math.sin(angle) * 2).toFixed(3)},1`)
  }

  const bad = page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (
    await bad
  ).setFiles({
    name: 'broken.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x1,x2,label\n0.1,0.2,0\n0.3,oops,1\n')
  })
  // The import dialog names the line and what to change, and will not import the file.
  await expect(lab.byId('import-problem')).toHaveText(
    `Line 3: "oops" in column 'x2' is not a number: correct it, or choose other input columns.`
  )
  await expect(lab.byId('import-dialog-confirm')).toBeDisabled()
  await lab.byId('import-dialog-cancel').click()
  await expect(lab.byId('dataset-circles')).toHaveAttribute('aria-checked', 'true')

  const good = page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (
    await good
  ).setFiles({
    name: 'rings.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(rows.join('\n'))
  })
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('dataset-csv')).toContainText('rings.csv')
  await expect(lab.byId(ids.statusBar)).toContainText('Custom')
  await expect(lab.byId('samples-input')).toBeDisabled()
  await trainToLimit(lab)
  lab.expectNoErrors()
})

test('sliders follow the keyboard and rebuild the data once they settle', async ({ lab, page }) => {
  await lab.open()
  const samples = lab.byId('samples-input')
  await samples.focus()
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight')
  await expect(samples).toHaveValue('430')
  await expect(lab.page.getByText('Samples 430')).toBeVisible()
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /430 training points/)
  // Space on a focused slider moves nothing and must not start training.
  await page.keyboard.press('Space')
  await page.waitForTimeout(300)
  expect(await lab.epoch()).toBe(0)
  lab.expectNoErrors()
})
