// The training log follows new lines while it shows its newest ones, and stays where the learner
// scrolled to read older ones.
import { expect, ids, test, type LabPage } from './fixtures'

/** How far the log's last line is below what it shows, in CSS pixels (0: at the bottom). */
function distanceFromBottom(lab: LabPage): Promise<number> {
  return lab
    .byId(ids.trainingLog)
    .evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight)
}

function finalLines(lab: LabPage): Promise<number> {
  return lab
    .byId(ids.trainingLog)
    .innerText()
    .then((text) => text.split('\n').filter((line) => line.includes('Final Accuracy')).length)
}

test('the log follows new lines at its bottom, and stays put when scrolled up', async ({ lab }) => {
  await lab.open()
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => finalLines(lab)).toBe(1)
  // More lines than the box shows, and the newest in view.
  const overflow = await lab
    .byId(ids.trainingLog)
    .evaluate((el) => el.scrollHeight - el.clientHeight)
  expect(overflow).toBeGreaterThan(50)
  await expect.poll(() => distanceFromBottom(lab)).toBeLessThan(2)

  // Scrolled up to read: the next lines do not pull the log down.
  await lab.byId(ids.trainingLog).evaluate((el) => (el.scrollTop = 0))
  await lab.setEpochLimit(4000)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => finalLines(lab)).toBe(2)
  expect(await lab.byId(ids.trainingLog).evaluate((el) => el.scrollTop)).toBe(0)

  // Back at the bottom: it follows again.
  await lab.byId(ids.trainingLog).evaluate((el) => (el.scrollTop = el.scrollHeight))
  await expect.poll(() => distanceFromBottom(lab)).toBeLessThan(2)
  await lab.setEpochLimit(6000)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => finalLines(lab)).toBe(3)
  await expect.poll(() => distanceFromBottom(lab)).toBeLessThan(2)
  lab.expectNoErrors()
})
