// Entry point of `npm run nn-lab -- <command>` (tsx src/cli/index.ts). All logic is in main.ts so
// tests can run it in-process.
import { main } from './main'
import { processIo } from './io'

main(process.argv.slice(2), processIo).then(
  (code) => {
    process.exitCode = code
  },
  () => {
    process.exitCode = 1
  }
)
