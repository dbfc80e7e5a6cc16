// The CSV import step (issue 12): files written by pandas, scikit-learn and a spreadsheet
// (tests/fixtures/import, made by make_fixtures.py) go through the import dialog, which shows the
// detected format, the default columns and the classes; each imports and trains, and its notebook
// log line at the last epoch is the CLI's for the same file (`nn-lab train --data FILE`).
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, ids, test, type LabPage } from './fixtures'

const ROOT = join(__dirname, '..', '..')
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'import')
const EPOCHS = 60
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as Record<
  string,
  { inputNames: string[]; labelName: string; classNames: string[]; droppedRows: number }
>

/** The two-class files (the lab's default network has one sigmoid output). */
const TWO_CLASS = Object.keys(expected).filter((name) => expected[name].classNames.length === 2)

/** `nn-lab train --data FILE --epochs 60 --json`: the loss before the update at the last epoch,
 *  as the notebook's log prints it. */
function cliLastLoss(
  file: string,
  extra: string[] = []
): {
  loss: string
  classNames: string[]
  columns: { x: string[]; label: string }
} {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
  const ran = spawnSync(
    tsx,
    [
      join(ROOT, 'src/cli/index.ts'),
      'train',
      '--data',
      file,
      '--epochs',
      String(EPOCHS),
      '--json',
      ...extra
    ],
    { encoding: 'utf8' }
  )
  expect(ran.stderr).toBe('')
  const out = JSON.parse(ran.stdout) as {
    lossHistory: number[]
    classNames: string[]
    columns: { x: string[]; label: string }
  }
  return {
    loss: out.lossHistory[EPOCHS - 1].toFixed(4),
    classNames: out.classNames,
    columns: out.columns
  }
}

async function chooseFile(lab: LabPage, path: string): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (await chooser).setFiles(path)
  await expect(lab.byId('import-dialog')).toBeVisible()
}

for (const name of TWO_CLASS) {
  test(`${name}: the dialog shows what it found; the import trains as the CLI does`, async ({
    lab
  }) => {
    const want = expected[name]
    await lab.open()
    await chooseFile(lab, join(FIXTURES, name))
    const dialog = lab.byId('import-dialog')
    // The default columns and the classes in LabelEncoder's order.
    await expect(dialog.getByTestId('import-x1').locator('option:checked')).toHaveText(
      want.inputNames[0]
    )
    await expect(dialog.getByTestId('import-x2').locator('option:checked')).toHaveText(
      want.inputNames[1]
    )
    await expect(dialog.getByTestId('import-label').locator('option:checked')).toHaveText(
      want.labelName
    )
    await expect(lab.byId('import-classes')).toContainText(`${want.classNames.length} classes`)
    for (const c of want.classNames) await expect(lab.byId('import-classes')).toContainText(c)
    await expect(lab.byId('import-dropped')).toContainText(
      want.droppedRows === 0 ? 'No row' : `${want.droppedRows} of`
    )
    expect(await lab.canvasInk('import-scatter')).toBeGreaterThan(0)
    await lab.byId('import-dialog-confirm').click()
    await expect(lab.byId('import-dialog')).toBeHidden()
    await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
    await expect(lab.byId('dataset-csv')).toContainText(name)

    // The class names travel with the points: the map's legend uses them.
    for (const c of want.classNames) await expect(lab.byId('boundary-legend')).toContainText(c)

    await lab.setEpochLimit(EPOCHS)
    await lab.byId(ids.trainToggle).click()
    await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
    const lines = (await lab.byId(ids.trainingLog).innerText()).split('\n').filter(Boolean)
    const last = lines.filter((l) => l.startsWith('Epoch')).at(-1) ?? ''
    const cli = cliLastLoss(join(FIXTURES, name))
    expect(cli.classNames).toEqual(want.classNames)
    // The same columns as the dialog chose (checked against pandas' reading above).
    expect(cli.columns.x).toEqual(want.inputNames)
    expect(cli.columns.label).toBe(want.labelName)
    expect(last).toContain(`Epoch ${String(EPOCHS).padStart(4)} | Loss: ${cli.loss} |`)
    if (name === 'spreadsheet.csv') await lab.screenshot('import-dialog-trained-spreadsheet')
    lab.expectNoErrors()
  })
}

test('iris (string labels, three classes) imports and trains with a softmax output, as the CLI does', async ({
  lab
}) => {
  const want = expected['iris.csv']
  await lab.open()
  await chooseFile(lab, join(FIXTURES, 'iris.csv'))
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('import-dialog')).toBeHidden()
  for (const c of want.classNames) await expect(lab.byId('boundary-legend')).toContainText(c)
  await lab.setEpochLimit(EPOCHS)
  await lab.byId(ids.trainToggle).click()
  await expect(lab.byId(ids.trainingLog)).toContainText('Final Accuracy', { timeout: 60_000 })
  const lines = (await lab.byId(ids.trainingLog).innerText()).split('\n').filter(Boolean)
  const last = lines.filter((l) => l.startsWith('Epoch')).at(-1) ?? ''
  const cli = cliLastLoss(join(FIXTURES, 'iris.csv'), ['--layers', '2,16,8,3'])
  expect(cli.classNames).toEqual(want.classNames)
  expect(cli.columns.x).toEqual(want.inputNames)
  expect(cli.columns.label).toBe(want.labelName)
  expect(last).toContain(`Epoch ${String(EPOCHS).padStart(4)} | Loss: ${cli.loss} |`)
  lab.expectNoErrors()
})

test('iris: three species in the preview; the choices and a wrong delimiter say what to change', async ({
  lab,
  page
}) => {
  await lab.open()
  await chooseFile(lab, join(FIXTURES, 'iris.csv'))
  await expect(lab.byId('import-classes')).toContainText('3 classes')
  await expect(lab.byId('import-classes')).toContainText('setosa')
  await expect(lab.byId('import-detected')).toHaveText(
    "Detected: ',' between values, decimal points, a header row."
  )
  await lab.screenshot('import-dialog-iris')
  // Another input column moves the scatter; a label column of real numbers is a regression
  // target, refused as classes (import-choices.spec.ts: the Problem choice).
  const before = await lab.canvasSignature('import-scatter')
  await lab.byId('import-x2').selectOption({ label: 'petal width (cm)' })
  await expect.poll(() => lab.canvasSignature('import-scatter')).not.toBe(before)
  await lab.byId('import-label').selectOption({ label: 'petal length (cm)' })
  await lab.byId('import-problem-type').selectOption('classification')
  await expect(lab.byId('import-problem')).toContainText(
    "Column 'petal length (cm)' holds real numbers"
  )
  await expect(lab.byId('import-dialog-confirm')).toBeDisabled()
  await expect(lab.byId('import-dialog-confirm')).toHaveAttribute('title', /Change the choices/)
  // A delimiter the file does not use.
  await lab.byId('import-delimiter').selectOption({ label: "';'" })
  await expect(lab.byId('import-problem')).toHaveText(
    "The file uses ',' between values: choose ',' as the delimiter."
  )
  // Esc cancels; focus goes back to the button that opened the dialog.
  await page.keyboard.press('Escape')
  await expect(lab.byId('import-dialog')).toBeHidden()
  await expect(lab.byId('dataset-import')).toBeFocused()
  await expect(lab.byId('dataset-circles')).toHaveAttribute('aria-checked', 'true')
  lab.expectNoErrors()
})

test('the dialog keeps focus inside and works by keyboard', async ({ lab, page }) => {
  await lab.open()
  await chooseFile(lab, join(FIXTURES, 'spreadsheet.csv'))
  await expect(lab.byId('import-detected')).toContainText("';' between values, decimal commas")
  const inside = (): Promise<boolean> =>
    page.evaluate(() => !!document.activeElement?.closest('[data-testid="import-dialog"]'))
  for (let i = 0; i < 12; i++) {
    await page.keyboard.press('Tab')
    expect(await inside()).toBe(true)
  }
  await lab.byId('import-dialog-confirm').focus()
  await page.keyboard.press('Enter')
  await expect(lab.byId('import-dialog')).toBeHidden()
  await expect(lab.byId('dataset-csv')).toContainText('spreadsheet.csv')
  lab.expectNoErrors()
})

for (const scheme of ['light', 'dark'] as const) {
  test(`screenshots of the import dialog (${scheme})`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    for (const [width, height] of [
      [1280, 800],
      [1024, 700]
    ]) {
      await page.setViewportSize({ width, height })
      await lab.open()
      await chooseFile(lab, join(FIXTURES, 'iris.csv'))
      await expect(lab.byId('import-classes')).toContainText('3 classes')
      // Every control of the dialog is on screen (nothing cut off at this size).
      for (const id of [
        'import-delimiter',
        'import-label',
        'import-scatter',
        'import-dialog-confirm'
      ]) {
        await expect(lab.byId(id)).toBeInViewport()
      }
      await lab.screenshot(`import-dialog-${scheme}-${width}x${height}`)
      await page.keyboard.press('Escape')
      await expect(lab.byId('import-dialog')).toBeHidden()
    }
    lab.expectNoErrors()
  })
}
