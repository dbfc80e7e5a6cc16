// Issue 18, the small defects found walking through the lab as a learner: the Learn chart's
// legend in dark mode, the Learn drawer keeping the learner's place, the log's Copy equal to the
// notebook's printout (its blank line, its 🎯 drawn as an SVG), the data CSV keeping the train/test
// split, and tiny late losses in exponent form.
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, ids, seedNotebookReference, test, type LabPage } from './fixtures'

const reference = seedNotebookReference()

/** WCAG contrast of an element's text against the first opaque background behind it. */
async function textContrast(page: Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((element) => {
    const rgb = (css: string): number[] => (css.match(/[\d.]+/g) ?? []).map(Number)
    const luminance = ([r, g, b]: number[]): number => {
      const channel = (v: number): number => {
        const c = v / 255
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
      }
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)
    }
    const text = rgb(getComputedStyle(element).color)
    let node: Element | null = element
    let background = [255, 255, 255]
    while (node) {
      const [r, g, b, a = 1] = rgb(getComputedStyle(node).backgroundColor)
      if (a > 0) {
        background = [r, g, b]
        break
      }
      node = node.parentElement
    }
    const [hi, lo] = [luminance(text), luminance(background)].sort((x, y) => y - x)
    return (hi + 0.05) / (lo + 0.05)
  })
}

async function openLearn(lab: LabPage): Promise<void> {
  await lab.byId('learn-toggle').click()
  await expect(lab.byId('learn-panel')).toBeVisible()
}

async function grabDownload(lab: LabPage, kind: string): Promise<string> {
  await lab.byId('export-toggle').click()
  const download = lab.page.waitForEvent('download')
  await lab.byId(`export-${kind}`).click()
  return readFileSync(await (await download).path(), 'utf8')
}

test.describe('dark mode', () => {
  test.use({ colorScheme: 'dark' })

  test('the Learn chart’s legend is readable (contrast ≥ 4.5)', async ({ lab, page }) => {
    test.setTimeout(120_000)
    await lab.open()
    expect(await page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(true)
    await openLearn(lab)
    await lab.byId('learn-tab-questions').click()
    await lab.byId('learn-question-relu-vs-sigmoid').getByRole('button').first().click()
    await lab.byId('learn-demo-relu-vs-sigmoid').click()
    const result = lab.byId('learn-demo-result-relu-vs-sigmoid')
    await expect(result).toHaveAttribute('data-status', 'done', { timeout: 90_000 })
    const legend = result.getByTestId('learn-chart-legend')
    await expect(legend).toHaveText(/ReLU\s*sigmoid/)
    const contrast = await textContrast(page, 'learn-chart-legend')
    console.log(`Learn chart legend contrast in dark mode: ${contrast.toFixed(2)}`)
    expect(contrast).toBeGreaterThanOrEqual(4.5)
    await lab.screenshot('lab-polish-dark-legend')
    lab.expectNoErrors()
  })
})

test.describe('at 1024×700', () => {
  test.use({ viewport: { width: 1024, height: 700 } })

  test('Show me in the lab, then Learn again: the same step, scrolled where it was', async ({
    lab
  }) => {
    await lab.open()
    await openLearn(lab)
    const body = lab.byId('learn-body')
    await lab.byId('learn-step-log').getByRole('button').first().click()
    await expect(lab.byId('learn-show-log')).toBeVisible()
    // Scroll the drawer to the bottom, as a learner reading the last steps would.
    const scrolled = await body.evaluate((element) => {
      element.scrollTop = element.scrollHeight
      return element.scrollTop
    })
    expect(scrolled).toBeGreaterThan(50)
    await expect.poll(() => body.evaluate((element) => element.scrollTop)).toBe(scrolled)

    await lab.byId('learn-show-log').click()
    await expect(lab.byId('learn-panel')).toHaveCount(0)
    await openLearn(lab)
    await expect(lab.byId('learn-step-log').getByRole('button').first()).toHaveAttribute(
      'aria-expanded',
      'true'
    )
    await expect.poll(() => body.evaluate((element) => element.scrollTop)).toBe(scrolled)
    await expect(lab.byId('learn-show-log')).toBeInViewport()

    // The questions tab keeps its own place and its open question too.
    await lab.byId('learn-tab-questions').click()
    await lab.byId('learn-question-he-vs-xavier').getByRole('button').first().click()
    await lab.page.keyboard.press('Escape')
    await expect(lab.byId('learn-panel')).toHaveCount(0)
    await openLearn(lab)
    await expect(lab.byId('learn-demo-he-vs-xavier')).toBeVisible()
    lab.expectNoErrors()
  })
})

test('Copy gives the notebook’s printed output exactly; the 🎯 is an SVG on screen', async ({
  lab,
  page,
  context
}) => {
  test.setTimeout(180_000)
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  await lab.open()
  // A click, not lab.start(): the whole run can finish before "running" is ever seen.
  await lab.byId(ids.trainToggle).click()
  const log = lab.byId(ids.trainingLog)
  await expect(log).toContainText('Final Accuracy: 100.00%', { timeout: 150_000 })
  await lab.byId('copy-log').click()
  await expect(lab.byId('copy-log')).toHaveText('Copied')
  const copied = await page.evaluate(() => navigator.clipboard.readText())
  // The notebook prints two set-up lines before the network exists; the rest is the run's log,
  // including the blank line of print('\n🎯 Final Accuracy: …').
  const notebook = reference.printed.slice(2).join('\n') + '\n'
  expect(copied).toBe(notebook)
  expect(copied).toContain('Epoch 2000 | Loss: 0.0010 | Accuracy: 100.00%\n\n🎯 Final Accuracy')

  // On screen: a blank line before the final line, whose 🎯 is an inline SVG with real size.
  const lines = log.locator(':scope > div')
  await expect(lines.nth(-2).locator('br')).toHaveCount(1)
  const final = lines.last()
  await expect(final).toHaveText('🎯 Final Accuracy: 100.00%')
  const icon = final.getByTestId('target-icon')
  await expect(icon).toBeVisible()
  const box = await icon.boundingBox()
  expect(box?.width ?? 0).toBeGreaterThan(8)
  expect(await icon.evaluate((element) => element.tagName.toLowerCase())).toBe('svg')
  await lab.screenshot('lab-polish-log-final')
  lab.expectNoErrors()
})

test('the data CSV keeps the train/test split: export → import → the same points', async ({
  lab
}) => {
  test.setTimeout(120_000)
  await lab.open()
  // Hold out a quarter of the notebook's 400 points.
  await lab.byId('split-input').evaluate((element) => {
    const input = element as HTMLInputElement
    input.value = '0.25'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
  // The trainer's own answer: the rebuilt run has test points.
  await expect(lab.byId('toggle-test-points')).toBeEnabled()
  await lab.waitForReady()
  await expect(lab.byId('split-input')).toHaveValue('0.25')
  const exported = await grabDownload(lab, 'data-csv')
  const rows = exported.trimEnd().split('\n')
  expect(rows[0]).toBe('x1,x2,label,split')
  expect(rows.filter((r) => r.endsWith(',train'))).toHaveLength(300)
  expect(rows.filter((r) => r.endsWith(',test'))).toHaveLength(100)

  // Back to no split, so only the file can bring the split back.
  await lab.byId('split-input').evaluate((element) => {
    const input = element as HTMLInputElement
    input.value = '0'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
  await expect(lab.byId('toggle-test-points')).toBeDisabled()
  await lab.waitForReady()
  await lab.byId('export-toggle').click()
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('import-csv').click()
  await (
    await chooser
  ).setFiles({ name: 'rings.csv', mimeType: 'text/csv', buffer: Buffer.from(exported) })
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('toggle-test-points')).toBeEnabled()
  await lab.waitForReady()
  await expect(lab.byId('split-input')).toHaveValue('0.25')
  // Exported again, the imported run's points are the same rows, train and test, bit for bit.
  expect(await grabDownload(lab, 'data-csv')).toBe(exported)
  lab.expectNoErrors()
})

test('a long run’s tiny loss reads in exponent form; the notebook’s log keeps :.4f', async ({
  lab
}) => {
  test.setTimeout(240_000)
  await lab.open()
  await lab.setEpochLimit(100_000)
  await lab.setLiveView(false)
  await lab.start()
  // Below 1e-4 the old top bar showed 0.0001 and then 0.0000; now e.g. 9.9e-5.
  await expect(lab.byId(ids.statLoss)).toHaveText(/^\d\.\de-5$/, { timeout: 200_000 })
  await lab.pause()
  await expect(lab.byId(ids.statLoss)).toHaveText(/^\d\.\de-\d+$/)
  // Labelled as the current weights' loss; the tooltip says how it differs from the log's.
  const stat = lab.byId(ids.statLoss).locator('xpath=..')
  await expect(stat.locator('dt')).toHaveText('Loss now')
  await expect(stat).toHaveAttribute('title', /what the boundary map draws.*before its update/)
  const epochLines = (await lab.byId(ids.trainingLog).innerText())
    .split('\n')
    .filter((line) => line.startsWith('Epoch'))
  expect(epochLines.length).toBeGreaterThan(0)
  for (const line of epochLines) expect(line).toMatch(/\| Loss: \d\.\d{4} \|/)
  lab.expectNoErrors()
})
