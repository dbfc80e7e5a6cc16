// Issue 13's "click a point on the map": once the Inside view has been opened, clicking a training
// point on the lab's boundary map chooses it as the Inside view's sample (the nearest point within
// a few pixels), as the view's own Row field does; the choice goes both ways.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { expect, ids, type LabPage, test } from './fixtures'

const ROOT = join(__dirname, '..', '..')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

/** The seed run's training points and labels, from the engine in Node (nodeTraceValues.ts). */
function seedPoints(): { x: number[]; labels: number[] } {
  const result = spawnSync(TSX, [join(__dirname, 'nodeTraceValues.ts'), '1'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    timeout: 120_000
  })
  expect(result.status, result.stderr).toBe(0)
  return JSON.parse(result.stdout) as { x: number[]; labels: number[] }
}

/** Page pixel → plane, read from the draw toolbar's pointer readout at two spots (draw mode
 *  starts from the run's points and is left again without changing the run). */
async function planeMapping(page: Page, lab: LabPage) {
  await lab.byId('draw-toggle').click()
  await expect(lab.byId('draw-toolbar')).toBeVisible()
  const box = await lab.byId(ids.boundaryCanvas).boundingBox()
  if (!box) throw new Error('no boundary map')
  const read = async (px: number, py: number): Promise<[number, number]> => {
    await page.mouse.move(px, py)
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(null))))
    const text = (await lab.byId('draw-pointer').textContent()) ?? ''
    const match = /(-?\d+\.\d+), \S+ (-?\d+\.\d+)/.exec(text)
    if (!match) throw new Error(`no pointer readout in "${text}"`)
    return [Number(match[1]), Number(match[2])]
  }
  const a = { x: box.x + box.width * 0.2, y: box.y + box.height * 0.2 }
  const b = { x: box.x + box.width * 0.8, y: box.y + box.height * 0.75 }
  const [ax, ay] = await read(a.x, a.y)
  const [bx, by] = await read(b.x, b.y)
  await page.keyboard.press('Escape')
  await expect(lab.byId('draw-toolbar')).toHaveCount(0)
  const sx = (bx - ax) / (b.x - a.x)
  const sy = (by - ay) / (b.y - a.y)
  // The toolbar sat above the map: the same canvas is higher up now (same size, same plane).
  const after = await lab.byId(ids.boundaryCanvas).boundingBox()
  if (!after) throw new Error('no boundary map')
  expect(after.width).toBeCloseTo(box.width, 0)
  const dx = after.x - box.x
  const dy = after.y - box.y
  return {
    toPixel: (x: number, y: number) => ({
      x: a.x + dx + (x - ax) / sx,
      y: a.y + dy + (y - ay) / sy
    })
  }
}

test('a click on the lab map chooses the Inside view sample, and the view’s choice shows on the map', async ({
  lab,
  page
}) => {
  test.setTimeout(120_000)
  const seed = seedPoints()
  await lab.open()
  // Before the Inside view was opened, a click on a point chooses nothing.
  const map = await planeMapping(page, lab)
  const n = seed.labels.length
  const pixels = Array.from({ length: n }, (_, i) => map.toPixel(seed.x[2 * i], seed.x[2 * i + 1]))
  // The point with the most room around it (its nearest neighbour furthest away, in pixels).
  const room = pixels.map((p, i) =>
    Math.min(...pixels.map((q, j) => (i === j ? Infinity : Math.hypot(p.x - q.x, p.y - q.y))))
  )
  const target = room.indexOf(Math.max(...room))
  expect(room[target]).toBeGreaterThan(6)
  await page.mouse.click(pixels[target].x, pixels[target].y)
  await expect(lab.byId('inside-pick-note')).toHaveCount(0)

  await lab.byId('view-inside').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
  await lab.byId('view-lab').click()

  // A few pixels off the point still chooses it.
  await page.mouse.click(pixels[target].x + 2, pixels[target].y - 2)
  const className = `class ${seed.labels[target]}`
  await expect(lab.byId('inside-pick-text')).toHaveText(
    `Inside view sample: point ${target}, ${className}`
  )
  await lab.screenshot('inside-pick-map')
  // A click on empty plane (far from every point) keeps the choice.
  const box = await lab.byId(ids.boundaryCanvas).boundingBox()
  const empty =
    pixels.length > 0 && box ? { x: box.x + box.width / 2, y: box.y + box.height / 2 } : null
  if (empty && Math.min(...pixels.map((p) => Math.hypot(p.x - empty.x, p.y - empty.y))) > 12) {
    await page.mouse.click(empty.x, empty.y)
    await expect(lab.byId('inside-pick-text')).toContainText(`point ${target},`)
  }

  // The Inside view shows that point's numbers (its row in the full batch is its index).
  await lab.byId('inside-pick-open').click()
  await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
  await expect(lab.byId('inside-row')).toHaveValue(String(target))
  await expect(lab.byId('inside-sample')).toHaveText(
    `point ${target}, class ${seed.labels[target]}, x = (${seed.x[2 * target].toFixed(3)}, ${seed.x[2 * target + 1].toFixed(3)})`
  )

  // The view's own choice is the map's too.
  const other = target === 7 ? 8 : 7
  await lab.byId('inside-row').fill(String(other))
  await lab.byId('inside-row').press('Enter')
  await lab.byId('view-lab').click()
  await expect(lab.byId('inside-pick-text')).toHaveText(
    `Inside view sample: point ${other}, class ${seed.labels[other]}`
  )
  // × forgets it.
  await lab.byId('inside-pick-clear').click()
  await expect(lab.byId('inside-pick-note')).toHaveCount(0)
  lab.expectNoErrors()
})
