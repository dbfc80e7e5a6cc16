// Wires the browser host together: the trainer worker and its supervisor, `window.lab`, and
// the test harness. web-main.ts calls this before the app boots.
import { TRAINER_PORT_MESSAGE } from '../shared/protocol/labApi'
import { installHarness } from './harness'
import { createTextBlobMaker, type TextBlobWorker } from './textBlob'
import { createWebLabApi, type WebLabApi } from './webLabApi'
import { WebTrainerHost } from './webTrainerHost'

function browserStorage(win: Window): Storage | null {
  try {
    return win.localStorage
  } catch {
    return null
  }
}

function browserVersion(userAgent: string): string {
  return /(?:Chrome|Chromium|Firefox|Version)\/([\d.]+)/.exec(userAgent)?.[1] ?? 'unknown'
}

export function installWebHost(win: Window, appVersion: string): WebLabApi {
  const trainer = new WebTrainerHost({
    createWorker: () =>
      new Worker(new URL('./trainer.webworker.ts', import.meta.url), {
        type: 'module',
        name: 'nn-lab-trainer'
      }),
    // The same hand-over the Electron preload does: the app picks the port up from a message.
    deliverPort: (port) => win.postMessage({ type: TRAINER_PORT_MESSAGE }, '*', [port])
  })
  const lab = createWebLabApi({
    window: win,
    storage: browserStorage(win),
    trainer,
    versions: { app: appVersion, browser: browserVersion(win.navigator.userAgent) },
    textToBlob: createTextBlobMaker(
      () =>
        new Worker(new URL('./textBlob.webworker.ts', import.meta.url), {
          type: 'module',
          name: 'nn-lab-text-blob'
        }) as TextBlobWorker
    )
  })
  win.lab = lab
  installHarness(win, trainer, lab)
  trainer.start()
  return lab
}
