// The application menu. Items that act on the document or the run send a MenuCommand to the
// renderer (the same path as its buttons); the template is built by a pure function so its shape
// is unit-tested without Electron.
import type { MenuItemConstructorOptions } from 'electron'
import type { MenuCommand, RecentFile } from '../shared/protocol/labApi'
import { SHIPPED_CHALLENGES } from '../shared/challenge/shipped'

export interface MenuActions {
  send(command: MenuCommand): void
  openRecent(path: string): void
  clearRecent(): void
  /** A native About box with the versions (works even before the page has loaded). */
  showAbout(): void
}

export interface MenuOptions {
  platform: NodeJS.Platform
  isDev: boolean
  appName: string
  recent: RecentFile[]
}

export const FIGURE_EXPORTS: { label: string; command: MenuCommand; accelerator?: string }[] = [
  { label: 'Decision Boundary…', command: 'export-figure-boundary' },
  { label: 'Loss Curve…', command: 'export-figure-loss' },
  { label: 'Accuracy Curve…', command: 'export-figure-accuracy' },
  { label: 'Activations…', command: 'export-figure-activations' },
  { label: 'Network Diagram…', command: 'export-figure-network' },
  {
    label: 'Combined Figure (Loss + Boundary)…',
    command: 'export-figure-combined',
    accelerator: 'CmdOrCtrl+E'
  }
]

export const DATA_EXPORTS: { label: string; command: MenuCommand }[] = [
  { label: 'NumPy Script (.py)…', command: 'export-numpy' },
  { label: 'Jupyter Notebook (.ipynb)…', command: 'export-notebook' },
  { label: 'PyTorch Script (.py)…', command: 'export-torch' },
  { label: 'Weights (JSON)…', command: 'export-weights-json' },
  { label: 'Dataset (CSV)…', command: 'export-data-csv' },
  { label: 'Loss History (CSV)…', command: 'export-history-csv' }
]

export function buildMenuTemplate(
  options: MenuOptions,
  actions: MenuActions
): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin'
  const item = (
    label: string,
    command: MenuCommand,
    accelerator?: string
  ): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => actions.send(command)
  })

  const openRecent: MenuItemConstructorOptions[] =
    options.recent.length === 0
      ? [{ label: 'No Recent Sessions', enabled: false }]
      : options.recent.map((file) => ({
          label: file.name,
          toolTip: file.path,
          click: () => actions.openRecent(file.path)
        }))
  openRecent.push(
    { type: 'separator' },
    {
      label: 'Clear Recent',
      enabled: options.recent.length > 0,
      click: () => actions.clearRecent()
    }
  )

  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      item('New Session', 'new-session', 'CmdOrCtrl+N'),
      item('Open…', 'open-session', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: openRecent },
      { type: 'separator' },
      item('Save', 'save-session', 'CmdOrCtrl+S'),
      item('Save As…', 'save-session-as', 'Shift+CmdOrCtrl+S'),
      { type: 'separator' },
      item('Import Dataset CSV…', 'import-csv'),
      {
        label: 'Export Figure',
        submenu: FIGURE_EXPORTS.map((f) => item(f.label, f.command, f.accelerator))
      },
      { label: 'Export', submenu: DATA_EXPORTS.map((e) => item(e.label, e.command)) },
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit' } as const])
    ]
  }

  // Space is shown but not registered as a system shortcut (registerAccelerator: false): a
  // registered Space would swallow every space typed into a text field. The renderer handles the
  // key itself, outside text fields. macOS cannot show an unregistered accelerator, so there the
  // label alone mentions it.
  const toggle: MenuItemConstructorOptions = isMac
    ? { label: 'Start / Pause (Space)', click: () => actions.send('train-toggle') }
    : {
        label: 'Start / Pause',
        accelerator: 'Space',
        registerAccelerator: false,
        click: () => actions.send('train-toggle')
      }

  const train: MenuItemConstructorOptions = {
    label: 'Train',
    submenu: [
      toggle,
      // No accelerators here: Ctrl+Right moves by words in text fields and a stray Ctrl+R (reload
      // in browsers) must not wipe the run's history.
      item('Step One Epoch', 'train-step'),
      item('Reset', 'train-reset'),
      { type: 'separator' },
      item('Pin This Run for Comparison', 'pin-run'),
      item('Sweep…', 'open-sweep')
    ]
  }

  // The same items as the lab's Challenges button (the browser build has no application menu).
  const challenges: MenuItemConstructorOptions = {
    label: 'Challenges',
    submenu: [
      ...SHIPPED_CHALLENGES.map((c) => item(c.title, `start-challenge:${c.id}`)),
      { type: 'separator' },
      item('Open Challenge File…', 'open-challenge'),
      item('Make Challenge from This Lab…', 'make-challenge')
    ]
  }

  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      ...(options.isDev
        ? ([
            { role: 'reload', accelerator: 'CmdOrCtrl+Shift+R' },
            { role: 'toggleDevTools' },
            { type: 'separator' }
          ] as MenuItemConstructorOptions[])
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' }
    ]
  }

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [{ label: `About ${options.appName}`, click: () => actions.showAbout() }]
  }

  const appMenu: MenuItemConstructorOptions[] = isMac
    ? [
        {
          label: options.appName,
          submenu: [
            { label: `About ${options.appName}`, click: () => actions.showAbout() },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' }
          ]
        }
      ]
    : []

  return [
    ...appMenu,
    file,
    { role: 'editMenu' },
    view,
    train,
    challenges,
    ...(isMac ? [{ role: 'windowMenu' } as const] : []),
    help
  ]
}
