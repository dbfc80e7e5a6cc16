// Every IPC handler goes through here: the sender must be the app's own top frame, and the
// argument must match its schema. Anything else is answered `{ ok: false, message }` (invoke) or
// ignored (send) and logged: never a throw into Electron, never a crash.
import type { IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import type { z } from 'zod'
import type { InvokeChannel, SendChannel } from '../../shared/protocol/ipcChannels'
import {
  INVOKE_CONTRACT,
  SEND_CONTRACT,
  type InvokeArg,
  type InvokeResult,
  type SendArg
} from '../../shared/protocol/ipcContract'
import { parseIpcArgument } from '../../shared/protocol/ipcSchemas'
import type { HostResult } from '../../shared/protocol/labApi'

/** The parts of ipcMain the handlers use (a fake in tests). */
export interface IpcMainLike {
  handle(
    channel: string,
    listener: (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown
  ): void
  on(channel: string, listener: (event: IpcMainEvent, ...args: unknown[]) => void): void
}

export interface GuardOptions {
  isTrustedSender(frame: WebFrameMain | null | undefined): boolean
  log?(message: string): void
}

export const UNTRUSTED_MESSAGE = 'This request did not come from the NN Lab window and was refused.'

function failure(message: string): HostResult<never> {
  return { ok: false, message }
}

function unexpected(error: unknown): string {
  return error instanceof Error && error.message
    ? `Something went wrong: ${error.message}`
    : 'Something went wrong.'
}

/** ipcMain.handle with sender and argument checks. The argument's schema comes from the
 *  contract (ipcContract.ts) and `run` must return what the channel's LabApi method promises;
 *  failures become HostResult failures. */
export function handleChecked<C extends InvokeChannel>(
  ipc: IpcMainLike,
  guard: GuardOptions,
  channel: C,
  run: (
    value: InvokeArg<C>,
    event: IpcMainInvokeEvent
  ) => InvokeResult<C> | Promise<InvokeResult<C>>
): void {
  // Indexing the contract with a generic channel loses the pairing TypeScript cannot follow:
  // this is the channel's own schema, whose output is InvokeArg<C> by definition.
  const schema = INVOKE_CONTRACT[channel].args as unknown as z.ZodType<InvokeArg<C>>
  const what = INVOKE_CONTRACT[channel].what
  ipc.handle(channel, async (event, ...args) => {
    if (!guard.isTrustedSender(event.senderFrame)) {
      guard.log?.(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`)
      return failure(UNTRUSTED_MESSAGE)
    }
    if (args.length > 1) return failure(`The app sent too many arguments for ${what}.`)
    const parsed = parseIpcArgument(schema, args[0], what)
    if (!parsed.ok) {
      guard.log?.(`invalid ${channel}: ${parsed.message}`)
      return failure(parsed.message)
    }
    try {
      return await run(parsed.value, event)
    } catch (error) {
      guard.log?.(`${channel} failed: ${String(error)}`)
      return failure(unexpected(error))
    }
  })
}

/** ipcMain.on with the same checks; invalid messages are dropped (there is no one to answer). */
export function onChecked<C extends SendChannel>(
  ipc: IpcMainLike,
  guard: GuardOptions,
  channel: C,
  run: (value: SendArg<C>, event: IpcMainEvent) => void
): void {
  // As in handleChecked: the channel's own schema, whose output is SendArg<C>.
  const schema = SEND_CONTRACT[channel].args as unknown as z.ZodType<SendArg<C>>
  const what = SEND_CONTRACT[channel].what
  ipc.on(channel, (event, ...args) => {
    if (!guard.isTrustedSender(event.senderFrame)) {
      guard.log?.(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`)
      return
    }
    const parsed = parseIpcArgument(schema, args[0], what)
    if (!parsed.ok || args.length > 1) {
      guard.log?.(`invalid ${channel}: ${parsed.ok ? 'too many arguments' : parsed.message}`)
      return
    }
    try {
      run(parsed.value, event)
    } catch (error) {
      guard.log?.(`${channel} failed: ${String(error)}`)
    }
  })
}
