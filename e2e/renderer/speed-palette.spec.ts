// Watching it learn (issue 12): the speed control paces the trainer itself (slow motion to full
// speed, kept in preferences), asserted with the trainer's own epoch numbers; and the
// colour-blind-safe palette, kept in preferences, on screen and in the exported PNG.
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import type { Page } from '@playwright/test'
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

/** Reloads a page whose trained run is unsaved: once its recovery copy is written, the reload
 *  offers it (the host keeps it when unsaved work is left); the test declines it. */
async function reloadDecliningRecovery(page: Page, lab: LabPage): Promise<void> {
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('nnlab:recovery') !== null))
    .toBe(true)
  await page.reload()
  await lab.waitForReady()
  await lab.byId('recovery-discard').click()
}

test('slow motion: the trainer keeps the pace, and full speed is back with one choice', async ({
  lab,
  page
}) => {
  await lab.open()
  await expect(lab.byId('speed-select')).toHaveValue('max')
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.byId('speed-select').selectOption('5')
  await lab.resetTraffic()
  await lab.start()
  // Wait for 12 progress events that carry epochs; at 5 epochs/s each carries one epoch, so the
  // trainer's own epoch number is bounded by the events counted, however fast the machine is.
  await expect
    .poll(async () => (await lab.traffic()).progressEvents, { timeout: 30_000 })
    .toBeGreaterThanOrEqual(12)
  const slow = await lab.traffic()
  await lab.pause()
  // Without a pace the seed network trains thousands of epochs per second; here at most one
  // epoch per progress event arrived (paused and map events carry none).
  expect(slow.lastEpoch).toBeGreaterThan(0)
  expect(slow.lastEpoch).toBeLessThanOrEqual(slow.progressEvents)
  await expect(lab.byId('stat-samples-per-second')).toHaveText('—')

  // Kept across a reload (the trained run was not saved, so its copy is offered: decline it).
  await reloadDecliningRecovery(page, lab)
  await expect(lab.byId('speed-select')).toHaveValue('5')

  // Full speed: far more epochs than events.
  await lab.byId('speed-select').selectOption('max')
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.resetTraffic()
  await lab.start()
  await expect
    .poll(async () => (await lab.traffic()).lastEpoch, { timeout: 30_000 })
    .toBeGreaterThan(500)
  await lab.pause()
  const fast = await lab.traffic()
  expect(fast.lastEpoch).toBeGreaterThan(fast.progressEvents)
  lab.expectNoErrors()
})

test('the colour-blind-safe palette colours the screen and the exported PNG, and is kept', async ({
  lab,
  page
}) => {
  await lab.open()
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(1)
  const swatch = page.locator('.legend .swatch').first()
  await expect(swatch).toHaveCSS('background-color', 'rgb(31, 79, 216)')
  await lab.byId('palette-select').selectOption('colorblind')
  // Okabe–Ito blue for class 0, vermillion for class 1.
  await expect(swatch).toHaveCSS('background-color', 'rgb(0, 114, 178)')
  await expect(page.locator('.legend .swatch').nth(1)).toHaveCSS(
    'background-color',
    'rgb(213, 94, 0)'
  )
  await expect(page.locator('.colorbar')).toHaveCSS('background-image', /rgb\(45, 0, 75\)/)

  // The exported boundary figure: Okabe–Ito points, none of the standard colours.
  await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId('export-figure-boundary').click()
  const png = PNG.sync.read(readFileSync(await (await download).path()))
  let okabeBlue = 0
  let vermillion = 0
  let standard = 0
  for (let i = 0; i < png.data.length; i += 4) {
    const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]]
    const near = (c: number[], d = 10): boolean =>
      Math.abs(r - c[0]) + Math.abs(g - c[1]) + Math.abs(b - c[2]) <= d
    if (near([0, 114, 178])) okabeBlue++
    if (near([213, 94, 0])) vermillion++
    // The standard palette's class blue and red, and RdBu's dark ends.
    if (near([31, 79, 216]) || near([214, 39, 40]) || near([5, 48, 97]) || near([103, 0, 31])) {
      standard++
    }
  }
  expect(okabeBlue).toBeGreaterThan(50)
  expect(vermillion).toBeGreaterThan(50)
  expect(standard).toBe(0)

  await reloadDecliningRecovery(page, lab)
  await expect(lab.byId('palette-select')).toHaveValue('colorblind')
  await expect(page.locator('.legend .swatch').first()).toHaveCSS(
    'background-color',
    'rgb(0, 114, 178)'
  )
  await lab.screenshot('palette-colorblind')
  lab.expectNoErrors()
})
