// Turns Node's file-system error codes into one sentence a learner can act on.
import { basename } from 'node:path'

export class FileError extends Error {
  constructor(
    message: string,
    readonly code?: string
  ) {
    super(message)
    this.name = 'FileError'
  }
}

function codeOf(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code
  return typeof code === 'string' ? code : undefined
}

/** What went wrong while saving `path`; the sentence also says the old file is untouched. */
export function describeWriteError(error: unknown, path: string): FileError {
  const name = basename(path)
  const code = codeOf(error)
  const kept = 'the previous version is unchanged.'
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new FileError(`There is not enough disk space to save “${name}”; ${kept}`, code)
    case 'EACCES':
    case 'EPERM':
      return new FileError(
        `You do not have permission to save “${name}” in this folder; ${kept}`,
        code
      )
    case 'EROFS':
      return new FileError(
        `“${name}” is on a read-only disk and cannot be saved there; ${kept}`,
        code
      )
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileError(
        `The folder for “${name}” no longer exists; choose another place to save.`,
        code
      )
    case 'EISDIR':
      return new FileError(`“${name}” is a folder; choose a file name to save to.`, code)
    default:
      return new FileError(`Could not save “${name}” (${code ?? 'unknown error'}); ${kept}`, code)
  }
}

/** What went wrong while opening `path`. */
export function describeReadError(error: unknown, path: string): FileError {
  if (error instanceof FileError) return error
  const name = basename(path)
  const code = codeOf(error)
  switch (code) {
    case 'ENOENT':
      return new FileError(`“${name}” no longer exists; it may have been moved or deleted.`, code)
    case 'EACCES':
    case 'EPERM':
      return new FileError(`You do not have permission to open “${name}”.`, code)
    case 'EISDIR':
      return new FileError(`“${name}” is a folder, not a file.`, code)
    default:
      return new FileError(`Could not open “${name}” (${code ?? 'unknown error'}).`, code)
  }
}
