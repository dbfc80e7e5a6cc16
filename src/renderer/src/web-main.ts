// The browser entry (npm run preview:web, the renderer e2e suite): the browser host first, then
// exactly the app the Electron window runs. ES modules evaluate their imports in order, so
// `window.lab` is in place before main.ts boots the app.
import '../../web/install'
import './main'
