// Builds the renderer for a plain browser: the same Vue app, with `window.lab`
// provided by src/web (training in a Web Worker running the same trainer code).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { pureSharedModules, VUE_FLAGS } from './scripts/rendererBuild'

const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }

export default defineConfig({
  root: resolve('src/renderer'),
  base: './',
  resolve: {
    alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
  },
  define: { __NNLAB_VERSION__: JSON.stringify(version), ...VUE_FLAGS },
  plugins: [vue(), pureSharedModules()],
  worker: { format: 'es', plugins: () => [pureSharedModules()] },
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    // Source maps only when asked (NNLAB_SOURCEMAP=1, for reading a stack trace of the built
    // code): out/ holds no maps by default, like the packaged app.
    sourcemap: process.env.NNLAB_SOURCEMAP === '1',
    // The first screen's code is one bundle; views off the first screen load on first use
    // (npm run check:bundle-size holds the first bundle to its budget).
    chunkSizeWarningLimit: 1024,
    // As the Electron renderer (electron.vite.config.ts): private class fields lowered, so the
    // security scan can read every file.
    target: 'es2021',
    rollupOptions: { input: resolve('src/renderer/web.html') }
  }
})
