// The main ⇄ preload contract (ipcContract.ts) is checked by the compiler at both ends: the
// expected-error lines below fail `npm run typecheck` if a wrong handler ever compiles. At run time,
// every channel has its schema, and a handler's argument is the schema's output.
import { describe, expect, it } from 'vitest'
import { INVOKE, SEND } from '../../shared/protocol/ipcChannels'
import { INVOKE_CONTRACT, SEND_CONTRACT } from '../../shared/protocol/ipcContract'
import type { HostResult, SavedFile } from '../../shared/protocol/labApi'
import { handleChecked, onChecked, type IpcMainLike } from './guard'

function fakeIpc(): IpcMainLike & { handlers: Map<string, (...args: unknown[]) => unknown> } {
  const handlers = new Map<string, (...args: unknown[]) => unknown>()
  return {
    handlers,
    handle: (channel, listener) => handlers.set(channel, listener as never),
    on: (channel, listener) => handlers.set(channel, listener as never)
  }
}

const guard = { isTrustedSender: () => true }
const event = { senderFrame: { url: 'app://nnlab/index.html', parent: null } }

describe('the IPC contract', () => {
  it('names a schema and a LabApi method for every channel', () => {
    expect(Object.keys(INVOKE_CONTRACT).sort()).toEqual(Object.values(INVOKE).sort())
    expect(Object.keys(SEND_CONTRACT).sort()).toEqual(Object.values(SEND).sort())
  })

  it('hands a handler the validated argument and refuses a bad one with a sentence', async () => {
    const ipc = fakeIpc()
    const seen: unknown[] = []
    handleChecked(ipc, guard, INVOKE.saveSession, (request): HostResult<SavedFile | null> => {
      seen.push(request.suggestedName)
      return { ok: true, value: null }
    })
    const handler = ipc.handlers.get(INVOKE.saveSession)!
    const good = { text: 't', path: null, suggestedName: 'a.nnlab', saveAs: false }
    expect(await handler(event, good)).toEqual({ ok: true, value: null })
    expect(seen).toEqual(['a.nnlab'])
    const bad = (await handler(event, { ...good, saveAs: 'yes' })) as { message: string }
    expect(bad.message).toMatch(/^The app sent an invalid save request: /)
  })

  it('fails to compile a handler that returns or takes the wrong thing', () => {
    const ipc = fakeIpc()
    // @ts-expect-error listRecent must resolve to RecentFile[], not a string
    handleChecked(ipc, guard, INVOKE.listRecent, () => 'not a list')
    // @ts-expect-error saveSession's argument is the save request, not a number
    handleChecked(ipc, guard, INVOKE.saveSession, (request: number) => request)
    // @ts-expect-error respondToClose carries a boolean
    onChecked(ipc, guard, SEND.respondToClose, (allow: string) => allow)
    expect(ipc.handlers.size).toBe(3)
  })
})
