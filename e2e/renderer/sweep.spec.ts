// Sweeps in the app (issue 15): a 3×3 sweep of learning rate × width through the Sweep dialog,
// trained on the trainer's sweep threads. Each cell's final test loss matches `nn-lab train --json`
// of that combination (the real CLI, one process per cell); a cell opens its run in the lab (its
// settings, epochs and training loss); the values are checked next to their field; Cancel stops
// a sweep whose runs could not finish in any test's time.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { formatLoss } from '../../src/shared/engine/format'
import { expect, FAR_EPOCH_LIMIT, ids, test } from './fixtures'

const ROOT = process.cwd()
const TSX = join(ROOT, 'node_modules/.bin/tsx')
const CLI = join(ROOT, 'src/cli/index.ts')

const EPOCHS = 300
const RATES = [0.01, 0.1, 1]
const WIDTHS = [4, 8, 16]

interface TrainJson {
  finalLoss: number
  finalTestLoss: number | null
  epochs: number
}

/** `nn-lab train --json` of one combination: the notebook's run (seed 42, circles 400 / 0.15,
 *  ReLU, SGD, full batch) with both hidden layers `width` wide and 20% test points. */
function trainAlone(lr: number, width: number): TrainJson {
  const ran = spawnSync(
    TSX,
    [
      CLI,
      'train',
      '--lr',
      String(lr),
      '--layers',
      `2,${width},${width},1`,
      '--epochs',
      String(EPOCHS),
      '--test-fraction',
      '0.2',
      '--json'
    ],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
  )
  if (ran.status !== 0) throw new Error(`nn-lab train failed: ${ran.stderr}`)
  return JSON.parse(ran.stdout) as TrainJson
}

test('a 3×3 sweep of lr × width: each cell is its run trained alone, and opens in the lab', async ({
  lab
}) => {
  test.setTimeout(180_000)
  await lab.open()
  // Hold out 20% of the points as test points, and train each run 300 epochs.
  await lab.byId('split-input').evaluate((element) => {
    const input = element as HTMLInputElement
    input.value = '0.2'
    input.dispatchEvent(new Event('input', { bubbles: true }))
    input.dispatchEvent(new Event('change', { bubbles: true }))
  })
  await expect(lab.byId('toggle-test-points')).toBeEnabled()
  await lab.waitForReady()
  await lab.setEpochLimit(EPOCHS)

  await lab.byId('open-sweep').click()
  const dialog = lab.byId('sweep-dialog')
  await expect(dialog).toBeVisible()
  await expect(lab.byId('sweep-base')).toContainText('300 epochs')
  await expect(lab.byId('sweep-base')).toContainText('20% test points')

  // Values are checked next to their field, with the allowed range.
  await lab.byId('sweep-values-0').fill('0.01, 0, 1')
  await expect(lab.byId('sweep-problem-0')).toHaveText(
    'Learning rate values must be greater than 0 and at most 100, not "0".'
  )
  await expect(lab.byId('sweep-values-0')).toHaveAttribute('aria-invalid', 'true')
  await expect(lab.byId('sweep-run')).toBeDisabled()
  await lab.byId('sweep-values-1').fill('4, 8, 2000')
  await expect(lab.byId('sweep-problem-1')).toContainText('whole numbers from 1 to 1024')
  await lab.byId('sweep-values-0').fill(RATES.join(', '))
  await lab.byId('sweep-values-1').fill(WIDTHS.join(', '))
  await expect(lab.byId('sweep-values-0')).toHaveAttribute('aria-invalid', 'false')
  await expect(lab.byId('sweep-run')).toHaveText('Train 9 runs')

  await lab.byId('sweep-run').click()
  await expect(lab.byId('sweep-status')).toHaveText('Done: 9 of 9 runs trained.', {
    timeout: 120_000
  })
  await expect(lab.byId('sweep-row-title')).toHaveText('Learning rate ↓')
  await expect(lab.byId('sweep-column-title')).toHaveText('Width (units per hidden layer) →')
  await expect(lab.byId('sweep-heatmap')).toContainText('Test loss')
  await expect(lab.byId('sweep-loss-note')).toHaveCount(0)

  // Every cell: the final test loss of that combination trained alone by the CLI. The run in
  // Chromium and the run in Node agree to the last bit or two of a double, not always to the bit
  // (seen: 0.20717945248444072 vs …067; the cause is not pinned down), so the comparison allows
  // 1e-12 relative; the four decimals shown must be the same.
  const alone = RATES.map((lr) => WIDTHS.map((width) => trainAlone(lr, width)))
  for (let r = 0; r < RATES.length; r++) {
    for (let c = 0; c < WIDTHS.length; c++) {
      const cell = lab.byId(`sweep-cell-${r}-${c}`)
      const expected = alone[r][c]
      expect(expected.epochs).toBe(EPOCHS)
      expect(expected.finalTestLoss).not.toBeNull()
      await expect(cell).toHaveAttribute('data-state', 'done')
      const shown = Number(await cell.getAttribute('data-loss'))
      const reference = expected.finalTestLoss ?? NaN
      expect(Math.abs(shown - reference)).toBeLessThanOrEqual(1e-12 * reference)
      await expect(cell).toHaveText(formatLoss(reference))
    }
  }
  // The legend spans the smallest and the largest test loss.
  const losses = alone.flat().map((j) => j.finalTestLoss ?? NaN)
  await expect(lab.byId('sweep-legend')).toContainText(formatLoss(Math.min(...losses)))
  await expect(lab.byId('sweep-legend')).toContainText(formatLoss(Math.max(...losses)))

  // Hovering a cell reads its numbers.
  await lab.byId('sweep-cell-2-0').hover()
  await expect(lab.byId('sweep-readout')).toContainText(
    `Learning rate 1, Width (units per hidden layer) 4: test loss ${formatLoss(alone[2][0].finalTestLoss ?? NaN)}`
  )
  await expect(lab.byId('sweep-readout')).toContainText(
    `training loss ${formatLoss(alone[2][0].finalLoss)}`
  )
  await lab.page.mouse.move(0, 0)
  await lab.screenshot('sweep-heatmap')
  const axe = await new AxeBuilder({ page: lab.page })
    .include('[data-testid="sweep-dialog"]')
    .analyze()
  expect(axe.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([])

  // The keyboard: into the grid, right and down to lr 0.1 × width 8, Enter opens that run.
  await lab.byId('sweep-cell-0-0').focus()
  await lab.page.keyboard.press('ArrowRight')
  await lab.page.keyboard.press('ArrowDown')
  await expect(lab.byId('sweep-cell-1-1')).toBeFocused()
  await lab.page.keyboard.press('Enter')
  await expect(dialog).toHaveCount(0)
  await expect(lab.byId('lr-input')).toHaveValue('0.1')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 8, 8, 1')
  await expect.poll(() => lab.epoch()).toBe(EPOCHS)
  await expect(lab.byId(ids.statLoss)).toHaveText(formatLoss(alone[1][1].finalLoss))

  // The sweep is still there; opening another cell over the trained run asks first.
  await lab.byId('open-sweep').click()
  await expect(lab.byId('sweep-status')).toHaveText('Done: 9 of 9 runs trained.')
  await lab.byId('sweep-cell-2-2').click()
  await expect(lab.byId('confirm-dialog')).toBeVisible()
  await lab.byId('confirm-cancel').click()
  await expect(dialog).toBeVisible()
  await expect(lab.byId('lr-input')).toHaveValue('0.1')
  await lab.byId('sweep-cell-2-2').click()
  await lab.byId('confirm-accept').click()
  await expect(dialog).toHaveCount(0)
  await expect(lab.byId('lr-input')).toHaveValue('1')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 16, 1')
  await expect(lab.byId(ids.statLoss)).toHaveText(formatLoss(alone[2][2].finalLoss))
  lab.expectNoErrors()
})

test('Cancel stops a sweep; Esc closes the dialog and the sweep stays', async ({ lab }) => {
  await lab.open()
  // Runs this long cannot finish before the click that cancels them, on any machine.
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.byId('open-sweep').click()
  await lab.byId('sweep-setting-1').selectOption('')
  await expect(lab.byId('sweep-values-1')).toHaveCount(0)
  await lab.byId('sweep-values-0').fill('0.1, 0.5')
  await expect(lab.byId('sweep-run')).toHaveText('Train 2 runs')
  await lab.byId('sweep-run').click()
  await expect(lab.byId('sweep-status')).toHaveText('Training… 0 of 2 runs done.')
  await expect(lab.byId('sweep-run')).toBeDisabled()
  await lab.byId('sweep-cancel').click()
  await expect(lab.byId('sweep-status')).toHaveText('Cancelled: 0 of 2 runs trained.')
  await expect(lab.byId('sweep-cancel')).toHaveCount(0)
  await expect(lab.byId('sweep-cell-0-0')).toHaveAttribute('data-state', 'pending')
  await expect(lab.byId('sweep-loss-note')).toBeVisible()
  await expect(lab.byId('sweep-run')).toBeEnabled()
  await lab.byId('sweep-values-0').fill('0.1, 0.5,')
  await expect(lab.byId('sweep-problem-0')).toHaveText(
    'There is an empty value in "0.1, 0.5,"; separate values with commas.'
  )
  await lab.screenshot('sweep-cancelled')
  await lab.byId('sweep-values-0').fill('0.1, 0.5')

  await lab.page.keyboard.press('Escape')
  await expect(lab.byId('sweep-dialog')).toHaveCount(0)
  await lab.byId('open-sweep').click()
  await expect(lab.byId('sweep-status')).toHaveText('Cancelled: 0 of 2 runs trained.')
  await expect(lab.byId('sweep-values-0')).toHaveValue('0.1, 0.5')
  lab.expectNoErrors()
})

test('the sweep dialog fits 1024×700 and 1280×800, light and dark', async ({ lab }) => {
  test.setTimeout(120_000)
  await lab.open()
  await lab.setEpochLimit(100)
  await lab.byId('open-sweep').click()
  await lab.byId('sweep-values-0').fill('0.01, 0.1, 1, 3')
  await lab.byId('sweep-run').click()
  await expect(lab.byId('sweep-status')).toHaveText('Done: 12 of 12 runs trained.', {
    timeout: 60_000
  })
  await lab.byId('sweep-cell-1-1').hover()
  for (const scheme of ['light', 'dark'] as const) {
    await lab.page.emulateMedia({ colorScheme: scheme })
    for (const [width, height] of [
      [1024, 700],
      [1280, 800]
    ]) {
      await lab.page.setViewportSize({ width, height })
      // The whole dialog is in the window, its map and legend side by side.
      const box = await lab.byId('sweep-dialog').boundingBox()
      expect(box).not.toBeNull()
      if (box) {
        expect(box.x).toBeGreaterThanOrEqual(0)
        expect(box.y).toBeGreaterThanOrEqual(0)
        expect(box.x + box.width).toBeLessThanOrEqual(width)
        expect(box.y + box.height).toBeLessThanOrEqual(height)
      }
      const grid = await lab.byId('sweep-grid').boundingBox()
      const legend = await lab.byId('sweep-legend').boundingBox()
      if (grid && legend) expect(legend.x).toBeGreaterThanOrEqual(grid.x + grid.width)
      await lab.screenshot(`sweep-${width}x${height}-${scheme}`)
    }
  }
  lab.expectNoErrors()
})
