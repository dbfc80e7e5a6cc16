// Entry point of `npm run nn-lab -- <command>` (tsx src/cli/index.ts). All logic is in main.ts so
// tests can run it in-process.
import { main } from './main'
import { processIo } from './io'

// `nn-lab train | head` closes the pipe early; that is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
    throw error
  })
}

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.exitCode = 1
  }
)
