// The network diagram: links follow the weights live, hovering a neuron shows its own output map
// (streamed by the trainer), and an 8 × 128 network stays readable (strongest links only).
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

/** Moves the pointer onto neuron `index` of diagram column `column`. */
async function hoverNeuron(lab: LabPage, column: number, index: number, sizes: number[]) {
  const canvas = lab.byId('network-diagram-canvas')
  const box = (await canvas.boundingBox())!
  // Mirrors layoutNetwork(): columns spread between margins, neurons evenly in the column.
  const point = await canvas.evaluate(
    (_element, { column, index, sizes, width, height }) => {
      const fs = 12
      const marginX = Math.max(fs * 5.4, width * 0.06)
      const x = marginX + ((width - 2 * marginX) * column) / (sizes.length - 1)
      const top = fs
      const bottom = height - fs * 3.2
      const spacing = (bottom - top) / sizes[column]
      const y = top + (bottom - top - spacing * sizes[column]) / 2 + spacing / 2 + index * spacing
      return { x, y }
    },
    { column, index, sizes, width: box.width, height: box.height }
  )
  await lab.page.mouse.move(box.x + point.x, box.y + point.y)
}

test('hovering a hidden neuron shows its output map while training', async ({ lab }) => {
  test.setTimeout(90_000)
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const canvas = lab.byId('network-diagram-canvas')
  await expect(canvas).toHaveAttribute('data-drawn-links', '168')
  const before = await lab.canvasSignature('network-diagram-canvas')

  await lab.start()
  await lab.waitForEpochAbove(50)
  // Links follow the weights as they are streamed.
  await expect.poll(() => lab.canvasSignature('network-diagram-canvas')).not.toBe(before)

  await hoverNeuron(lab, 1, 3, [2, 16, 8, 1])
  const tooltip = lab.byId('neuron-tooltip')
  await expect(tooltip).toContainText('Hidden layer 1, neuron 4')
  const map = lab.byId('neuron-map')
  await expect(map).toBeVisible({ timeout: 10_000 })
  await expect.poll(() => lab.canvasInk('neuron-map')).toBeGreaterThan(50)
  await lab.screenshot('network-hover-neuron')

  await hoverNeuron(lab, 3, 0, [2, 16, 8, 1])
  await expect(tooltip).toContainText('Output, neuron 1')
  await expect(map).toBeVisible({ timeout: 10_000 })
  await lab.page.mouse.move(5, 5)
  await expect(tooltip).toHaveCount(0)
  await lab.pause()

  // Paused: the trainer still answers a hover with the neuron's map.
  await hoverNeuron(lab, 2, 5, [2, 16, 8, 1])
  await expect(tooltip).toContainText('Hidden layer 2, neuron 6')
  await expect(map).toBeVisible({ timeout: 10_000 })
  await expect.poll(() => lab.canvasInk('neuron-map')).toBeGreaterThan(50)
  lab.expectNoErrors()
})

test('8 hidden layers of 128 neurons: strongest links only, still trains', async ({ lab }) => {
  test.setTimeout(120_000)
  await lab.open()
  for (let i = 0; i < 6; i++) await lab.byId('add-layer').click()
  for (let i = 0; i < 8; i++) {
    const input = lab.byId(`layer-${i}-neurons`)
    await input.fill('128')
    await input.press('Enter')
  }
  await expect(lab.byId('network-line')).toHaveText(
    `Network: 2, ${Array(8).fill(128).join(', ')}, 1`
  )
  await lab.waitForReady()
  const canvas = lab.byId('network-diagram-canvas')
  const total = 2 * 128 + 7 * 128 * 128 + 128
  await expect(canvas).toHaveAttribute('data-total-links', String(total))
  const drawn = Number(await canvas.getAttribute('data-drawn-links'))
  expect(drawn).toBeLessThan(total / 10)
  await expect(lab.byId('network-link-summary')).toContainText(
    `showing the strongest ${drawn.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} links`
  )
  // Ready once the last edit's rebuild is built (the store stays 'configuring' until then).
  await lab.waitForReady()
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(1)
  await lab.screenshot('network-8x128')
})
