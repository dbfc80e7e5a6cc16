// The live views: the boundary map's pixels change as training goes (read back from its canvas),
// its toggles repaint it, the curves grow and switch to a log axis; screenshots of the main views
// in light and dark, from 1024×700 up.
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

/** RGBA of the boundary map (its grid under the chart) at a fraction of its size. */
function pixelAt(lab: LabPage, fx: number, fy: number): Promise<number[]> {
  return lab.canvasPixel(ids.boundaryCanvas, fx, fy)
}

test('the boundary map repaints as the network learns', async ({ lab }) => {
  await lab.open()
  await expect.poll(() => lab.canvasInk(ids.boundaryCanvas)).toBeGreaterThan(10_000)
  const before = await lab.settledSignature(ids.boundaryCanvas)

  // Learning rate 0.01 (kept weights, update-training) slows learning enough to catch it mid-way.
  await lab.byId('lr-input').fill('0.01')
  await lab.byId('lr-input').press('Enter')
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(100)
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(before)
  const during = await lab.canvasSignature(ids.boundaryCanvas)
  await lab.waitForEpochAbove(20_000, 60_000)
  await lab.pause()
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(during)
  // The map as of the pause, painted.
  const after = await lab.settledSignature(ids.boundaryCanvas)

  // Trained on the circles: the centre of the plane is class 0 (blue), a corner class 1 (red).
  const centre = await pixelAt(lab, 0.55, 0.45)
  const corner = await pixelAt(lab, 0.9, 0.1)
  expect(centre[2]).toBeGreaterThan(centre[0])
  expect(corner[0]).toBeGreaterThan(corner[2])

  await lab.byId('toggle-discretize').check()
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(after)
  await lab.byId('toggle-discretize').uncheck()
  lab.expectNoErrors()
})

test('test points can be shown and hidden', async ({ lab, page }) => {
  await lab.open()
  // No test split: nothing to show, so the box is off (not checked-and-grey) and no legend entry.
  await expect(lab.byId('toggle-test-points')).toBeDisabled()
  await expect(lab.byId('toggle-test-points')).not.toBeChecked()
  await expect(page.locator('.boundary .legend')).not.toContainText('test')
  await lab.byId('split-input').fill('0.3')
  await lab.byId('split-input').dispatchEvent('change')
  await expect(lab.byId('toggle-test-points')).toBeEnabled()
  await expect(lab.byId('toggle-test-points')).toBeChecked()
  await expect(page.locator('.boundary .legend')).toContainText('test')
  const withTest = await lab.settledSignature(ids.boundaryCanvas)
  await lab.byId('toggle-test-points').uncheck()
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(withTest)
  await lab.byId('toggle-test-points').check()

  await lab.setEpochLimit(300)
  // A click, not lab.start(): a short run may finish before "running" is ever seen.
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
  await expect(lab.byId('stat-test-accuracy')).toHaveText(/^\d+\.\d{2}%$/)
  await expect(lab.byId('stat-test-loss')).toHaveText(/^\d+\.\d{4}$/)
  await lab.screenshot('lab-test-split')
  lab.expectNoErrors()
})

test('the curves grow while training and switch to a log axis', async ({ lab }) => {
  await lab.open()
  const empty = await lab.canvasInk(ids.lossCanvas)
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(300)
  await lab.pause()
  await expect.poll(() => lab.canvasInk(ids.lossCanvas)).toBeGreaterThan(empty)
  await expect.poll(() => lab.canvasInk(ids.accuracyCanvas)).toBeGreaterThan(0)
  const linear = await lab.settledSignature(ids.lossCanvas)
  await lab.byId('loss-scale-log').click()
  await expect(lab.byId('loss-scale-log')).toHaveAttribute('aria-pressed', 'true')
  await expect.poll(() => lab.canvasSignature(ids.lossCanvas)).not.toBe(linear)
  lab.expectNoErrors()
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the trained lab (${scheme})`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await lab.open()
    await lab.byId('split-input').fill('0.2')
    await lab.byId('split-input').dispatchEvent('change')
    await lab.setEpochLimit(800)
    await lab.byId(ids.trainToggle).click()
    await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
    await page.waitForTimeout(300)
    await lab.screenshot(`lab-main-${scheme}`)
    await page.setViewportSize({ width: 1024, height: 700 })
    await page.waitForTimeout(300)
    await lab.screenshot(`lab-main-${scheme}-1024x700`)
    lab.expectNoErrors()
  })
}

test('the Activation functions view and back to the lab, charts intact', async ({ lab, page }) => {
  await lab.open()
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(1)
  await lab.byId('view-activations').click()
  await expect(lab.byId('view-activations')).toHaveAttribute('aria-selected', 'true')
  await expect(page.getByText('Sigmoid & Derivative')).toBeVisible()
  await expect(lab.byId(ids.boundaryCanvas)).toBeHidden()
  await lab.screenshot('lab-activations-view')

  await lab.byId('view-lab').click()
  await expect(lab.byId(ids.boundaryCanvas)).toBeVisible()
  await expect
    .poll(() => lab.byId(ids.lossCanvas).evaluate((c) => (c as HTMLCanvasElement).width))
    .toBeGreaterThan(100)
  await expect.poll(() => lab.canvasInk(ids.boundaryCanvas)).toBeGreaterThan(10_000)
  // Space works again once back (and was not stolen by the other view).
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('Space')
  await lab.waitForEpochAbove(5)
  await page.keyboard.press('Space')
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  lab.expectNoErrors()
})
