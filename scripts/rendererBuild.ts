// Build settings the browser build (vite.web.config.ts) and the Electron renderer
// (electron.vite.config.ts) share, so both ship the same small first bundle.
import type { Plugin } from 'vite'

/** src/shared is pure code without import-time effects (the engine has no I/O; the export,
 *  session and protocol modules define functions, schemas and constants): a module there is
 *  included only when something it exports is used. Without this, one import from the engine's
 *  index pulls every module it re-exports, with the WebAssembly bytes and the session format's
 *  zod schemas, into the first screen's bundle. Worker entries keep their effects. */
export function isPureSharedModule(id: string): boolean {
  const path = id.replaceAll('\\', '/').replace(/\?.*$/, '')
  return (
    /\/src\/shared\/.*\.ts$/.test(path) && !/(kernelHelper|\.worker|\.webworker)\.ts$/.test(path)
  )
}

/** Marks the pure shared modules side-effect free. A plugin rather than
 *  `treeshake.moduleSideEffects`, which Vite's resolver overrides for every file of a package
 *  whose package.json has no `sideEffects` field (ours). */
export function pureSharedModules(): Plugin {
  return {
    name: 'nnlab:pure-shared-modules',
    enforce: 'post',
    transform(_code, id) {
      return isPureSharedModule(id) ? { moduleSideEffects: false } : null
    }
  }
}

/** Vue's compile-time flags for both renderer builds: the app is written with `<script setup>`
 *  and Pinia setup stores only, so Vue's Options API support is left out of the bundle (about
 *  3 kB gzip of the first screen), as are the production devtools hooks. */
export const VUE_FLAGS = {
  __VUE_OPTIONS_API__: 'false',
  __VUE_PROD_DEVTOOLS__: 'false',
  __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'false'
}
