// Two suites. `renderer`: the built browser app (out/web, `npm run build:web`) served locally and
// driven in Debian's Chromium, with the trainer in a real Web Worker. `desktop`: the Electron app
// through Playwright's _electron, which skips itself where the Electron binary is absent.
import { defineConfig } from '@playwright/test'
import { findChromium } from './scripts/toolchain.cjs'

/** Fixed so the suite and a developer's `npm run preview:web` (4173) never collide. */
const WEB_PORT = Number(process.env.NNLAB_E2E_PORT ?? 4183)
/** The provisioner (`npm test`'s first step) and this config find the browser the same way. */
const chromium = findChromium()
if (chromium.path === null) {
  throw new Error(
    `The renderer e2e suite needs Chromium: ${chromium.reason}. Run \`node scripts/provision.mjs\` (npm test does) or set NNLAB_CHROMIUM.`
  )
}
const CHROMIUM = chromium.path

export default defineConfig({
  outputDir: 'e2e/artifacts/test-results',
  reporter: [['list']],
  // Two cores: one browser at a time keeps the streaming figures honest and the suite steady.
  workers: 1,
  fullyParallel: false,
  // One retry in CI: a timing hiccup on a 2-core machine must not sink a green build; a real
  // failure fails twice.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env.CI,
  projects: [
    {
      name: 'renderer',
      testDir: 'e2e/renderer',
      use: {
        baseURL: `http://127.0.0.1:${WEB_PORT}/`,
        browserName: 'chromium',
        viewport: { width: 1440, height: 900 },
        screenshot: 'only-on-failure',
        trace: 'off',
        acceptDownloads: true,
        launchOptions: {
          executablePath: CHROMIUM,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
          ]
        }
      }
    },
    {
      name: 'desktop',
      testDir: 'e2e/desktop',
      timeout: 90_000
    }
  ],
  webServer: {
    command: 'node scripts/serve-web.mjs out/web',
    env: { PORT: String(WEB_PORT) },
    url: `http://127.0.0.1:${WEB_PORT}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe'
  }
})
