// How much memory the trainer holds, for the status bar (issue 6: "worker memory reported").
// Where the runtime can tell (Node, the Electron utility process) the figure is the process's
// resident memory; a browser Web Worker cannot see its own memory (performance.memory is the
// page's, measureUserAgentSpecificMemory needs cross-origin isolation and is asynchronous), so
// there the figure is an estimate from the run's own arrays, and says so.
import type { TrainingRun } from '../engine'
import type { TrainerMemory } from '../protocol/trainerMessages'

const FLOAT64 = 8
const INT32 = 4
/** One EpochStats record in V8: an object with up to five numbers. */
const HISTORY_ENTRY_BYTES = 64

/** What the run's arrays take: points (train and test), weights, optimizer moments, the
 *  activations and deltas a training step keeps per row of a batch, and the history. */
export function estimateRunBytes(
  run: Pick<TrainingRun, 'config' | 'train' | 'test' | 'params' | 'history'>
): number {
  const points = (run.train.count + run.test.count) * (2 * FLOAT64 + INT32)
  let parameters = 0
  for (const w of run.params.weights) parameters += w.length
  for (const b of run.params.biases) parameters += b.length
  // Weights, gradients and up to two optimizer moments (Adam).
  const weights = parameters * FLOAT64 * 4
  const batch = run.config.training.batchSize
  const rows = batch === 'full' ? run.train.count : Math.min(batch, run.train.count)
  let neurons = 0
  for (let i = 1; i < run.config.network.layerSizes.length; i++) {
    neurons += run.config.network.layerSizes[i]
  }
  // z, a and delta per neuron and row.
  const activations = rows * neurons * 3 * FLOAT64
  return points + weights + activations + run.history.length * HISTORY_ENTRY_BYTES
}

interface NodeProcessLike {
  memoryUsage(): { rss: number }
}

function nodeProcess(): NodeProcessLike | null {
  const candidate = (globalThis as { process?: { memoryUsage?: unknown } }).process
  return candidate && typeof candidate.memoryUsage === 'function'
    ? (candidate as NodeProcessLike)
    : null
}

function jsHeapBytes(): number | undefined {
  const memory = (globalThis as { performance?: { memory?: { usedJSHeapSize?: unknown } } })
    .performance?.memory
  return typeof memory?.usedJSHeapSize === 'number' ? memory.usedJSHeapSize : undefined
}

/** The trainer's memory now: the process's resident set where known, else the estimate. */
export function measureTrainerMemory(
  run: Pick<TrainingRun, 'config' | 'train' | 'test' | 'params' | 'history'>
): TrainerMemory {
  const runBytes = estimateRunBytes(run)
  const heapBytes = jsHeapBytes()
  const proc = nodeProcess()
  if (proc) {
    try {
      const report: TrainerMemory = { bytes: proc.memoryUsage().rss, source: 'process', runBytes }
      if (heapBytes !== undefined) report.heapBytes = heapBytes
      return report
    } catch {
      // Some sandboxes refuse to read /proc: fall back to the estimate.
    }
  }
  const report: TrainerMemory = { bytes: runBytes, source: 'estimate', runBytes }
  if (heapBytes !== undefined) report.heapBytes = heapBytes
  return report
}

/** "512 MB" style, for the status bar. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`
  if (bytes >= 1024 ** 2) return `${Math.round(bytes / 1024 ** 2)} MB`
  return `${Math.max(1, Math.round(bytes / 1024))} KB`
}
