// Exported loss figures follow the scale chosen on screen (issue 12): the same trained run
// exported on a linear and on a log axis, read back as pixels. On a linear axis the late, tiny
// losses hug the bottom (the curve's right half spans few rows); on a log axis they keep falling
// visibly (many rows), and nothing vanishes.
import { readFileSync } from 'node:fs'
import { PNG } from 'pngjs'
import { expect, ids, test, type LabPage } from './fixtures'
import type { Page } from '@playwright/test'

/** Rows that hold the train curve's colour (#1f4fd8) in the right half of the image. */
function curveRowsInRightHalf(bytes: Buffer): number {
  const png = PNG.sync.read(bytes)
  const rows = new Set<number>()
  for (let y = 0; y < png.height; y++) {
    for (let x = Math.floor(png.width / 2); x < png.width * 0.95; x++) {
      const i = (y * png.width + x) * 4
      const [r, g, b] = [png.data[i], png.data[i + 1], png.data[i + 2]]
      if (Math.abs(r - 31) + Math.abs(g - 79) + Math.abs(b - 216) < 40) rows.add(y)
    }
  }
  return rows.size
}

async function exportLoss(page: Page, lab: LabPage): Promise<Buffer> {
  if (!(await lab.byId('export-panel').isVisible())) await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId('export-figure-loss').click()
  return readFileSync(await (await download).path())
}

test('the exported loss figure follows the linear or log scale on screen', async ({
  lab,
  page
}) => {
  await lab.open()
  await lab.setEpochLimit(1500)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(1500)

  await lab.byId('loss-scale-linear').click()
  const linear = curveRowsInRightHalf(await exportLoss(page, lab))
  await page.keyboard.press('Escape')
  await lab.byId('loss-scale-log').click()
  await expect(lab.byId('loss-scale-log')).toHaveAttribute('aria-pressed', 'true')
  const log = curveRowsInRightHalf(await exportLoss(page, lab))
  // Linear: the last 750 epochs lie within a few pixels of zero. Log: they span decades.
  expect(linear).toBeGreaterThan(0)
  expect(linear).toBeLessThan(15)
  expect(log).toBeGreaterThan(3 * linear)
  lab.expectNoErrors()
})
