// The browser host's own duties in a real Chromium: files through the picker and downloads,
// recent files that survive a reload, the window title and leave-page guard, the clipboard, and
// keyboard shortcuts standing in for the menu. Driven through `window.lab` directly, so these
// hold whatever the UI does with them.
import { readFileSync } from 'node:fs'
import { expect, test } from './fixtures'

test.beforeEach(async ({ lab }) => {
  await lab.open()
})

test('Save downloads the session under its name, and Open Recent reads it back after a reload', async ({
  lab,
  page
}) => {
  const text = JSON.stringify({ format: 'nnlab-session', note: 'e2e' })
  const downloadPromise = page.waitForEvent('download')
  const saved = await page.evaluate(
    (text) =>
      window.lab.saveSession({ text, path: null, suggestedName: 'circles run', saveAs: false }),
    text
  )
  const download = await downloadPromise
  expect(saved).toEqual({
    ok: true,
    value: { path: 'circles run.nnlab', name: 'circles run.nnlab' }
  })
  expect(download.suggestedFilename()).toBe('circles run.nnlab')
  expect(readFileSync(await download.path(), 'utf8')).toBe(text)

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
