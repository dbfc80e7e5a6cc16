// Types for scripts/bundle-size.mjs.
export declare const INITIAL_JS_BUDGET_KB: number
export interface BuildEntry {
  name: string
  dir: string
  html: string
}
export declare const BUILDS: BuildEntry[]
export interface SizedFile {
  file: string
  gzipKB: number
}
export interface BuildFigures {
  initialGzipKB: number
  initial: SizedFile[]
  workerGzipKB: number
  workers: SizedFile[]
  lazyGzipKB: number
  lazy: SizedFile[]
  maps: string[]
}
export declare function entryScripts(html: string): string[]
export declare function staticImports(code: string): string[]
export declare function workerFiles(code: string): string[]
export declare function measureBuild(dir: string, html: string): BuildFigures | null
export declare function describe(build: BuildEntry, figures: BuildFigures | null): string
export declare function problems(build: BuildEntry, figures: BuildFigures | null): string[]
