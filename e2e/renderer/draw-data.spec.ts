// Drawing the data (issue 16): draw points of two classes on the boundary map, erase one, train
// on them, save the session and reopen it: the drawn points are the run's points again, at the
// plane coordinates the pointer showed when each was clicked.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, FAR_EPOCH_LIMIT, ids, type LabPage, test } from './fixtures'

interface WirePoints {
  x: string
  labels: string
  count: number
}
interface SavedSession {
  run: { train: WirePoints; test: WirePoints; epoch: number; config: { dataset: { kind: string } } }
}

function float64(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64')
  return Array.from(
    new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
  )
}
function int32(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64')
  return Array.from(
    new Int32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length))
  )
}

/** The saved run's points (train then test) as [x1, x2, label], sorted. */
function savedPoints(text: string): Array<[number, number, number]> {
  const doc = JSON.parse(text) as SavedSession
  const out: Array<[number, number, number]> = []
  for (const set of [doc.run.train, doc.run.test]) {
    const x = set.count > 0 ? float64(set.x) : []
    const labels = set.count > 0 ? int32(set.labels) : []
    for (let i = 0; i < set.count; i++) out.push([x[2 * i], x[2 * i + 1], labels[i]])
  }
  return out.sort((a, b) => a[0] - b[0] || a[1] - b[1])
}

/** A spot on the map as a fraction of its canvas (inside the plotted area). */
async function spot(lab: LabPage, fx: number, fy: number): Promise<{ x: number; y: number }> {
  const box = await lab.byId(ids.boundaryCanvas).boundingBox()
  if (!box) throw new Error('no boundary map')
  return { x: box.x + box.width * fx, y: box.y + box.height * fy }
}

/** Hovers a spot and reads the plane coordinates the draw toolbar shows for it. */
async function planeAt(page: Page, lab: LabPage, at: { x: number; y: number }) {
  await page.mouse.move(at.x, at.y)
  // The readout is Vue's: it shows the move once the page has drawn a frame.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))))
  const text = (await lab.byId('draw-pointer').textContent()) ?? ''
  const match = /(-?\d+\.\d+), \S+ (-?\d+\.\d+)/.exec(text)
  if (!match) throw new Error(`no pointer readout in "${text}"`)
  return [Number(match[1]), Number(match[2])] as const
}

test('draw two classes, erase one point, train, save and reopen: the points are back', async ({
  lab,
  page
}) => {
  test.setTimeout(120_000)
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)

  // Draw mode: the toggle is a pressed button, the tools appear above the map.
  const toggle = lab.byId('draw-toggle')
  await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'true')
  await expect(lab.byId('draw-toolbar')).toBeVisible()
  // It starts from the run's points (the seed's 400) until told otherwise.
  await expect(lab.byId('draw-count')).toHaveText('400 points')
  await lab.byId('draw-empty').click()
  await expect(lab.byId('draw-count')).toHaveText('0 points · not used yet')

  // Three points of class 0, then (key 2) three of class 1.
  await expect(lab.byId('draw-class-0')).toHaveAttribute('aria-pressed', 'true')
  const spots = [
    [0.3, 0.3],
    [0.35, 0.5],
    [0.3, 0.65],
    [0.7, 0.3],
    [0.65, 0.5],
    [0.72, 0.62]
  ]
  const expected: Array<[number, number, number]> = []
  for (const [i, [fx, fy]] of spots.entries()) {
    if (i === 3) {
      await page.keyboard.press('2')
      await expect(lab.byId('draw-class-1')).toHaveAttribute('aria-pressed', 'true')
    }
    const at = await spot(lab, fx, fy)
    const [x, y] = await planeAt(page, lab, at)
    await page.mouse.click(at.x, at.y)
    expected.push([x, y, i < 3 ? 0 : 1])
  }
  await expect(lab.byId('draw-count')).toHaveText('6 points · not used yet')
  await lab.screenshot('draw-data-drawing')

  // A right-click erases the point under the pointer (class 0's middle one), nothing else.
  const erased = await spot(lab, spots[1][0], spots[1][1])
  await page.mouse.click(erased.x, erased.y, { button: 'right' })
  await expect(lab.byId('draw-count')).toHaveText('5 points · not used yet')
  expected.splice(1, 1)
  // A drag through empty plane erases nothing.
  const from = await spot(lab, 0.5, 0.2)
  await page.mouse.move(from.x, from.y)
  await page.mouse.down()
  await page.mouse.move(from.x, from.y + 60, { steps: 6 })
  await page.mouse.up()
  await expect(lab.byId('draw-count')).toHaveText('5 points · not used yet')

  // Nothing was rebuilt yet: the run still trains on the seed's points.
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 400 training/)

  // Train while drawing: the run is built from the drawn points first, then trains.
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'true')
  await lab.waitForEpochAbove(20)
  await lab.pause()
  await expect(lab.byId('draw-count')).toHaveText('5 points')
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 5 training/)
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('dataset-csv')).toContainText('Drawn points')

  // Esc leaves draw mode.
  await page.keyboard.press('Escape')
  await expect(lab.byId('draw-toolbar')).toHaveCount(0)
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')

  // The saved session holds the drawn points at the coordinates the pointer showed.
  const savedEpoch = await lab.epoch()
  const saved = await lab.saveSessionText()
  const points = savedPoints(saved)
  expect((JSON.parse(saved) as SavedSession).run.config.dataset.kind).toBe('csv')
  expect(points).toHaveLength(5)
  // Each drawn point is in the file once, at its readout (which rounds to 2 decimals).
  const unmatched = [...points]
  for (const [x, y, label] of expected) {
    const at = unmatched.findIndex(
      (p) => Math.abs(p[0] - x) <= 0.0051 && Math.abs(p[1] - y) <= 0.0051 && p[2] === label
    )
    expect(at, `drawn point (${x}, ${y}) of class ${label} in ${JSON.stringify(points)}`).not.toBe(
      -1
    )
    unmatched.splice(at, 1)
  }

  // Another dataset replaces them; reopening the file brings them back.
  await lab.byId('dataset-circles').click()
  await expect(lab.byId('confirm-dialog')).toBeVisible()
  await lab.byId('confirm-accept').click()
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 400 training/)
  await lab.openSessionFile('Drawn.nnlab', saved)
  await expect(lab.byId('session-name')).toHaveText('Drawn')
  await expect.poll(() => lab.epoch()).toBe(savedEpoch)
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 5 training/)
  // Drawing again starts from them, and saving again writes the same points.
  await toggle.click()
  await expect(lab.byId('draw-count')).toHaveText('5 points')
  await page.keyboard.press('Escape')
  expect(savedPoints(await lab.saveSessionText())).toEqual(points)
  lab.expectNoErrors()
})

test('draw mode refuses one class, and draws values for a regression network', async ({
  lab,
  page
}) => {
  await lab.open()
  await lab.byId('draw-toggle').click()
  await lab.byId('draw-empty').click()
  // The keyboard draws too: the focused map has a crosshair (arrows), Enter adds, Delete erases.
  await lab.byId(ids.boundaryCanvas).focus()
  await page.keyboard.press('Enter')
  await expect(lab.byId('draw-count')).toHaveText('1 point · not used yet')
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('Shift+ArrowRight')
  await page.keyboard.press('Enter')
  await expect(lab.byId('draw-count')).toHaveText('2 points · not used yet')
  await lab.screenshot('draw-data-keyboard')
  await page.keyboard.press('Delete')
  await expect(lab.byId('draw-count')).toHaveText('1 point · not used yet')
  await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Shift+ArrowLeft')
  await page.keyboard.press('Delete')
  await expect(lab.byId('draw-count')).toHaveText('0 points · not used yet')
  for (const fx of [0.4, 0.6]) {
    const at = await spot(lab, fx, 0.5)
    await page.mouse.click(at.x, at.y)
  }
  await lab.byId('draw-use').click()
  await expect(lab.byId('draw-message')).toHaveText('Draw points of at least two classes.')
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 400 training/)

  // Values: a target field (checked next to it), then a regression run on the drawn values.
  await lab.byId('draw-problem-values').click()
  await expect(lab.byId('draw-problem-values')).toHaveAttribute('aria-pressed', 'true')
  await lab.byId('draw-target').fill('abc')
  await expect(lab.byId('draw-target-error')).toHaveText('Type a number, such as 1 or -0.5.')
  await lab.byId('draw-target').fill('-2.5')
  await expect(lab.byId('draw-target-error')).toHaveCount(0)
  // The tools pass axe in both themes (the target field, the pressed buttons, the readout).
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme })
    const results = await new AxeBuilder({ page })
      .include('[data-testid="draw-toolbar"]')
      .include('[data-testid="draw-toggle"]')
      .analyze()
    expect(
      results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
      ),
      colorScheme
    ).toEqual([])
  }
  const at = await spot(lab, 0.5, 0.3)
  await page.mouse.click(at.x, at.y)
  await expect(lab.byId('draw-count')).toHaveText('3 points · not used yet')
  await lab.byId('draw-use').click()
  await expect(lab.byId('draw-count')).toHaveText('3 points')
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 3 training/)
  const doc = JSON.parse(await lab.saveSessionText()) as {
    run: { config: { network: { output: string } }; train: { targets?: string } }
  }
  expect(doc.run.config.network.output).toBe('linear')
  // Two points drawn as class 0 became −1, the new one −2.5.
  expect(float64(doc.run.train.targets ?? '').sort()).toEqual([-1, -1, -2.5].sort())
  lab.expectNoErrors()
})
