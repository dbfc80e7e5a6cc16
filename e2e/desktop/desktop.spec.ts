// Desktop e2e through Playwright's _electron: the built app (out/, `npm run build`) in real
// Electron. Launch and the window, the window's security settings read in the main process, a
// menu action, training in the real utility process, the training log's Copy through the real
// clipboard, and Save with the dialog stubbed in main writing a real session file. Where there is
// no Electron binary the whole file is skipped with one line saying why (the build machines
// cannot download it). Nothing here reads state once and hopes: every check polls or waits for
// the app's own event, since a run can finish thousands of epochs between two steps of a test.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { _electron, expect, test, type ElectronApplication, type Page } from '@playwright/test'
import { MAX_EPOCHS } from '../../src/shared/engine/limits'
import { findElectronBinary, ROOT } from './electronBinary'

const binary = findElectronBinary()
if (!binary.found) console.log(`desktop e2e skipped: ${binary.reason}.`)
test.skip(!binary.found, binary.found ? '' : `desktop e2e skipped: ${binary.reason}`)

const MAIN_ENTRY = join(ROOT, 'out', 'main', 'index.js')

let app: ElectronApplication
let page: Page
let userData: string
const consoleErrors: string[] = []
/** While the CSP probe runs, the refusal it provokes is expected (and required), not an error. */
let cspProbe: string[] | null = null

test.beforeAll(async () => {
  if (!binary.found) return
  expect(existsSync(MAIN_ENTRY), 'run `npm run build` first').toBe(true)
  userData = mkdtempSync(join(tmpdir(), 'nnlab-desktop-e2e-'))
  app = await _electron.launch({
    executablePath: binary.path,
    args: [MAIN_ENTRY],
    cwd: ROOT,
    // The built UI (app://), never a dev server someone left running.
    env: Object.fromEntries(
      Object.entries({ ...process.env, NN_LAB_USER_DATA: userData }).filter(
        ([name, value]) => name !== 'ELECTRON_RENDERER_URL' && value !== undefined
      )
    ) as Record<string, string>
  })
  page = await app.firstWindow()
  page.on('console', (message) => {
    if (message.type() !== 'error') return
    const text = message.text()
    if (cspProbe && /Content Security Policy/i.test(text)) cspProbe.push(text)
    else consoleErrors.push(text)
  })
  await page.waitForLoadState('domcontentloaded')
})

test.afterAll(async () => {
  await app?.close()
  if (userData) rmSync(userData, { recursive: true, force: true })
})

/** Clicks a menu item in the main process, found by its path of labels. */
async function clickMenu(...labels: string[]): Promise<void> {
  await app.evaluate(({ Menu }, path) => {
    let items = Menu.getApplicationMenu()?.items ?? []
    let found: Electron.MenuItem | undefined
    for (const label of path) {
      found = items.find((item) => item.label === label)
      if (!found) throw new Error(`no menu item ${path.join(' › ')}`)
      items = found.submenu?.items ?? []
    }
    found!.click()
  }, labels)
}

const epochShown = async (): Promise<number> =>
  Number((await page.getByTestId('epoch-counter').innerText()).replace(/\D/g, ''))

/** Pauses and waits until the counter holds still: progress already in flight when Pause was
 *  clicked still lands, and a running trainer reports ~30 times a second. */
async function pauseAndSettle(): Promise<number> {
  const toggle = page.getByTestId('train-toggle')
  if ((await toggle.getAttribute('aria-pressed')) === 'true') await toggle.click()
  await expect(toggle).toHaveAttribute('aria-pressed', 'false')
  let last = -1
  await expect
    .poll(
      async () => {
        const now = await epochShown()
        const still = now === last
        last = now
        return still
      },
      { intervals: [500], timeout: 20_000 }
    )
    .toBe(true)
  return last
}

/** A far epoch limit, so no run ends by itself while a test acts on it. */
async function farEpochLimit(): Promise<void> {
  const limit = page.getByTestId('epoch-limit-input')
  await limit.fill(String(MAX_EPOCHS))
  await limit.press('Enter')
  await expect(limit).toHaveValue(String(MAX_EPOCHS))
}

test('launches one window from app://, shown at a usable size', async () => {
  await expect(page).toHaveURL('app://nnlab/index.html')
  // ready-to-show may come after the first window exists.
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.isVisible()))
    .toBe(true)
  const state = await app.evaluate(({ BrowserWindow }) => {
    const windows = BrowserWindow.getAllWindows()
    const [window] = windows
    return {
      count: windows.length,
      bounds: window.getBounds(),
      minimum: window.getMinimumSize()
    }
  })
  expect(state.count).toBe(1)
  expect(state.minimum).toEqual([1024, 700])
  expect(state.bounds.width).toBeGreaterThanOrEqual(1024)
  await expect(page.getByTestId('train-toggle')).toBeVisible()
  expect(await page.evaluate(() => window.lab.host)).toBe('electron')
})

test('every window is isolated, sandboxed and locked down (read in the main process)', async () => {
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    // Recorded by src/main/index.ts when it creates each window (Electron has no public getter).
    const applied = (globalThis as { __nnlabWebPreferences?: Map<number, Electron.WebPreferences> })
      .__nnlabWebPreferences
    return BrowserWindow.getAllWindows().map((window) => {
      const p = applied?.get(window.webContents.id)
      return {
        contextIsolation: p?.contextIsolation,
        sandbox: p?.sandbox,
        nodeIntegration: p?.nodeIntegration,
        webviewTag: p?.webviewTag
      }
    })
  })
  expect(prefs.length).toBeGreaterThan(0)
  for (const p of prefs) {
    expect(p).toEqual({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false
    })
  }
  // The page sees window.lab and nothing of Node or Electron.
  const exposed = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    labKeys: Object.keys(window.lab).sort()
  }))
  expect(exposed).toEqual({
    require: 'undefined',
    process: 'undefined',
    labKeys: [
      'autosave',
      'clearRecent',
      'copyImageToClipboard',
      'discardRecovery',
      'exportFile',
      'host',
      'importDataset',
      'listRecent',
      'onCloseRequest',
      'onMenuCommand',
      'onOpenFile',
      'onTrainerStatus',
      'openSession',
      'openSessionPath',
      'respondToClose',
      'restartTrainer',
      'saveSession',
      'setDocumentState',
      'takeRecovery',
      'versions'
    ]
  })
  // CSP: an injected inline script does not run (script-src 'self'); window.open is denied;
  // navigation away is blocked. The refusal is a console error of Chromium's own, which this
  // probe expects (and the console check below does not count).
  cspProbe = []
  const inlineScript = await page.evaluate(
    () =>
      new Promise<{ ran: boolean; violations: string[] }>((resolve) => {
        document.addEventListener(
          'securitypolicyviolation',
          (event) =>
            resolve({
              ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true,
              violations: [event.violatedDirective]
            }),
          { once: true }
        )
        const script = document.createElement('script')
        script.textContent = 'window.__inlineRan = true'
        document.head.append(script)
      })
  )
  expect(inlineScript.ran).toBe(false)
  expect(inlineScript.violations.join(' ')).toContain('script-src')
  await expect.poll(() => cspProbe?.length ?? 0).toBeGreaterThan(0)
  cspProbe = null
  expect(await page.evaluate(() => window.open('https://example.com') === null)).toBe(true)
  // Wait for main to see the navigation attempt (and refuse it), then check the page stayed.
  const attempted = app.evaluate(
    ({ BrowserWindow }) =>
      new Promise<string>((resolve) =>
        BrowserWindow.getAllWindows()[0].webContents.once('will-navigate', (_event, url) =>
          resolve(url)
        )
      )
  )
  await page.evaluate(() => {
    ;(window as unknown as { __stayed?: boolean }).__stayed = true
    window.location.href = 'https://example.com/'
  })
  expect(await attempted).toBe('https://example.com/')
  await expect(page).toHaveURL('app://nnlab/index.html')
  // A blocked navigation leaves this very document in place: the marker set before survives.
  expect(await page.evaluate(() => (window as unknown as { __stayed?: boolean }).__stayed)).toBe(
    true
  )
  const permission = await page.evaluate(async () => {
    try {
      return (await navigator.permissions.query({ name: 'geolocation' as PermissionName })).state
    } catch {
      return 'denied'
    }
  })
  expect(permission).not.toBe('granted')
})

test('trains in the real utility process and the UI follows', async () => {
  await expect(page.getByTestId('trainer-state')).not.toContainText(/crash|stopped/i)
  await farEpochLimit()
  await page.getByTestId('train-toggle').click()
  await expect.poll(epochShown, { timeout: 20_000 }).toBeGreaterThan(50)
  await pauseAndSettle()
  const processes = await app.evaluate(({ app: electronApp }) =>
    electronApp.getAppMetrics().map((metric) => ({ type: metric.type, name: metric.name }))
  )
  expect(processes).toContainEqual({ type: 'Utility', name: 'NN Lab trainer' })
})

test('a menu action reaches the renderer: Train › Step One Epoch', async () => {
  const before = await pauseAndSettle()
  await clickMenu('Train', 'Step One Epoch')
  await expect.poll(epochShown).toBe(before + 1)
})

test('the training log’s Copy reaches the system clipboard', async () => {
  await app.evaluate(({ clipboard }) => clipboard.writeText('before'))
  await page.getByTestId('copy-log').click()
  await expect(page.getByTestId('copy-log')).toHaveText('Copied')
  const logText = await page.getByTestId('training-log').innerText()
  const copied = await app.evaluate(({ clipboard }) => clipboard.readText())
  expect(copied).not.toBe('before')
  expect(copied.startsWith('Network: 2, 16, 8, 1\nTotal parameters: 193')).toBe(true)
  expect(copied.trim().split('\n').at(-1)).toBe(logText.trim().split('\n').at(-1))
})

test('File › Save with the dialog stubbed in main writes a real session file', async () => {
  // Each test stands on its own (after a failure the next one gets a freshly launched app).
  if ((await epochShown()) === 0) {
    await clickMenu('Train', 'Step One Epoch')
    await expect.poll(epochShown).toBe(1)
  }
  const target = join(userData, 'desktop-e2e.nnlab')
  await app.evaluate(({ dialog }, filePath) => {
    dialog.showSaveDialog = (async () => ({
      canceled: false,
      filePath
    })) as typeof dialog.showSaveDialog
  }, target)
  await clickMenu('File', 'Save')
  await expect.poll(() => existsSync(target), { timeout: 15_000 }).toBe(true)
  // The file appears at its final name only once complete (temp file + rename).
  const read = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(__dirname, 'readSessionFile.ts'), target],
    { cwd: ROOT, encoding: 'utf8', timeout: 60_000 }
  )
  expect(read.status, read.stderr).toBe(0)
  const parsed = JSON.parse(read.stdout) as { ok: boolean; epoch?: number; message?: string }
  expect(parsed, parsed.message).toMatchObject({ ok: true })
  expect(parsed.epoch).toBeGreaterThan(0)
  // The title follows once the page has heard that the save succeeded.
  await expect
    .poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0].getTitle()))
    .toBe('desktop-e2e — NN Lab')
})

test('no errors in the console', () => {
  expect(consoleErrors).toEqual([])
})

test('the trainer process killed 20 times during training: the UI recovers every time', async () => {
  // Backoff grows while kills come quickly (250 ms, 1 s, 2 s, 5 s, then 10 s): allow for it.
  test.setTimeout(360_000)
  const epoch = epochShown
  const trainerPid = () =>
    app.evaluate(
      ({ app: electronApp }) =>
        electronApp
          .getAppMetrics()
          .find((metric) => metric.type === 'Utility' && metric.name === 'NN Lab trainer')?.pid
    )
  await farEpochLimit()

  let recovered = 0
  for (let kill = 1; kill <= 20; kill++) {
    const toggle = page.getByTestId('train-toggle')
    // Paused and ready: before the first kill after the earlier tests, after each kill once the
    // restored run is back (a kill the renderer has not heard of yet still shows Pause enabled).
    await expect(toggle).toHaveAttribute('aria-pressed', 'false', { timeout: 30_000 })
    await expect(toggle).toBeEnabled({ timeout: 30_000 })
    await toggle.click()
    const before = await epoch()
    await expect.poll(epoch, { timeout: 30_000 }).toBeGreaterThan(before)
    const pid = await trainerPid()
    expect(pid, `kill ${kill}: a trainer process`).toBeGreaterThan(0)
    process.kill(pid!, 'SIGKILL')
    await expect
      .poll(
        async () => {
          const next = await trainerPid()
          return next !== undefined && next !== pid
        },
        { timeout: 30_000 }
      )
      .toBe(true)
    recovered++
  }
  expect(recovered).toBe(20)
  // And it still trains afterwards.
  const toggle = page.getByTestId('train-toggle')
  await expect(toggle).toHaveAttribute('aria-pressed', 'false', { timeout: 30_000 })
  await expect(toggle).toBeEnabled({ timeout: 30_000 })
  await toggle.click()
  const last = await epoch()
  await expect.poll(epoch, { timeout: 30_000 }).toBeGreaterThan(last)
  console.log(`trainer killed 20 times: recovered ${recovered}/20`)
})
