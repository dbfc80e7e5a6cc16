// The browser host's own duties in a real Chromium: files through the picker and downloads,
// recent files that survive a reload, the window title and leave-page guard, the clipboard, and
// keyboard shortcuts standing in for the menu. Driven through `window.lab` directly, so these
// hold whatever the UI does with them.
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'

test.beforeEach(async ({ lab }) => {
  await lab.open()
})

test('Save downloads the session under the name typed, and Open Recent reads it back after a reload', async ({
  lab,
  page
}) => {
  await lab.answerSaveNamesMyself()
  const text = JSON.stringify({ format: 'nnlab-session', note: 'e2e' })
  const downloadPromise = page.waitForEvent('download')
  const saved = page.evaluate(
    (text) => window.lab.saveSession({ text, path: null, suggestedName: 'Untitled', saveAs: true }),
    text
  )
  // The name dialog asks, prefilled with the session's name.
  await expect(page.getByRole('dialog', { name: 'Save session as' })).toBeVisible()
  await expect(lab.byId('save-name-input')).toHaveValue('Untitled')
  await expect(lab.byId('save-name-input')).toBeFocused()
  await lab.byId('save-name-input').fill('circles run')
  await page.keyboard.press('Enter')
  const download = await downloadPromise
  expect(await saved).toEqual({
    ok: true,
    value: { path: 'circles run.nnlab', name: 'circles run.nnlab' }
  })
  expect(download.suggestedFilename()).toBe('circles run.nnlab')
  expect(readFileSync(await download.path(), 'utf8')).toBe(text)
  await expect(lab.byId('save-name-dialog')).toHaveCount(0)

  await page.reload()
  await lab.waitForReady()
  const recent = await page.evaluate(() => window.lab.listRecent())
  expect(recent.map((entry) => entry.name)).toContain('circles run.nnlab')
  const reopened = await page.evaluate(() => window.lab.openSessionPath('circles run.nnlab'))
  expect(reopened).toEqual({
    ok: true,
    value: { path: 'circles run.nnlab', name: 'circles run.nnlab', text }
  })
  await page.evaluate(() => window.lab.clearRecent())
  expect(await page.evaluate(() => window.lab.listRecent())).toEqual([])
  lab.expectNoErrors()
})

test('Save asks for a name only the first time, Save As always; Esc cancels, an empty name is refused', async ({
  lab,
  page
}) => {
  await lab.answerSaveNamesMyself()
  const dialog = lab.byId('save-name-dialog')
  const input = lab.byId('save-name-input')

  // First Save: asks, prefilled with "Untitled".
  await lab.byId('session-save').click()
  await expect(dialog).toBeVisible()
  await expect(input).toHaveValue('Untitled')
  // Esc cancels: nothing is saved, focus goes back to Save.
  await page.keyboard.press('Escape')
  await expect(dialog).toHaveCount(0)
  await expect(lab.byId('session-save')).toBeFocused()
  await expect(lab.byId('session-name')).toHaveText('Untitled')

  await lab.byId('session-save').click()
  await input.fill('   ')
  await lab.byId('save-name-confirm').click()
  await expect(lab.byId('save-name-error')).toHaveText('Type a name for the file.')
  await expect(input).toHaveAttribute('aria-invalid', 'true')
  await expect(dialog).toBeVisible()
  await lab.screenshot('save-name-dialog-error')
  await input.fill('circles')
  let download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  expect((await download).suggestedFilename()).toBe('circles.nnlab')
  await expect(lab.byId('session-name')).toHaveText('circles')

  // Second Save: no question, same name.
  download = page.waitForEvent('download')
  await lab.byId('session-save').click()
  expect((await download).suggestedFilename()).toBe('circles.nnlab')
  await expect(dialog).toHaveCount(0)

  // Save As: asks again, prefilled with the current name.
  await lab.byId('file-menu').click()
  await lab.byId('session-save-as').click()
  await expect(input).toHaveValue('circles')
  await input.fill('spiral try')
  download = page.waitForEvent('download')
  await lab.byId('save-name-confirm').click()
  expect((await download).suggestedFilename()).toBe('spiral try.nnlab')
  await expect(lab.byId('session-name')).toHaveText('spiral try')

  // Open Recent keeps both; saving under a name already there replaces that entry.
  await lab.byId('file-menu').click()
  await expect(lab.byId('recent-item')).toHaveText(['spiral try.nnlab', 'circles.nnlab'])
  await page.keyboard.press('Escape')
  await lab.byId('file-menu').click()
  await lab.byId('session-save-as').click()
  await input.fill('circles')
  download = page.waitForEvent('download')
  await page.keyboard.press('Enter')
  await download
  await lab.byId('file-menu').click()
  await expect(lab.byId('recent-item')).toHaveText(['circles.nnlab', 'spiral try.nnlab'])
  await page.keyboard.press('Escape')

  // PNG figures carry the session's name.
  await lab.byId('export-toggle').click()
  download = page.waitForEvent('download')
  await lab.byId('export-figure-loss').click()
  expect((await download).suggestedFilename()).toMatch(/^circles-epoch\d+-loss\.png$/)
  lab.expectNoErrors()
})

for (const scheme of ['light', 'dark'] as const) {
  test(`the Save name dialog in ${scheme} theme`, async ({ lab, page }) => {
    await page.emulateMedia({ colorScheme: scheme })
    await lab.answerSaveNamesMyself()
    for (const size of [
      { width: 1024, height: 700 },
      { width: 1280, height: 800 }
    ]) {
      await page.setViewportSize(size)
      await lab.byId('session-save').click()
      await expect(lab.byId('save-name-dialog')).toBeVisible()
      await lab.screenshot(`save-name-dialog-${size.width}x${size.height}-${scheme}`)
      await page.keyboard.press('Escape')
      await expect(lab.byId('save-name-dialog')).toHaveCount(0)
    }
    lab.expectNoErrors()
  })
}

test('Open shows the file picker and returns the chosen file', async ({ lab, page }) => {
  const chooserPromise = page.waitForEvent('filechooser')
  const opened = page.evaluate(() => window.lab.openSession())
  const chooser = await chooserPromise
  expect(chooser.isMultiple()).toBe(false)
  await chooser.setFiles({
    name: 'saved.nnlab',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format":"nnlab-session"}')
  })
  expect(await opened).toEqual({
    ok: true,
    value: { path: 'saved.nnlab', name: 'saved.nnlab', text: '{"format":"nnlab-session"}' }
  })

  const csvChooser = page.waitForEvent('filechooser')
  const imported = page.evaluate(() => window.lab.importDataset())
  await (
    await csvChooser
  ).setFiles({
    name: 'points.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('x1,x2,label\n0.5,-1,1\n')
  })
  expect(await imported).toMatchObject({ ok: true, value: { name: 'points.csv' } })
  lab.expectNoErrors()
})

test('Export downloads PNG bytes unchanged', async ({ lab, page }) => {
  const bytes = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 250]
  const downloadPromise = page.waitForEvent('download')
  const result = await page.evaluate(
    (bytes) =>
      window.lab.exportFile({
        suggestedName: 'boundary-epoch-2000',
        filters: [{ name: 'PNG image', extensions: ['png'] }],
        data: new Uint8Array(bytes)
      }),
    bytes
  )
  const download = await downloadPromise
  expect(result).toMatchObject({ ok: true, value: { name: 'boundary-epoch-2000.png' } })
  expect([...readFileSync(await download.path())]).toEqual(bytes)
  lab.expectNoErrors()
})

test('the title marks unsaved changes and leaving then asks first', async ({ lab, page }) => {
  await page.evaluate(() => window.lab.setDocumentState({ title: 'moons — NN Lab', dirty: true }))
  await expect(page).toHaveTitle('• moons — NN Lab')

  // A dirty page asks before it goes (the browser's own prompt).
  let asked = 0
  page.on('dialog', (dialog) => {
    expect(dialog.type()).toBe('beforeunload')
    asked++
    void dialog.dismiss()
  })
  await page.close({ runBeforeUnload: true })
  await expect.poll(() => asked).toBe(1)
  lab.expectNoErrors()
})

test('a clean page leaves without asking', async ({ lab, page }) => {
  await page.evaluate(() => window.lab.setDocumentState({ title: 'moons — NN Lab', dirty: false }))
  await expect(page).toHaveTitle('moons — NN Lab')
  let asked = 0
  page.on('dialog', () => {
    asked++
  })
  await page.close({ runBeforeUnload: true })
  await new Promise((resolve) => setTimeout(resolve, 300))
  expect(asked).toBe(0)
  lab.expectNoErrors()
})

test('Copy puts a PNG image on the clipboard', async ({ lab, page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'])
  const result = await page.evaluate(async () => {
    const canvas = document.createElement('canvas')
    canvas.width = 3
    canvas.height = 2
    const context = canvas.getContext('2d')!
    context.fillStyle = '#d62728'
    context.fillRect(0, 0, 3, 2)
    const blob = await new Promise<Blob>((resolve) =>
      canvas.toBlob((b) => resolve(b!), 'image/png')
    )
    const copied = await window.lab.copyImageToClipboard(new Uint8Array(await blob.arrayBuffer()))
    const items = await navigator.clipboard.read()
    const image = await items[0].getType('image/png')
    const bitmap = await createImageBitmap(image)
    return { copied, types: items[0].types, width: bitmap.width, height: bitmap.height }
  })
  expect(result.copied).toEqual({ ok: true, value: undefined })
  expect(result.types).toContain('image/png')
  expect([result.width, result.height]).toEqual([3, 2])
  lab.expectNoErrors()
})

test('keyboard shortcuts send the File menu commands', async ({ lab, page }) => {
  await page.evaluate(() => {
    const seen: string[] = []
    ;(window as unknown as { __commands: string[] }).__commands = seen
    window.lab.onMenuCommand((command) => seen.push(command))
  })
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  // Each command may start a download or a picker in the app; only the commands matter here.
  page.on('filechooser', () => undefined)
  await page.keyboard.press('Control+s')
  await page.keyboard.press('Control+Shift+S')
  await page.keyboard.press('Control+e')
  const commands = await page.evaluate(
    () => (window as unknown as { __commands: string[] }).__commands
  )
  expect(commands).toEqual(['save-session', 'save-session-as', 'export-figure-combined'])
  lab.expectNoErrors()
})
