// The test harness of the nn-lab command: runs it in-process through main(argv, io) (fast, no
// spawn) and captures what it printed and its exit code. Files stay real files; relative paths
// resolve against the folder given. Tests only: the real command prints through io.processIo.
import { main } from './main'

/** One run of the command: its exit code and everything it wrote to stdout and stderr. */
export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

/** `nn-lab …argv` run in-process, relative paths resolved against `cwd`. */
export async function runCli(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = ''
  let stderr = ''
  const code = await main([...argv], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    cwd
  })
  return { code, stdout, stderr }
}

/** A `cli('train', '--json', …)` that runs the command in `cwd` (see runCli). */
export function cliIn(cwd: string): (...argv: string[]) => Promise<CliRun> {
  return (...argv) => runCli(argv, cwd)
}
