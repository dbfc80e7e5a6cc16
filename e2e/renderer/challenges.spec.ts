// Classroom challenges in the browser build: a teacher makes a challenge from the lab, a learner
// opens the file, sees the goal and the locked controls, trains until "Solved", and saves the
// result; `nn-lab check` (the real command) passes that result and fails the learner's earlier
// unsolved save and a copy of it whose metrics were edited to claim success.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { ARTIFACTS_DIR, expect, test, type LabPage } from './fixtures'

const WORK = join(ARTIFACTS_DIR, 'challenges')
const TSX = join(process.cwd(), 'node_modules/.bin/tsx')
const CLI = join(process.cwd(), 'src/cli/index.ts')

function nnLab(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const ran = spawnSync(TSX, [CLI, ...args], { cwd: WORK, encoding: 'utf8' })
  return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr }
}

async function download(page: Page, click: () => Promise<void>): Promise<string> {
  const file = page.waitForEvent('download')
  await click()
  return readFileSync(await (await file).path(), 'utf8')
}

/** Answers the Open challenge file… picker, discarding unsaved changes if the app asks. */
async function openChallengeFile(lab: LabPage, name: string, text: string): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('challenges-toggle').click()
  await lab.byId('challenge-open').click()
  const picked = await chooser
  const dialog = lab.byId('unsaved-dialog')
  await picked.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) })
  // The unsaved-changes question comes after the pick, when the challenge is about to start.
  await expect(lab.byId('challenge-bar').or(dialog)).toBeVisible()
  if (await dialog.isVisible()) await lab.byId('unsaved-discard').click()
}

/** Screenshots at both window sizes in light and dark, for a person to look at. */
async function screenshots(lab: LabPage, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await lab.page.emulateMedia({ colorScheme: scheme })
    for (const [width, height] of [
      [1024, 700],
      [1280, 800]
    ]) {
      await lab.page.setViewportSize({ width, height })
      await lab.screenshot(`challenges-${name}-${width}x${height}-${scheme}`)
    }
  }
  await lab.page.emulateMedia({ colorScheme: 'light' })
  await lab.page.setViewportSize({ width: 1280, height: 800 })
}

test('author a challenge, solve it as a learner, save the result and grade it with nn-lab check', async ({
  lab,
  page
}) => {
  test.setTimeout(180_000)
  mkdirSync(WORK, { recursive: true })
  await page.setViewportSize({ width: 1280, height: 800 })
  await lab.open()

  // ---- the teacher: XOR with tanh, a held-out test set, 1000 epochs ----
  await lab.byId('preset-select').selectOption('xor-tanh')
  await lab.waitForReady()
  await lab.byId('challenges-toggle').click()
  await lab.byId('challenge-make').click()
  const dialog = lab.byId('make-challenge-dialog')
  await expect(dialog).toBeVisible()
  await expect(lab.byId('make-title')).toBeFocused()
  // Nothing typed yet: the errors name their fields.
  await lab.byId('make-save').click()
  await expect(dialog.getByText('Give the challenge a title.')).toBeVisible()
  await lab.byId('make-title').fill('XOR in class')
  await lab.byId('make-instructions').fill('**Reach** 80% on the test points.\n\n- keep the layers')
  await lab.byId('make-goal-minTestAccuracy-value').fill('80')
  await expect(lab.byId('make-goal-maxEpochs-value')).toHaveValue('1000')
  await lab.byId('make-control-architecture').selectOption('locked')
  await lab.byId('make-control-learningRate').selectOption('locked')
  await lab.byId('make-control-regularization').selectOption('hidden')
  await lab.byId('make-hints').fill('Watch the test curve.\nAdam is already on.')
  await screenshots(lab, 'make-dialog')
  const challengeText = await download(page, () => lab.byId('make-save').click())
  await expect(lab.byId('make-saved')).toBeVisible()
  const challenge = JSON.parse(challengeText)
  expect(challenge).toMatchObject({
    format: 'nnlab-challenge',
    version: 1,
    title: 'XOR in class',
    goal: { minTestAccuracy: 0.8, maxEpochs: 1000 },
    locked: ['dataset', 'architecture', 'learningRate', 'epochLimit'],
    hidden: ['regularization'],
    hints: ['Watch the test curve.', 'Adam is already on.']
  })
  expect(challenge.start.network.layerSizes).toEqual([2, 8, 1])
  writeFileSync(join(WORK, 'xor.nnlab-challenge'), challengeText)
  await lab.byId('make-cancel').click()
  await expect(dialog).toHaveCount(0)

  // ---- the learner opens it ----
  await openChallengeFile(lab, 'xor.nnlab-challenge', challengeText)
  const bar = lab.byId('challenge-bar')
  await expect(bar).toBeVisible()
  await lab.waitForReady()
  await expect(lab.byId('challenge-title')).toHaveText('XOR in class')
  await expect(lab.byId('session-name')).toHaveText('XOR in class')
  await expect(lab.byId('challenge-instructions').locator('strong')).toHaveText('Reach')
  await expect(lab.byId('goal-minTestAccuracy')).toContainText('Test accuracy ≥ 80.00%')
  await expect(lab.byId('goal-minTestAccuracy').getByTestId('goal-actual')).toHaveText('—')
  // Locked controls are disabled and say why; the hidden one is gone.
  for (const id of ['lr-input', 'remove-layer', 'add-layer', 'layer-0-more', 'epoch-limit-input']) {
    await expect(lab.byId(id)).toBeDisabled()
    await expect(lab.byId(id)).toHaveAttribute('title', /^Locked by the challenge/)
  }
  await expect(lab.byId('reg-select')).toBeHidden()
  await expect(lab.byId('optimizer-select')).toBeEnabled()
  // Hints one at a time.
  await expect(lab.byId('challenge-hints')).toHaveCount(0)
  await lab.byId('challenge-hint').click()
  await expect(lab.byId('challenge-hints').locator('li')).toHaveText(['Watch the test curve.'])
  await expect(lab.byId('challenge-hint')).toHaveText('Hint (1/2)')

  // An early save, three epochs in: not solved.
  for (let i = 0; i < 3; i++) {
    await lab.byId('train-step').click()
    await expect.poll(() => lab.epoch()).toBe(i + 1)
  }
  await expect(lab.byId('goal-minTestAccuracy').getByTestId('goal-actual')).toHaveText(/%$/)
  await screenshots(lab, 'progress')
  const unsolvedText = await download(page, () => lab.byId('challenge-save-result').click())
  expect(JSON.parse(unsolvedText).challenge).toEqual({ id: challenge.id, title: 'XOR in class' })
  writeFileSync(join(WORK, 'unsolved.nnlab'), unsolvedText)

  // Train until the goal is met: the app pauses, measures again and says Solved. (The whole
  // budget may be trained before the next check here; Solved comes either way.)
  await lab.byId('train-toggle').click()
  await expect(lab.byId('challenge-solved')).toBeVisible({ timeout: 60_000 })
  await expect(lab.byId('train-toggle')).toHaveAttribute('aria-pressed', 'false')
  await expect(lab.byId('goal-minTestAccuracy')).toHaveClass(/met/)
  await expect(lab.byId('challenge-figures')).toContainText('Measured again on the data')
  await screenshots(lab, 'solved')
  const resultText = await download(page, () => lab.byId('challenge-save-result').click())
  expect(JSON.parse(resultText).challenge.id).toBe(challenge.id)
  writeFileSync(join(WORK, 'result.nnlab'), resultText)

  // A tampered copy of the unsolved save: its history claims 100% on every epoch.
  const tampered = JSON.parse(unsolvedText)
  const ones = Buffer.from(new Float64Array(tampered.run.history.count).fill(1).buffer)
  tampered.run.history.accuracy = ones.toString('base64')
  tampered.run.history.testAccuracy = ones.toString('base64')
  writeFileSync(join(WORK, 'tampered.nnlab'), JSON.stringify(tampered))

  // ---- the teacher grades the folder ----
  const pass = nnLab('check', 'xor.nnlab-challenge', 'result.nnlab')
  expect(pass.stderr).toBe('')
  expect(pass.stdout).toContain('PASS  result.nnlab')
  expect(pass.status).toBe(0)
  const all = nnLab(
    'check',
    'xor.nnlab-challenge',
    'result.nnlab',
    'unsolved.nnlab',
    'tampered.nnlab',
    '--json'
  )
  expect(all.status).toBe(3)
  const report = JSON.parse(all.stdout)
  expect(report.sessions.map((s: { passed: boolean }) => s.passed)).toEqual([true, false, false])
  expect(report.sessions[2].figures).toEqual(report.sessions[1].figures)

  // Leaving unlocks the controls and gives back their own titles.
  await lab.byId('challenge-leave').click()
  await expect(bar).toHaveCount(0)
  await expect(lab.byId('lr-input')).toBeEnabled()
  await expect(lab.byId('lr-input')).toHaveAttribute('title', /^How big a step/)
  await expect(lab.byId('reg-select')).toBeVisible()
  lab.expectNoErrors()
})

test('a shipped challenge starts from the Challenges button with its locks', async ({ lab }) => {
  await lab.open()
  await lab.byId('challenges-toggle').click()
  // The three shipped challenges of the Challenges menu.
  for (const id of ['nnlab-xor-fewest-neurons', 'nnlab-deep-sigmoid', 'nnlab-spiral-200'])
    await expect(lab.byId(`challenge-start-${id}`)).toBeVisible()
  await lab.byId('challenge-start-nnlab-deep-sigmoid').click()
  await expect(lab.byId('challenge-title')).toHaveText(
    'Fix a deep sigmoid network that does not learn'
  )
  await lab.waitForReady()
  await expect(lab.byId('layer-5-activation')).toHaveValue('sigmoid')
  await expect(lab.byId('remove-layer')).toHaveAttribute('title', /^Locked by the challenge/)
  // The activations are the learner's to change.
  await expect(lab.byId('layer-0-activation')).toBeEnabled()
  await expect(lab.byId('goal-minTestAccuracy')).toContainText('Test accuracy ≥ 95.00%')
  await expect(lab.byId('goal-maxEpochs')).toContainText('Within 1000 epochs')
  // The challenge bar and the Make challenge dialog pass axe's checks.
  const bar = await new AxeBuilder({ page: lab.page })
    .include('[data-testid="challenge-bar"]')
    .analyze()
  expect(
    bar.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
    )
  ).toEqual([])
  await lab.byId('challenges-toggle').click()
  await lab.byId('challenge-make').click()
  const dialog = await new AxeBuilder({ page: lab.page })
    .include('[data-testid="make-challenge-dialog"]')
    .analyze()
  expect(
    dialog.violations.map(
      (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
    )
  ).toEqual([])
  await lab.page.keyboard.press('Escape')
  await expect(lab.byId('make-challenge-dialog')).toHaveCount(0)
  lab.expectNoErrors()
})
