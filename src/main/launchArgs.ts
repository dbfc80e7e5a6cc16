// A .nnlab path given on the command line (double-click in a file manager, `nn-lab file.nnlab`,
// or a second launch forwarded to the first instance).
import { isAbsolute, resolve } from 'node:path'

/** The last argument that names a .nnlab file, made absolute against `cwd`; null when none.
 *  Flags (Electron's and Chromium's own) are skipped. */
export function sessionPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]
    if (arg.startsWith('-')) continue
    if (!arg.toLowerCase().endsWith('.nnlab')) continue
    return isAbsolute(arg) ? arg : resolve(cwd, arg)
  }
  return null
}
