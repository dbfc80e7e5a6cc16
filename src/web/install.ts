// Side-effect entry: installs the browser host on this window. web-main.ts imports it before the
// app's own entry so that `window.lab` exists when the app starts (imports run in order).
import { installWebHost } from './installWebHost'

installWebHost(window, typeof __NNLAB_VERSION__ === 'string' ? __NNLAB_VERSION__ : '0.0.0')
