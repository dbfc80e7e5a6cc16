// Compare runs (issue 15): pin a run, change the learning rate, train again: both runs in the
// curves' legend (named by "lr"), the summary table's final figures equal what the top bar showed
// for each run, and the confusion matrix's counts sum to the points and give the accuracy shown.
import { expect, FAR_EPOCH_LIMIT, ids, test } from './fixtures'

test('pin a run, change the learning rate, train again, compare', async ({ lab }) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(30)
  await lab.pause()
  const firstLoss = await lab.byId(ids.statLoss).textContent()
  const firstAccuracy = await lab.byId(ids.statAccuracy).textContent()

  await lab.byId('pin-run').click()
  await expect(lab.byId('pinned-count')).toHaveText('1/6')

  await lab.byId('lr-input').fill('1')
  await lab.byId('lr-input').press('Enter')
  await lab.byId(ids.trainReset).click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await lab.start()
  await lab.waitForEpochAbove(30)
  await lab.pause()
  const secondLoss = await lab.byId(ids.statLoss).textContent()

  // Two runs on the curves, named by what differs.
  await expect(lab.byId('curve-legend').locator('li')).toHaveCount(2)
  await expect(lab.byId('curve-legend')).toContainText('lr 1')
  await expect(lab.byId('curve-legend')).toContainText('lr 0.1')
  await expect(lab.byId('curve-diff')).toContainText('lr 1 vs 0.1')

  // The table: this run, then the pinned one, with the top bar's figures of each.
  const table = lab.byId('compare-table')
  await expect(table.getByTestId('compare-row-0').locator('[data-col="train-loss"]')).toHaveText(
    secondLoss ?? ''
  )
  await expect(table.getByTestId('compare-row-1').locator('[data-col="train-loss"]')).toHaveText(
    firstLoss ?? ''
  )
  await expect(
    table.getByTestId('compare-row-1').locator('[data-col="train-accuracy"]')
  ).toHaveText(firstAccuracy ?? '')

  // The confusion matrix of the current weights (an Inside training view): 400 training points,
  // the accuracy shown.
  await lab.byId('analysis-confusion').click()
  const cells = lab.byId('confusion-table').locator('td')
  await expect(cells).toHaveCount(4)
  const counts = await cells.evaluateAll((tds) => tds.map((td) => Number(td.dataset.count)))
  expect(counts.reduce((a, b) => a + b, 0)).toBe(400)
  const accuracy = ((100 * (counts[0] + counts[3])) / 400).toFixed(2) + '%'
  await expect(lab.byId(ids.statAccuracy)).toHaveText(accuracy)

  // Hovering the loss chart reads both runs at the cursor's epoch.
  const box = await lab.byId(ids.lossCanvas).boundingBox()
  if (box) await lab.page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5)
  await expect(lab.byId('curve-readout-text')).toContainText('Run 1:')

  await lab.screenshot('compare-runs')
  lab.expectNoErrors()
})
