// Issue 16 through the UI: the new activations (menus, the Activation functions view), the
// learning-rate schedule (current rate, plot) and dropout, each reaching the trainer: the loss the
// app shows after some steps is the engine's own run with those settings, computed here in Node.
import { spawnSync } from 'node:child_process'
import { join } from 'node:path'
import { expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

const TSX = join(__dirname, '..', '..', 'node_modules', '.bin', 'tsx')

async function stepEpochs(lab: LabPage, epochs: number): Promise<void> {
  for (let i = 0; i < epochs; i++) {
    const before = await lab.epoch()
    await lab.byId(ids.trainStep).click()
    await expect.poll(() => lab.epoch()).toBe(before + 1)
  }
}

/** The loss the top bar shows after `epochs` steps of the seed run changed by `change`. */
function engineLoss(change: { network?: object; training?: object }, epochs: number): string {
  const result = spawnSync(
    TSX,
    [join(__dirname, 'parityEngineLoss.ts'), JSON.stringify(change), String(epochs)],
    { encoding: 'utf8' }
  )
  expect(result.stderr).toBe('')
  return result.stdout.trim()
}

test('ELU, GELU, Swish and softplus are in the layer menus and train', async ({ lab }) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const menu = lab.byId('layer-0-activation')
  for (const [name, label] of [
    ['elu', 'ELU'],
    ['gelu', 'GELU'],
    ['swish', 'Swish (SiLU)'],
    ['softplus', 'Softplus']
  ]) {
    await expect(menu.locator(`option[value="${name}"]`)).toHaveText(label)
  }
  await menu.selectOption('gelu')
  await lab.byId('layer-1-activation').selectOption('swish')
  await lab.waitForReady()
  await stepEpochs(lab, 3)
  const expected = engineLoss({ network: { activations: ['gelu', 'swish'] } }, 3)
  await expect(lab.byId(ids.statLoss)).toHaveText(expected)
  lab.expectNoErrors()
})

test('the Activation functions view shows every activation beside its derivative', async ({
  lab
}) => {
  await lab.open()
  await lab.byId('view-activations').click()
  await expect(lab.byId('activation-gelu')).toHaveCount(0)
  await lab.byId('activation-show-all').check()
  for (const name of ['elu', 'gelu', 'swish', 'softplus']) {
    const cell = lab.byId(`activation-${name}`)
    await expect(cell).toBeVisible()
    await expect(cell.locator('canvas')).toHaveCount(1)
  }
  await expect(lab.byId('activation-gelu')).toContainText('GELU & Derivative')
  await lab.screenshot('parity-activations-all')
  lab.expectNoErrors()
})

test('a step schedule halves the rate each epoch: shown, plotted and trained with', async ({
  lab
}) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await expect(lab.byId('summary-rate')).toHaveText('rate 0.1')
  await lab.byId('schedule-dropout-toggle').click()
  await expect(lab.byId('current-rate')).toContainText('Current rate: 0.1')
  await expect(lab.byId('rate-plot')).toHaveCount(0)
  await lab.byId('schedule-select').selectOption('step')
  await lab.byId('schedule-every').fill('1')
  await lab.byId('schedule-every').press('Enter')
  await lab.byId('schedule-factor').fill('0.5')
  await lab.byId('schedule-factor').press('Enter')
  await expect(lab.byId('rate-plot')).toBeVisible()
  // A refused factor is named next to its field, and the schedule stays as it was.
  await lab.byId('schedule-factor').fill('2')
  await lab.byId('schedule-factor').press('Enter')
  await expect(lab.page.getByRole('alert').filter({ hasText: 'The factor' })).toBeVisible()
  await expect(lab.byId('schedule-factor')).toHaveValue('0.5')

  await stepEpochs(lab, 3)
  await expect(lab.byId('current-rate')).toContainText('Current rate: 0.0125')
  await expect(lab.byId('summary-rate')).toHaveText('rate 0.0125')
  const expected = engineLoss(
    { training: { lrSchedule: { kind: 'step', every: 1, factor: 0.5 } } },
    3
  )
  await expect(lab.byId(ids.statLoss)).toHaveText(expected)
  await lab.screenshot('parity-schedule')
  lab.expectNoErrors()
})

test('dropout on the first hidden layer trains with the seeded masks', async ({ lab }) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.byId('schedule-dropout-toggle').click()
  await lab.byId('dropout-0').fill('0.5')
  await lab.byId('dropout-0').press('Enter')
  await expect(lab.byId('dropout-note')).toBeVisible()
  await stepEpochs(lab, 4)
  const expected = engineLoss({ training: { dropout: [0.5, 0] } }, 4)
  const without = engineLoss({}, 4)
  expect(expected).not.toBe(without)
  await expect(lab.byId(ids.statLoss)).toHaveText(expected)
  // A rate of 1 would silence the layer: refused with a sentence.
  await lab.byId('dropout-1').fill('1')
  await lab.byId('dropout-1').press('Enter')
  await expect(lab.page.getByRole('alert').filter({ hasText: 'dropout rate' })).toBeVisible()
  lab.expectNoErrors()
})

test('input features: the input layer follows the selection and the run trains on them', async ({
  lab
}) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.byId('input-features-toggle').click()
  await lab.byId('feature-x1^2').check()
  await lab.byId('feature-x2^2').check()
  await expect(lab.byId('network-line')).toHaveText('Network: 4, 16, 8, 1')
  await lab.byId('feature-x1').uncheck()
  await lab.byId('feature-x2').uncheck()
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 1')
  // The last feature cannot be unchecked, and says why.
  await lab.byId('feature-x1^2').uncheck()
  await expect(lab.byId('feature-x2^2')).toBeDisabled()
  await expect(
    lab.byId('input-features').locator('label', { has: lab.byId('feature-x2^2') })
  ).toHaveAttribute('title', /at least one input feature/)
  await lab.byId('feature-x1^2').check()
  await lab.waitForReady()
  await stepEpochs(lab, 3)
  const expected = engineLoss(
    { network: { features: ['x1^2', 'x2^2'], layerSizes: [2, 16, 8, 1] } },
    3
  )
  await expect(lab.byId(ids.statLoss)).toHaveText(expected)
  await lab.byId('input-features').scrollIntoViewIfNeeded()
  await lab.screenshot('parity-features')
  lab.expectNoErrors()
})

for (const size of [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 }
]) {
  for (const theme of ['light', 'dark'] as const) {
    test(`screenshot: training options ${size.width}×${size.height} ${theme}`, async ({
      lab,
      page
    }) => {
      await page.setViewportSize(size)
      await page.emulateMedia({ colorScheme: theme })
      await lab.open()
      await lab.byId('schedule-dropout-toggle').click()
      await lab.byId('schedule-select').selectOption('cosine')
      await lab.byId('dropout-0').fill('0.2')
      await lab.byId('dropout-0').press('Enter')
      await lab.byId('schedule-select').scrollIntoViewIfNeeded()
      await lab.screenshot(`parity-training-${size.width}x${size.height}-${theme}`)
      lab.expectNoErrors()
    })
  }
}
