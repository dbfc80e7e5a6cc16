import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import vue from '@vitejs/plugin-vue'
import { pureSharedModules, VUE_FLAGS } from './scripts/rendererBuild'

const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }
const shared = { '@shared': resolve('src/shared') }

export default defineConfig({
  main: {
    // The trainer utility-process entry (src/main/training/trainer.worker.ts) is emitted as its
    // own chunk through the `?modulePath` import in training/electronTrainerHost.ts.
    plugins: [externalizeDepsPlugin()],
    resolve: { alias: shared }
  },
  preload: {
    plugins: [externalizeDepsPlugin()],
    // The app's version for `window.lab.versions.app` (saved into session files).
    define: { __NNLAB_VERSION__: JSON.stringify(version) },
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // Sandboxed preloads cannot load ES modules: always emit CommonJS, one file.
        output: { format: 'cjs', entryFileNames: '[name].js', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    define: VUE_FLAGS,
    resolve: {
      alias: { '@renderer': resolve('src/renderer/src'), ...shared }
    },
    plugins: [vue(), pureSharedModules()],
    worker: { format: 'es', plugins: () => [pureSharedModules()] },
    // The packaged app ships no source maps (npm run dev serves them) and minified code
    // (electron-vite leaves the renderer unminified by default): the first screen's bundle stays
    // small (scripts/rendererBuild.ts; npm run check:bundle-size holds it to its budget).
    // es2021: private class fields (`#x`, used by marked) are lowered, because the security scan's
    // parser (electronegativity, `npm run security`) cannot read them and must read every file.
    build: { sourcemap: false, minify: 'esbuild', target: 'es2021' }
  }
})
