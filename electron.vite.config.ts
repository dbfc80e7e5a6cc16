import { resolve } from 'node:path'
import { defineConfig, externalizeDepsPlugin } from 'electron-vite'
import vue from '@vitejs/plugin-vue'

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
    resolve: { alias: shared },
    build: {
      rollupOptions: {
        // Sandboxed preloads cannot load ES modules: always emit CommonJS, one file.
        output: { format: 'cjs', entryFileNames: '[name].js', inlineDynamicImports: true }
      }
    }
  },
  renderer: {
    resolve: {
      alias: { '@renderer': resolve('src/renderer/src'), ...shared }
    },
    plugins: [vue()],
    worker: { format: 'es' }
  }
})
