// The nn-lab command: dispatch, help, and the error contract (bad input → one line on stderr,
// exit code 2; never a stack trace).
import { EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError } from './errors'
import { COMMAND_HELP, GENERAL_HELP } from './help'
import type { CliIo } from './io'
import { evalCommand, exportCommand, predictCommand } from './sessionCommands'
import { sweepCommand } from './sweep'
import { checkCommand } from './checkCommand'
import { trainCommand } from './train'
import { traceCommand } from './trace'

/** A command resolves to its exit code, or to nothing for success. */
const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<void | number>> = {
  train: trainCommand,
  check: checkCommand,
  predict: predictCommand,
  eval: evalCommand,
  export: exportCommand,
  trace: traceCommand,
  sweep: sweepCommand
}

function wantsHelp(args: string[]): boolean {
  return args.includes('--help') || args.includes('-h')
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const [command, ...rest] = argv
    if (command === undefined)
      throw new UsageError('missing command; run nn-lab --help to see them.')
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = rest[0]
      io.stdout(topic !== undefined && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : GENERAL_HELP)
      return EXIT_OK
    }
    const run = COMMANDS[command]
    if (!run)
      throw new UsageError(`unknown command "${command}"; run nn-lab --help to see the commands.`)
    if (wantsHelp(rest)) {
      io.stdout(COMMAND_HELP[command])
      return EXIT_OK
    }
    return (await run(rest, io)) ?? EXIT_OK
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`nn-lab: ${error.message}\n`)
      return EXIT_USAGE
    }
    // A bug, not bad input; still one line, and a different exit code so it can be told apart.
    const message = error instanceof Error ? error.message : String(error)
    io.stderr(`nn-lab: internal error: ${message.replace(/\s*\n\s*/g, ' ')}\n`)
    return EXIT_INTERNAL
  }
}
