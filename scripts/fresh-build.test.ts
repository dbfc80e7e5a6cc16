// test:e2e rebuilds only when a source changed after the build: the newest time under a tree.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { newestMtime } from './fresh-build.mjs'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-fresh-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('newestMtime', () => {
  it('finds the newest file anywhere below, skipping node_modules, and 0 for nothing', () => {
    mkdirSync(join(dir, 'a', 'b'), { recursive: true })
    mkdirSync(join(dir, 'node_modules'))
    const files = { old: join(dir, 'a', 'old.ts'), deep: join(dir, 'a', 'b', 'new.ts') }
    const ignored = join(dir, 'node_modules', 'x.js')
    for (const path of [files.old, files.deep, ignored]) writeFileSync(path, '')
    utimesSync(files.old, 1000, 1000)
    utimesSync(files.deep, 2000, 2000)
    utimesSync(ignored, 9000, 9000)
    expect(newestMtime([dir])).toBe(2000 * 1000)
    expect(newestMtime([files.old, join(dir, 'missing')])).toBe(1000 * 1000)
    expect(newestMtime([join(dir, 'missing')])).toBe(0)
  })
})
