// The browser host boots the lab: no console errors, the trainer worker connects, the first run is
// configured, and the host answers as `web`.
import { CRASH_MESSAGE, expect, ids, test } from './fixtures'

test('the app loads with a ready trainer and no console errors', async ({ lab, page }) => {
  await lab.open()

  await expect(page).toHaveTitle(/NN Lab/)
  expect(await page.evaluate(() => window.lab.host)).toBe('web')
  expect(await page.evaluate(() => window.lab.versions.app)).toMatch(/^\d+\.\d+\.\d+/)
  // The first run is configured: the seed notebook's 193 parameters, epoch 0, nothing trained.
  await expect(lab.byId(ids.statusBar)).toContainText('193')
  expect(await lab.epoch()).toBe(0)
  await expect(lab.byId(ids.trainerBanner)).toHaveCount(0)
  await expect(page.getByText(CRASH_MESSAGE)).toHaveCount(0)

  // The trainer worker may compile WebAssembly (the engine's SIMD kernels): the served CSP allows
  // 'wasm-unsafe-eval' for it. The page itself keeps the stricter policy of web.html.
  const compileWasm = (): string => {
    try {
      new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]))
      return 'compiled'
    } catch (error) {
      return String(error)
    }
  }
  // Two workers: the trainer, and the boundary map's grid painter (charts/gridPainter.ts).
  await expect.poll(() => page.workers().length).toBe(2)
  const workers = page.workers()
  const trainer = workers.filter((worker) => /trainer\.webworker/.test(worker.url()))
  expect(trainer).toHaveLength(1)
  expect(workers.filter((worker) => /gridPainter\.worker/.test(worker.url()))).toHaveLength(1)
  expect(await trainer[0].evaluate(compileWasm)).toBe('compiled')
  expect(await page.evaluate(compileWasm)).toMatch(/Content Security/)

  const counters = await lab.counters()
  expect(counters).toMatchObject({ spawned: 1, crashes: 0, portsDelivered: 1 })

  // Let the first boundary map arrive and paint, then look at the whole window.
  await page.waitForTimeout(500)
  await lab.screenshot('shell-loaded')
  lab.expectNoErrors()
})

test('the server sends a strict CSP and the right MIME types', async ({ request }) => {
  const page = await request.get('/')
  expect(page.status()).toBe(200)
  expect(page.headers()['content-type']).toContain('text/html')
  const csp = page.headers()['content-security-policy']
  expect(csp).toContain("default-src 'self'")
  expect(csp).toContain("script-src 'self'")
  expect(csp).not.toContain("'unsafe-eval'")
  expect(csp).toContain("object-src 'none'")

  const html = await page.text()
  const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1]
  expect(script, 'the entry script in web.html').toBeTruthy()
  const js = await request.get(`/${script}`)
  expect(js.headers()['content-type']).toContain('text/javascript')

  // Nothing outside the build folder is reachable.
  expect((await request.get('/../package.json')).status()).toBe(404)
  expect((await request.get('/%2e%2e/package.json')).status()).toBe(404)
  expect((await request.get('/missing.js')).status()).toBe(404)
})
