// Shared Playwright fixtures and helpers for the renderer suite (the built browser app, trainer in
// a Web Worker). Specs import `test` and `expect` from here; `lab` drives the app through its
// data-testids and reads the host's test hooks (window.__nnlab, see src/web/harness.ts).
import { mkdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { test as base, expect, type Locator, type Page } from '@playwright/test'
// limits.ts imports nothing, so Playwright's loader can read it (unlike the rest of the engine).
import { MAX_EPOCHS } from '../../src/shared/engine/limits'

/** Where screenshots and measurements go (ignored by git). */
export const ARTIFACTS_DIR = join(__dirname, '..', 'artifacts')

/** The UI's data-testids used by the shell specs (defined by the lab UI components). */
export const ids = {
  trainToggle: 'train-toggle',
  trainStep: 'train-step',
  trainReset: 'train-reset',
  epochCounter: 'epoch-counter',
  statLoss: 'stat-loss',
  statAccuracy: 'stat-accuracy',
  trainerState: 'trainer-state',
  trainerBanner: 'trainer-banner',
  runNotice: 'run-notice',
  liveView: 'live-view',
  epochLimit: 'epoch-limit-input',
  lossCanvas: 'loss-canvas',
  accuracyCanvas: 'accuracy-canvas',
  boundaryCanvas: 'boundary-canvas',
  trainingLog: 'training-log',
  statusBar: 'status-bar',
  presetSelect: 'preset-select'
} as const

/** What the notebook printed, pinned beside the engine (src/shared/engine/fixtures). */
export function seedNotebookReference(): { printed: string[] } {
  const path = join(__dirname, '..', '..', 'src', 'shared', 'engine', 'fixtures')
  return JSON.parse(readFileSync(join(path, 'seed_notebook_reference.json'), 'utf8')) as {
    printed: string[]
  }
}

export const CRASH_MESSAGE = 'Training stopped unexpectedly; your session is safe.'

/** The largest epoch limit the engine accepts (engine/limits.ts, read by every schema). A fast
 *  machine trains the seed run's 2000 epochs in well under a second, so a run the test means to
 *  pause needs a limit it cannot reach while the test looks: this one takes minutes at any speed. */
export const FAR_EPOCH_LIMIT = MAX_EPOCHS

/** The host's figures (src/web/webTrainerHost.ts TrainerHostCounters; restated here because the
 *  e2e project cannot include browser sources). */
export interface TrainerHostCounters {
  spawned: number
  crashes: number
  portsDelivered: number
  requestedRestarts: number
}

/** What reached the app over the trainer port (src/web/harness.ts TrainerTraffic). */
export interface TrainerTraffic {
  progressEvents: number
  gridEvents: number
  lastEpoch: number
  firstProgressAt: number | null
  lastProgressAt: number | null
  firstProgressEpoch: number
  pausedEvents: number
  errorEvents: number
  configuredEvents: number
  snapshotEvents: number
}

/** window.__nnlab as the specs use it (installed by src/web/harness.ts). */
interface NnLabHarness {
  killTrainer(): void
  readonly counters: TrainerHostCounters
  readonly trainerState: string
  readonly traffic: TrainerTraffic
  resetTraffic(): void
  openFile(name: string, text: string): void
}

/** Long main-thread tasks seen since the last reset (PerformanceObserver 'longtask'). */
export interface LongTaskSummary {
  count: number
  longestMs: number
}

declare global {
  interface Window {
    __nnlab?: NnLabHarness
    __longTasks?: { count: number; longestMs: number; reset(): void }
  }
}

/** Runs in the page before any app code: records long tasks from the very start. */
function installLongTaskObserver(): void {
  const record = {
    count: 0,
    longestMs: 0,
    reset(): void {
      record.count = 0
      record.longestMs = 0
    }
  }
  window.__longTasks = record
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        record.count++
        record.longestMs = Math.max(record.longestMs, entry.duration)
      }
    }).observe({ type: 'longtask', buffered: true })
  } catch {
    // A browser without longtask support simply reports none; the spec checks support itself.
  }
}

/** In the page: accepts the browser host's Save name dialog (src/web/nameDialog.ts) with its
 *  prefilled name, so specs about other things save as a learner pressing Enter would. A spec
 *  that drives the dialog itself calls lab.answerSaveNamesMyself() first. */
function acceptSaveNames(): void {
  const win = window as Window & { __nnlabManualSaveNames?: boolean }
  new MutationObserver(() => {
    if (win.__nnlabManualSaveNames) return
    const dialog = document.querySelector<HTMLDialogElement>(
      'dialog[data-testid="save-name-dialog"]'
    )
    if (!dialog?.open || dialog.dataset.autoAccepted) return
    dialog.dataset.autoAccepted = 'yes'
    dialog.querySelector<HTMLButtonElement>('[data-testid="save-name-confirm"]')?.click()
  }).observe(document, { childList: true, subtree: true, attributes: true })
}

/** The app, seen through the UI and the host's test hooks. */
export class LabPage {
  /** Console errors and uncaught page errors since the page opened. */
  readonly errors: string[] = []

  constructor(readonly page: Page) {
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`console: ${message.text()}`)
    })
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`))
  }

  byId(id: string): Locator {
    return this.page.getByTestId(id)
  }

  /** Opens the app and waits until a run is configured and Start is enabled. */
  async open(): Promise<void> {
    await this.page.addInitScript(installLongTaskObserver)
    await this.page.addInitScript(acceptSaveNames)
    await this.page.goto('/')
    await this.waitForReady()
  }

  /** Leaves the Save name dialog to the spec (until the next page load). */
  async answerSaveNamesMyself(): Promise<void> {
    await this.page.evaluate(() => {
      ;(window as Window & { __nnlabManualSaveNames?: boolean }).__nnlabManualSaveNames = true
    })
  }

  async waitForReady(timeout = 20_000): Promise<void> {
    await expect
      .poll(() => this.trainerState(), { timeout, message: 'trainer worker ready' })
      .toBe('ready')
    await expect(this.byId(ids.trainToggle)).toBeEnabled({ timeout })
  }

  /** The host's view of the trainer: starting, ready, crashed or restarting. */
  async trainerState(): Promise<string | undefined> {
    return this.page.evaluate(() => window.__nnlab?.trainerState)
  }

  async counters(): Promise<TrainerHostCounters> {
    return this.page.evaluate(() => ({ ...window.__nnlab!.counters }))
  }

  async traffic(): Promise<TrainerTraffic> {
    return this.page.evaluate(() => ({ ...window.__nnlab!.traffic }))
  }

  async resetTraffic(): Promise<void> {
    await this.page.evaluate(() => window.__nnlab!.resetTraffic())
  }

  async killTrainer(): Promise<void> {
    await this.page.evaluate(() => window.__nnlab!.killTrainer())
  }

  /** The epoch counter as a number ("1,234" → 1234). */
  async epoch(): Promise<number> {
    const text = (await this.byId(ids.epochCounter).textContent()) ?? ''
    return Number(text.replace(/[^\d]/g, ''))
  }

  async isRunning(): Promise<boolean> {
    return (await this.byId(ids.trainToggle).getAttribute('aria-pressed')) === 'true'
  }

  async start(): Promise<void> {
    expect(await this.isRunning()).toBe(false)
    await this.byId(ids.trainToggle).click()
    await expect(this.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'true')
  }

  /** Pauses and waits for the trainer's own 'paused' answer, so that progress still in flight
   *  when the button was pressed has arrived and the display has settled. The run must still be
   *  going (a limit it cannot reach: FAR_EPOCH_LIMIT); a finished run fails here, by name. */
  async pause(): Promise<void> {
    await expect(
      this.byId(ids.trainToggle),
      'the run is still training when the test pauses it (set a far epoch limit)'
    ).toHaveAttribute('aria-pressed', 'true')
    const pausedBefore = (await this.traffic()).pausedEvents
    await this.byId(ids.trainToggle).click()
    await expect.poll(async () => (await this.traffic()).pausedEvents).toBeGreaterThan(pausedBefore)
    await expect(this.byId(ids.trainToggle)).toHaveAttribute('aria-pressed', 'false')
  }

  /** Waits until the epoch counter shows more than `epoch`. */
  async waitForEpochAbove(epoch: number, timeout = 20_000): Promise<number> {
    await expect.poll(() => this.epoch(), { timeout }).toBeGreaterThan(epoch)
    return this.epoch()
  }

  /** Sets the epoch limit input (a hyper-parameter change: weights are kept). A limit past the
   *  engine's is refused and the field shows the old one, so a spec asking for it fails here. */
  async setEpochLimit(limit: number): Promise<void> {
    const input = this.byId(ids.epochLimit)
    await input.fill(String(limit))
    await input.press('Enter')
    await input.blur()
    await expect(input).toHaveValue(String(limit))
  }

  async setLiveView(live: boolean): Promise<void> {
    await this.byId(ids.liveView).setChecked(live)
  }

  /** Clicks Save (or File ▸ Save As…) and returns the downloaded session's file name and text. */
  async saveSession(
    button: 'session-save' | 'session-save-as' = 'session-save'
  ): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download')
    if (button === 'session-save-as') await this.byId('file-menu').click()
    await this.byId(button).click()
    const file = await download
    return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') }
  }

  /** The text of the session file that Save downloads. */
  async saveSessionText(): Promise<string> {
    return (await this.saveSession()).text
  }

  /** Opens `name`/`text` through File ▸ Open… (its file picker), discarding unsaved changes
   *  when the app asks about them first. */
  async openSessionFile(name: string, text: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser')
    await this.byId('file-menu').click()
    await this.byId('session-open').click()
    const dialog = this.byId('unsaved-dialog')
    const picked = await Promise.race([
      chooser.then(() => 'chooser' as const),
      dialog.waitFor().then(() => 'dialog' as const)
    ])
    if (picked === 'dialog') await this.byId('unsaved-discard').click()
    await (
      await chooser
    ).setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') })
  }

  /** A cheap fingerprint of a canvas's pixels, to tell whether it was repainted differently.
   *  Canvases that are layers of it (data-layer-of, e.g. the map's grid under the boundary
   *  chart) count as part of it, as the learner sees them. */
  async canvasSignature(id: string): Promise<string> {
    return this.canvasPixels(id, 'signature')
  }

  /** The canvas's signature once it has stopped changing (the same on two reads in a row, a
   *  tenth of a second apart): figures paint on animation frames after the data arrived, so a
   *  single read may catch the frame before. Only for a canvas that is meant to hold still. */
  async settledSignature(id: string): Promise<string> {
    let previous: string | null = null
    let settled = ''
    await expect
      .poll(
        async () => {
          const next = await this.canvasSignature(id)
          const same = next === previous
          previous = next
          settled = next
          return same
        },
        { intervals: [100], message: `${id} holds still` }
      )
      .toBe(true)
    return settled
  }

  /** Pixels that differ from the canvas's most common colour (its background): how much is
   *  drawn, its layers included (see canvasSignature). */
  async canvasInk(id: string): Promise<number> {
    return Number(await this.canvasPixels(id, 'ink'))
  }

  /** RGBA of the canvas, its layers included, at a fraction (fx, fy) of its width and height. */
  async canvasPixel(id: string, fx: number, fy: number): Promise<number[]> {
    return JSON.parse(await this.canvasPixels(id, 'pixel', [fx, fy])) as number[]
  }

  /** The canvas `id` composed with the canvases layered under it (data-layer-of="id", each at
   *  its place on the page and clipped by its box), then summed up in the page: a 48×48
   *  fingerprint, the count of pixels that are not the background colour, or one pixel. */
  private async canvasPixels(
    id: string,
    mode: 'signature' | 'ink' | 'pixel',
    at: [number, number] = [0, 0]
  ): Promise<string> {
    return this.byId(id).evaluate(
      (element, { id, mode, at }) => {
        const canvas = element as HTMLCanvasElement
        const [width, height] = mode === 'signature' ? [48, 48] : [canvas.width, canvas.height]
        const out = document.createElement('canvas')
        out.width = width
        out.height = height
        const context = out.getContext('2d', { willReadFrequently: true })!
        const frame = canvas.getBoundingClientRect()
        const sx = width / Math.max(1, frame.width)
        const sy = height / Math.max(1, frame.height)
        for (const layer of Array.from(
          document.querySelectorAll<HTMLCanvasElement>(`canvas[data-layer-of="${id}"]`)
        )) {
          if (layer.hidden || layer.width === 0) continue
          const at = layer.getBoundingClientRect()
          const clip = layer.parentElement!.getBoundingClientRect()
          context.save()
          context.beginPath()
          context.rect(
            (clip.left - frame.left) * sx,
            (clip.top - frame.top) * sy,
            clip.width * sx,
            clip.height * sy
          )
          context.clip()
          context.drawImage(
            layer,
            (at.left - frame.left) * sx,
            (at.top - frame.top) * sy,
            at.width * sx,
            at.height * sy
          )
          context.restore()
        }
        context.drawImage(canvas, 0, 0, width, height)
        const data = context.getImageData(0, 0, width, height).data
        if (mode === 'pixel') {
          const x = Math.min(width - 1, Math.round(width * at[0]))
          const y = Math.min(height - 1, Math.round(height * at[1]))
          return JSON.stringify(Array.from(context.getImageData(x, y, 1, 1).data))
        }
        if (mode === 'signature') {
          let hash = 2166136261
          for (let i = 0; i < data.length; i++) hash = Math.imul(hash ^ data[i], 16777619)
          return (hash >>> 0).toString(16)
        }
        const counts = new Map<number, number>()
        for (let i = 0; i < data.length; i += 4) {
          const key = (data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]
          counts.set(key, (counts.get(key) ?? 0) + 1)
        }
        let background = 0
        for (const count of counts.values()) background = Math.max(background, count)
        return String(data.length / 4 - background)
      },
      { id, mode, at }
    )
  }

  /** Starts recording whether the trainer-crash banner ever shows the crash sentence, however
   *  briefly (a restart can be quicker than a poll). Read it with sawCrashBanner(). */
  async watchForCrashBanner(): Promise<void> {
    await this.page.evaluate(
      ({ id, message }) => {
        const seen = { value: false }
        const check = (): void => {
          const banner = document.querySelector(`[data-testid="${id}"]`)
          if (banner?.textContent?.includes(message)) seen.value = true
        }
        const observer = new MutationObserver(check)
        observer.observe(document.body, { childList: true, subtree: true, characterData: true })
        ;(
          window as unknown as { __crashBanner: { seen: { value: boolean }; stop(): void } }
        ).__crashBanner = { seen, stop: () => observer.disconnect() }
        check()
      },
      { id: ids.trainerBanner, message: CRASH_MESSAGE }
    )
  }

  async sawCrashBanner(): Promise<boolean> {
    return this.page.evaluate(() => {
      const watch = (
        window as unknown as { __crashBanner?: { seen: { value: boolean }; stop(): void } }
      ).__crashBanner
      watch?.stop()
      return watch?.seen.value ?? false
    })
  }

  async longTasks(): Promise<LongTaskSummary> {
    return this.page.evaluate(() => ({
      count: window.__longTasks?.count ?? 0,
      longestMs: window.__longTasks?.longestMs ?? 0
    }))
  }

  async resetLongTasks(): Promise<void> {
    await this.page.evaluate(() => window.__longTasks?.reset())
  }

  /** Saves a screenshot under e2e/artifacts/ (look at it: that is what it is for). */
  async screenshot(name: string): Promise<string> {
    mkdirSync(ARTIFACTS_DIR, { recursive: true })
    const path = join(ARTIFACTS_DIR, `${name}.png`)
    await this.page.screenshot({ path })
    return path
  }

  /** Fails with the collected messages when anything was logged as an error. */
  expectNoErrors(): void {
    expect(this.errors, 'console errors and page errors').toEqual([])
  }
}

export const test = base.extend<{ lab: LabPage }>({
  lab: async ({ page }, use) => {
    await use(new LabPage(page))
  }
})

export { expect }
