// Reading a user-chosen file with a size limit, so a wrong pick (a video, a disk image) gets a
// sentence instead of freezing the app while it loads gigabytes.
import { open, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { FileError, describeReadError } from './fileErrors'

export const MAX_READ_BYTES = 200 * 1024 * 1024

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`
}

/** Reads `path` as UTF-8 text. Throws a FileError with one sentence when it cannot. */
export async function readTextLimited(path: string, maxBytes = MAX_READ_BYTES): Promise<string> {
  let handle
  try {
    // stat before open: opening a FIFO blocks until a writer appears, and a device such as
    // /dev/zero reports size 0 yet never ends.
    const stats = await stat(path)
    if (stats.isDirectory()) throw new FileError(`“${basename(path)}” is a folder, not a file.`)
    if (!stats.isFile()) throw new FileError(`“${basename(path)}” is not a regular file.`)
    if (stats.size > maxBytes) {
      throw new FileError(
        `“${basename(path)}” is ${megabytes(stats.size)}; NN Lab opens files up to ${megabytes(maxBytes)}.`,
        'ETOOBIG'
      )
    }
    handle = await open(path, 'r')
    return await handle.readFile({ encoding: 'utf8' })
  } catch (error) {
    throw describeReadError(error, path)
  } finally {
    await handle?.close()
  }
}
