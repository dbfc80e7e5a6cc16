// The lab fits the window (issue 12): screenshots at 1024×700, 1280×800 and 1920×1080, light and
// dark, into e2e/artifacts/screenshots/ (look at them), with the geometry asserted: at 1280×800 and
// up the loss curve and the boundary map are both in view without scrolling; at every size no
// panel is wider than its column (nothing clipped), the transport and its notices are in view.
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { ARTIFACTS_DIR, expect, FAR_EPOCH_LIMIT, ids, test } from './fixtures'

const SHOTS_DIR = join(ARTIFACTS_DIR, 'screenshots')
const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]

/** Elements inside `selector` whose content is wider than their box and hidden (clipped). */
async function clippedElements(page: Page, selector: string): Promise<string[]> {
  return page.locator(selector).evaluateAll((roots) => {
    const found: string[] = []
    // The content of a closed <details> is not drawn (only its summary is).
    const foldedAway = (el: Element): boolean => {
      const folded = el.closest('details:not([open])')
      return folded !== null && el.closest('summary')?.parentElement !== folded
    }
    for (const root of roots) {
      for (const el of [root, ...Array.from(root.querySelectorAll('*'))] as HTMLElement[]) {
        const style = getComputedStyle(el)
        if (style.display === 'none' || style.visibility === 'hidden') continue
        if (el.closest('.visually-hidden') || foldedAway(el)) continue
        const clipsX = style.overflowX === 'hidden' || style.overflowX === 'clip'
        if (clipsX && el.scrollWidth > el.clientWidth + 1 && style.textOverflow !== 'ellipsis') {
          found.push(
            `${el.tagName.toLowerCase()}.${el.className} (${el.scrollWidth} > ${el.clientWidth})`
          )
        }
      }
      // Children poking out of their panel (a tooltip or a popup is meant to).
      const box = root.getBoundingClientRect()
      for (const child of Array.from(root.querySelectorAll('*')) as HTMLElement[]) {
        const r = child.getBoundingClientRect()
        if (r.width === 0 || r.height === 0 || child.closest('.visually-hidden')) continue
        if (foldedAway(child)) continue
        const position = getComputedStyle(child).position
        if ((position === 'absolute' || position === 'fixed') && child.tagName !== 'CANVAS')
          continue
        const outside =
          r.left < box.left - 1 ||
          r.right > box.right + 1 ||
          r.top < box.top - 1 ||
          r.bottom > box.bottom + 1
        if (outside)
          found.push(`${child.tagName.toLowerCase()}.${child.className} outside its panel`)
      }
    }
    return found
  })
}

for (const size of SIZES) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`lab at ${size.width}×${size.height}, ${scheme}`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await lab.open()
      // A trained state: curves, map and log all have something to show.
      await lab.setEpochLimit(FAR_EPOCH_LIMIT)
      await lab.start()
      await lab.waitForEpochAbove(60)
      await lab.pause()
      await page.locator('main.lab').evaluate((el) => el.scrollTo(0, 0))
      await page.mouse.move(0, size.height - 1)
      mkdirSync(SHOTS_DIR, { recursive: true })
      await page.screenshot({
        path: join(SHOTS_DIR, `lab-${size.width}x${size.height}-${scheme}.png`)
      })

      // The page itself never scrolls sideways, and the top bar shows the whole transport.
      const overflow = await page.evaluate(() => ({
        x: document.documentElement.scrollWidth - window.innerWidth
      }))
      expect(overflow.x, 'no horizontal scrolling').toBeLessThanOrEqual(0)
      for (const id of [ids.trainReset, ids.trainToggle, ids.trainStep, ids.epochCounter]) {
        await expect(lab.byId(id), id).toBeInViewport({ ratio: 1 })
      }
      if (size.height >= 800) {
        await expect(lab.byId(ids.lossCanvas), 'loss curve in view').toBeInViewport({ ratio: 1 })
        await expect(lab.byId(ids.boundaryCanvas), 'boundary map in view').toBeInViewport({
          ratio: 1
        })
      }
      expect(await clippedElements(page, 'main.lab section.panel')).toEqual([])
      expect(await clippedElements(page, 'header.top-bar')).toEqual([])
      lab.expectNoErrors()
    })
  }
}

test('the Activation functions view and the Learn drawer at 1024×700 and 1920×1080', async ({
  lab,
  page
}) => {
  mkdirSync(SHOTS_DIR, { recursive: true })
  await lab.open()
  for (const size of [SIZES[0], SIZES[2]]) {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize(size)
      await lab.byId('view-activations').click()
      await expect(lab.byId('activation-sigmoid')).toBeInViewport()
      await page.screenshot({
        path: join(SHOTS_DIR, `activations-${size.width}x${size.height}-${scheme}.png`)
      })
      await lab.byId('view-lab').click()
      await lab.byId('learn-toggle').click()
      await expect(lab.byId('learn-panel')).toBeInViewport()
      await page.screenshot({
        path: join(SHOTS_DIR, `learn-${size.width}x${size.height}-${scheme}.png`)
      })
      await page.keyboard.press('Escape')
      await expect(lab.byId('learn-panel')).toHaveCount(0)
    }
  }
})

/** How many pixels of the canvas are drawn in each of `colours` (CSS rgb() strings). */
async function pixelsPerColour(page: Page, selector: string, colours: string[]): Promise<number[]> {
  return page.locator(selector).evaluate((element, cssColours) => {
    const canvas = element as HTMLCanvasElement
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data
    const rgb = cssColours.map((c) => (c.match(/\d+/g) ?? []).slice(0, 3).map(Number))
    const counts = rgb.map(() => 0)
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 0) continue
      rgb.forEach(([r, g, b], k) => {
        if (Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 12) {
          counts[k]++
        }
      })
    }
    return counts
  }, colours)
}

test('the spiral thumbnail shows as many arms as the spiral trains', async ({ lab, page }) => {
  await lab.open()
  await lab.byId('dataset-spiral').click()
  await lab.waitForReady()
  const swatches = page.locator('.legend .swatch:not(.ring)')
  const thumbnail = '[data-testid="dataset-spiral"] canvas'
  // The class colours, read from the boundary map's legend with three arms.
  await lab.byId('classes-select').selectOption('3')
  await expect(swatches).toHaveCount(3)
  const colours = await swatches.evaluateAll((els) =>
    els.map((el) => getComputedStyle(el).backgroundColor)
  )
  await expect
    .poll(() => pixelsPerColour(page, thumbnail, colours))
    .toEqual([expect.any(Number), expect.any(Number), expect.any(Number)])
  expect((await pixelsPerColour(page, thumbnail, colours)).every((n) => n > 20)).toBe(true)
  // Two arms: the legend and the thumbnail both lose the third class.
  await lab.byId('classes-select').selectOption('2')
  await expect(swatches).toHaveCount(2)
  await expect.poll(async () => (await pixelsPerColour(page, thumbnail, colours))[2]).toBe(0)
  const two = await pixelsPerColour(page, thumbnail, colours)
  expect(two[0]).toBeGreaterThan(20)
  expect(two[1]).toBeGreaterThan(20)
  await lab.screenshot('spiral-thumbnail-two-arms')
})

test('a diverged run says why beside the transport and the learning rate, at 1024×700', async ({
  lab,
  page
}) => {
  await page.setViewportSize(SIZES[0])
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const lr = lab.byId('lr-input')
  await lr.fill('50')
  await lr.press('Enter')
  await expect(lr).toHaveValue('50')
  await lab.byId(ids.trainToggle).click()
  const notice = lab.byId(ids.runNotice)
  await expect(notice).toContainText('Training stopped at epoch', { timeout: 30_000 })
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  await page.locator('main.lab').evaluate((el) => el.scrollTo(0, 0))
  // In the top bar, right under Start/Step, whatever the lab is scrolled to.
  await expect(notice).toBeInViewport({ ratio: 1 })
  const noticeBox = (await notice.boundingBox())!
  const startBox = (await lab.byId(ids.trainToggle).boundingBox())!
  expect(noticeBox.y).toBeGreaterThanOrEqual(startBox.y + startBox.height - 1)
  expect(noticeBox.y - (startBox.y + startBox.height)).toBeLessThan(30)
  // And beside the learning rate field.
  const pointer = lab.byId('lr-divergence')
  await expect(pointer).toBeInViewport({ ratio: 1 })
  const lrBox = (await lr.boundingBox())!
  const pointerBox = (await pointer.boundingBox())!
  expect(pointerBox.y - (lrBox.y + lrBox.height)).toBeLessThan(20)
  mkdirSync(SHOTS_DIR, { recursive: true })
  await page.screenshot({ path: join(SHOTS_DIR, 'diverged-1024x700.png') })
  expect(await clippedElements(page, 'main.lab section.panel')).toEqual([])
  // A smaller learning rate and a reset: the notice and the pointer go.
  await lr.fill('0.1')
  await lr.press('Enter')
  await lab.byId(ids.trainReset).click()
  await expect(notice).toHaveCount(0)
  await expect(pointer).toHaveCount(0)
})
