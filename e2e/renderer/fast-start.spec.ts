// Fast start (issue 14): the first screen loads only its own code. The session format (zod), the
// engine's compute core, the Learn demonstrations and the Activation functions view are fetched
// when first used, and then work. Screenshots of the lab and of each part opened after start, at
// the two window sizes and in both themes, go to e2e/artifacts/ (look at them).
import type { Page } from '@playwright/test'
import { expect, ids, test } from './fixtures'

/** Built chunks (Vite names a chunk after its first module) that the first screen must not load. */
const NOT_AT_START = [
  /\/session-[\w-]+\.js$/,
  /\/learnDemos-[\w-]+\.js$/,
  /\/ActivationPlots-[\w-]+\.js$/
]

function recordScripts(page: Page): string[] {
  const scripts: string[] = []
  page.on('request', (request) => {
    if (request.url().endsWith('.js')) scripts.push(new URL(request.url()).pathname)
  })
  return scripts
}

test('the first screen loads none of the code used later, which loads on first use', async ({
  lab,
  page
}) => {
  const scripts = recordScripts(page)
  await lab.open()
  // The lab is usable: trained a step, with the top bar's parts (loaded just after) in place.
  await expect(lab.byId('learn-toggle')).toBeVisible()
  await expect(lab.byId('export-toggle')).toBeVisible()
  for (const pattern of NOT_AT_START) {
    expect(
      scripts.filter((s) => pattern.test(s)),
      `${pattern} at start`
    ).toEqual([])
  }

  // The Activation functions view loads its code when chosen, and draws.
  await lab.byId('view-activations').click()
  await expect(lab.byId('view-activations')).toHaveAttribute('aria-selected', 'true')
  await expect(page.locator('.single-view canvas').first()).toBeVisible()
  expect(scripts.some((s) => NOT_AT_START[2].test(s))).toBe(true)
  await lab.byId('view-lab').click()

  // Saving loads the session format (in the page only as a fallback: the codec worker has it).
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  expect((await download).suggestedFilename()).toMatch(/\.nnlab$/)
  await expect(lab.byId('session-dirty')).toHaveCount(0)
  lab.expectNoErrors()
})

for (const theme of ['light', 'dark'] as const) {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 }
  ]) {
    test(`screens after a fast start, ${theme}, ${size.width}×${size.height}`, async ({
      lab,
      page
    }) => {
      await page.setViewportSize(size)
      // The app follows the system's colour scheme.
      await page.emulateMedia({ colorScheme: theme })
      await lab.open()
      await lab.byId(ids.trainStep).click()
      await expect(lab.byId('learn-toggle')).toBeVisible()
      const name = `fast-start-${theme}-${size.width}x${size.height}`
      await lab.screenshot(`${name}-lab`)
      await lab.byId('export-toggle').click()
      await expect(lab.byId('export-panel')).toBeVisible()
      await lab.screenshot(`${name}-export`)
      await page.keyboard.press('Escape')
      await lab.byId('learn-toggle').click()
      await expect(lab.byId('learn-panel')).toBeVisible()
      await lab.screenshot(`${name}-learn`)
      lab.expectNoErrors()
    })
  }
}
