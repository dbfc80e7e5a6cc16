// The sweep's parallel speed-up (issue 15): the wall time of an 8-run `nn-lab sweep` on 2 worker
// threads against the same 8 runs one after another (--jobs 1), each in a fresh process, best of
// `rounds` (the machine is shared: the minimum is the least disturbed). Alone: npx tsx bench/sweep.ts
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** 4 learning rates × 2 architectures, 2000 circle points and 2000 epochs. */
export const SWEEP_ARGS = [
  ...['--lr', '0.05,0.1,0.2,0.5', '--layers', '2,16,8,1:2,32,16,1'],
  ...['--samples', '2000', '--json']
]

function wallSeconds(jobs: number): number {
  const started = performance.now()
  const ran = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/index.ts', 'sweep', ...SWEEP_ARGS, '--jobs', String(jobs)],
    // Each row carries every epoch's training meters: far past spawnSync's 1 MB default.
    { cwd: root, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }
  )
  if (ran.status !== 0) {
    throw new Error(`sweep --jobs ${jobs} failed: ${ran.error?.message ?? ran.stderr}`)
  }
  const rows = ran.stdout.trim().split('\n')
  if (rows.length !== 8) throw new Error(`sweep printed ${rows.length} rows, not 8`)
  return (performance.now() - started) / 1000
}

export function benchSweep(rounds = 2): { sequential: number; parallel: number; ratio: number } {
  let sequential = Infinity
  let parallel = Infinity
  for (let r = 0; r < rounds; r++) {
    sequential = Math.min(sequential, wallSeconds(1))
    parallel = Math.min(parallel, wallSeconds(2))
  }
  const ratio = sequential / parallel
  console.log('\nSweep of 8 runs (4 lr × 2 networks, 2000 circle points, 2000 epochs), wall time:')
  console.log(`  one after another (--jobs 1)  ${sequential.toFixed(2)} s`)
  console.log(`  2 worker threads  (--jobs 2)  ${parallel.toFixed(2)} s`)
  console.log(`  speed-up                      ${ratio.toFixed(2)}×`)
  return { sequential, parallel, ratio }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) benchSweep()
