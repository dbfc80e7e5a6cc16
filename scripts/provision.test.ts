// The provisioner's decisions, case by case, and the browser finder that it shares with
// playwright.config.ts. (The installs themselves run for real in `npm test` on a fresh machine.)
import { describe, expect, it } from 'vitest'
import { manualLine, planProvisioning } from './provision.mjs'
import { findChromium, SYSTEM_CHROMIUMS } from './toolchain.cjs'

describe('findChromium', () => {
  const none = (): boolean => false
  it('takes NNLAB_CHROMIUM first, and says when it names nothing', () => {
    const env = { NNLAB_CHROMIUM: '/opt/chrome/chrome' }
    expect(findChromium({ env, exists: () => true })).toEqual({
      path: '/opt/chrome/chrome',
      source: 'NNLAB_CHROMIUM'
    })
    const missing = findChromium({ env, exists: none, playwright: () => null })
    expect(missing.path).toBeNull()
    expect(missing).toMatchObject({ reason: expect.stringContaining('/opt/chrome/chrome') })
  })

  it('then the first system browser, then Playwright’s own', () => {
    const chrome = '/usr/bin/google-chrome'
    expect(findChromium({ env: {}, exists: (p) => p === chrome })).toEqual({
      path: chrome,
      source: 'system'
    })
    expect(SYSTEM_CHROMIUMS[0]).toBe('/usr/bin/chromium')
    const own = '/root/.cache/ms-playwright/chromium-1/chrome-linux/chrome'
    expect(findChromium({ env: {}, exists: (p) => p === own, playwright: () => own })).toEqual({
      path: own,
      source: 'playwright'
    })
    expect(findChromium({ env: {}, exists: none, playwright: () => own }).path).toBeNull()
  })
})

describe('planProvisioning', () => {
  it('does nothing when everything is there', () => {
    expect(planProvisioning({ missing: [], canApt: true, aptAvailable: true })).toEqual({
      apt: [],
      playwrightInstall: false,
      stop: null
    })
  })

  it('installs every missing tool with apt-get as root on Debian', () => {
    const plan = planProvisioning({
      missing: ['chromium', 'numpy', 'jupyter', 'gcc'],
      canApt: true,
      aptAvailable: true
    })
    expect(plan).toEqual({
      apt: [
        'chromium',
        'python3-numpy',
        'python3-nbformat',
        'python3-nbclient',
        'python3-ipykernel',
        'python3-matplotlib',
        'gcc'
      ],
      playwrightInstall: false,
      stop: null
    })
  })

  it('without root, tries Playwright’s browser and names the exact command for the rest', () => {
    const plan = planProvisioning({
      missing: ['chromium', 'numpy'],
      canApt: false,
      aptAvailable: true
    })
    expect(plan.playwrightInstall).toBe(true)
    expect(plan.stop).toBe(manualLine(['numpy'], true))
    expect(plan.stop).toContain('`sudo apt-get install python3-numpy`')
    expect(plan.stop?.split('\n')).toHaveLength(1)
    expect(planProvisioning({ missing: ['chromium'], canApt: false, aptAvailable: false })).toEqual(
      {
        apt: [],
        playwrightInstall: true,
        stop: null
      }
    )
  })

  it('never installs over a browser the person chose', () => {
    const plan = planProvisioning({
      missing: ['chromium'],
      explicitChromiumMissing: '/nowhere/chrome',
      canApt: true,
      aptAvailable: true
    })
    expect(plan.apt).toEqual([])
    expect(plan.stop).toContain('NNLAB_CHROMIUM is set to /nowhere/chrome')
  })

  it('names a package-manager command where there is no apt-get', () => {
    const line = manualLine(['chromium', 'gcc'], false)
    expect(line).toContain('NNLAB_CHROMIUM')
    expect(line).not.toContain('apt-get')
  })
})
