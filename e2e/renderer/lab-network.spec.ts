// Building the network: layers and neurons change the parameter count as the notebook counts it;
// architecture changes on a trained run ask first; hyper-parameter changes keep the weights.
import { expect, ids, test } from './fixtures'

test('adding and removing layers and neurons changes the parameter count', async ({ lab }) => {
  await lab.open()
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 193')

  await lab.byId('add-layer').click()
  // [2, 16, 8, 8, 1]: 48 + 136 + 72 + 9
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 8, 1')
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 265')
  await expect(lab.byId(ids.trainingLog)).toContainText('Total parameters: 265')
  await expect(lab.byId(ids.statusBar)).toContainText('265 parameters')

  await lab.byId('layer-2-more').click()
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 275')
  await lab.byId('layer-0-neurons').fill('128')
  await lab.byId('layer-0-neurons').press('Enter')
  // [2, 128, 8, 9, 1]: 384 + 1032 + 81 + 10
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 1,507')

  await lab.byId('remove-layer').click()
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 128, 8, 1')
  await lab.byId('layer-1-activation').selectOption('tanh')
  await lab.byId('init-select').selectOption('xavier')
  await expect(lab.byId(ids.presetSelect)).toHaveValue('custom')
  lab.expectNoErrors()
})

test('eight hidden layers of 128 neurons stay usable and train', async ({ lab }) => {
  // 116k weights: each 200×200 boundary map alone is ~4.6 GFLOP, so give the trainer time.
  test.setTimeout(150_000)
  await lab.open()
  for (let i = 0; i < 6; i++) await lab.byId('add-layer').click()
  await expect(lab.byId('add-layer')).toBeDisabled()
  for (let i = 0; i < 8; i++) {
    await lab.byId(`layer-${i}-neurons`).fill('128')
    await lab.byId(`layer-${i}-neurons`).press('Enter')
  }
  // 2·128+128 + 7·(128·128+128) + 128+1
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 116,097')
  await lab.byId('train-step').click()
  await expect.poll(() => lab.epoch(), { timeout: 90_000 }).toBe(1)
  await lab.screenshot('lab-network-8x128')
  lab.expectNoErrors()
})

test('architecture changes on a trained run ask first; the learning rate keeps the weights', async ({
  lab
}) => {
  await lab.open()
  for (let i = 0; i < 3; i++) {
    await lab.byId(ids.trainStep).click()
    await expect.poll(() => lab.epoch()).toBe(i + 1)
  }

  // Declining keeps everything.
  await lab.byId('add-layer').click()
  await expect(lab.byId('confirm-dialog')).toBeVisible()
  await expect(lab.byId('confirm-dialog')).toContainText('3 epochs')
  await lab.screenshot('lab-confirm-discard')
  await lab.byId('confirm-cancel').click()
  await expect(lab.byId('confirm-dialog')).toHaveCount(0)
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 193')
  expect(await lab.epoch()).toBe(3)

  // A declined neuron edit snaps the input back.
  await lab.byId('layer-0-neurons').fill('20')
  await lab.byId('layer-0-neurons').press('Enter')
  await lab.byId('confirm-cancel').click()
  await expect(lab.byId('layer-0-neurons')).toHaveValue('16')

  // A learning-rate change is sent as update-training: weights and epochs stay.
  await lab.byId('lr-input').fill('0.05')
  await lab.byId('lr-input').press('Enter')
  await expect(lab.byId('confirm-dialog')).toHaveCount(0)
  await lab.byId(ids.trainStep).click()
  await expect.poll(() => lab.epoch()).toBe(4)

  // Accepting rebuilds from scratch.
  await lab.byId('add-layer').click()
  await lab.byId('confirm-accept').click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 265')
  await expect(lab.byId('lr-input')).toHaveValue('0.05')
  lab.expectNoErrors()
})
