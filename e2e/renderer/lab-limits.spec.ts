// The lab's fields take the engine's limits (src/shared/engine/limits.ts) and say what they accept:
// typed values past the sliders, refusals next to their field with the allowed range, disabled
// controls that say why, and a wide session written by `nn-lab train` opening in the app.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { expect, ids, LabPage, test } from './fixtures'

const ROOT = resolve(__dirname, '..', '..')

/** Types `value` into a number field and commits it as a learner would (Enter, then away). */
async function typeInto(lab: LabPage, id: string, value: string): Promise<void> {
  const field = lab.byId(id)
  await field.fill(value)
  await field.press('Enter')
  await field.blur()
}

test('typed samples and noise reach the engine’s limits; one past is refused next to the field', async ({
  lab
}) => {
  await lab.open()
  await typeInto(lab, 'samples-value', '100001')
  const samplesError = lab.byId('samples-error')
  await expect(samplesError).toHaveText(
    'Samples must be a whole number from 4 to 100,000, not 100001.'
  )
  await expect(lab.byId('samples-value')).toHaveValue('400')
  await expect(lab.byId('samples-value')).toHaveAccessibleDescription(
    'Samples must be a whole number from 4 to 100,000, not 100001.'
  )
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute('aria-label', /with 400 training/)

  // The limit itself is taken: the trainer builds a run of 100,000 points.
  await typeInto(lab, 'samples-value', '100000')
  await expect(samplesError).toHaveCount(0)
  await expect(lab.byId('samples-output')).toHaveText('100,000')
  await expect(lab.byId(ids.boundaryCanvas)).toHaveAttribute(
    'aria-label',
    /with 100000 training points/,
    { timeout: 30_000 }
  )
  // The slider keeps its comfortable travel and says so.
  await expect(lab.byId('samples-input')).toHaveAttribute('title', /a comfortable range/)

  await typeInto(lab, 'noise-value', '5')
  await expect(lab.page.getByText('Noise 5.00')).toBeVisible()
  await expect(lab.byId('noise-error')).toHaveCount(0)
  await typeInto(lab, 'noise-value', '5.5')
  await expect(lab.byId('noise-error')).toHaveText('Noise must be a number from 0 to 5, not 5.5.')
  await expect(lab.page.getByText('Noise 5.00')).toBeVisible()
  await lab.waitForReady(30_000)
  await lab.screenshot('limits-samples-noise')
  lab.expectNoErrors()
})

test('0 neurons and a learning rate of 0 are refused with the range they must be in', async ({
  lab
}) => {
  await lab.open()
  await typeInto(lab, 'layer-0-neurons', '0')
  await expect(lab.byId('layer-0-error')).toHaveText(
    'Neurons must be a whole number from 1 to 1,024, not 0.'
  )
  await expect(lab.byId('layer-0-neurons')).toHaveValue('16')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 1')

  await typeInto(lab, 'lr-input', '0')
  await expect(lab.byId('lr-error')).toHaveText(
    'The learning rate must be a number above 0 and at most 100, not 0.'
  )
  await expect(lab.byId('lr-input')).toHaveValue('0.1')
  await expect(lab.byId('lr-input')).toHaveAccessibleDescription(
    'The learning rate must be a number above 0 and at most 100, not 0.'
  )
  await typeInto(lab, 'epoch-limit-input', '0')
  await expect(lab.byId('epoch-limit-error')).toHaveText(
    'The epoch limit must be a whole number from 1 to 5,000,000, not 0.'
  )
  await lab.screenshot('limits-refused-fields')

  // The engine's widest layer is accepted, and the messages go once a value is taken.
  await typeInto(lab, 'layer-0-neurons', '1024')
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 1024, 8, 1')
  await expect(lab.byId('layer-0-error')).toHaveCount(0)
  await typeInto(lab, 'lr-input', '0.05')
  await expect(lab.byId('lr-error')).toHaveCount(0)
  await lab.waitForReady(30_000)
  lab.expectNoErrors()
})

test('+ Layer at the most hidden layers is disabled and says why', async ({ lab }) => {
  await lab.open()
  const add = lab.byId('add-layer')
  await expect(add).toHaveAccessibleDescription(/^Add a hidden layer/)
  // The notebook's network has 2 hidden layers; the engine allows 8.
  for (let i = 0; i < 6; i++) await add.click()
  await expect(add).toBeDisabled()
  const reason = 'This network already has 8 hidden layers, the most a network can have.'
  await expect(add).toHaveAttribute('title', reason)
  await expect(add).toHaveAccessibleDescription(reason)
  await expect(lab.byId('network-line')).toHaveText('Network: 2, 16, 8, 8, 8, 8, 8, 8, 8, 1')
  lab.expectNoErrors()
})

test('a 2,512,1 session written by nn-lab train opens and trains on', async ({ lab }) => {
  const dir = mkdtempSync(join(tmpdir(), 'nnlab-e2e-wide-'))
  try {
    const ran = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      [
        join(ROOT, 'src/cli/index.ts'),
        'train',
        '--layers',
        '2,512,1',
        '--epochs',
        '5',
        '--out',
        'wide.nnlab'
      ],
      { cwd: dir, encoding: 'utf8' }
    )
    expect(ran.stderr).toBe('')
    expect(ran.status).toBe(0)
    const text = readFileSync(join(dir, 'wide.nnlab'), 'utf8')

    await lab.open()
    await lab.openSessionFile('wide.nnlab', text)
    await expect(lab.byId('session-name')).toHaveText('wide')
    await expect(lab.byId('network-line')).toHaveText('Network: 2, 512, 1')
    await expect(lab.byId('param-count')).toHaveText('Total parameters: 2,049')
    await expect.poll(() => lab.epoch()).toBe(5)
    await expect(lab.byId('session-message')).toHaveCount(0)
    await expect(lab.byId(ids.runNotice)).toHaveCount(0)
    await expect(lab.byId('layer-0-neurons')).toHaveValue('512')

    // The trainer took the run: it trains on from epoch 5.
    await lab.setEpochLimit(100_000)
    await lab.start()
    await lab.waitForEpochAbove(20)
    await lab.pause()
    await lab.screenshot('limits-wide-session')
    lab.expectNoErrors()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
})

test('a z range of "abc" is refused with a sentence next to the range fields', async ({ lab }) => {
  await lab.open()
  await lab.byId('view-activations').click()
  const from = lab.byId('activation-zmin')
  const before = await from.inputValue()
  await from.fill('')
  // Chromium keeps letters out of a number field: what reaches the app is an empty field.
  await from.pressSequentially('abc')
  await from.press('Enter')
  await expect(lab.byId('activation-range-error')).toHaveText(
    'The z range needs a number in both “from” and “to”.'
  )
  await from.fill(before)
  await from.press('Enter')
  await expect(lab.byId('activation-range-error')).toHaveCount(0)
  lab.expectNoErrors()
})
