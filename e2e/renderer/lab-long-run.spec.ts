// A 100,000-epoch run: the curves stay drawn (decimated), the log follows the limit's interval and
// the UI keeps answering. The main-thread figures are written to e2e/artifacts for reading, not
// asserted: this machine's load decides them more than the code does.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { ARTIFACTS_DIR, expect, ids, test } from './fixtures'

test('a 100,000-epoch run keeps the curves and the log readable', async ({ lab }) => {
  test.setTimeout(240_000)
  await lab.open()
  await lab.setEpochLimit(100_000)
  await lab.resetLongTasks()
  const started = Date.now()
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 200_000 })
  const seconds = (Date.now() - started) / 1000
  expect(await lab.epoch()).toBe(100_000)

  const lines = (await lab.byId(ids.trainingLog).innerText()).split('\n').filter(Boolean)
  expect(lines.filter((l) => l.startsWith('Epoch'))).toHaveLength(10)
  expect(lines).toContain('Epoch 100000 | Loss: 0.0000 | Accuracy: 100.00%')

  // The curves are drawn on both scales (each repaint lands on a later animation frame).
  await expect.poll(() => lab.canvasInk(ids.lossCanvas)).toBeGreaterThan(2000)
  const linear = await lab.settledSignature(ids.lossCanvas)
  await lab.byId('loss-scale-log').click()
  await expect.poll(() => lab.canvasSignature(ids.lossCanvas)).not.toBe(linear)
  await expect.poll(() => lab.canvasInk(ids.lossCanvas)).toBeGreaterThan(2000)

  const longTasks = await lab.longTasks()
  writeFileSync(
    join(ARTIFACTS_DIR, 'lab-long-run.json'),
    JSON.stringify({ epochs: 100_000, seconds, longTasks }, null, 2)
  )
  await lab.screenshot('lab-long-run')
  lab.expectNoErrors()
})
