// Load (issue 6): a learner imports a 1,000,000-row CSV through the file chooser. Progress shows
// rows and percent and reaches the end; the data panel and the boundary map's legend say
// 1,000,000; the window stays responsive through the import and the first seconds of training
// (longest main-thread task < 100 ms of CPU in a Chromium trace; PerformanceObserver wall times
// recorded beside it); the trainer's memory is reported. A second test cancels an import a third
// of the way: the session that was open is untouched and trains on. A third trains an 8 × 128
// network against the same bar (the 100,000-epoch history is lab-long-run.spec.ts). Figures go
// to the console and e2e/artifacts/load.json.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { CDPSession } from '@playwright/test'
import { ARTIFACTS_DIR, expect, FAR_EPOCH_LIMIT, ids, test, type LabPage } from './fixtures'

const ROWS = 1_000_000
/** The responsiveness bar of issue 6. */
const MAX_TASK_MS = 100
/** How long training runs on the imported points before the figures are taken. */
const TRAIN_WINDOW_MS = 6000

let folder = ''
let csvPath = ''

/** Two noisy rings (the notebook's circles), a fixed pseudo-random sequence so every run
 *  imports the same file. About 30 MB. */
function writeRingsCsv(path: string, rows: number): void {
  let state = 12345
  const random = (): number => {
    // Park–Miller: small, deterministic, plenty for test data.
    state = (state * 48271) % 2147483647
    return state / 2147483647
  }
  const lines: string[] = ['x1,x2,label']
  for (let i = 0; i < rows; i++) {
    const label = i % 2
    const radius = (label === 0 ? 1 : 3) + (random() - 0.5) * 0.6
    const angle = random() * 2 * Math.PI
    lines.push(
      `${(radius * Math.cos(angle)).toFixed(5)},${(radius * Math.sin(angle)).toFixed(5)},${label}`
    )
  }
  writeFileSync(path, `${lines.join('\n')}\n`)
}

test.beforeAll(() => {
  folder = mkdtempSync(join(tmpdir(), 'nnlab-load-'))
  csvPath = join(folder, 'million.csv')
  writeRingsCsv(csvPath, ROWS)
})

test.afterAll(() => {
  if (folder) rmSync(folder, { recursive: true, force: true })
})

interface TraceEvent {
  ph: string
  name: string
  pid: number
  tid: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

/** The page's main-thread tasks in a Chromium trace: longest by wall time and by CPU time (the
 *  task's own cost; wall time also counts waiting for one of the machine's two cores). */
function mainThreadTasks(trace: Buffer): { longestWallMs: number; longestCpuMs: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents
  const mainThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`)
  )
  let longestWallMs = 0
  let longestCpuMs = 0
  for (const e of events) {
    if (e.ph !== 'X' || e.name !== 'RunTask' || !mainThreads.has(`${e.pid}:${e.tid}`)) continue
    longestWallMs = Math.max(longestWallMs, (e.dur ?? 0) / 1000)
    longestCpuMs = Math.max(longestCpuMs, (e.tdur ?? 0) / 1000)
  }
  return { longestWallMs, longestCpuMs }
}

/** Adds one test's figures to e2e/artifacts/load.json (other tests' figures stay). */
function recordFigures(key: string, figures: Record<string, unknown>): void {
  mkdirSync(ARTIFACTS_DIR, { recursive: true })
  const artifact = join(ARTIFACTS_DIR, 'load.json')
  let previous: Record<string, unknown> = {}
  try {
    previous = JSON.parse(readFileSync(artifact, 'utf8')) as Record<string, unknown>
  } catch {
    // The first figures of this run.
  }
  writeFileSync(artifact, `${JSON.stringify({ ...previous, [key]: figures }, null, 2)}\n`)
}

async function chooseCsv(lab: LabPage): Promise<void> {
  const chooser = lab.page.waitForEvent('filechooser')
  await lab.byId('dataset-import').click()
  await (await chooser).setFiles(csvPath)
  // The import dialog previews the file's start; Import reads all of it.
  await lab.byId('import-dialog-confirm').click()
}

/** Records what the progress box shows, every animation frame, until stopped. */
async function watchProgress(lab: LabPage): Promise<void> {
  await lab.page.evaluate(() => {
    const seen: string[] = []
    let running = true
    const tick = (): void => {
      const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent
      const line = text?.replace(/\s+/g, ' ').trim()
      if (line && seen[seen.length - 1] !== line) seen.push(line)
      if (running) requestAnimationFrame(tick)
    }
    ;(window as unknown as { __progress: { seen: string[]; stop(): void } }).__progress = {
      seen,
      stop: () => {
        running = false
      }
    }
    requestAnimationFrame(tick)
  })
}

async function progressSeen(lab: LabPage): Promise<string[]> {
  return lab.page.evaluate(() => {
    const watch = (window as unknown as { __progress: { seen: string[]; stop(): void } }).__progress
    watch.stop()
    return watch.seen
  })
}

/** The status bar's text without the trainer-memory figure (which may tick on its own). */
async function statusWithoutMemory(lab: LabPage): Promise<string> {
  const status = (await lab.byId(ids.statusBar).textContent()) ?? ''
  const memory = (await lab.byId('trainer-memory').textContent()) ?? ''
  return status.replace(memory, '')
}

/** Time from pressing Pause to the trainer's 'paused' answer reaching the page. */
async function pauseLatencyMs(lab: LabPage): Promise<number> {
  const before = (await lab.traffic()).pausedEvents
  const started = Date.now()
  await lab.byId(ids.trainToggle).click()
  await expect
    .poll(async () => (await lab.traffic()).pausedEvents, { timeout: 30_000 })
    .toBeGreaterThan(before)
  return Date.now() - started
}

test('a 1,000,000-row CSV imports with progress while the window stays responsive', async ({
  lab,
  page
}) => {
  test.setTimeout(240_000)
  await lab.open()
  const longTaskSupported = await page.evaluate(() =>
    PerformanceObserver.supportedEntryTypes.includes('longtask')
  )
  expect(longTaskSupported).toBe(true)
  const cdp: CDPSession = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const browser = page.context().browser()!

  await lab.resetLongTasks()
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
  })
  await watchProgress(lab)
  const importStarted = Date.now()
  await chooseCsv(lab)
  await expect(lab.byId('import-progress')).toBeVisible({ timeout: 30_000 })
  await expect(lab.byId('import-progress')).toBeHidden({ timeout: 120_000 })
  await lab.waitForReady(60_000)
  const importMs = Date.now() - importStarted
  const seen = await progressSeen(lab)
  const importTasks = await lab.longTasks()

  // The progress box counted up through the rows and percent, to all of them.
  const parsing = seen.filter((line) => /rows read · \d+%$/.test(line))
  expect(parsing.length, seen.join(' | ')).toBeGreaterThan(3)
  const percents = parsing.map((line) => Number(/(\d+)%$/.exec(line)![1]))
  expect(percents.some((p) => p > 0 && p < 100)).toBe(true)
  for (let i = 1; i < percents.length; i++)
    expect(percents[i]).toBeGreaterThanOrEqual(percents[i - 1])
  expect(seen).toContain('1,000,000 points read · building the network on them…')

  // The counts the learner sees.
  await expect(lab.byId('dataset-csv')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('dataset-csv')).toContainText('million.csv')
  await expect(lab.byId('samples-output')).toHaveText('1,000,000')
  await expect(lab.byId('boundary-sample-note')).toHaveText('showing 5,000 of 1,000,000 points')
  await expect(lab.byId('trainer-memory')).toBeVisible()

  // The first seconds of training on all of them: the counter moves, samples/s shows. A limit it
  // cannot reach, so Pause always has a run to pause.
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.resetLongTasks()
  await lab.resetTraffic()
  await lab.start()
  await lab.waitForEpochAbove(0, 60_000)
  await page.waitForTimeout(TRAIN_WINDOW_MS)
  const statusWhileTraining = (await lab.byId(ids.statusBar).textContent()) ?? ''
  const pauseMs = await pauseLatencyMs(lab)
  const trainTasks = await lab.longTasks()
  const trace = await browser.stopTracing()
  // NNLAB_LOAD_TRACE=path keeps the trace, to look into a long task in DevTools.
  if (process.env.NNLAB_LOAD_TRACE) writeFileSync(process.env.NNLAB_LOAD_TRACE, trace)
  const traced = mainThreadTasks(trace)
  const epochs = await lab.epoch()
  const memoryText = ((await lab.byId('trainer-memory').textContent()) ?? '').trim()
  const memoryTitle = (await lab.byId('trainer-memory').getAttribute('title')) ?? ''
  const samplesPerSecond = Number(
    (/([\d,]+) samples\/s/.exec(statusWhileTraining)?.[1] ?? '0').replace(/,/g, '')
  )
  await lab.screenshot('load-1m-trained')

  const figures = {
    rows: ROWS,
    fileMB: Math.round(statSync(csvPath).size / 1e5) / 10,
    importSeconds: importMs / 1000,
    progressUpdatesSeen: parsing.length,
    longestTaskMsDuringImport: Math.round(importTasks.longestMs),
    longTasksDuringImport: importTasks.count,
    longestTaskMsDuringTraining: Math.round(trainTasks.longestMs),
    longTasksDuringTraining: trainTasks.count,
    longestTaskWallMsTraced: Math.round(traced.longestWallMs),
    longestTaskCpuMsTraced: Math.round(traced.longestCpuMs),
    epochsInTrainingWindow: epochs,
    samplesPerSecond,
    pauseLatencyMs: pauseMs,
    trainerMemory: memoryText,
    trainerMemoryDetail: memoryTitle,
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100)
  }
  console.log(`1,000,000-row import: ${JSON.stringify(figures, null, 2)}`)
  recordFigures('import1M', figures)

  expect(epochs).toBeGreaterThan(0)
  expect(samplesPerSecond).toBeGreaterThan(0)
  expect(memoryText).toMatch(/^Trainer (≈ )?\d+(\.\d)? (KB|MB|GB)$/)
  // The bar of issue 6 on what each main-thread task cost: its CPU time in the trace. Wall times
  // (the observer's and the trace's) are in the figures; on this shared two-core machine they
  // also count time spent waiting for a core (see loadAverage), so they are not asserted.
  expect(traced.longestCpuMs).toBeLessThan(MAX_TASK_MS)
  lab.expectNoErrors()
})

test('cancelling an import part-way leaves the open session as it was', async ({ lab }) => {
  test.setTimeout(60_000)
  await lab.open()
  // A limit the seed run cannot reach during the test, so Pause always has a run to pause.
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  await lab.start()
  await lab.waitForEpochAbove(30)
  await lab.pause()
  const before = {
    epoch: await lab.epoch(),
    status: await statusWithoutMemory(lab),
    log: await lab.byId(ids.trainingLog).textContent(),
    // The map of the pause arrives with it and is painted on a later frame.
    boundary: await lab.settledSignature(ids.boundaryCanvas)
  }

  // Press Cancel from inside the page once a third of the file is read: the whole read takes
  // only a second or two, too quick to aim at from the test's side.
  const cancelled = lab.page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const tick = (): void => {
          const text = document.querySelector('[data-testid="import-progress-text"]')?.textContent
          const percent = Number(/(\d+)%/.exec(text ?? '')?.[1] ?? 0)
          const button = document.querySelector<HTMLButtonElement>('[data-testid="import-cancel"]')
          if (button && percent >= 33) {
            button.click()
            resolve((text ?? '').replace(/\s+/g, ' ').trim())
          } else requestAnimationFrame(tick)
        }
        requestAnimationFrame(tick)
      })
  )
  await chooseCsv(lab)
  const atCancel = await cancelled
  await expect(lab.byId('import-progress')).toBeHidden()
  console.log(`cancelled at: ${atCancel}`)
  expect(Number(/(\d+)%/.exec(atCancel)?.[1])).toBeLessThan(100)

  // Nothing changed: same data, same run, same epoch, no message, no sampling note.
  await expect(lab.byId('dataset-circles')).toHaveAttribute('aria-checked', 'true')
  await expect(lab.byId('session-message')).toHaveCount(0)
  await expect(lab.byId('boundary-sample-note')).toHaveCount(0)
  expect(await lab.epoch()).toBe(before.epoch)
  expect(await statusWithoutMemory(lab)).toBe(before.status)
  expect(await lab.byId(ids.trainingLog).textContent()).toBe(before.log)
  expect(await lab.settledSignature(ids.boundaryCanvas)).toBe(before.boundary)
  // And it trains on from where it was.
  await lab.start()
  await lab.waitForEpochAbove(before.epoch)
  await lab.pause()
  lab.expectNoErrors()
})

test('an 8 × 128 network trains with the window responsive', async ({ lab, page }) => {
  // 116,097 weights: each live boundary map is ~4.6 GFLOP for the trainer; the window must not care.
  test.setTimeout(180_000)
  await lab.open()
  for (let i = 0; i < 6; i++) await lab.byId('add-layer').click()
  for (let i = 0; i < 8; i++) {
    await lab.byId(`layer-${i}-neurons`).fill('128')
    await lab.byId(`layer-${i}-neurons`).press('Enter')
  }
  await expect(lab.byId('param-count')).toHaveText('Total parameters: 116,097')
  // Ready once the last edit's rebuild is built (the store stays 'configuring' until then).
  await lab.waitForReady(90_000)
  await lab.setEpochLimit(FAR_EPOCH_LIMIT)
  const browser = page.context().browser()!
  await lab.resetLongTasks()
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline']
  })
  await lab.start()
  await lab.waitForEpochAbove(0, 90_000)
  await page.waitForTimeout(TRAIN_WINDOW_MS)
  const pauseMs = await pauseLatencyMs(lab)
  const traced = mainThreadTasks(await browser.stopTracing())
  const tasks = await lab.longTasks()
  const figures = {
    parameters: 116_097,
    epochs: await lab.epoch(),
    longestTaskMs: Math.round(tasks.longestMs),
    longTasks: tasks.count,
    longestTaskWallMsTraced: Math.round(traced.longestWallMs),
    longestTaskCpuMsTraced: Math.round(traced.longestCpuMs),
    pauseLatencyMs: pauseMs,
    trainerMemory: ((await lab.byId('trainer-memory').textContent()) ?? '').trim(),
    loadAverage: loadavg().map((value) => Math.round(value * 100) / 100)
  }
  console.log(`8 × 128 network: ${JSON.stringify(figures, null, 2)}`)
  recordFigures('network8x128', figures)
  expect(figures.epochs).toBeGreaterThan(0)
  expect(traced.longestCpuMs).toBeLessThan(MAX_TASK_MS)
  lab.expectNoErrors()
})
