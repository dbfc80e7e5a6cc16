// A problem with what the user gave the CLI (options, files). main() prints its message as one
// line on stderr and exits with code 2; nothing else is printed.
export class UsageError extends Error {
  constructor(message: string) {
    // One line, always: messages may quote file contents or engine sentences.
    super(message.replace(/\s*\n\s*/g, ' ').trim())
    this.name = 'UsageError'
  }
}

export const EXIT_OK = 0
export const EXIT_INTERNAL = 1
export const EXIT_USAGE = 2
/** `nn-lab check`: at least one session does not meet the challenge's goal. */
export const EXIT_NOT_MET = 3
