// The installer config, checked without building an installer (that needs the network):
// electron-builder's own schema, targets, the .nnlab association, the files that go in, the icons
// (decoded, not just present), and the fuses hook run against a stand-in Electron binary.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync
} from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { PNG } from 'pngjs'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { buildCommand, isNetworkError, loadValidatedConfig } from '../../scripts/dist.mjs'
import { afterPack, electronBinaryPath } from '../../scripts/fuses.mjs'
import { appIconLayers, documentIconLayers, render } from '../../build/make-icons.mjs'

const require = createRequire(import.meta.url)
const root = resolve(__dirname, '../..')
const buildDir = join(root, 'build')

interface FileAssociation {
  ext: string
  name?: string
  description?: string
  mimeType?: string
  icon?: string
  role?: string
}
interface BuilderConfig {
  appId?: string
  productName?: string
  asar?: boolean
  afterPack?: string
  files?: { filter: string[] }[] | string[]
  fileAssociations?: FileAssociation[]
  directories?: { buildResources?: string; output?: string }
  mac?: { target?: unknown; icon?: string; entitlements?: string }
  win?: { target?: unknown; icon?: string }
  linux?: { target?: unknown; icon?: string; executableName?: string }
}

function targetNames(target: unknown): string[] {
  const list = Array.isArray(target) ? target : [target]
  return list.map((t) => (typeof t === 'string' ? t : (t as { target: string }).target))
}

function filePatterns(config: BuilderConfig): string[] {
  return (config.files ?? []).flatMap((f) => (typeof f === 'string' ? [f] : f.filter))
}

/** PNG dimensions after a full decode (a corrupt file throws). */
function pngSize(data: Buffer): { width: number; height: number } {
  const png = PNG.sync.read(data)
  return { width: png.width, height: png.height }
}

/** Every image in a .ico: PNG entries are decoded, BMP entries have their header checked. */
function icoImages(data: Buffer): { size: number; kind: 'png' | 'bmp' }[] {
  expect(data.readUInt16LE(0)).toBe(0)
  expect(data.readUInt16LE(2)).toBe(1)
  const count = data.readUInt16LE(4)
  const images: { size: number; kind: 'png' | 'bmp' }[] = []
  for (let i = 0; i < count; i++) {
    const entry = 6 + 16 * i
    const size = data.readUInt8(entry) || 256
    expect(data.readUInt8(entry + 1) || 256).toBe(size)
    const length = data.readUInt32LE(entry + 8)
    const offset = data.readUInt32LE(entry + 12)
    expect(offset + length).toBeLessThanOrEqual(data.length)
    const body = data.subarray(offset, offset + length)
    if (body.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
      expect(pngSize(body)).toEqual({ width: size, height: size })
      images.push({ size, kind: 'png' })
    } else {
      expect(body.readUInt32LE(0)).toBe(40) // BITMAPINFOHEADER
      expect(body.readInt32LE(4)).toBe(size)
      expect(body.readInt32LE(8)).toBe(size * 2) // colour rows + AND-mask rows
      expect(body.readUInt16LE(14)).toBe(32)
      const maskRow = Math.ceil(size / 32) * 4
      expect(length).toBe(40 + size * size * 4 + maskRow * size)
      images.push({ size, kind: 'bmp' })
    }
  }
  return images
}

/** ICNS element types that hold PNG data, and their pixel size. */
const ICNS_PNG_SIZES: Record<string, number> = {
  icp4: 16,
  icp5: 32,
  icp6: 64,
  ic07: 128,
  ic08: 256,
  ic09: 512,
  ic10: 1024,
  ic11: 32,
  ic12: 64,
  ic13: 256,
  ic14: 512
}

function icnsImages(data: Buffer): Map<string, number> {
  expect(data.toString('latin1', 0, 4)).toBe('icns')
  expect(data.readUInt32BE(4)).toBe(data.length)
  const found = new Map<string, number>()
  let offset = 8
  while (offset < data.length) {
    const type = data.toString('latin1', offset, offset + 4)
    const length = data.readUInt32BE(offset + 4)
    expect(length).toBeGreaterThan(8)
    const expected = ICNS_PNG_SIZES[type]
    expect(expected, `unexpected icns element ${type}`).toBeDefined()
    const { width, height } = pngSize(data.subarray(offset + 8, offset + length))
    expect({ type, width, height }).toEqual({ type, width: expected, height: expected })
    found.set(type, width)
    offset += length
  }
  expect(offset).toBe(data.length)
  return found
}

describe('electron-builder.yml', async () => {
  const config = (await loadValidatedConfig()) as BuilderConfig

  it('passes electron-builder’s own schema, and that validator rejects a broken config', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>
    }
    const logger = { isEnabled: false, add() {} }
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined()
    // A misspelt key (mimetype) and a wrong type are caught.
    const misspelt = {
      ...config,
      fileAssociations: [{ ext: 'nnlab', mimetype: 'application/x-nnlab' }]
    }
    await expect(validateConfiguration(misspelt, logger)).rejects.toThrow(/fileAssociations/)
    await expect(validateConfiguration({ ...config, asar: 'yes' }, logger)).rejects.toThrow(/asar/)
  })

  it('has the product identity and asar on, with its integrity hashes embedded', () => {
    expect(config.appId).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/i)
    expect(config.productName).toBe('NN Lab')
    expect(config.asar).toBe(true)
    // The EnableEmbeddedAsarIntegrityValidation fuse makes the app refuse to start without the
    // hashes electron-builder writes into Info.plist / the .exe resources.
    expect((config as { disableAsarIntegrity?: boolean }).disableAsarIntegrity).not.toBe(true)
  })

  it('builds AppImage + deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(targetNames(config.linux?.target).sort()).toEqual(['AppImage', 'deb'])
    expect(targetNames(config.mac?.target)).toEqual(['dmg'])
    expect(targetNames(config.win?.target)).toEqual(['nsis'])
  })

  it('associates .nnlab files with the app, with a name, description, mime type and icon', () => {
    const association = config.fileAssociations?.find((a) => a.ext === 'nnlab')
    expect(association).toBeDefined()
    expect(association?.name).toBeTruthy()
    expect(association?.description).toBeTruthy()
    expect(association?.mimeType).toBe('application/x-nnlab')
    expect(association?.icon).toBeTruthy()
    // electron-builder looks the icon up in buildResources with the platform's extension.
    for (const ext of ['icns', 'ico']) {
      expect(existsSync(join(buildDir, `${association?.icon}.${ext}`))).toBe(true)
    }
  })

  it('ships only the built app: out/** (not the browser build) and package.json', () => {
    const { FileMatcher } = require('app-builder-lib/out/fileMatcher') as {
      FileMatcher: new (
        from: string,
        to: string,
        expand: (s: string) => string,
        patterns: string[]
      ) => { createFilter(): (file: string, stat: { isDirectory(): boolean }) => boolean }
    }
    const filter = new FileMatcher(root, root, (s) => s, filePatterns(config)).createFilter()
    const file = { isDirectory: () => false }
    const included = (path: string): boolean => filter(join(root, path), file)
    for (const path of [
      'out/main/index.js',
      'out/main/trainer.worker.js',
      'out/preload/index.js',
      'out/preload/index.mjs',
      'out/renderer/index.html',
      'out/renderer/assets/index-abc.js',
      'package.json'
    ]) {
      expect(included(path), path).toBe(true)
    }
    for (const path of [
      'src/main/index.ts',
      'src/shared/engine/train.ts',
      'src/renderer/src/App.vue',
      'tests/hardening/builderConfig.test.ts',
      'e2e/renderer/app.spec.ts',
      'scripts/dist.mjs',
      'electron-builder.yml',
      'tsconfig.json',
      'out/web/index.html',
      'out/renderer/assets/index-abc.js.map',
      'build/icon.png',
      'README.md'
    ]) {
      expect(included(path), path).toBe(false)
    }
  })

  it('the packaged app needs nothing from node_modules (none is shipped)', (ctx) => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      main?: string
      dependencies?: Record<string, string>
    }
    // electron-builder would ship `dependencies`; everything is bundled into out/ instead.
    expect(Object.keys(pkg.dependencies ?? {})).toEqual([])
    expect(pkg.main).toBe('./out/main/index.js')
    const built = ['out/main', 'out/preload'].map((d) => join(root, d))
    if (!built.every((d) => existsSync(d))) {
      console.log('packaged imports: out/ not built; run `npm run build` to check the bundles too')
      ctx.skip()
      return
    }
    const { builtinModules } = require('node:module') as { builtinModules: string[] }
    const allowed = new Set([
      'electron',
      ...builtinModules,
      ...builtinModules.map((m) => `node:${m}`)
    ])
    for (const dir of built) {
      for (const name of readdirSync(dir).filter((f) => /\.(c|m)?js$/.test(f))) {
        const code = readFileSync(join(dir, name), 'utf8')
        const imported = [
          ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)|\bfrom\s*["']([^"']+)["']/g)
        ].map((m) => m[1] ?? m[2])
        for (const specifier of imported) {
          if (specifier.startsWith('.')) continue
          expect(allowed.has(specifier), `${name} imports ${specifier}`).toBe(true)
        }
      }
    }
  })

  it('app icons exist and decode at the right sizes (PNG set, ICO, ICNS)', () => {
    expect(config.directories?.buildResources).toBe('build')
    expect(pngSize(readFileSync(join(buildDir, 'icon.png')))).toEqual({ width: 1024, height: 1024 })
    expect(config.linux?.icon).toBe('build/icons')
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const file = join(root, 'build/icons', `${size}x${size}.png`)
      expect(pngSize(readFileSync(file))).toEqual({ width: size, height: size })
    }
    for (const base of ['icon', 'nnlab']) {
      const ico = icoImages(readFileSync(join(buildDir, `${base}.ico`)))
      // Windows needs a 256 image; NSIS needs the small ones as BMP.
      expect(ico.map((i) => i.size)).toEqual(expect.arrayContaining([16, 32, 48, 256]))
      expect(ico.filter((i) => i.size < 256).every((i) => i.kind === 'bmp')).toBe(true)
      const icns = icnsImages(readFileSync(join(buildDir, `${base}.icns`)))
      expect([...icns.values()]).toEqual(expect.arrayContaining([16, 32, 128, 256, 512, 1024]))
    }
    expect(config.mac?.icon).toBe('build/icon.icns')
    expect(config.win?.icon).toBe('build/icon.ico')
  })

  it('the icon is a drawing, not a blank square', () => {
    const png = PNG.sync.read(readFileSync(join(buildDir, 'icons/256x256.png')))
    const colours = new Set<number>()
    let transparent = 0
    for (let i = 0; i < png.data.length; i += 4) {
      colours.add(png.data.readUInt32BE(i))
      if (png.data[i + 3] === 0) transparent++
    }
    expect(colours.size).toBeGreaterThan(100)
    expect(transparent).toBeGreaterThan(0) // rounded corners
    expect(transparent).toBeLessThan((256 * 256) / 4)
  })

  it('the committed icons are what build/make-icons.mjs draws', () => {
    for (const [file, layers] of [
      ['icons/64x64.png', appIconLayers()],
      ['icons/32x32.png', appIconLayers()]
    ] as const) {
      const size = PNG.sync.read(readFileSync(join(buildDir, file))).width
      const committed = PNG.sync.read(readFileSync(join(buildDir, file))).data
      expect(Buffer.compare(committed, render(layers, size)), file).toBe(0)
    }
    // The document icon differs from the app icon (it is a page, not the rounded square).
    expect(Buffer.compare(render(documentIconLayers(), 32), render(appIconLayers(), 32))).not.toBe(
      0
    )
  })

  it('macOS signs with the JIT entitlement only', () => {
    const plist = readFileSync(join(root, config.mac?.entitlements ?? 'missing'), 'utf8')
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])
    expect(keys).toEqual(['com.apple.security.cs.allow-jit'])
  })

  it('wires the fuses hook as afterPack', async () => {
    expect(config.afterPack).toBe('./scripts/fuses.mjs')
    const hook = (await import('../../scripts/fuses.mjs')) as { afterPack?: unknown }
    expect(typeof hook.afterPack).toBe('function')
  })
})

describe('fuses hook', () => {
  const work = mkdtempSync(join(tmpdir(), 'nnlab-fuses-'))
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  /** A stand-in Electron binary: the fuse sentinel, wire version 1, 8 fuses, Electron's defaults. */
  function fakeElectron(path: string): void {
    mkdirSync(join(path, '..'), { recursive: true })
    const defaults = Buffer.from('10110001', 'latin1') // Electron's defaults: RunAsNode on, cookies plain, ...
    writeFileSync(
      path,
      Buffer.concat([
        Buffer.alloc(4096, 0x7f),
        Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX', 'latin1'),
        Buffer.from([1, 8]),
        defaults,
        Buffer.alloc(4096, 0x7f)
      ])
    )
  }

  const ON = 0x31
  const OFF = 0x30
  const cases = [
    { platform: 'linux', binary: 'nn-lab' },
    { platform: 'win32', binary: 'NN Lab.exe' },
    {
      platform: 'darwin',
      binary: 'NN Lab.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'
    }
  ]

  for (const { platform, binary } of cases) {
    it(`flips the seven fuses in the ${platform} binary`, async () => {
      const appOutDir = join(work, platform)
      fakeElectron(join(appOutDir, binary))
      const context = {
        appOutDir,
        electronPlatformName: platform,
        arch: 1, // x64
        packager: { executableName: 'nn-lab', appInfo: { productFilename: 'NN Lab' } }
      }
      await afterPack(context)
      const wire = (await getCurrentFuseWire(electronBinaryPath(context))) as unknown as Record<
        number,
        number
      >
      expect(wire[FuseV1Options.RunAsNode]).toBe(OFF)
      expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(OFF)
      expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(OFF)
      expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(ON)
      expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(ON)
      expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(ON)
      expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(OFF)
      // Fuses we do not set keep Electron's value.
      expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(OFF)
    })
  }

  it('fails loudly when the binary has no fuse wire', async () => {
    const appOutDir = join(work, 'broken')
    mkdirSync(appOutDir, { recursive: true })
    writeFileSync(join(appOutDir, 'nn-lab'), Buffer.alloc(1024))
    const context = {
      appOutDir,
      electronPlatformName: 'linux',
      arch: 1,
      packager: { executableName: 'nn-lab', appInfo: { productFilename: 'NN Lab' } }
    }
    await expect(afterPack(context)).rejects.toThrow(/sentinel/)
  })
})

describe('dist script', () => {
  it('builds through this Node and the package’s bin script, which starts on every OS', () => {
    // spawnSync('npm', …) cannot start npm.cmd on Windows; node + a .js file can.
    const [command, args] = buildCommand()
    expect(command).toBe(process.execPath)
    expect(args[0]).toMatch(/electron-vite[\\/]bin[\\/]electron-vite\.js$/)
    expect(existsSync(args[0])).toBe(true)
    expect(args.slice(1)).toEqual(['build'])
  })

  it('tells a missing network from a real failure', () => {
    const offline = Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), {
      code: 'ENOTFOUND'
    })
    expect(isNetworkError(offline)).toBe(true)
    expect(
      isNetworkError(new Error('Get "https://github.com/x": dial tcp: lookup github.com'))
    ).toBe(true)
    expect(
      isNetworkError(new Error('Application entry file "out/main/index.js" does not exist'))
    ).toBe(false)
    expect(isNetworkError(new Error('Invalid configuration object'))).toBe(false)
  })
})
