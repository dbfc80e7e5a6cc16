// Saving without ever losing the user's work: the new contents go to a temporary file in the same
// folder, are flushed to disk (fsync) and renamed over the target, and the version being replaced
// is first copied to `<file>.bak`. If anything fails the old file is still there, byte for byte,
// and the temporary file is removed.
//
// Why not write-file-atomic: on a full disk the kernel answers a write that does not fit with a
// short count, not an error, and write-file-atomic (v6) takes one write call as complete; it then
// renames a truncated file over the good one and reports success. FileHandle.writeFile loops until
// every byte is written, so the next write raises ENOSPC as it should.
import { randomBytes } from 'node:crypto'
import { copyFile, open, readdir, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { describeWriteError } from './fileErrors'

export function backupPath(path: string): string {
  return `${path}.bak`
}

function temporaryPathFor(path: string): string {
  return join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
  )
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as { code?: unknown }).code === 'EPERM'
  }
}

/** A temporary file this old is not a write in progress (a save takes well under a second; a
 *  slow disk, seconds): it was left by a save that died, even if its pid now names another,
 *  live process (pids are reused). */
export const STALE_TEMPORARY_MS = 60_000

/** A save killed mid-write (kill -9, power loss) leaves its temporary file behind, beside `path`.
 *  Removes those of NN Lab's own pattern for `path` (and its .bak) that no live save can be
 *  writing: their writer process is gone, or they are older than STALE_TEMPORARY_MS. Best effort:
 *  never throws. Runs before each save (the space may be what the save needs) and at launch for
 *  the recent files. */
export async function removeOrphanedTemporaries(path: string, now = Date.now()): Promise<void> {
  const pattern = new RegExp(
    `^\\.${escapeRegExp(basename(path))}(?:\\.bak)?\\.(\\d+)\\.[0-9a-f]{8}\\.tmp$`
  )
  let names: string[]
  try {
    names = await readdir(dirname(path))
  } catch {
    return // a missing folder has no leftovers
  }
  for (const name of names) {
    const match = pattern.exec(name)
    if (!match) continue
    const pid = Number(match[1])
    const temporary = join(dirname(path), name)
    try {
      const writerGone = pid !== process.pid && !processIsAlive(pid)
      if (writerGone || now - (await stat(temporary)).mtimeMs > STALE_TEMPORARY_MS) {
        await rm(temporary, { force: true })
      }
    } catch {
      // Leftovers are untidy, not harmful; one that vanished meanwhile is fine too.
    }
  }
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT'
}

/** Writes `data` to a new file at `temporary`, completely, and flushes it to disk. */
async function writeFully(
  temporary: string,
  data: string | Uint8Array,
  mode: number
): Promise<void> {
  const handle = await open(temporary, 'wx', mode)
  try {
    await handle.writeFile(data)
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** Makes the rename itself durable (best effort: not every platform can fsync a folder). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open folders this way; the rename is still atomic.
  }
}

/** Replaces `path` with `data` atomically (temp file, fsync, rename). */
async function replaceAtomically(path: string, data: string | Uint8Array): Promise<void> {
  let mode = 0o644
  try {
    mode = (await stat(path)).mode & 0o777
  } catch (error) {
    if (!isMissing(error)) throw error
  }
  const temporary = temporaryPathFor(path)
  try {
    await writeFully(temporary, data, mode)
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
  await syncFolder(dirname(path))
}

/** Copies the current `path` (if any) to `path.bak`, itself atomically (copy, then rename). */
async function keepBackup(path: string): Promise<void> {
  const temporary = temporaryPathFor(backupPath(path))
  try {
    await copyFile(path, temporary)
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    if (isMissing(error)) return // first save: nothing to keep
    throw error
  }
  try {
    await rename(temporary, backupPath(path))
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined)
    throw error
  }
}

export interface WriteOptions {
  /** Keep the replaced version as `<file>.bak` (default true). */
  backup?: boolean
}

/** Writes `data` to `path` atomically. Throws a FileError whose message is one sentence. */
export async function writeFileSafely(
  path: string,
  data: string | Uint8Array,
  options: WriteOptions = {}
): Promise<void> {
  await removeOrphanedTemporaries(path)
  try {
    if (options.backup ?? true) await keepBackup(path)
    await replaceAtomically(path, data)
  } catch (error) {
    throw describeWriteError(error, path)
  }
}
