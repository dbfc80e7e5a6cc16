// Session flows in the browser host: Save (a download), Open… (a file picker), continue training,
// unsaved-changes prompts, a corrupt file, drag-and-drop, crash recovery, and CSV import.
import type { Page } from '@playwright/test'
import { expect, FAR_EPOCH_LIMIT, ids, LabPage, test } from './fixtures'

interface SavedSession {
  format: string
  version: number
  name: string
  note: string
  run: unknown
}

async function trainSome(lab: LabPage, atLeast: number): Promise<number> {
  const before = await lab.epoch()
  await lab.start()
  await lab.waitForEpochAbove(before + atLeast)
  await lab.pause()
  return lab.epoch()
}

/** Drops a file on the window as a learner dragging it from the desktop would. */
async function dropFile(page: Page, name: string, text: string): Promise<void> {
  const dataTransfer = await page.evaluateHandle(
    ({ name, text }) => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([text], name))
      return transfer
    },
    { name, text }
  )
  await page.dispatchEvent('body', 'dragenter', { dataTransfer })
  await page.dispatchEvent('body', 'dragover', { dataTransfer })
  await page.dispatchEvent('body', 'drop', { dataTransfer })
}

test('save, reopen and continue training', async ({ lab, page }) => {
  test.setTimeout(120_000)
  await lab.open()
  await expect(lab.byId('session-name')).toHaveText('Untitled')
  await expect(lab.byId('session-dirty')).toHaveCount(0)
  // A settings change is a change to the session.
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await expect(lab.byId('session-dirty')).toBeVisible()

  const savedEpoch = await trainSome(lab, 40)
  await expect(lab.byId('session-dirty')).toBeVisible()
  await expect(page).toHaveTitle(/^• Untitled — NN Lab$/)
  const savedLoss = await lab.byId(ids.statLoss).textContent()

  // A note travels in the file.
  await lab.byId('file-menu').click()
  await lab.byId('session-note').fill('ReLU ring, lr 0.1')
  await lab.byId('session-note').blur()
  await lab.byId('file-menu').click()

  const saved = await lab.saveSession()
  expect(saved.name).toBe('Untitled.nnlab')
  const doc = JSON.parse(saved.text) as SavedSession
  expect(doc.note).toBe('ReLU ring, lr 0.1')
  expect(doc.format).toBe('nnlab-session')
  expect(doc.version).toBe(2)
  await expect(lab.byId('session-dirty')).toHaveCount(0)
  await expect(page).toHaveTitle('Untitled — NN Lab')
  await lab.screenshot('session-saved')

  // Move on, then reopen the saved file: the app asks about the unsaved epochs first.
  await trainSome(lab, 40)
  await expect(lab.byId('session-dirty')).toBeVisible()
  await lab.openSessionFile('Circles run.nnlab', saved.text)
  await expect(lab.byId('session-name')).toHaveText('Circles run')
  await expect.poll(() => lab.epoch()).toBe(savedEpoch)
  await expect(lab.byId(ids.statLoss)).toHaveText(savedLoss ?? '')
  await expect(lab.byId('session-dirty')).toHaveCount(0)
  await expect(lab.byId('session-message')).toHaveCount(0)

  // Continue training from where the file left off.
  const continued = await trainSome(lab, 30)
  expect(continued).toBeGreaterThan(savedEpoch + 30)
  await expect(lab.byId('session-dirty')).toBeVisible()

  // The File shortcuts reach the same flows: Ctrl+S saves (a download here), Ctrl+E exports
  // the combined figure.
  const download = page.waitForEvent('download')
  await page.keyboard.press('Control+s')
  expect((await download).suggestedFilename()).toBe('Circles run.nnlab')
  await expect(lab.byId('session-dirty')).toHaveCount(0)
  const figure = page.waitForEvent('download')
  await page.keyboard.press('Control+e')
  expect((await figure).suggestedFilename()).toMatch(/^Circles run-epoch\d+-combined\.png$/)

  // It is in Open Recent now.
  await lab.byId('file-menu').click()
  await expect(lab.byId('recent-item').first()).toBeVisible()
  await lab.screenshot('session-recent')
  // Open Recent reopens the saved state (the session is clean, so no question is asked).
  const savedAgainEpoch = await lab.epoch()
  await lab.byId('recent-item').filter({ hasText: 'Untitled.nnlab' }).click()
  await expect(lab.byId('session-name')).toHaveText('Untitled')
  await expect.poll(() => lab.epoch()).toBe(savedEpoch)
  expect(savedAgainEpoch).toBeGreaterThan(savedEpoch)
  // Clear recent empties the list.
  await lab.byId('file-menu').click()
  await lab.byId('recent-clear').click()
  await lab.byId('file-menu').click()
  await expect(lab.byId('recent-item')).toHaveCount(0)
  await expect(lab.byId('file-menu-items')).toContainText('No recent sessions.')
  lab.expectNoErrors()
})

test('a corrupt session file shows its message and leaves the open session intact', async ({
  lab
}) => {
  test.setTimeout(90_000)
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const epoch = await trainSome(lab, 25)
  const good = await lab.saveSession('session-save-as')
  const loss = await lab.byId(ids.statLoss).textContent()

  const cases: [string, string, RegExp][] = [
    ['cut.nnlab', good.text.slice(0, Math.floor(good.text.length / 2)), /./],
    ['notes.nnlab', 'these are my notes, not a session', /./],
    ['future.nnlab', good.text.replace(/"version": \d+/, '"version": 99'), /newer/i]
  ]
  for (const [name, text, pattern] of cases) {
    await lab.openSessionFile(name, text)
    const message = lab.byId('session-message')
    await expect(message).toBeVisible()
    await expect(lab.byId('session-message-title')).toHaveText(`Could not open “${name}”`)
    await expect(lab.byId('session-message-text')).toHaveText(pattern)
    const sentence = (await lab.byId('session-message-text').textContent()) ?? ''
    expect(sentence.trim().split(/(?<=\.)\s+(?=[A-Z])/)).toHaveLength(1)
    // Nothing changed: same name, same epoch, same loss.
    await expect(lab.byId('session-name')).toHaveText('Untitled')
    expect(await lab.epoch()).toBe(epoch)
    await expect(lab.byId(ids.statLoss)).toHaveText(loss ?? '')
  }
  await lab.screenshot('session-corrupt-file')
  await lab.byId('session-message-dismiss').click()
  await expect(lab.byId('session-message')).toHaveCount(0)
  // And it still trains.
  expect(await trainSome(lab, 10)).toBeGreaterThan(epoch)
})

test('dropping a .nnlab opens it; dropping a bad CSV shows its line-numbered error', async ({
  lab,
  page
}) => {
  test.setTimeout(90_000)
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const epoch = await trainSome(lab, 20)
  const saved = await lab.saveSession()
  await lab.byId(ids.trainReset).click()
  await expect.poll(() => lab.epoch()).toBe(0)

  // Reset changed the run: unsaved, so the app asks before replacing it.
  await expect(lab.byId('session-dirty')).toBeVisible()
  await dropFile(page, 'dropped.nnlab', saved.text)
  await expect(lab.byId('unsaved-dialog')).toBeVisible()
  await lab.byId('unsaved-discard').click()
  await expect(lab.byId('session-name')).toHaveText('dropped')
  await expect.poll(() => lab.epoch()).toBe(epoch)

  // A dropped CSV opens the import dialog, which names the bad line and imports nothing.
  await dropFile(page, 'points.csv', 'x1,x2,label\n0.5,1,0\n1,2,1\n3,abc,1\n')
  await expect(lab.byId('import-problem')).toHaveText(/^Line 4: "abc" in column 'x2'/)
  await lab.byId('import-dialog-cancel').click()
  expect(await lab.epoch()).toBe(epoch)

  await dropFile(page, 'picture.png', 'not really')
  await expect(lab.byId('session-message-text')).toContainText('.nnlab sessions and .csv datasets')

  // File → New session: asks about the unsaved epochs, then starts over from the seed preset.
  await trainSome(lab, 5)
  await lab.byId('file-menu').click()
  await lab.byId('session-new').click()
  await expect(lab.byId('unsaved-dialog')).toContainText('start a new session')
  await lab.byId('unsaved-discard').click()
  await expect(lab.byId('session-name')).toHaveText('Untitled')
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId('preset-select')).toHaveValue('seed-notebook')
  await expect(lab.byId('session-dirty')).toHaveCount(0)
})

test('CSV import from the Export menu: a good file trains, a bad one names its line', async ({
  lab,
  page
}) => {
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const rows = ['x1,x2,label']
  for (let i = 0; i < 60; i++) {
    const angle = (i / 60) * Math.PI * 2
    const r = i % 2 === 0 ? 1 : 3
    rows.push(`${(r * Math.cos(angle)).toFixed(4)},${(r * Math.sin(angle)).toFixed(4)},${i % 2}`)
  }
  const importCsv = async (name: string, text: string): Promise<void> => {
    await lab.byId('export-toggle').click()
    const chooser = page.waitForEvent('filechooser')
    await lab.byId('import-csv').click()
    await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) })
  }

  await importCsv('bad.csv', 'x1,x2,label\n1,2,0\n1,2,1,4\n')
  await expect(lab.byId('import-problem')).toHaveText(
    /^Line 3: found 4 values where the file has 3 columns/
  )
  await lab.screenshot('session-csv-error')
  await lab.byId('import-dialog-cancel').click()

  await importCsv('rings.csv', rows.join('\n'))
  await lab.byId('import-dialog-confirm').click()
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await lab.waitForReady()
  await expect(lab.byId('session-dirty')).toBeVisible()
  await lab.start()
  await lab.waitForEpochAbove(5)
  await lab.pause()

  // Imported points travel inside the session: save, start over, reopen.
  const epoch = await lab.epoch()
  const saved = await lab.saveSession()
  await lab.byId('file-menu').click()
  await lab.byId('session-new').click()
  await expect.poll(() => lab.epoch()).toBe(0)
  await expect(lab.byId('dataset-circles')).toHaveAttribute('aria-checked', 'true')
  await lab.openSessionFile('rings run.nnlab', saved.text)
  await expect(lab.byId('session-name')).toHaveText('rings run')
  await expect.poll(() => lab.epoch()).toBe(epoch)
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
})

test('after a crash the next start offers the autosaved copy', async ({ lab, page, context }) => {
  test.setTimeout(90_000)
  await lab.open()
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const epoch = await trainSome(lab, 30)
  // Autosave runs every few seconds while there are unsaved changes.
  await expect
    .poll(() => page.evaluate(() => Object.keys(localStorage).some((k) => /recover/i.test(k))), {
      timeout: 15_000
    })
    .toBe(true)
  // The copy was serialized in the session codec's worker, not on the main thread.
  expect(page.workers().map((worker) => worker.url())).toContainEqual(
    expect.stringMatching(/sessionCodec\.worker/)
  )
  // The copy written during training may be older than the pause: wait for one of the pause.
  await expect
    .poll(
      () =>
        page.evaluate(() => {
          const text = localStorage.getItem('nnlab:recovery')
          return text ? (JSON.parse(text) as { run: { epoch: number } }).run.epoch : null
        }),
      { timeout: 15_000 }
    )
    .toBe(epoch)

  // The tab dies without a clean shutdown; a new one opens.
  await page.close({ runBeforeUnload: false })
  const next = await context.newPage()
  const again = new LabPage(next)
  await again.open()
  await expect(again.byId('recovery-dialog')).toBeVisible()
  await again.screenshot('session-recovery-offer')
  await again.byId('recovery-restore').click()
  await expect.poll(() => again.epoch()).toBe(epoch)
  await expect(again.byId('session-dirty')).toBeVisible()

  // Declining on a later start clears it.
  await next.close({ runBeforeUnload: false })
  const third = new LabPage(await context.newPage())
  await third.open()
  await expect(third.byId('recovery-dialog')).toBeVisible()
  await third.byId('recovery-discard').click()
  await expect(third.byId('recovery-dialog')).toHaveCount(0)
  await expect.poll(() => third.epoch()).toBe(0)
})
