// Builds the renderer for a plain browser: the same Vue app, with `window.lab`
// provided by src/web (training in a Web Worker running the same trainer code).
import { resolve } from 'node:path'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

export default defineConfig({
  root: resolve('src/renderer'),
  base: './',
  resolve: {
    alias: { '@renderer': resolve('src/renderer/src'), '@shared': resolve('src/shared') }
  },
  plugins: [vue()],
  worker: { format: 'es' },
  build: {
    outDir: resolve('out/web'),
    emptyOutDir: true,
    rollupOptions: { input: resolve('src/renderer/web.html') }
  }
})
