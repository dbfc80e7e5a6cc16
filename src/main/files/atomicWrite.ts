// Saving without ever losing the user's work: the new contents go to a temporary file that is
// fsynced and renamed over the target (write-file-atomic), and the version being replaced is first
// copied to `<file>.bak`. If anything fails the old file is still there, byte for byte.
import { copyFile, rename, rm } from 'node:fs/promises'
import writeFileAtomic from 'write-file-atomic'
import { describeWriteError } from './fileErrors'

export function backupPath(path: string): string {
  return `${path}.bak`
}

function isMissing(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT'
}

/** Copies the current `path` (if any) to `path.bak`, itself atomically (copy, then rename). */
async function keepBackup(path: string): Promise<void> {
  const temporary = `${backupPath(path)}.tmp-${process.pid}`
  try {
    await copyFile(path, temporary)
  } catch (error) {
    if (isMissing(error)) return // first save: nothing to keep
    throw error
  }
  try {
    await rename(temporary, backupPath(path))
  } catch (error) {
    await rm(temporary, { force: true })
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
  try {
    if (options.backup ?? true) await keepBackup(path)
    const bytes =
      typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength)
    await writeFileAtomic(path, bytes, { fsync: true })
  } catch (error) {
    throw describeWriteError(error, path)
  }
}
