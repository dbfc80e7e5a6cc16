// The main ⇄ preload contract in one table: for every channel, the LabApi method it carries and
// the zod schema of its argument. Main's handlers take their schema from here and must return
// what the LabApi method promises; the preload's calls are typed from here, so the compiler
// checks both ends of every channel (ipcRenderer.invoke itself returns `any`).
import { z } from 'zod'
import { INVOKE, SEND, type InvokeChannel, type SendChannel } from './ipcChannels'
import {
  documentStateSchema,
  exportFileSchema,
  filePathSchema,
  noArgumentsSchema,
  pngSchema,
  saveSessionSchema,
  textSchema
} from './ipcSchemas'
import type { LabApi } from './labApi'

interface ChannelSpec {
  /** The LabApi method this channel implements. */
  method: keyof LabApi
  /** The one argument's schema (z.undefined() for none). */
  args: z.ZodType
  /** What the argument is, for the refusal sentence ("The app sent an invalid …"). */
  what: string
}

export const INVOKE_CONTRACT = {
  [INVOKE.restartTrainer]: {
    method: 'restartTrainer',
    args: noArgumentsSchema,
    what: 'trainer restart'
  },
  [INVOKE.openSession]: { method: 'openSession', args: noArgumentsSchema, what: 'open request' },
  [INVOKE.openSessionPath]: { method: 'openSessionPath', args: filePathSchema, what: 'file path' },
  [INVOKE.saveSession]: { method: 'saveSession', args: saveSessionSchema, what: 'save request' },
  [INVOKE.listRecent]: {
    method: 'listRecent',
    args: noArgumentsSchema,
    what: 'recent list request'
  },
  [INVOKE.clearRecent]: { method: 'clearRecent', args: noArgumentsSchema, what: 'clear request' },
  [INVOKE.autosave]: { method: 'autosave', args: textSchema, what: 'autosave' },
  [INVOKE.takeRecovery]: {
    method: 'takeRecovery',
    args: noArgumentsSchema,
    what: 'recovery request'
  },
  [INVOKE.discardRecovery]: {
    method: 'discardRecovery',
    args: noArgumentsSchema,
    what: 'discard request'
  },
  [INVOKE.importDataset]: {
    method: 'importDataset',
    args: noArgumentsSchema,
    what: 'import request'
  },
  [INVOKE.exportFile]: { method: 'exportFile', args: exportFileSchema, what: 'export request' },
  [INVOKE.copyImageToClipboard]: {
    method: 'copyImageToClipboard',
    args: pngSchema,
    what: 'image'
  }
} as const satisfies Record<InvokeChannel, ChannelSpec>

/** One-way channels; `method` is the LabApi method whose call sends it (the page-ready signal is
 *  the preload's own, sent when the page's scripts have run). */
export const SEND_CONTRACT = {
  [SEND.setDocumentState]: {
    method: 'setDocumentState',
    args: documentStateSchema,
    what: 'document state'
  },
  [SEND.respondToClose]: { method: 'respondToClose', args: z.boolean(), what: 'close answer' },
  [SEND.closeRequestReceived]: {
    method: 'onCloseRequest',
    args: noArgumentsSchema,
    what: 'close acknowledgement'
  },
  [SEND.pageReady]: {
    method: 'onTrainerStatus',
    args: noArgumentsSchema,
    what: 'page-ready signal'
  }
} as const satisfies Record<SendChannel, ChannelSpec>

type InvokeSpec<C extends InvokeChannel> = (typeof INVOKE_CONTRACT)[C]
type SendSpec<C extends SendChannel> = (typeof SEND_CONTRACT)[C]

/** The argument a channel carries, as its schema accepts it. */
export type InvokeArg<C extends InvokeChannel> = z.infer<InvokeSpec<C>['args']>
export type SendArg<C extends SendChannel> = z.infer<SendSpec<C>['args']>

/** What the channel's LabApi method resolves to: main's handler must return exactly this. */
export type InvokeResult<C extends InvokeChannel> = LabApi[InvokeSpec<C>['method']] extends (
  ...args: never[]
) => Promise<infer R>
  ? R
  : never

/** The argument list of a call: none for a channel whose schema is z.undefined(). */
export type ArgList<T> = [T] extends [undefined] ? [] : [T]
