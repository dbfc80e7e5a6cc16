// Everything the CLI does to the outside world goes through this interface, so tests can call
// main() in-process and capture the output; files are real files in both cases.
import { readFileSync, statSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { writeFileSafely } from '../main/files/atomicWrite'
import { MAX_READ_BYTES } from '../main/files/readLimited'
import { UsageError } from './errors'

export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  /** Resolves relative paths (process.cwd() for the real command). */
  cwd: string
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  cwd: process.cwd()
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'EISDIR':
      return 'it is a folder'
    case 'ENOTDIR':
      return 'a part of the path is not a folder'
    case 'ENOSPC':
      return 'the disk is full'
    case 'EROFS':
      return 'the file system is read-only'
    default:
      return code ?? (error instanceof Error ? error.message : String(error))
  }
}

export function readText(io: CliIo, path: string): string {
  const full = resolve(io.cwd, path)
  try {
    // stat first: opening a FIFO blocks, and a device such as /dev/zero never ends.
    const stats = statSync(full)
    if (stats.isDirectory()) throw new UsageError(`cannot read ${path}: it is a folder.`)
    if (!stats.isFile()) throw new UsageError(`cannot read ${path}: it is not a regular file.`)
    if (stats.size > MAX_READ_BYTES) {
      throw new UsageError(
        `cannot read ${path}: it is larger than ${MAX_READ_BYTES / (1024 * 1024)} MB.`
      )
    }
    return readFileSync(full, 'utf8')
  } catch (error) {
    if (error instanceof UsageError) throw error
    throw new UsageError(`cannot read ${path}: ${reason(error)}.`)
  }
}

/** Fails early (before a long training run) when the output's folder does not exist. */
export function checkWritableFolder(io: CliIo, path: string): void {
  const folder = dirname(resolve(io.cwd, path))
  let isFolder = false
  try {
    isFolder = statSync(folder).isDirectory()
  } catch {
    isFolder = false
  }
  if (!isFolder) throw new UsageError(`cannot write ${path}: the folder ${folder} does not exist.`)
}

/** Temp file + fsync + rename (the desktop app's writer, which also keeps `<file>.bak`): a crash
 *  or a full disk mid-write never leaves a half-written file behind. */
export async function writeTextAtomic(io: CliIo, path: string, text: string): Promise<void> {
  try {
    await writeFileSafely(resolve(io.cwd, path), text)
  } catch (error) {
    throw new UsageError(`cannot write ${path}: ${reason(error)}.`)
  }
}
