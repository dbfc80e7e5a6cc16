// Presets load whole runs (data, network, training) and train; Regenerate draws new points;
// with the live view off the map still catches up when training pauses.
import { expect, ids, test } from './fixtures'

test('every preset loads its settings and trains to its limit', async ({ lab }) => {
  test.setTimeout(180_000)
  await lab.open()
  const presets: Array<{ id: string; dataset: string; line: string; optimizer: string }> = [
    { id: 'logistic-gauss', dataset: 'gauss', line: 'Network: 2, 1', optimizer: 'sgd' },
    { id: 'xor-tanh', dataset: 'xor', line: 'Network: 2, 8, 1', optimizer: 'adam' },
    {
      id: 'moons-momentum',
      dataset: 'moons',
      line: 'Network: 2, 12, 12, 1',
      optimizer: 'momentum'
    },
    { id: 'spiral-deep', dataset: 'spiral', line: 'Network: 2, 32, 32, 16, 1', optimizer: 'adam' },
    { id: 'seed-notebook', dataset: 'circles', line: 'Network: 2, 16, 8, 1', optimizer: 'sgd' }
  ]
  let trained = false
  for (const preset of presets) {
    await lab.byId(ids.presetSelect).selectOption(preset.id)
    if (trained) await lab.byId('confirm-accept').click()
    await expect(lab.byId(ids.presetSelect)).toHaveValue(preset.id)
    await expect(lab.byId(`dataset-${preset.dataset}`)).toHaveAttribute('aria-checked', 'true')
    await expect(lab.byId('network-line')).toHaveText(preset.line)
    await expect(lab.byId('optimizer-select')).toHaveValue(preset.optimizer)
    await expect.poll(() => lab.epoch()).toBe(0)
    await expect(lab.byId(ids.trainToggle)).toBeEnabled()
    // Shorten the run (a hyper-parameter: the preset's run is kept) and train it out.
    await lab.setEpochLimit(50)
    await lab.byId(ids.trainToggle).click()
    await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 90_000 })
    await expect.poll(() => lab.epoch()).toBe(50)
    trained = true
  }
  lab.expectNoErrors()
})

test('Regenerate draws new points from a new seed', async ({ lab }) => {
  await lab.open()
  // The first map has arrived and been painted.
  await expect.poll(async () => (await lab.traffic()).gridEvents).toBeGreaterThan(0)
  const before = await lab.settledSignature(ids.boundaryCanvas)
  await lab.byId('regenerate').click()
  await expect(lab.byId('seed-input')).not.toHaveValue('42')
  await expect(lab.byId(ids.presetSelect)).toHaveValue('custom')
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(before)
  lab.expectNoErrors()
})

test('with the live view off, the map catches up when training pauses', async ({ lab }) => {
  await lab.open()
  await lab.setLiveView(false)
  const before = await lab.settledSignature(ids.boundaryCanvas)
  await lab.setEpochLimit(500)
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
  await expect.poll(() => lab.canvasSignature(ids.boundaryCanvas)).not.toBe(before)
  lab.expectNoErrors()
})
