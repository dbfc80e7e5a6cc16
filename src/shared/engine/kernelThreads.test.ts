// Helper threads split the big kernels; the numbers must not change by a single bit, a failing
// helper must not lose or change anything, and a process using them must still exit.
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { kernelHelperCount, setKernelHelperEntry, setKernelThreads } from './kernelThreads'
import { SEED_NOTEBOOK } from './presets'
import { TrainingRun } from './train'
import type { RunConfig } from './types'
import { setKernelBackend } from './wasmKernels'

afterEach(() => {
  vi.restoreAllMocks()
  setKernelHelperEntry(null)
})

afterAll(() => {
  setKernelThreads(null)
  setKernelBackend('wasm')
})

// 3000 training rows × 64 × 64 is far above the threshold for splitting a kernel call.
const BIG: RunConfig = {
  ...SEED_NOTEBOOK,
  dataset: {
    ...SEED_NOTEBOOK.dataset,
    kind: 'spiral',
    samples: 3750,
    classes: 3,
    testFraction: 0.2
  },
  network: {
    ...SEED_NOTEBOOK.network,
    layerSizes: [2, 64, 64, 37, 3],
    activations: ['relu', 'leaky-relu', 'tanh'],
    output: 'softmax'
  },
  training: { ...SEED_NOTEBOOK.training, epochLimit: 4 }
}

function train(config: RunConfig, helpers: number, backend: 'wasm' | 'js' = 'wasm'): TrainingRun {
  setKernelBackend(backend)
  setKernelThreads(helpers)
  const run = TrainingRun.create(config)
  for (let e = 0; e < 4; e++) run.trainEpoch()
  return run
}

describe('kernel helper threads', () => {
  it('give bit-identical training to one thread and to the TypeScript loops', () => {
    const threaded = train(BIG, 1)
    expect(kernelHelperCount()).toBe(1)
    const single = train(BIG, 0)
    expect(kernelHelperCount()).toBe(0)
    const js = train(BIG, 0, 'js')
    expect(threaded.snapshot()).toEqual(single.snapshot())
    expect(threaded.snapshot()).toEqual(js.snapshot())
    expect(threaded.history[3].loss).toBeLessThan(threaded.history[0].loss)
  }, 120_000)

  it('split a sigmoid head, mini-batches and more helpers than cores the same way', () => {
    const config: RunConfig = {
      ...BIG,
      dataset: { ...BIG.dataset, kind: 'circles', samples: 6000, classes: 2 },
      network: {
        ...BIG.network,
        layerSizes: [2, 96, 48, 1],
        activations: ['tanh', 'relu'],
        output: 'sigmoid'
      },
      training: { ...BIG.training, batchSize: 2500 }
    }
    const threaded = train(config, 3)
    expect(kernelHelperCount()).toBe(3)
    expect(threaded.snapshot()).toEqual(train(config, 0).snapshot())
  }, 120_000)

  it('keep running helpers when the setting does not change', () => {
    train(BIG, 1)
    expect(kernelHelperCount()).toBe(1)
    setKernelThreads(1)
    expect(kernelHelperCount()).toBe(1) // same pool, no respawn
    setKernelThreads(0)
    expect(kernelHelperCount()).toBe(0)
  }, 120_000)

  it('fall back to one thread when a helper fails a job, with the same numbers and one line', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    setKernelBackend('wasm')
    setKernelThreads(1)
    setKernelHelperEntry(new URL('./fixtures/failingKernelHelper.ts', import.meta.url))
    const run = TrainingRun.create(BIG)
    expect(kernelHelperCount()).toBe(1)
    run.trainEpoch() // its first big kernel call fails in the helper and is recomputed here
    expect(kernelHelperCount()).toBe(0) // switched off after the failure
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^\[nn-lab\] Kernel helper threads off: a helper thread failed a kernel call .*same numbers/
    )
    run.trainEpoch()
    run.trainEpoch()
    run.trainEpoch()
    setKernelHelperEntry(null)
    expect(run.snapshot()).toEqual(train(BIG, 0).snapshot())
  }, 120_000)

  it('switch themselves off, saying so in one line, when the helper program cannot be loaded', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    setKernelBackend('wasm')
    setKernelThreads(1)
    setKernelHelperEntry(new URL('./fixtures/noSuchHelper.js', import.meta.url))
    const run = TrainingRun.create(BIG) // starts the helper, which fails to load
    expect(kernelHelperCount()).toBe(1)
    await vi.waitFor(() => expect(kernelHelperCount()).toBe(0), { timeout: 30_000 })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^\[nn-lab\] Kernel helper threads off: a helper thread failed \(Cannot find module .*noSuchHelper\.js/
    )
    for (let e = 0; e < 4; e++) run.trainEpoch()
    setKernelHelperEntry(null)
    expect(run.snapshot()).toEqual(train(BIG, 0).snapshot())
  }, 120_000)

  it('forget the memory of runs that were dropped', () => {
    const script = fileURLToPath(new URL('./fixtures/threadedForget.ts', import.meta.url))
    const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 90_000
    })
    const m = /^helpers 1 peak (\d+) held (\d+) rss (\d+) (\d+) (\d+) loss \d+\.\d+$/m.exec(out)
    expect(m, out).not.toBeNull()
    const [peak, held, , trained, after] = (m as RegExpExecArray).slice(1).map(Number)
    expect(peak).toBe(3) // at most three arenas held at once
    expect(held).toBe(1) // the four dropped runs forgotten; only the last run's arena
    // Four runs of ~120 MB each were trained; after they were dropped most of it is freed.
    expect(trained - after, out).toBeGreaterThan(250)
  }, 120_000)

  it('let a process that used them exit by itself', () => {
    const script = fileURLToPath(new URL('./fixtures/threadedRun.ts', import.meta.url))
    const out = execFileSync(process.execPath, ['--import', 'tsx', script], {
      encoding: 'utf8',
      timeout: 60_000
    })
    expect(out).toMatch(/^helpers 1 loss \d+\.\d+$/m)
  }, 90_000)
})
