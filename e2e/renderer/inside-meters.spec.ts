// Issue 13's meters: the gradient-flow view flags a deep sigmoid network's vanishing gradients
// and not the seed run's; dead units are marked on the network diagram. Epochs are driven by
// Step or a far limit and read back from the lab, never timed.
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

async function openGradientFlow(lab: LabPage): Promise<void> {
  await lab.byId('analysis-flow').click()
  await expect(lab.byId('gradient-flow')).toBeVisible()
  await expect(lab.byId('analysis-flow')).toHaveAttribute('aria-pressed', 'true')
}

/** 2-8-8-8-8-8-1 with sigmoid hidden layers: three more layers of 8, the first narrowed to 8. */
async function buildDeepSigmoid(lab: LabPage): Promise<void> {
  for (let i = 0; i < 3; i++) await lab.byId('add-layer').click()
  await lab.byId('layer-0-neurons').fill('8')
  await lab.byId('layer-0-neurons').press('Enter')
  for (let i = 0; i < 5; i++) await lab.byId(`layer-${i}-activation`).selectOption('sigmoid')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 8, 8, 8, 8, 8, 1')
}

async function shoot(lab: LabPage, name: string): Promise<void> {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 }
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await lab.page.setViewportSize(size)
      await lab.page.emulateMedia({ colorScheme })
      await lab.byId('gradient-flow').scrollIntoViewIfNeeded()
      await lab.screenshot(`${name}-${size.width}x${size.height}-${colorScheme}`)
    }
  }
  await lab.page.emulateMedia({ colorScheme: 'light' })
}

test('the seed run’s gradients flow: no verdict, no dead units', async ({ lab }) => {
  await lab.open()
  await openGradientFlow(lab)
  await expect(lab.byId('flow-verdict')).toContainText('Train or step an epoch')
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(300)
  await lab.pause()
  await expect(lab.byId('flow-verdict')).toHaveAttribute('data-kind', 'healthy')
  await expect(lab.byId('flow-verdict')).toContainText(
    'Gradients reach every layer: none vanishes or explodes.'
  )
  await expect(lab.byId('units-verdict')).toHaveText('No dead or saturated units.')
  await expect(lab.byId('network-diagram-canvas')).toHaveAttribute('data-dead-units', '0')
  expect(await lab.canvasInk('gradient-norm-canvas')).toBeGreaterThan(500)
  expect(await lab.canvasInk('update-ratio-canvas')).toBeGreaterThan(500)
  await shoot(lab, 'inside-meters-seed')
  lab.expectNoErrors()
})

test('a deep sigmoid network’s vanishing gradients are flagged', async ({ lab }) => {
  await lab.open()
  await buildDeepSigmoid(lab)
  await openGradientFlow(lab)
  for (let i = 1; i <= 3; i++) {
    await lab.byId(ids.trainStep).click()
    await expect.poll(() => lab.epoch()).toBe(i)
  }
  const verdict = lab.byId('flow-verdict')
  await expect(verdict).toHaveAttribute('data-kind', 'vanishing')
  await expect(verdict).toContainText(
    /Vanishing gradients: the gradient reaching Hidden 1's weights is 1\/[\d,]+ of the output error/
  )
  // Still flagged once it has trained on (it is stuck, not learning).
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(200)
  await lab.pause()
  await expect(verdict).toHaveAttribute('data-kind', 'vanishing')
  await shoot(lab, 'inside-meters-deep-sigmoid')
  // Closing the view turns the meters off: the verdict goes with it.
  await lab.byId('analysis-flow').click()
  await expect(lab.byId('gradient-flow')).toHaveCount(0)
  lab.expectNoErrors()
})

test('dead ReLU units are counted, named and marked on the diagram', async ({ lab }) => {
  await lab.open()
  // The seed network at learning rate 3 loses 4 + 5 ReLU units within a few epochs (NumPy agrees:
  // src/shared/engine/fixtures/meters_reference.json, "dying relu").
  await lab.byId('lr-input').fill('3')
  await lab.byId('lr-input').press('Enter')
  await openGradientFlow(lab)
  for (let i = 1; i <= 6; i++) {
    await lab.byId(ids.trainStep).click()
    await expect.poll(() => lab.epoch()).toBe(i)
  }
  await expect(lab.byId('units-verdict')).toContainText(
    /^\d+ of (16|8) units in Hidden [12] never fire/
  )
  await expect(lab.byId('network-diagram-canvas')).not.toHaveAttribute('data-dead-units', '0')
  await expect(lab.byId('network-link-summary')).toContainText('never fires')
  lab.expectNoErrors()
})

/** Waits until the view has drawn the weights of the epoch the lab shows. */
async function drawnAtCurrentEpoch(lab: LabPage, canvasId: string): Promise<void> {
  const epoch = await lab.epoch()
  await expect(lab.byId(canvasId)).toHaveAttribute('data-epoch', String(epoch), {
    timeout: 20_000
  })
}

async function shootView(lab: LabPage, testId: string, name: string): Promise<void> {
  for (const size of [
    { width: 1024, height: 700 },
    { width: 1280, height: 800 }
  ]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      await lab.page.setViewportSize(size)
      await lab.page.emulateMedia({ colorScheme })
      await lab.byId(testId).scrollIntoViewIfNeeded()
      await lab.screenshot(`${name}-${size.width}x${size.height}-${colorScheme}`)
    }
  }
  await lab.page.emulateMedia({ colorScheme: 'light' })
}

for (const view of [
  { button: 'analysis-hidden', panel: 'hidden-space', canvas: 'hidden-space-canvas' },
  { button: 'analysis-landscape', panel: 'landscape', canvas: 'landscape-canvas' }
]) {
  test(`the ${view.panel} view draws and changes with training`, async ({ lab }) => {
    await lab.open()
    await lab.byId(view.button).click()
    await expect(lab.byId(view.panel)).toBeVisible()
    await drawnAtCurrentEpoch(lab, view.canvas)
    expect(await lab.canvasInk(view.canvas)).toBeGreaterThan(200)
    const before = await lab.settledSignature(view.canvas)

    await lab.setEpochLimit(FAR_EPOCH_LIMIT)
    await lab.start()
    await lab.waitForEpochAbove(200)
    await lab.pause()
    await drawnAtCurrentEpoch(lab, view.canvas)
    const after = await lab.settledSignature(view.canvas)
    expect(after).not.toBe(before)
    expect(await lab.canvasInk(view.canvas)).toBeGreaterThan(200)
    await shootView(lab, view.panel, `inside-${view.panel}`)
    lab.expectNoErrors()
  })
}

test('the gradient check lists backprop beside central differences', async ({ lab }) => {
  await lab.open()
  for (let i = 1; i <= 5; i++) {
    await lab.byId(ids.trainStep).click()
    await expect.poll(() => lab.epoch()).toBe(i)
  }
  await lab.byId('analysis-gradcheck').click()
  const table = lab.byId('gradcheck-table')
  await expect(table).toBeVisible()
  expect(await table.locator('tbody tr').count()).toBeGreaterThanOrEqual(20)
  await expect(lab.byId('gradcheck-summary')).toContainText('Epoch 5:')
  await expect(lab.byId('gradcheck-summary')).toContainText(
    'backprop agrees with the numerical derivative'
  )
  await expect(table.locator('tbody tr').first().locator('th')).toHaveText('W₁[0, 0]')
  await shootView(lab, 'gradcheck', 'inside-gradcheck')
  lab.expectNoErrors()
})
