// A .nnlab path given on the command line (double-click in a file manager, `nn-lab file.nnlab`,
// or a second launch forwarded to the first instance). Linux file managers start the app from
// its .desktop entry's `%U`, which passes file:// URLs (`file:///home/a/my%20run.nnlab`).
import { isAbsolute, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/** A command-line argument as an absolute path: a file: URL decoded, a relative path made
 *  absolute against `cwd`; null for other URLs or a malformed file: URL. */
export function argumentToPath(arg: string, cwd: string): string | null {
  if (/^file:/i.test(arg)) {
    try {
      return fileURLToPath(arg)
    } catch {
      return null
    }
  }
  if (/^[a-z][a-z0-9+.-]+:\/\//i.test(arg)) return null // http://…, smb://…: not a local file
  return isAbsolute(arg) ? arg : resolve(cwd, arg)
}

/** The last argument that names a .nnlab file, made absolute against `cwd`; null when none.
 *  Flags (Electron's and Chromium's own) are skipped. */
export function sessionPathFromArgv(argv: readonly string[], cwd: string): string | null {
  for (let i = argv.length - 1; i >= 1; i--) {
    const arg = argv[i]
    if (arg.startsWith('-')) continue
    const path = argumentToPath(arg, cwd)
    const lower = path?.toLowerCase() ?? ''
    // Sessions, and challenges (.nnlab-challenge, the other file association).
    if (path === null || !(lower.endsWith('.nnlab') || lower.endsWith('.nnlab-challenge'))) continue
    return path
  }
  return null
}
