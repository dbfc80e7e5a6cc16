// The training meters' cost (src/shared/engine/meters.ts): the same runs trained with the meters
// on and off, interleaved round by round; each side keeps its best round (the machine is
// shared, so the minimum is the least disturbed measurement). The goal: on/off ≤ 1.05.
import { SEED_NOTEBOOK, TrainingRun, type RunConfig } from '../src/shared/engine'

interface MetersCase {
  name: string
  config: RunConfig
}

const CASES: MetersCase[] = [
  { name: 'seed 2-16-8-1 relu, 400 pts, 2000 epochs', config: SEED_NOTEBOOK },
  {
    name: '2-8-8-8-8-8-1 sigmoid, 400 pts, 2000 epochs',
    config: {
      ...SEED_NOTEBOOK,
      network: {
        ...SEED_NOTEBOOK.network,
        layerSizes: [2, 8, 8, 8, 8, 8, 1],
        activations: ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid', 'sigmoid']
      }
    }
  },
  {
    name: 'seed network, mini-batches of 32, 200 epochs',
    config: {
      ...SEED_NOTEBOOK,
      training: { ...SEED_NOTEBOOK.training, batchSize: 32, epochLimit: 200 }
    }
  }
]

/** CPU seconds of one whole run (the trainer's own thread: meters run there). */
function timeRun(config: RunConfig, meters: boolean): number {
  const run = TrainingRun.create(config)
  run.enableMeters(meters)
  run.evaluate(run.train)
  const start = process.cpuUsage()
  for (let e = 0; e < config.training.epochLimit; e++) run.trainEpoch()
  const cpu = process.cpuUsage(start)
  return (cpu.user + cpu.system) / 1e6
}

export interface MetersRow {
  name: string
  offSeconds: number
  onSeconds: number
  ratio: number
}

export function benchMeters(rounds: number): MetersRow[] {
  console.log(`\nTraining meters on vs off (best of ${rounds} interleaved rounds, CPU time)\n`)
  const rows: MetersRow[] = []
  for (const c of CASES) {
    // Warm-up: the JIT compiles both paths before anything is timed.
    timeRun(c.config, false)
    timeRun(c.config, true)
    let off = Infinity
    let on = Infinity
    for (let r = 0; r < rounds; r++) {
      off = Math.min(off, timeRun(c.config, false))
      on = Math.min(on, timeRun(c.config, true))
    }
    rows.push({ name: c.name, offSeconds: off, onSeconds: on, ratio: on / off })
  }
  const width = Math.max(...rows.map((r) => r.name.length))
  console.log(`${'case'.padEnd(width)}  meters off  meters on  on/off (goal ≤ 1.05)`)
  for (const r of rows) {
    const verdict = r.ratio <= 1.05 ? 'ok' : 'over'
    console.log(
      `${r.name.padEnd(width)}  ${r.offSeconds.toFixed(3).padStart(8)} s  ${r.onSeconds.toFixed(3).padStart(7)} s  ${r.ratio.toFixed(3)} ${verdict}`
    )
  }
  return rows
}
