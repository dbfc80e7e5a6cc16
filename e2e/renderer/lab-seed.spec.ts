// The "Seed notebook" preset is what the lab opens with, and it reproduces the notebook's run:
// the same printed lines, number for number, ending in "🎯 Final Accuracy: 100.00%".
import { expect, ids, seedNotebookReference, test } from './fixtures'

const reference = seedNotebookReference()

/** The notebook's lines from "Network: …" to the final accuracy (the app has no setup/shape prints). */
const notebookLines = reference.printed.filter(
  (line) =>
    line.startsWith('Network:') ||
    line.startsWith('Total parameters:') ||
    line.startsWith('Epoch') ||
    line.includes('Final Accuracy')
)

test('the seed preset is the default and trains to the notebook’s log, line for line', async ({
  lab,
  page
}) => {
  test.setTimeout(180_000)
  await lab.open()

  await expect(lab.byId(ids.presetSelect)).toHaveValue('seed-notebook')
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 193')
  await expect(lab.byId(ids.trainingLog)).toHaveText(/Network: 2, 16, 8, 1\s*Total parameters: 193/)
  await expect(lab.byId(ids.epochLimit)).toHaveValue('2000')
  await expect(lab.byId('lr-input')).toHaveValue('0.1')
  await expect(lab.byId('batch-select')).toHaveValue('full')

  // A click, not lab.start(): the whole run can finish before "running" is ever seen.
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('🎯 Final Accuracy: 100.00%', {
    timeout: 150_000
  })
  expect(await lab.epoch()).toBe(2000)
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  await expect(lab.byId(ids.statAccuracy)).toHaveText('100.00%')

  const lines = (await lab.byId(ids.trainingLog).innerText()).split('\n').filter((l) => l !== '')
  expect(notebookLines.length).toBe(13)
  expect(lines).toEqual(notebookLines)

  // At the limit Start is disabled (raise the limit or reset to go on).
  await expect(lab.byId(ids.trainToggle)).toBeDisabled()

  await lab.screenshot('lab-seed-trained')
  lab.expectNoErrors()
  void page
})

test('Copy puts the whole log on the clipboard', async ({ lab, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await lab.open()
  await lab.byId('copy-log').click()
  await expect(lab.byId('copy-log')).toHaveText('Copied')
  const text = await page.evaluate(() => navigator.clipboard.readText())
  expect(text).toBe('Network: 2, 16, 8, 1\nTotal parameters: 193\n')
})
