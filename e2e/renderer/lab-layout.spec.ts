// Layout at the window sizes the lab promises (issue 4: 1024×700 up): every panel of the lab can
// be brought fully into view, and on 1440×900 and larger all of them fit at once; the Activation
// functions view fills the window with a 2×2 grid of charts.
import { expect, test } from './fixtures'

const SIZES = [
  { width: 1024, height: 700, allAtOnce: false },
  { width: 1440, height: 900, allAtOnce: true },
  { width: 1920, height: 1080, allAtOnce: true }
]

for (const size of SIZES) {
  test(`lab panels are all reachable at ${size.width}×${size.height}`, async ({ lab, page }) => {
    await page.setViewportSize({ width: size.width, height: size.height })
    await lab.open()
    const panels = page.locator('main.lab section.panel')
    const count = await panels.count()
    expect(count).toBeGreaterThanOrEqual(7)
    for (let i = 0; i < count; i++) {
      const panel = panels.nth(i)
      const name =
        (await panel.getAttribute('aria-label')) ?? (await panel.innerText()).split('\n')[0]
      if (size.allAtOnce) {
        await expect(panel, `${name} fits without scrolling`).toBeInViewport({ ratio: 1 })
      } else {
        await panel.scrollIntoViewIfNeeded()
        await expect(panel, `${name} can be scrolled fully into view`).toBeInViewport({
          ratio: 0.99
        })
      }
    }
    await lab.screenshot(`lab-layout-${size.width}x${size.height}`)
    lab.expectNoErrors()
  })
}

test('the Activation functions view is a 2×2 grid that fills the window', async ({ lab, page }) => {
  await page.setViewportSize({ width: 1440, height: 900 })
  await lab.open()
  await lab.byId('view-activations').click()
  const names = ['sigmoid', 'relu', 'tanh', 'leaky-relu']
  const boxes = []
  for (const name of names) {
    const cell = lab.byId(`activation-${name}`)
    await expect(cell).toBeInViewport({ ratio: 1 })
    boxes.push((await cell.boundingBox())!)
  }
  // Two columns, two rows.
  expect(Math.abs(boxes[0].y - boxes[1].y)).toBeLessThan(2)
  expect(Math.abs(boxes[2].y - boxes[3].y)).toBeLessThan(2)
  expect(boxes[2].y).toBeGreaterThan(boxes[0].y + boxes[0].height - 2)
  expect(Math.abs(boxes[0].x - boxes[2].x)).toBeLessThan(2)
  // Together they use most of the window's height (no large empty area below).
  const bottom = boxes[3].y + boxes[3].height
  expect(bottom - boxes[0].y).toBeGreaterThan(900 * 0.7)
  await lab.screenshot('activations-grid')
})

// The top bar's first row (brand, session, view tabs, palette, Learn, Challenges, Export) is one
// row down to 1024×700: no control moves to a second line, no label breaks, nothing is cut off.
for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of [
    [1024, 700],
    [1280, 800]
  ]) {
    test(`the top bar is one row at ${width}×${height} (${scheme})`, async ({ lab, page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width, height })
      await lab.open()
      const row = page.locator('header.top-bar .title-row')
      const layout = await row.evaluate((el) => {
        const rowRect = el.getBoundingClientRect()
        const items = Array.from(el.querySelectorAll<HTMLElement>('button, select, h1, a'))
          .filter((item) => item.offsetParent !== null)
          .map((item) => {
            const r = item.getBoundingClientRect()
            const lineHeight = parseFloat(getComputedStyle(item).lineHeight) || 20
            return {
              name: (item.textContent ?? '').trim() || item.getAttribute('aria-label') || '',
              top: r.top,
              bottom: r.bottom,
              left: r.left,
              right: r.right,
              lines: Math.round(
                (item.clientHeight -
                  parseFloat(getComputedStyle(item).paddingTop) -
                  parseFloat(getComputedStyle(item).paddingBottom)) /
                  lineHeight
              )
            }
          })
        return {
          row: { top: rowRect.top, bottom: rowRect.bottom, right: rowRect.right },
          overflow: el.scrollWidth - el.clientWidth,
          items
        }
      })
      expect(layout.items.length).toBeGreaterThan(6)
      expect(layout.overflow, 'nothing is cut off at the right').toBeLessThanOrEqual(0)
      const firstRowBottom = Math.min(...layout.items.map((i) => i.bottom))
      for (const item of layout.items) {
        expect(item.top, `“${item.name}” is on the first line`).toBeLessThan(firstRowBottom)
        expect(item.lines, `“${item.name}” fits on one line`).toBeLessThanOrEqual(1)
        expect(item.right, `“${item.name}” is inside the window`).toBeLessThanOrEqual(width)
      }
      await lab.screenshot(`top-bar-${scheme}-${width}x${height}`)
      lab.expectNoErrors()
    })
  }
}
