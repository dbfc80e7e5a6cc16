// The first screen's download, from the built output: the JavaScript a window must load before the
// lab can start (the HTML's module script and every chunk it imports statically), measured
// gzipped, beside the trainer worker it starts and the code that loads on first use.
//
//   node scripts/bundle-size.mjs            prints the figures for out/web and out/renderer
//   node scripts/bundle-size.mjs --check    fails when a build is missing or over the budget
//
// kB are 1000 bytes, as Vite's build report counts them; gzip at zlib's default level, as Vite's.
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, posix, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

/** Gzipped kB of the JavaScript a window loads before the lab starts (issue 14). */
export const INITIAL_JS_BUDGET_KB = 150

/** The builds to measure: the browser build and the Electron renderer, with their HTML entry. */
export const BUILDS = [
  { name: 'browser build', dir: 'out/web', html: 'web.html' },
  { name: 'Electron renderer', dir: 'out/renderer', html: 'index.html' }
]

const kB = (bytes) => bytes / 1000

/** The module scripts an HTML page starts (src of `<script type="module">`, modulepreloads). */
export function entryScripts(html) {
  const found = []
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    if (!/type=["']?module/.test(tag)) continue
    const src = /\ssrc=["']([^"']+)["']/.exec(tag)
    if (src) found.push(src[1])
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    if (!/rel=["']?modulepreload/.test(tag)) continue
    const href = /\shref=["']([^"']+)["']/.exec(tag)
    if (href) found.push(href[1])
  }
  return found
}

/** Relative specifiers a built ES module imports statically (`import … from "./x.js"`,
 *  `import "./x.js"`, `export … from "./x.js"`); `import("./x.js")` is a load on first use. */
export function staticImports(code) {
  const found = new Set()
  const pattern =
    /(?:^|[;\n}])\s*(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["'](\.{1,2}\/[^"']+)["']/g
  for (const match of code.matchAll(pattern)) found.add(match[1])
  return [...found]
}

/** Script files a built module refers to by URL (`new URL("x.js", import.meta.url)`): the
 *  workers it starts (Vite writes `new Worker(new URL(""+new URL("x.js",import.meta.url)…))`). */
export function workerFiles(code) {
  const found = new Set()
  const pattern = /new\s+URL\(\s*["']([^"']+\.m?js)["']\s*,\s*import\.meta\.url/g
  for (const match of code.matchAll(pattern)) found.add(match[1])
  return [...found]
}

function gzipBytes(path) {
  return gzipSync(readFileSync(path)).length
}

/** Resolves a specifier found in `fromFile` (absolute path) against the build directory. */
function resolveIn(dir, fromFile, specifier) {
  if (specifier.startsWith('/')) return join(dir, specifier)
  return resolve(dirname(fromFile), specifier)
}

function listFiles(dir) {
  const files = []
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) files.push(...listFiles(path))
    else files.push(path)
  }
  return files
}

/**
 * Measures one build. Returns null when its HTML entry is missing (not built).
 * initial: the start path's JS (entry + static imports, transitively); workers: JS files started
 * as workers from the start path (the trainer, the session codec on first save); lazy: the
 * other JS (loaded on first use); maps: source map files in the build.
 */
export function measureBuild(dir, html) {
  const htmlPath = join(dir, html)
  if (!existsSync(htmlPath)) return null
  const initial = new Map()
  const workers = new Map()
  const queue = entryScripts(readFileSync(htmlPath, 'utf8')).map((s) => resolveIn(dir, htmlPath, s))
  while (queue.length > 0) {
    const file = queue.shift()
    if (initial.has(file) || !existsSync(file)) continue
    const code = readFileSync(file, 'utf8')
    initial.set(file, gzipBytes(file))
    for (const spec of staticImports(code)) queue.push(resolveIn(dir, file, spec))
    for (const spec of workerFiles(code)) {
      const worker = resolveIn(dir, file, spec)
      if (existsSync(worker)) workers.set(worker, gzipBytes(worker))
    }
  }
  const all = listFiles(dir)
  const lazy = new Map()
  for (const file of all) {
    if (!/\.m?js$/.test(file) || initial.has(file) || workers.has(file)) continue
    lazy.set(file, gzipBytes(file))
  }
  const name = (file) => relative(dir, file).split('\\').join(posix.sep)
  const sum = (map) => [...map.values()].reduce((a, b) => a + b, 0)
  const list = (map) => [...map].map(([file, bytes]) => ({ file: name(file), gzipKB: kB(bytes) }))
  return {
    initialGzipKB: kB(sum(initial)),
    initial: list(initial),
    workerGzipKB: kB(sum(workers)),
    workers: list(workers),
    lazyGzipKB: kB(sum(lazy)),
    lazy: list(lazy),
    maps: all.filter((f) => f.endsWith('.map')).map(name)
  }
}

/** One line per build, for people. */
export function describe(build, figures) {
  if (!figures) return `${build.name} (${build.dir}): not built`
  const round = (x) => x.toFixed(1)
  return (
    `${build.name} (${build.dir}): first screen ${round(figures.initialGzipKB)} kB gzip ` +
    `(budget ${INITIAL_JS_BUDGET_KB}); workers ${round(figures.workerGzipKB)} kB ` +
    `(${figures.workers.map((w) => `${w.file} ${round(w.gzipKB)}`).join(', ') || 'none'}); on first use ` +
    `${round(figures.lazyGzipKB)} kB in ${figures.lazy.length} chunks, ` +
    `${figures.maps.length} source maps`
  )
}

/** The check: every build exists, its first screen is within the budget, it has no maps. */
export function problems(build, figures) {
  if (!figures) return [`${build.name}: ${build.dir} is not built (run the build first).`]
  const found = []
  if (figures.initial.length === 0) found.push(`${build.name}: no module script in its HTML.`)
  if (figures.initialGzipKB > INITIAL_JS_BUDGET_KB) {
    found.push(
      `${build.name}: the first screen loads ${figures.initialGzipKB.toFixed(1)} kB gzip of ` +
        `JavaScript, over the ${INITIAL_JS_BUDGET_KB} kB budget.`
    )
  }
  if (figures.maps.length > 0) {
    found.push(`${build.name}: ${figures.maps.length} source maps in ${build.dir}.`)
  }
  return found
}

function main(argv) {
  const check = argv.includes('--check')
  const json = argv.includes('--json')
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
  const only = argv.filter((a) => !a.startsWith('--'))
  const builds = only.length > 0 ? BUILDS.filter((b) => only.includes(b.dir)) : BUILDS
  const results = builds.map((b) => ({
    build: b,
    figures: measureBuild(join(root, b.dir), b.html)
  }))
  if (json) console.log(JSON.stringify(results, null, 2))
  else for (const r of results) console.log(describe(r.build, r.figures))
  if (!check) return 0
  const found = results.flatMap((r) => problems(r.build, r.figures))
  for (const p of found) console.error(p)
  return found.length > 0 ? 1 : 0
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2))
}
