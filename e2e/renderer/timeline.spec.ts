// The run's timeline (issue 15): scrub a trained run back to epoch 0 and forward again (the
// boundary map shows exactly what it showed at those epochs), continue from a past epoch (the
// fork reaches the same epoch-150 picture as the run straight through), and a saved session
// brings the timeline back.
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, ids, type LabPage, test } from './fixtures'

const LIMIT = 150

/** Sets the slider as a drag would (an input event at `epoch`). */
async function scrubTo(lab: LabPage, epoch: number): Promise<void> {
  await lab.byId('timeline-slider').evaluate((element, value) => {
    const input = element as HTMLInputElement
    input.value = String(value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }, epoch)
}

async function shownEpoch(lab: LabPage): Promise<string> {
  return ((await lab.byId('timeline-epoch').textContent()) ?? '').trim()
}

/** Trains from where the run is to the epoch limit (the run pauses there by itself). */
async function trainToLimit(lab: LabPage): Promise<void> {
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 30_000 }).toBe(LIMIT)
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
}

async function saveSession(page: Page, lab: LabPage): Promise<string> {
  const download = page.waitForEvent('download')
  await lab.byId('session-save').click()
  return readFileSync(await (await download).path(), 'utf8')
}

test('scrub back to epoch 0 and forward, continue from a past epoch, keep it in a session', async ({
  lab,
  page
}) => {
  test.setTimeout(120_000)
  await page.setViewportSize({ width: 1280, height: 800 })
  await lab.open()
  await lab.setEpochLimit(LIMIT)
  const atStart = await lab.settledSignature(ids.boundaryCanvas)
  await expect(lab.byId('timeline-slider')).toBeDisabled()

  await trainToLimit(lab)
  const atEnd = await lab.settledSignature(ids.boundaryCanvas)
  const endLoss = await lab.byId(ids.statLoss).textContent()
  expect(atEnd).not.toBe(atStart)
  // Every epoch to 100 is kept, then every 2nd: 101 + 25.
  await expect(lab.byId('timeline-spacing')).toContainText('126 kept (every 2 epochs here)')
  await expect(lab.byId('timeline-fork')).toBeDisabled()
  await lab.screenshot('timeline-trained-1280')

  // Back to the beginning with the keyboard: the map is the untrained network's again.
  await lab.byId('timeline-slider').focus()
  await page.keyboard.press('Home')
  await expect.poll(() => shownEpoch(lab)).toBe(`0 / ${LIMIT}`)
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(atStart)
  await expect(lab.byId('timeline-spacing')).toContainText('every epoch here')
  // …and forward to the end: the trained map again.
  await page.keyboard.press('End')
  await expect.poll(() => shownEpoch(lab)).toBe(`${LIMIT} / ${LIMIT}`)
  await expect(lab.byId('timeline-live')).toBeDisabled()
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(atEnd)

  // Between kept epochs (past 100 every 2nd is kept) the slider settles on the kept one before.
  await scrubTo(lab, 121)
  await expect.poll(() => shownEpoch(lab)).toBe(`120 / ${LIMIT}`)
  const at120 = await lab.settledSignature(ids.boundaryCanvas)
  expect(at120).not.toBe(atEnd)
  await lab.screenshot('timeline-scrubbed-1280')

  // Play back from 120 to the end at the fastest speed: it stops by itself at the latest epoch.
  await lab.byId('timeline-speed').selectOption('60')
  await lab.byId('timeline-play').click()
  await expect(lab.byId('timeline-play')).toHaveAttribute('aria-pressed', 'false', {
    timeout: 20_000
  })
  await expect.poll(() => shownEpoch(lab)).toBe(`${LIMIT} / ${LIMIT}`)
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(atEnd)

  // Continue from epoch 60: the later history goes, and training on to 150 gives the same map
  // and loss as the run straight through (the optimizer and RNG state were kept with epoch 60).
  await scrubTo(lab, 60)
  await expect.poll(() => shownEpoch(lab)).toBe(`60 / ${LIMIT}`)
  await expect(lab.byId('timeline-fork')).toBeEnabled()
  await lab.byId('timeline-fork').click()
  await expect.poll(() => lab.epoch()).toBe(60)
  await expect.poll(() => shownEpoch(lab)).toBe(`60 / 60`)
  await trainToLimit(lab)
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(atEnd)
  await expect(lab.byId(ids.statLoss)).toHaveText(endLoss ?? '')

  // Save, start over, open the file again: the timeline is back, epoch 0 included.
  const text = saveSession(page, lab)
  const saved = JSON.parse(await text) as { version: number; timeline: { entries: unknown[] } }
  expect(saved.version).toBe(2)
  expect(saved.timeline.entries).toHaveLength(126)
  await lab.byId(ids.trainReset).click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await page.evaluate((fileText) => window.__nnlab!.openFile('again.nnlab', fileText), await text)
  const discard = lab.byId('unsaved-discard')
  if (await discard.isVisible().catch(() => false)) await discard.click()
  await expect.poll(() => lab.epoch(), { timeout: 20_000 }).toBe(LIMIT)
  await expect(lab.byId('timeline-spacing')).toContainText('126 kept')
  await scrubTo(lab, 0)
  await expect.poll(() => shownEpoch(lab)).toBe(`0 / ${LIMIT}`)
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(atStart)
  lab.expectNoErrors()
})

test('the timeline at 1024×700, light and dark', async ({ lab, page }) => {
  test.setTimeout(60_000)
  await page.setViewportSize({ width: 1024, height: 700 })
  await lab.open()
  await lab.setEpochLimit(LIMIT)
  await trainToLimit(lab)
  await scrubTo(lab, 40)
  await expect.poll(() => shownEpoch(lab)).toBe(`40 / ${LIMIT}`)
  // Early stopping watches the test loss: without a test split it is off and says why.
  await expect(lab.byId('early-stop-toggle')).toBeDisabled()
  await expect(lab.byId('early-stop-toggle')).toHaveAttribute('title', /set a test split/)
  await lab.byId('timeline').scrollIntoViewIfNeeded()
  await lab.screenshot('timeline-1024-light')
  await page.emulateMedia({ colorScheme: 'dark' })
  await lab.screenshot('timeline-1024-dark')
  lab.expectNoErrors()
})
