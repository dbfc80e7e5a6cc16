// Channel names between the preload (window.lab) and the main process. One place so neither side
// can drift; payloads are validated in main with ipcSchemas.ts.

/** renderer → main, answered (ipcRenderer.invoke / ipcMain.handle). */
export const INVOKE = {
  restartTrainer: 'nnlab:trainer:restart',
  openSession: 'nnlab:session:open',
  openSessionPath: 'nnlab:session:open-path',
  saveSession: 'nnlab:session:save',
  listRecent: 'nnlab:recent:list',
  clearRecent: 'nnlab:recent:clear',
  autosave: 'nnlab:recovery:autosave',
  takeRecovery: 'nnlab:recovery:take',
  discardRecovery: 'nnlab:recovery:discard',
  importDataset: 'nnlab:dataset:import',
  exportFile: 'nnlab:export:file',
  copyImageToClipboard: 'nnlab:export:copy-image'
} as const

/** renderer → main, one way (ipcRenderer.send / ipcMain.on). */
export const SEND = {
  setDocumentState: 'nnlab:window:document-state',
  respondToClose: 'nnlab:window:close-response',
  /** Sent by the preload the moment the page's close listener runs: the page is alive and asking
   *  the learner, so main waits for its answer however long the learner takes. */
  closeRequestReceived: 'nnlab:window:close-request-received',
  /** The page's scripts have run (first load and every reload): main sends it a trainer port
   *  and any file waiting to be opened. */
  pageReady: 'nnlab:window:page-ready'
} as const

/** main → renderer (webContents.send / postMessage). */
export const EVENT = {
  trainerStatus: 'nnlab:trainer:status',
  /** Carries a MessagePort in event.ports[0]; forwarded by the preload to the page. */
  trainerPort: 'trainer-port',
  openFile: 'nnlab:file:open',
  closeRequest: 'nnlab:window:close-request',
  menuCommand: 'nnlab:menu:command'
} as const

export type InvokeChannel = (typeof INVOKE)[keyof typeof INVOKE]
export type SendChannel = (typeof SEND)[keyof typeof SEND]
export type EventChannel = (typeof EVENT)[keyof typeof EVENT]
