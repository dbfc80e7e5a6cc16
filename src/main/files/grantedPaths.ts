// Paths the user has chosen (Open/Save dialogs, the command line, the OS opening a file, Open
// Recent). The page may name a path to open or save only if it is one of these: a compromised
// page must not be able to read ~/.ssh/id_rsa or overwrite ~/.bashrc by naming them.
import { resolve } from 'node:path'

export class GrantedPaths {
  private readonly paths = new Set<string>()

  grant(path: string): void {
    this.paths.add(resolve(path))
  }

  has(path: string): boolean {
    return this.paths.has(resolve(path))
  }
}
