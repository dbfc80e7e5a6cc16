// The Inside view's layout at the two window sizes a laptop gives the app (1024×700, 1280×800),
// light and dark: on every step kind (W and b, z, a, the loss, δ, dW, db, the update with SGD,
// momentum and Adam) the page itself never scrolls or overflows sideways, nothing wider than its
// panel is clipped without a scrollbar, and a long sum folds ("+ … +") rather than running off.
// Screenshots of each step go to e2e/artifacts/ to be looked at.
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

/** Elements of the Inside view whose content is wider than their box with no way to scroll to it. */
async function clippedElements(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const view = document.querySelector('[data-testid="inside-view"]')!
    const out: string[] = []
    for (const el of Array.from(view.querySelectorAll<HTMLElement>('*'))) {
      if (el.closest('.katex-mathml')) continue
      // Content wider than a box that hides its overflow is lost (auto/scroll boxes scroll).
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'hidden') {
        out.push(`${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth}>${el.clientWidth}`)
      }
    }
    return out
  })
}

/** The page's own scroll extent (the view scrolls inside its panels, never the page), and how
 *  far the view's panels reach past the window (none may: a hidden overflow would cut them). */
async function pageOverflow(page: Page): Promise<{ x: number; y: number; below: number }> {
  return page.evaluate(() => {
    const root = document.scrollingElement!
    const body = document.querySelector('.inside__body')!.getBoundingClientRect()
    return {
      x: root.scrollWidth - root.clientWidth,
      y: root.scrollHeight - root.clientHeight,
      below: Math.max(0, Math.ceil(body.bottom - window.innerHeight))
    }
  })
}

/** Formula lines wider than the formulas' panel (a long line must fold or wrap). */
async function formulaOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = []
    for (const box of Array.from(
      document.querySelectorAll<HTMLElement>(
        '[data-testid="inside-formulas"], [data-testid="inside-chain"]'
      )
    )) {
      if (box.scrollWidth > box.clientWidth + 1) {
        out.push(`${box.dataset.testid}: ${box.scrollWidth} > ${box.clientWidth}`)
      }
    }
    return out
  })
}

const SIZES = [
  [1024, 700],
  [1280, 800]
] as const

for (const scheme of ['light', 'dark'] as const) {
  for (const [width, height] of SIZES) {
    test(`every step fits at ${width}×${height} ${scheme} (SGD)`, async ({ lab, page }) => {
      test.setTimeout(180_000)
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width, height })
      await lab.open()
      await lab.byId('view-inside').click()
      await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
      const steps = await lab.byId('inside-steps').locator('li').count()
      for (let s = 0; s < steps; s++) {
        const title = await lab.byId('inside-step-title').innerText()
        expect
          .soft(await pageOverflow(page), `${title}: the page scrolls`)
          .toEqual({ x: 0, y: 0, below: 0 })
        expect.soft(await clippedElements(page), title).toEqual([])
        expect.soft(await formulaOverflow(page), title).toEqual([])
        if (process.env.NNLAB_SHOTS) {
          await lab.screenshot(
            `inside-step${String(s).padStart(2, '0')}-${width}x${height}-${scheme}`
          )
        }
        if (s < steps - 1) await lab.byId('inside-next').click()
      }
      lab.expectNoErrors()
    })
  }
}

for (const optimizer of ['momentum', 'adam'] as const) {
  test(`the ${optimizer} update fits at 1024×700`, async ({ lab, page }) => {
    await page.setViewportSize({ width: 1024, height: 700 })
    await lab.open()
    await lab.byId('optimizer-select').selectOption(optimizer)
    await lab.byId('view-inside').click()
    await expect(lab.byId('inside-epoch')).toHaveText('Epoch 1')
    await lab
      .byId('inside-steps')
      .getByRole('button', { name: /Layer 2 · update W and b/ })
      .click()
    await expect(lab.byId('inside-step-title')).toHaveText('Layer 2 · update W and b')
    await expect(lab.byId('inside-formulas')).toContainText(optimizer === 'adam' ? 'β' : 'μ')
    expect(await pageOverflow(page)).toEqual({ x: 0, y: 0, below: 0 })
    expect(await clippedElements(page)).toEqual([])
    expect(await formulaOverflow(page)).toEqual([])
    await lab.screenshot(`inside-update-${optimizer}-1024x700`)
    lab.expectNoErrors()
  })
}
