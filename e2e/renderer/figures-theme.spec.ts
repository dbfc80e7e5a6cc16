// Exported figures follow the theme on screen: a dark page exports a dark PNG (the page's own
// surface colour behind it), a light page a white one, and "White" always gives the light figure.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PNG } from 'pngjs'
import { ARTIFACTS_DIR, expect, test, type LabPage } from './fixtures'

/** Exports a figure at 1× and returns its decoded pixels. */
async function exportPng(
  lab: LabPage,
  kind: string,
  name: string,
  background = 'theme'
): Promise<PNG> {
  if (!(await lab.byId('export-panel').isVisible())) await lab.byId('export-toggle').click()
  await lab.byId('export-scale').selectOption('1')
  await lab.byId('export-background').selectOption(background)
  const download = lab.page.waitForEvent('download')
  await lab.byId(`export-figure-${kind}`).click()
  const bytes = readFileSync(await (await download).path())
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  writeFileSync(join(ARTIFACTS_DIR, `${name}.png`), bytes)
  return PNG.sync.read(bytes)
}

function pixel(png: PNG, x: number, y: number): number[] {
  const i = (y * png.width + x) * 4
  return [...png.data.subarray(i, i + 4)]
}

/** The page's --surface colour as [r, g, b, 255]. */
async function surface(lab: LabPage): Promise<number[]> {
  const rgb = await lab.page.evaluate(() => {
    const probe = document.createElement('div')
    probe.style.color = 'var(--surface)'
    document.body.append(probe)
    const value = getComputedStyle(probe).color
    probe.remove()
    return value
  })
  const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number)
  return [r, g, b, 255]
}

test('a figure exported in dark theme is dark, in light theme white; White stays white', async ({
  lab,
  page
}) => {
  test.setTimeout(90_000)
  await page.emulateMedia({ colorScheme: 'dark' })
  await lab.open()
  const dark = await surface(lab)
  expect(dark[0]).toBeLessThan(60)
  for (const kind of ['boundary', 'loss', 'network']) {
    const png = await exportPng(lab, kind, `figure-${kind}-dark`)
    expect(pixel(png, 0, 0), `${kind}: the page's dark surface`).toEqual(dark)
    expect(pixel(png, png.width - 1, png.height - 1)).toEqual(dark)
  }
  const white = await exportPng(lab, 'boundary', 'figure-boundary-white-in-dark', 'white')
  expect(pixel(white, 0, 0)).toEqual([255, 255, 255, 255])

  await page.emulateMedia({ colorScheme: 'light' })
  const light = await exportPng(lab, 'boundary', 'figure-boundary-light')
  expect(pixel(light, 0, 0)).toEqual([255, 255, 255, 255])
  lab.expectNoErrors()
})
