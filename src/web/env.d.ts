/** The app version, from package.json (defined by vite.web.config.ts). */
declare const __NNLAB_VERSION__: string
