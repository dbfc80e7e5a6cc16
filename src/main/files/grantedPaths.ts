// Paths the user has chosen (Open/Save dialogs, the command line, the OS opening a file, Open
// Recent). The page may name a path to open or save only if it is one of these: a compromised
// page must not be able to read ~/.ssh/id_rsa or overwrite ~/.bashrc by naming them.
// Only absolute paths count, on both sides: a bare name from the page ("run.nnlab", a dropped
// file's name) would otherwise be resolved against the process's working directory and could
// match a granted file there.
import { isAbsolute, resolve } from 'node:path'

export class GrantedPaths {
  private readonly paths = new Set<string>()

  /** Grants an absolute path; returns false (and grants nothing) for a relative one. */
  grant(path: string): boolean {
    if (!isAbsolute(path)) return false
    this.paths.add(resolve(path))
    return true
  }

  has(path: string): boolean {
    return isAbsolute(path) && this.paths.has(resolve(path))
  }
}
