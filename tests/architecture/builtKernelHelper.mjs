// Checks the built app (run after `npm run build`): main names a kernel helper bundle that exists
// in out/main, and the built trainer, required under plain Node as the utility process would run
// it, starts its helper threads from that bundle and trains a batch big enough to share with them
// without switching them off.   node tests/architecture/builtKernelHelper.mjs
import { EventEmitter } from 'node:events'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import workerThreads from 'node:worker_threads'

const out = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'main')
const fail = (message) => {
  console.error(`builtKernelHelper: ${message}`)
  process.exit(1)
}
if (!existsSync(join(out, 'index.js')))
  fail('out/main/index.js is missing: run npm run build first')

// The bundle paths main computes (electron-vite writes them as path.join(__dirname, "./…")).
const mainCode = readFileSync(join(out, 'index.js'), 'utf8')
const bundled = (name) => {
  const m = new RegExp(`const ${name} = path\\.join\\(__dirname, "\\./([^"]+)"\\)`).exec(mainCode)
  if (!m) fail(`out/main/index.js does not name ${name}`)
  if (!existsSync(join(out, m[1]))) fail(`${name} names ${m[1]}, which is not in out/main`)
  return join(out, m[1])
}
const helperPath = bundled('kernelHelperPath')
const trainerPath = bundled('trainerWorkerPath')
const helperArg = /const KERNEL_HELPER_ARG = "([^"]+)"/.exec(mainCode)?.[1]
if (!helperArg) fail('out/main/index.js has no KERNEL_HELPER_ARG')

// Every helper the built trainer starts, and what it posts to them.
const started = []
const Worker = workerThreads.Worker
workerThreads.Worker = class extends Worker {
  constructor(entry, options) {
    super(entry, options)
    const record = { entry: String(entry), arenas: 0, errors: [] }
    started.push(record)
    this.on('error', (error) => record.errors.push(String(error)))
    const post = this.postMessage.bind(this)
    this.postMessage = (message, transfer) => {
      if (message && 'memory' in message) record.arenas++
      post(message, transfer)
    }
  }
}
const warnings = []
const warn = console.warn
console.warn = (...args) => {
  warnings.push(args.join(' '))
  warn(...args)
}

// Electron's process.parentPort and a MessagePortMain, as far as the trainer uses them.
const parentPort = Object.assign(new EventEmitter(), { postMessage() {} })
Object.defineProperty(process, 'parentPort', { value: parentPort, configurable: true })
process.argv.push(helperArg + helperPath)
createRequire(import.meta.url)(trainerPath)

const events = new EventEmitter()
const port = Object.assign(new EventEmitter(), {
  start() {},
  close() {},
  postMessage: (event) => events.emit(event.type, event)
})
const next = (type) =>
  new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${type} event within 120 s`)), 120_000)
    events.once(type, (event) => {
      clearTimeout(timer)
      resolve(event)
    })
    events.once('error', (event) => reject(new Error(event.message)))
  })
parentPort.emit('message', { data: { type: 'connect' }, ports: [port] })

// 16000 training rows × 64 × 64: far above the size at which kernel calls are shared.
const config = {
  dataset: { kind: 'spiral', samples: 20000, noise: 0.15, seed: 42, testFraction: 0.2, classes: 3 },
  network: {
    layerSizes: [2, 64, 64, 3],
    activations: ['relu', 'relu'],
    output: 'softmax',
    init: 'he'
  },
  training: {
    optimizer: {
      kind: 'sgd',
      learningRate: 0.1,
      momentum: 0.9,
      beta1: 0.9,
      beta2: 0.999,
      epsilon: 1e-8
    },
    batchSize: 'full',
    l1: 0,
    l2: 0,
    epochLimit: 100000
  }
}
try {
  const configured = next('configured')
  port.emit('message', { data: { type: 'configure', requestId: 1, config } })
  await configured
  const paused = next('paused')
  port.emit('message', { data: { type: 'step' } })
  const { epoch } = await paused
  if (epoch !== 1) fail(`the step ended at epoch ${epoch}, not 1`)
} catch (error) {
  fail(error.message)
}
if (started.length === 0) fail('the built trainer started no helper threads')
for (const helper of started) {
  if (helper.entry !== helperPath) fail(`a helper started from ${helper.entry}, not ${helperPath}`)
  if (helper.errors.length > 0) fail(`a helper failed: ${helper.errors[0]}`)
  if (helper.arenas === 0) fail('a helper was never given a batch to work on')
}
const off = warnings.find((w) => w.includes('Kernel helper threads'))
if (off) fail(`threading switched itself off: ${off}`)
console.log(
  `builtKernelHelper: ${started.length} helper(s) ran ${helperPath.slice(out.length + 1)}`
)
process.exit(0)
