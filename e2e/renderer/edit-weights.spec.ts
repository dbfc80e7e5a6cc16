// Editing a weight or a bias in the network diagram (TF Playground's click-to-edit): the typed
// value goes into the live run at once (the trainer's set-parameter), the boundary map is redrawn
// from it, and the run's own weights hold it (read back through the weights JSON export).
import { readFileSync } from 'node:fs'
import type { Page } from '@playwright/test'
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

interface WeightsFile {
  layers: { weights: number[][]; biases: number[] }[]
}

async function exportedWeights(page: Page, lab: LabPage): Promise<WeightsFile> {
  await lab.byId('export-toggle').click()
  const download = page.waitForEvent('download')
  await lab.byId('export-weights-json').click()
  const file = await download
  return JSON.parse(readFileSync(await file.path(), 'utf8')) as WeightsFile
}

/** Keyboard: focus the diagram, → to the first hidden layer, ↓ `down` times, Enter. */
async function openNeuronEditor(lab: LabPage, right: number, down = 0): Promise<void> {
  const area = lab.byId('network-diagram-area')
  await area.focus()
  for (let i = 0; i < right; i++) await area.press('ArrowRight')
  for (let i = 0; i < down; i++) await area.press('ArrowDown')
  await area.press('Enter')
  await expect(lab.byId('parameter-editor')).toBeVisible()
  await expect(lab.byId('parameter-value')).toBeFocused()
}

test('keyboard: a weight and a bias typed while paused change the map and the run’s weights', async ({
  lab,
  page
}) => {
  await lab.open()
  const before = await exportedWeights(page, lab)
  const map = await lab.settledSignature(ids.boundaryCanvas)

  // Hidden layer 1, neuron 3: its weight from x₂ (W[0][1, 2]).
  await openNeuronEditor(lab, 1, 2)
  await expect(lab.byId('parameter-editor')).toContainText('hidden 1 · 3')
  await lab.byId('parameter-choice').selectOption({ label: 'weight from x₂' })
  const field = lab.byId('parameter-value')
  await expect(field).toHaveValue(String(before.layers[0].weights[1][2]))
  // A value past the limit is refused next to the field; the run is untouched.
  await field.fill('5000')
  await field.press('Enter')
  await expect(lab.page.getByRole('alert')).toContainText('The value must be a number from')
  await field.fill('3.25')
  await field.press('Enter')
  await expect(lab.byId('parameter-editor')).toBeHidden()
  await expect(lab.byId('network-diagram-area')).toBeFocused()

  // The output neuron's bias: Enter opens the form on the bias.
  await openNeuronEditor(lab, 3)
  await expect(lab.byId('parameter-choice')).toHaveValue('bias')
  await lab.byId('parameter-value').fill('-1.5')
  await lab.byId('parameter-value').press('Enter')

  // Esc cancels without a change.
  await openNeuronEditor(lab, 1)
  await lab.byId('parameter-value').fill('99')
  await lab.byId('parameter-value').press('Escape')
  await expect(lab.byId('parameter-editor')).toBeHidden()

  await expect.poll(() => lab.settledSignature(ids.boundaryCanvas)).not.toBe(map)
  const after = await exportedWeights(page, lab)
  expect(after.layers[0].weights[1][2]).toBe(3.25)
  expect(after.layers[2].biases[0]).toBe(-1.5)
  expect(after.layers[0].biases[0]).toBe(before.layers[0].biases[0])
  // Nothing else moved: the run was paused.
  const changed = after.layers
    .flatMap((l, i) => l.weights.flat().filter((w, j) => w !== before.layers[i].weights.flat()[j]))
    .concat(
      after.layers.flatMap((l, i) => l.biases.filter((b, j) => b !== before.layers[i].biases[j]))
    )
  expect(changed).toEqual([3.25, -1.5])
  expect(await lab.epoch()).toBe(0)
  lab.expectNoErrors()
})

test('mouse: hover a link for its weight, click it to type a value, also while training', async ({
  lab,
  page
}) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.byId(ids.trainToggle).click()
  await lab.waitForEpochAbove(20)
  const area = lab.byId('network-diagram-area')
  const box = (await area.boundingBox())!
  // Between the last hidden layer and the output, scan down a vertical line for a link.
  const x = box.x + box.width * 0.8
  let found = false
  for (let y = box.y + 10; y < box.y + box.height - 40 && !found; y += 3) {
    await page.mouse.move(x, y)
    found = await lab.byId('link-tooltip').isVisible()
  }
  expect(found, 'a link under the pointer shows its weight').toBe(true)
  const tip = lab.byId('link-tooltip')
  await expect(tip).toContainText(/hidden 2 · \d+ → output/)
  await expect(tip).toContainText(/weight -?\d+\.\d{4}/)

  // Still training; the click is where the pointer found the link.
  expect(await lab.isRunning()).toBe(true)
  await page.mouse.down()
  await page.mouse.up()
  await expect(lab.byId('parameter-editor')).toBeVisible()
  const choice = await lab.byId('parameter-choice').inputValue()
  expect(choice).toMatch(/^\d+$/)
  await lab.byId('parameter-value').fill('40')
  await lab.byId('parameter-value').press('Enter')
  // Training went on from the typed value: a few epochs later it is still near 40 (the
  // initial weights are within ±2).
  await lab.waitForEpochAbove((await lab.epoch()) + 5)
  await lab.pause()
  const weights = await exportedWeights(page, lab)
  const w = weights.layers[2].weights[Number(choice)][0]
  expect(Math.abs(w - 40)).toBeLessThan(20)
  lab.expectNoErrors()
})

test('input features: each input neuron shows its own feature map beside it', async ({ lab }) => {
  await lab.open()
  await expect(lab.byId('diagram-feature-thumbnails')).toHaveCount(0)
  await lab.byId('input-features-toggle').click()
  await lab.byId('feature-x1^2').check()
  await lab.byId('feature-sin(x2)').check()
  await expect(lab.byId('network-line')).toHaveText('Network: 4, 16, 8, 1')
  const thumbs = lab.byId('diagram-feature-thumbnails')
  await expect(thumbs).toHaveAttribute('aria-label', 'Input features: x1, x2, x1², sin x2')
  await expect(thumbs.locator('canvas')).toHaveCount(4)
  /** [red − blue] at the left and right middle and the top and bottom middle of a thumbnail. */
  const warmth = (feature: string) =>
    thumbs.locator(`canvas[data-feature="${feature}"]`).evaluate((element) => {
      const canvas = element as HTMLCanvasElement
      const ctx = canvas.getContext('2d')!
      const s = canvas.width
      const at = (x: number, y: number) => {
        const [r, , b] = ctx.getImageData(x, y, 1, 1).data
        return r - b
      }
      const m = Math.floor(s / 2)
      return [at(1, m), at(s - 2, m), at(m, 1), at(m, s - 2)]
    })
  // Blue negative, red positive (the map's colours): x1 grows to the right, x2 upwards, x1² is
  // positive at both sides, sin x2 follows x2's sign near the middle of the plane's height.
  const [x1Left, x1Right] = await warmth('x1')
  expect(x1Left).toBeLessThan(0)
  expect(x1Right).toBeGreaterThan(0)
  const [, , x2Top, x2Bottom] = await warmth('x2')
  expect(x2Top).toBeGreaterThan(0)
  expect(x2Bottom).toBeLessThan(0)
  const [sqLeft, sqRight] = await warmth('x1^2')
  expect(sqLeft).toBeGreaterThan(0)
  expect(sqRight).toBeGreaterThan(0)
  await lab.screenshot('diagram-feature-thumbnails')
  lab.expectNoErrors()
})
