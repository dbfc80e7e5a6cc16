// Accessibility (issue 12): axe-core finds no violations on the lab, the Learn drawer and the
// Activation functions view, in light and dark; keyboard behaviour that axe cannot see is checked
// by hand: one h1, Esc closes menus and the drawer, arrows move in menus, focus stays in modals and
// comes back, the lab behind the Learn drawer is inert, every neuron's map is reachable by keyboard.
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, test } from './fixtures'

async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze()
  return results.violations.map(
    (v) =>
      `${v.impact} ${v.id}: ${v.help} — ${v.nodes
        .slice(0, 4)
        .map(
          (n) => `${n.target.join(' ')} (${n.failureSummary?.split('\n').slice(1, 3).join(' ')})`
        )
        .join('; ')}`
  )
}

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`axe in ${scheme}`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme })
      await page.setViewportSize({ width: 1280, height: 800 })
    })

    test('the lab has no violations', async ({ lab, page }) => {
      await lab.open()
      expect(await axeViolations(page)).toEqual([])
    })

    test('the Learn drawer has no violations', async ({ lab, page }) => {
      await lab.open()
      await lab.byId('learn-toggle').click()
      await expect(lab.byId('learn-panel')).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
    })

    test('the Activation functions view has no violations', async ({ lab, page }) => {
      await lab.open()
      await lab.byId('view-activations').click()
      await expect(lab.byId('activation-sigmoid')).toBeVisible()
      expect(await axeViolations(page)).toEqual([])
    })
  })
}

test.describe('keyboard', () => {
  test('exactly one h1, and the File menu works by keyboard', async ({ lab, page }) => {
    await lab.open()
    await expect(page.locator('h1')).toHaveCount(1)
    await expect(page.locator('h1')).toHaveText('NN Lab')

    const fileButton = lab.byId('file-menu')
    await fileButton.focus()
    await page.keyboard.press('Enter')
    await expect(lab.byId('file-menu-items')).toBeVisible()
    await expect(lab.byId('session-new')).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(lab.byId('session-open')).toBeFocused()
    await page.keyboard.press('ArrowDown')
    await expect(lab.byId('session-save-as')).toBeFocused()
    await page.keyboard.press('ArrowUp')
    await expect(lab.byId('session-open')).toBeFocused()
    await page.keyboard.press('Home')
    await expect(lab.byId('session-new')).toBeFocused()
    // Up from the first item wraps to the last one.
    await page.keyboard.press('ArrowUp')
    await expect(
      page.locator('[data-testid="file-menu-items"] [role="menuitem"]').last()
    ).toBeFocused()
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(lab.byId('file-menu-items')).toHaveCount(0)
    await expect(fileButton).toBeFocused()
  })

  test('Esc closes the Export panel and gives focus back', async ({ lab, page }) => {
    await lab.open()
    await lab.byId('export-toggle').click()
    await expect(lab.byId('export-panel')).toBeVisible()
    expect(await axeViolations(page)).toEqual([])
    await lab.byId('export-scale').focus()
    await page.keyboard.press('Escape')
    await expect(lab.byId('export-panel')).toHaveCount(0)
    await expect(lab.byId('export-toggle')).toBeFocused()
  })

  test('the Learn drawer is modal: the lab behind is inert, Esc closes, focus returns', async ({
    lab,
    page
  }) => {
    await lab.open()
    const toggle = lab.byId('learn-toggle')
    await toggle.focus()
    await page.keyboard.press('Enter')
    const drawer = lab.byId('learn-panel')
    await expect(drawer).toBeVisible()
    await expect(drawer).toHaveAttribute('role', 'dialog')
    await expect.poll(() => drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    for (const region of ['header.top-bar', 'main.lab', 'footer.status-bar']) {
      expect(await page.locator(region).evaluate((el) => (el as HTMLElement).inert), region).toBe(
        true
      )
    }
    // Tab and Shift+Tab never leave the drawer.
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press(i % 5 === 4 ? 'Shift+Tab' : 'Tab')
      expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    }
    // A click on the lab behind does nothing (inert): the Start button is not pressed.
    await lab
      .byId('train-toggle')
      .click({ force: true })
      .catch(() => undefined)
    expect(await lab.isRunning()).toBe(false)

    await page.keyboard.press('Escape')
    await expect(drawer).toHaveCount(0)
    await expect(toggle).toBeFocused()
    expect(await page.locator('main.lab').evaluate((el) => (el as HTMLElement).inert)).toBe(false)
  })

  test('the discard question keeps focus inside and gives it back', async ({ lab, page }) => {
    await lab.open()
    await lab.byId('train-step').click()
    await expect.poll(() => lab.epoch()).toBe(1)
    await lab.byId('add-layer').focus()
    await page.keyboard.press('Enter')
    const dialog = lab.byId('confirm-dialog')
    await expect(dialog).toBeVisible()
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press(i % 3 === 2 ? 'Shift+Tab' : 'Tab')
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true)
    }
    expect(await axeViolations(page)).toEqual([])
    await page.keyboard.press('Escape')
    await expect(dialog).toHaveCount(0)
    await expect(lab.byId('add-layer')).toBeFocused()
    expect(await lab.epoch()).toBe(1)
  })

  test("every neuron's map is reachable by keyboard", async ({ lab, page }) => {
    await lab.open()
    await lab.byId('train-step').click()
    await expect.poll(() => lab.epoch()).toBe(1)
    const area = lab.byId('network-diagram-area')
    await area.focus()
    const tooltip = lab.byId('neuron-tooltip')
    await expect(tooltip).toContainText('Input x₁')
    await page.keyboard.press('ArrowDown')
    await expect(tooltip).toContainText('Input x₂')
    // Seed network 2-16-8-1: visit every neuron of every layer.
    const sizes = [2, 16, 8, 1]
    const names = ['Hidden layer 1', 'Hidden layer 2', 'Output']
    for (let column = 1; column < sizes.length; column++) {
      await page.keyboard.press('ArrowRight')
      await page.keyboard.press('Home')
      for (let index = 0; index < sizes[column]; index++) {
        await expect(tooltip).toContainText(`${names[column - 1]}, neuron ${index + 1}`)
        if (index === 0 || index === sizes[column] - 1) {
          // The trainer streams this neuron's map: the tooltip shows it once it came.
          await expect(lab.byId('neuron-map')).toBeVisible()
        }
        await page.keyboard.press('ArrowDown')
      }
    }
    await page.keyboard.press('Escape')
    await expect(tooltip).toHaveCount(0)
    lab.expectNoErrors()
  })
})

test('tab rows follow the WAI-ARIA tabs pattern: one Tab stop, arrows, Home and End', async ({
  lab,
  page
}) => {
  await lab.open()
  const tabIndexes = (list: string): Promise<number[]> =>
    page
      .locator(`${list} [role="tab"]`)
      .evaluateAll((tabs) => tabs.map((t) => (t as HTMLElement).tabIndex))
  // The view tabs (App.vue, with InsideViewTab.vue): only the selected one is a Tab stop.
  const views = 'nav.view-tabs'
  expect(await tabIndexes(views)).toEqual([0, -1, -1])
  await lab.byId('view-lab').focus()
  await page.keyboard.press('ArrowRight')
  await expect(lab.byId('view-activations')).toBeFocused()
  await expect(lab.byId('view-activations')).toHaveAttribute('aria-selected', 'true')
  expect(await tabIndexes(views)).toEqual([-1, 0, -1])
  await page.keyboard.press('End')
  await expect(lab.byId('view-inside')).toBeFocused()
  await expect(lab.byId('view-inside')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowRight') // wraps to the first
  await expect(lab.byId('view-lab')).toBeFocused()
  await expect(lab.byId('view-lab')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('ArrowLeft') // wraps to the last
  await expect(lab.byId('view-inside')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Home')
  await expect(lab.byId('view-lab')).toBeFocused()
  await expect(lab.byId('view-lab')).toHaveAttribute('aria-selected', 'true')
  // A click elsewhere that changes the view moves the Tab stop with it.
  await lab.byId('view-activations').click()
  await expect.poll(() => tabIndexes(views)).toEqual([-1, 0, -1])
  await lab.byId('view-lab').click()

  // The Learn drawer's tabs: the same behaviour.
  await lab.byId('learn-toggle').click()
  const learn = '[data-testid="learn-panel"] [role="tablist"]'
  await expect(lab.byId('learn-tab-steps')).toHaveAttribute('aria-selected', 'true')
  expect(await tabIndexes(learn)).toEqual([0, -1, -1])
  await lab.byId('learn-tab-steps').focus()
  await page.keyboard.press('ArrowRight')
  await expect(lab.byId('learn-tab-takeaways')).toBeFocused()
  await expect(lab.byId('learn-tab-takeaways')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('End')
  await expect(lab.byId('learn-tab-questions')).toHaveAttribute('aria-selected', 'true')
  await page.keyboard.press('Home')
  await expect(lab.byId('learn-tab-steps')).toBeFocused()
  expect(await tabIndexes(learn)).toEqual([0, -1, -1])
  // Tab leaves the row from the selected tab (no stop on the others).
  await page.keyboard.press('Tab')
  await expect(lab.byId('learn-tab-takeaways')).not.toBeFocused()
  await expect(lab.byId('learn-tab-questions')).not.toBeFocused()
  lab.expectNoErrors()
})
