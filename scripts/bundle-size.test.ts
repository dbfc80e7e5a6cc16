// The first-screen budget check reads a build the way a window loads it: the HTML's module script,
// what it imports statically (the start), the workers it starts, and what it imports on first use.
import { randomBytes } from 'node:crypto'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { gzipSync } from 'node:zlib'
import {
  INITIAL_JS_BUDGET_KB,
  measureBuild,
  problems,
  staticImports,
  workerFiles
} from './bundle-size.mjs'

const root = mkdtempSync(join(tmpdir(), 'nnlab-bundle-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const BUILD = { name: 'test build', dir: 'out/test', html: 'index.html' }

/** A build like Vite's: entry → shared chunk (static), a view (dynamic), a worker by URL. */
function writeBuild(dir: string, entryPadding = ''): Record<string, string> {
  mkdirSync(join(dir, 'assets'), { recursive: true })
  const files: Record<string, string> = {
    'index.html':
      '<html><head><script type="module" crossorigin src="./assets/index-a1.js"></script>' +
      '<link rel="stylesheet" href="./assets/index.css"></head><body></body></html>',
    'assets/index-a1.js':
      'import{c as x}from"./shared-b2.js";import"./side-c3.js";' +
      'const V=()=>__vitePreload(()=>import("./View-d4.js"),[]);' +
      'new Worker(new URL(""+new URL("trainer.webworker-e5.js",import.meta.url).href,import.meta.url),{type:"module"});' +
      `x(V);${entryPadding}`,
    'assets/shared-b2.js': 'export const c=(f)=>f',
    'assets/side-c3.js': 'globalThis.started=1',
    'assets/View-d4.js': 'import{c}from"./shared-b2.js";export default c(1)',
    'assets/trainer.webworker-e5.js': 'self.onmessage=()=>{}',
    'assets/index.css': 'body{margin:0}'
  }
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text)
  return files
}

const gz = (text: string): number => gzipSync(Buffer.from(text)).length / 1000

describe('bundle-size', () => {
  it('finds static and worker references, not dynamic imports', () => {
    const code =
      'import{a}from"./a.js";import"./b.js";export{c}from"../c.js";' +
      'const v=import("./lazy.js");new Worker(new URL(""+new URL("w.js",import.meta.url).href,import.meta.url))'
    expect(staticImports(code).sort()).toEqual(['../c.js', './a.js', './b.js'])
    expect(workerFiles(code)).toEqual(['w.js'])
  })

  it('splits a build into the start path, its workers and the code loaded on first use', () => {
    const dir = join(root, 'small')
    const files = writeBuild(dir)
    const figures = measureBuild(dir, 'index.html')
    expect(figures).not.toBeNull()
    expect(figures!.initial.map((f) => f.file).sort()).toEqual([
      'assets/index-a1.js',
      'assets/shared-b2.js',
      'assets/side-c3.js'
    ])
    expect(figures!.workers.map((f) => f.file)).toEqual(['assets/trainer.webworker-e5.js'])
    expect(figures!.lazy.map((f) => f.file)).toEqual(['assets/View-d4.js'])
    const initial = ['assets/index-a1.js', 'assets/shared-b2.js', 'assets/side-c3.js']
    expect(figures!.initialGzipKB).toBeCloseTo(
      initial.reduce((sum, name) => sum + gz(files[name]), 0),
      9
    )
    expect(problems(BUILD, figures)).toEqual([])
  })

  it('fails a missing build, a first screen over the budget and shipped source maps', () => {
    expect(measureBuild(join(root, 'missing'), 'index.html')).toBeNull()
    expect(problems(BUILD, null)).toEqual([
      'test build: out/test is not built (run the build first).'
    ])
    const dir = join(root, 'big')
    // Random bytes do not compress: hex of (budget + 10) kB stays over the budget gzipped.
    const padding = `/*${randomBytes((INITIAL_JS_BUDGET_KB + 10) * 1000).toString('hex')}*/`
    writeBuild(dir, padding)
    writeFileSync(join(dir, 'assets', 'index-a1.js.map'), '{}')
    const figures = measureBuild(dir, 'index.html')
    expect(figures!.initialGzipKB).toBeGreaterThan(INITIAL_JS_BUDGET_KB)
    const found = problems(BUILD, figures)
    expect(found).toHaveLength(2)
    expect(found[0]).toMatch(/over the 150 kB budget/)
    expect(found[1]).toBe('test build: 1 source maps in out/test.')
  })
})
