// Sessions and files group: open/save .nnlab files, the recent list, autosave and recovery.
// Files are written atomically with the previous version kept as .bak (files/atomicWrite.ts).
import { basename, dirname, extname, isAbsolute, join } from 'node:path'
import { INVOKE } from '../../shared/protocol/ipcChannels'
import type { HostResult, OpenedFile, RecentFile, SavedFile } from '../../shared/protocol/labApi'
import { writeFileSafely } from '../files/atomicWrite'
import { FileError } from '../files/fileErrors'
import { GrantedPaths } from '../files/grantedPaths'
import { readTextLimited } from '../files/readLimited'
import type { RecentFiles } from '../files/recentFiles'
import type { RecoveryStore } from '../files/recoveryStore'
import { CSV_FILTERS, SESSION_FILTERS, type Dialogs } from './dialogs'
import { handleChecked, type GuardOptions, type IpcMainLike } from './guard'

export const SESSION_EXTENSION = '.nnlab'

export interface SessionHandlerDeps {
  dialogs: Dialogs
  recent: RecentFiles
  recovery: RecoveryStore
  /** Where Save dialogs start when the session has never been saved. */
  defaultFolder(): string
  /** The recent list changed: rebuild Open Recent. */
  recentChanged(list: RecentFile[]): void
  /** Paths the user chose; shared with main's OS-open paths. Created here when not given. */
  granted?: GrantedPaths
}

/** True when the user chose `path` (a dialog, the OS, or Open Recent) rather than the page. */
async function userChose(deps: SessionHandlerDeps, path: string): Promise<boolean> {
  if (deps.granted?.has(path)) return true
  return (await deps.recent.list()).some((file) => file.path === path)
}

function messageOf(error: unknown, fallback: string): string {
  return error instanceof FileError ? error.message : fallback
}

/** Reads a session or dataset and remembers it in Open Recent (sessions only). */
export async function openPath(
  deps: SessionHandlerDeps,
  path: string,
  remember: boolean
): Promise<HostResult<OpenedFile>> {
  try {
    const text = await readTextLimited(path)
    if (remember) deps.recentChanged(await deps.recent.add(path))
    return { ok: true, value: { path, name: basename(path), text } }
  } catch (error) {
    if (remember && (error as FileError).code === 'ENOENT') {
      deps.recentChanged(await deps.recent.remove(path))
    }
    return { ok: false, message: messageOf(error, `Could not open “${basename(path)}”.`) }
  }
}

function withSessionExtension(path: string): string {
  return extname(path).toLowerCase() === SESSION_EXTENSION ? path : `${path}${SESSION_EXTENSION}`
}

export function registerSessionHandlers(
  ipc: IpcMainLike,
  guard: GuardOptions,
  deps: SessionHandlerDeps
): void {
  const granted = deps.granted ?? new GrantedPaths()
  const withGrants: SessionHandlerDeps = { ...deps, granted }

  handleChecked(
    ipc,
    guard,
    INVOKE.openSession,
    async (): Promise<HostResult<OpenedFile | null>> => {
      const path = await deps.dialogs.openFile({
        title: 'Open Session',
        filters: SESSION_FILTERS,
        properties: ['openFile']
      })
      if (path === null) return { ok: true, value: null }
      granted.grant(path)
      return openPath(deps, path, true)
    }
  )

  handleChecked(
    ipc,
    guard,
    INVOKE.openSessionPath,
    async (path): Promise<HostResult<OpenedFile>> => {
      if (!(await userChose(withGrants, path))) {
        return {
          ok: false,
          message: `“${basename(path)}” is not a session you opened or saved here; use File › Open.`
        }
      }
      return openPath(deps, path, true)
    }
  )

  handleChecked(
    ipc,
    guard,
    INVOKE.saveSession,
    async (request): Promise<HostResult<SavedFile | null>> => {
      let path = request.path
      // Saving in place is for files the user chose; any other path goes through the dialog.
      const inPlace = path !== null && !request.saveAs && (await userChose(withGrants, path))
      if (path === null || !inPlace) {
        const folder =
          request.path && isAbsolute(request.path) ? dirname(request.path) : deps.defaultFolder()
        const chosen = await deps.dialogs.saveFile({
          title: request.saveAs ? 'Save Session As' : 'Save Session',
          defaultPath: join(folder, withSessionExtension(request.suggestedName)),
          filters: SESSION_FILTERS,
          properties: ['createDirectory', 'showOverwriteConfirmation']
        })
        if (chosen === null) return { ok: true, value: null }
        path = withSessionExtension(chosen)
        granted.grant(path)
      }
      try {
        await writeFileSafely(path, request.text)
      } catch (error) {
        return { ok: false, message: messageOf(error, `Could not save “${basename(path)}”.`) }
      }
      deps.recentChanged(await deps.recent.add(path))
      // The work is safely on disk: the crash copy is no longer needed.
      await deps.recovery.discard().catch(() => undefined)
      return { ok: true, value: { path, name: basename(path) } }
    }
  )

  handleChecked(ipc, guard, INVOKE.listRecent, () => deps.recent.list())

  handleChecked(ipc, guard, INVOKE.clearRecent, async () => {
    await deps.recent.clear()
    deps.recentChanged([])
  })

  handleChecked(ipc, guard, INVOKE.autosave, async (text) => {
    try {
      await deps.recovery.save(text)
    } catch (error) {
      // Best effort, as LabApi.autosave promises (and the browser host does): a copy that could
      // not be kept loses only the crash copy, never the open session. Logged for the developer.
      guard.log?.(`autosave failed: ${messageOf(error, String(error))}`)
    }
  })

  handleChecked(ipc, guard, INVOKE.takeRecovery, () => deps.recovery.takeRecovery())

  handleChecked(ipc, guard, INVOKE.discardRecovery, () => deps.recovery.discard())

  handleChecked(
    ipc,
    guard,
    INVOKE.importDataset,
    async (): Promise<HostResult<OpenedFile | null>> => {
      const path = await deps.dialogs.openFile({
        title: 'Import Dataset CSV',
        filters: CSV_FILTERS,
        properties: ['openFile']
      })
      if (path === null) return { ok: true, value: null }
      granted.grant(path)
      return openPath(deps, path, false)
    }
  )
}
