// PNG figures and the other exports, downloaded from the browser host and read back: a valid PNG
// signature, the size the scale asks for, and real content (not a blank canvas).
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { PNG } from 'pngjs'
import { ARTIFACTS_DIR, expect, ids, test, type LabPage } from './fixtures'

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]

/** Figure sizes at 1× (src/renderer/src/figures/renderFigure.ts FIGURE_SIZES). */
const SIZES: Record<string, [number, number]> = {
  boundary: [640, 620],
  loss: [760, 460],
  accuracy: [760, 460],
  activations: [1000, 760],
  network: [960, 600],
  combined: [1400, 560]
}

/** Trains to the epoch limit (training may finish before a Pause could be clicked). */
async function trainTo(lab: LabPage, limit: number): Promise<void> {
  await lab.setEpochLimit(limit)
  await lab.byId(ids.trainToggle).click()
  await expect.poll(() => lab.epoch(), { timeout: 60_000 }).toBe(limit)
}

async function setOptions(lab: LabPage, scale: number, background: 'white' | 'transparent') {
  await lab.byId('export-toggle').click()
  await lab.byId('export-scale').selectOption(String(scale))
  await lab.byId('export-background').selectOption(background)
}

/** Exports one figure (the export panel must be open) and returns the downloaded bytes. */
async function exportFigure(page: Page, lab: LabPage, kind: string) {
  if (!(await lab.byId('export-panel').isVisible())) await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId(`export-figure-${kind}`).click()
  const file = await download
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) }
}

interface Ink {
  colours: number
  inkFraction: number
  cornerAlpha: number
  /** Fraction of pixels that are strongly blue or strongly red (the map and the points). */
  blueRed: number
}

function inspectPng(bytes: Buffer): { png: PNG; ink: Ink } {
  expect([...bytes.subarray(0, 8)]).toEqual(PNG_SIGNATURE)
  const png = PNG.sync.read(bytes)
  const colours = new Set<number>()
  let ink = 0
  let blueRed = 0
  const { data } = png
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]]
    if (i % 16 === 0) colours.add((r << 24) | (g << 16) | (b << 8) | a)
    const white = a === 0 || (r > 245 && g > 245 && b > 245)
    if (!white) ink++
    if (a > 0 && (b - r > 60 || r - b > 60)) blueRed++
  }
  const pixels = data.length / 4
  return {
    png,
    ink: {
      colours: colours.size,
      inkFraction: ink / pixels,
      cornerAlpha: data[3],
      blueRed: blueRed / pixels
    }
  }
}

test('each PNG figure exports at 1× with its size, signature and content', async ({
  lab,
  page
}) => {
  test.setTimeout(120_000)
  await lab.open()
  await trainTo(lab, 300)

  await setOptions(lab, 1, 'white')
  for (const kind of Object.keys(SIZES)) {
    const { name, bytes } = await exportFigure(page, lab, kind)
    expect(name).toBe(`Untitled-epoch300-${kind}.png`)
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    writeFileSync(join(ARTIFACTS_DIR, `figure-${kind}.png`), bytes)
    const { png, ink } = inspectPng(bytes)
    expect([png.width, png.height]).toEqual(SIZES[kind])
    expect(ink.cornerAlpha, `${kind}: white background`).toBe(255)
    expect(ink.colours, `${kind}: more than a few colours`).toBeGreaterThan(20)
    expect(ink.inkFraction, `${kind}: something is drawn`).toBeGreaterThan(0.01)
    if (kind === 'boundary' || kind === 'combined') {
      // The probability map fills much of the figure with blue and red.
      expect(ink.blueRed, `${kind}: the map is painted`).toBeGreaterThan(0.06)
    }
  }
  lab.expectNoErrors()
})

test('2× and 3× scale the pixels; transparent leaves the margins clear', async ({ lab, page }) => {
  test.setTimeout(120_000)
  await lab.open()
  await trainTo(lab, 100)

  await setOptions(lab, 2, 'transparent')
  const twice = inspectPng((await exportFigure(page, lab, 'boundary')).bytes)
  expect([twice.png.width, twice.png.height]).toEqual([1280, 1240])
  expect(twice.ink.cornerAlpha).toBe(0)
  expect(twice.ink.blueRed).toBeGreaterThan(0.15)

  await setOptions(lab, 3, 'white')
  const combined = inspectPng((await exportFigure(page, lab, 'combined')).bytes)
  expect([combined.png.width, combined.png.height]).toEqual([4200, 1680])
  expect(combined.ink.cornerAlpha).toBe(255)
  expect(combined.ink.blueRed).toBeGreaterThan(0.1)

  const network = inspectPng((await exportFigure(page, lab, 'network')).bytes)
  expect([network.png.width, network.png.height]).toEqual([2880, 1800])
})

test('copy puts the figure on the clipboard', async ({ lab, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await lab.open()
  await lab.byId('export-toggle').click()
  await lab.byId('export-scale').selectOption('1')
  await lab.byId('copy-figure-loss').click()
  await expect(lab.byId('session-message-title')).toHaveText('Copied')
  const size = await page.evaluate(async () => {
    const items = await navigator.clipboard.read()
    const blob = await items[0].getType('image/png')
    const bitmap = await createImageBitmap(blob)
    return [bitmap.width, bitmap.height]
  })
  expect(size).toEqual(SIZES.loss)
})

test('NumPy script, weights JSON, data and history CSV export; the script runs', async ({
  lab,
  page
}) => {
  test.setTimeout(120_000)
  await lab.open()
  await trainTo(lab, 2000)
  await expect(lab.byId('training-log')).toContainText('Final Accuracy: 100.00%', {
    timeout: 60_000
  })

  const grab = async (kind: string) => {
    await lab.byId('export-toggle').click()
    const download = page.waitForEvent('download')
    await lab.byId(`export-${kind}`).click()
    const file = await download
    return { name: file.suggestedFilename(), path: await file.path() }
  }

  const script = await grab('numpy')
  expect(script.name).toBe('Untitled-epoch2000-model.py')
  const printed = execFileSync('/usr/bin/python3', [script.path], { encoding: 'utf8' })
  expect(printed).toMatch(/100\.00%/)

  const weights = await grab('weights-json')
  expect(weights.name).toBe('Untitled-epoch2000-weights.json')
  expect(JSON.parse(readFileSync(weights.path, 'utf8'))).toBeTruthy()

  const data = await grab('data-csv')
  const rows = readFileSync(data.path, 'utf8').trim().split('\n')
  expect(rows).toHaveLength(401)

  const history = await grab('history-csv')
  const lines = readFileSync(history.path, 'utf8').trim().split('\n')
  expect(lines).toHaveLength(2001)
})
