// Builds the renderer for a plain browser: the same Vue app, with `window.lab`
// provided by src/web (training in a Web Worker running the same trainer code).
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

const { version } = JSON.parse(readFileSync(resolve('package.json'), 'utf8')) as { version: string }

export default defineConfig({
  root: resolve('src/renderer'),
  base: './',
  resolve: {
    alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
  },
  define: { __NNLAB_VERSION__: JSON.stringify(version) },
  plugins: [vue()],
  worker: { format: 'es' },
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    // Tests and learners read stack traces of the built code; maps cost nothing at run time.
    sourcemap: true,
    // One app bundle served from the same machine (or disk): splitting it buys nothing here.
    chunkSizeWarningLimit: 1024,
    rollupOptions: { input: resolve('src/renderer/web.html') }
  }
})
