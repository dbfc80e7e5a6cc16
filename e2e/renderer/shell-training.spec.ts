// Training through the browser host: the worker trains, progress streams to the app, and the
// transport controls (start, pause, step, reset) do what they say.
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

test.beforeEach(async ({ lab }) => {
  await lab.open()
})

test('start: epochs advance and the loss chart grows', async ({ lab }) => {
  // A limit it cannot reach, so the run is still going while we look.
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const emptyInk = await lab.canvasInk(ids.lossCanvas)
  const before = await lab.canvasSignature(ids.lossCanvas)

  await lab.start()
  const first = await lab.waitForEpochAbove(0)
  const later = await lab.waitForEpochAbove(first + 50)
  expect(later).toBeGreaterThan(first)
  // formatLoss: four decimals down to 0.001, then 3.2e-6 (a fast machine gets there first).
  await expect(lab.byId(ids.statLoss)).toHaveText(/^(\d+\.\d{4}|\d\.\de-\d+)$/)

  // The curve is drawn and keeps changing as epochs arrive.
  await expect.poll(() => lab.canvasInk(ids.lossCanvas)).toBeGreaterThan(emptyInk + 100)
  const during = await lab.canvasSignature(ids.lossCanvas)
  expect(during).not.toBe(before)
  await lab.waitForEpochAbove(later + 50)
  await expect.poll(() => lab.canvasSignature(ids.lossCanvas)).not.toBe(during)

  // The worker really sent the progress and maps the app drew.
  const traffic = await lab.traffic()
  expect(traffic.progressEvents).toBeGreaterThan(2)
  expect(traffic.gridEvents).toBeGreaterThan(0)

  await lab.pause()
  await lab.screenshot('shell-training')
  lab.expectNoErrors()
})

test('pause holds the epoch, step trains exactly one, reset goes back to 0', async ({ lab }) => {
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(20)
  await lab.pause()

  // Paused (the trainer confirmed it): the counter stays put.
  const paused = await lab.epoch()
  await lab.page.waitForTimeout(700)
  expect(await lab.epoch()).toBe(paused)

  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(paused + 1)
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(paused + 2)
  await lab.page.waitForTimeout(300)
  expect(await lab.epoch()).toBe(paused + 2)
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')

  const lossAfterSteps = await lab.byId(ids.statLoss).textContent()
  await lab.byId(ids.trainReset).click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId(ids.trainToggle)).toBeEnabled()
  await expect(lab.byId(ids.statLoss)).not.toHaveText(lossAfterSteps ?? '')

  // Reset rebuilds the same seed: training again starts from the same first loss.
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(1)
  const firstLoss = await lab.byId(ids.statLoss).textContent()
  await lab.byId(ids.trainReset).click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(1)
  await expect(lab.byId(ids.statLoss)).toHaveText(firstLoss ?? '')
  lab.expectNoErrors()
})

test('Space starts and pauses training from the keyboard', async ({ lab }) => {
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.page.locator('body').click({ position: { x: 5, y: 5 } })
  await lab.page.keyboard.press('Space')
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'true')
  await lab.waitForEpochAbove(0)
  await lab.page.keyboard.press('Space')
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  lab.expectNoErrors()
})

test('the seed run reaches its epoch limit and logs the final accuracy', async ({ lab }) => {
  await lab.setLiveView(false)
  // A click, not lab.start(): the whole run can finish before "running" is ever seen.
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 45_000 })
  await expect.poll(() => lab.epoch()).toBe(2000)
  await expect(lab.byId(ids.trainingLog)).toContainText('Epoch 2000 |')
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  lab.expectNoErrors()
})

/** 250,000 points on two rings of radius `scale` and 3·`scale`, as CSV text. More than 200,000
 *  points: autosave then keeps away for a minute after each rebuild, so every copy of the run the
 *  trainer sends meanwhile is one the training store asked for (its crash-recovery copies). */
function ringsCsv(scale: number): Buffer {
  const rows = ['x1,x2,label']
  for (let i = 0; i < 250_000; i++) {
    const angle = (i / 250_000) * 2 * Math.PI * 97
    const radius = (i % 2 === 0 ? 1 : 3) * scale
    rows.push(`${radius * Math.cos(angle)},${radius * Math.sin(angle)},${i % 2}`)
  }
  return Buffer.from(rows.join('\n'))
}

async function importCsv(lab: LabPage, name: string, buffer: Buffer): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer })
  await lab.byId('import-dialog-confirm').click()
}

test('a run whose weights overflow keeps its explanation, and the next run is kept for recovery', async ({
  lab
}) => {
  test.setTimeout(120_000)
  // Unscaled data (coordinates near 1e200): the first update overflows the weights to NaN.
  await importCsv(lab, 'unscaled.csv', ringsCsv(1e200))
  await expect(lab.byId('dataset-csv')).toContainText('unscaled.csv', { timeout: 60_000 })
  await lab.waitForReady(60_000)
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.resetTraffic()
  // A click, not lab.start(): the run stops within a couple of epochs.
  await lab.byId(ids.trainToggle).click()
  const notice = lab.byId(ids.runNotice)
  await expect(notice).toContainText('because the loss became', { timeout: 30_000 })
  // The pause asked for a recovery copy and the trainer refused it (the weights are not
  // numbers). That refusal is no news for the learner: the explanation stays.
  await expect.poll(async () => (await lab.traffic()).errorEvents).toBeGreaterThan(0)
  await expect(notice).toContainText('because the loss became')
  await expect(notice).not.toContainText('before saving')

  // Scaled data: a new run, trained a little and paused.
  await importCsv(lab, 'rings.csv', ringsCsv(1))
  await lab.byId('confirm-accept').click()
  await expect(lab.byId('dataset-csv')).toContainText('rings.csv', { timeout: 60_000 })
  await lab.waitForReady(60_000)
  await expect(notice).toHaveCount(0)
  await lab.resetTraffic()
  await lab.start()
  await lab.waitForEpochAbove(2, 60_000)
  await lab.pause()
  // The pause took a fresh recovery copy (autosave is still holding off for this large run).
  await expect.poll(async () => (await lab.traffic()).snapshotEvents).toBeGreaterThan(0)
  const paused = await lab.epoch()
  // And a crash now restores the run exactly there.
  await lab.killTrainer()
  await expect(lab.byId(ids.trainerBanner)).toBeVisible()
  await lab.waitForReady(60_000)
  await expect(lab.byId('restart-notice')).toContainText(
    `restored at epoch ${paused.toLocaleString('en-US')}.`
  )
  lab.expectNoErrors()
})
