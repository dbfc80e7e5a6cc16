// Figures and exports group: PNG figures, NumPy script, JSON and CSV files through a Save dialog,
// and figures to the clipboard.
import { basename, join } from 'node:path'
import { INVOKE } from '../../shared/protocol/ipcChannels'
import type { HostResult, SavedFile } from '../../shared/protocol/labApi'
import { writeFileSafely } from '../files/atomicWrite'
import { FileError } from '../files/fileErrors'
import type { Dialogs } from './dialogs'
import { handleChecked, type GuardOptions, type IpcMainLike } from './guard'

export interface ExportHandlerDeps {
  dialogs: Dialogs
  defaultFolder(): string
  /** Puts a PNG on the clipboard; false when the bytes are not a readable image. */
  writeImageToClipboard(png: Uint8Array): Promise<boolean>
}

export function registerExportHandlers(
  ipc: IpcMainLike,
  guard: GuardOptions,
  deps: ExportHandlerDeps
): void {
  handleChecked(
    ipc,
    guard,
    INVOKE.exportFile,
    async (request): Promise<HostResult<SavedFile | null>> => {
      const path = await deps.dialogs.saveFile({
        title: 'Export',
        defaultPath: join(deps.defaultFolder(), request.suggestedName),
        filters: request.filters,
        properties: ['createDirectory', 'showOverwriteConfirmation']
      })
      if (path === null) return { ok: true, value: null }
      try {
        // An export is a copy the user can make again: no .bak beside it.
        await writeFileSafely(path, request.data, { backup: false })
      } catch (error) {
        const message =
          error instanceof FileError ? error.message : `Could not save “${basename(path)}”.`
        return { ok: false, message }
      }
      return { ok: true, value: { path, name: basename(path) } }
    }
  )

  handleChecked(ipc, guard, INVOKE.copyImageToClipboard, async (png): Promise<HostResult<void>> =>
    (await deps.writeImageToClipboard(png))
      ? { ok: true, value: undefined }
      : { ok: false, message: 'The figure could not be copied: the image was not readable.' }
  )
}
