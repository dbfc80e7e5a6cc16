// Window and menu group: the document title and unsaved mark, the answer to "may I close?", and
// the page telling main it is ready (for a trainer port and any file waiting to be opened).
import type { IpcMainEvent } from 'electron'
import { SEND } from '../../shared/protocol/ipcChannels'
import { onChecked, type GuardOptions, type IpcMainLike } from './guard'

export interface WindowHandlerDeps {
  setDocumentState(state: { title: string; dirty: boolean }, event: IpcMainEvent): void
  respondToClose(allow: boolean, event: IpcMainEvent): void
  /** The page got the close request and is asking the learner (see SEND.closeRequestReceived). */
  closeRequestReceived(event: IpcMainEvent): void
  pageReady(event: IpcMainEvent): void
}

export function registerWindowHandlers(
  ipc: IpcMainLike,
  guard: GuardOptions,
  deps: WindowHandlerDeps
): void {
  onChecked(ipc, guard, SEND.setDocumentState, (state, event) =>
    deps.setDocumentState(state, event)
  )
  onChecked(ipc, guard, SEND.respondToClose, (allow, event) => deps.respondToClose(allow, event))
  onChecked(ipc, guard, SEND.closeRequestReceived, (_none, event) =>
    deps.closeRequestReceived(event)
  )
  onChecked(ipc, guard, SEND.pageReady, (_none, event) => deps.pageReady(event))
}
