// Window and menu group: the document title and unsaved mark, the answer to "may I close?", and
// the page telling main it is ready (for a trainer port and any file waiting to be opened).
import type { IpcMainEvent } from 'electron'
import { SEND } from '../../shared/protocol/ipcChannels'
import { documentStateSchema, noArgumentsSchema } from '../../shared/protocol/ipcSchemas'
import { z } from 'zod'
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
  onChecked(
    ipc,
    guard,
    SEND.setDocumentState,
    documentStateSchema,
    'document state',
    (state, event) => deps.setDocumentState(state, event)
  )
  onChecked(ipc, guard, SEND.respondToClose, z.boolean(), 'close answer', (allow, event) =>
    deps.respondToClose(allow, event)
  )
  onChecked(
    ipc,
    guard,
    SEND.closeRequestReceived,
    noArgumentsSchema,
    'close acknowledgement',
    (_none, event) => deps.closeRequestReceived(event)
  )
  onChecked(ipc, guard, SEND.pageReady, noArgumentsSchema, 'page-ready signal', (_none, event) =>
    deps.pageReady(event)
  )
}
