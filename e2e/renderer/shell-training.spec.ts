// Training through the browser host: the worker trains, progress streams to the app, and the
// transport controls (start, pause, step, reset) do what they say.
import { expect, ids, test } from './fixtures'

test.beforeEach(async ({ lab }) => {
  await lab.open()
})

test('start: epochs advance and the loss chart grows', async ({ lab }) => {
  // A long limit so the run is still going while we look.
  await lab.setEpochLimit(200_000)
  const emptyInk = await lab.canvasInk(ids.lossCanvas)
  const before = await lab.canvasSignature(ids.lossCanvas)

  await lab.start()
  const first = await lab.waitForEpochAbove(0)
  const later = await lab.waitForEpochAbove(first + 50)
  expect(later).toBeGreaterThan(first)
  await expect(lab.byId(ids.statLoss)).toHaveText(/^\d+\.\d{4}$/)

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
  await lab.setEpochLimit(200_000)
  await lab.start()
  await lab.waitForEpochAbove(20)
  await lab.pause()

  // Paused: the counter settles and then stays put.
  await lab.page.waitForTimeout(300)
  const paused = await lab.epoch()
  await lab.page.waitForTimeout(700)
  expect(await lab.epoch()).toBe(paused)

  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(paused + 1)
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(paused + 2)
  await lab.page.waitForTimeout(300)
  expect(await lab.epoch()).toBe(paused + 2)
  expect(await lab.isRunning()).toBe(false)

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
  await lab.setEpochLimit(200_000)
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
  await lab.start()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 45_000 })
  expect(await lab.epoch()).toBe(2000)
  await expect(lab.byId(ids.trainingLog)).toContainText('Epoch 2000 |')
  expect(await lab.isRunning()).toBe(false)
  lab.expectNoErrors()
})
