// Every IPC handler goes through here: the sender must be the app's own top frame, and the
// argument must match its schema. Anything else is answered `{ ok: false, message }` (invoke) or
// ignored (send) and logged: never a throw into Electron, never a crash.
import type { IpcMainEvent, IpcMainInvokeEvent, WebFrameMain } from 'electron'
import type { z } from 'zod'
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

/** ipcMain.handle with sender and argument checks. `run` may return anything the LabApi method
 *  promises; failures become HostResult failures. */
export function handleChecked<T>(
  ipc: IpcMainLike,
  guard: GuardOptions,
  channel: string,
  schema: z.ZodType<T>,
  what: string,
  run: (value: T, event: IpcMainInvokeEvent) => unknown
): void {
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
export function onChecked<T>(
  ipc: IpcMainLike,
  guard: GuardOptions,
  channel: string,
  schema: z.ZodType<T>,
  what: string,
  run: (value: T, event: IpcMainEvent) => void
): void {
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
