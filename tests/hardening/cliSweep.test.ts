// Bad-input sweep over every nn-lab option. src/cli/cli.test.ts checks one or two wrong values per
// option with exact messages; this sweeps a list of hostile values across every option (NaN and
// Infinity spellings, empty and blank strings, huge and negative numbers, unicode digits, emoji,
// control characters), plus what the CLI tests leave out: directories, device files and FIFOs
// where a file is expected, unicode paths, an --out that is a folder or sits under a file, and a
// full disk. The contract: exit 0 (accepted), or exit 2 with exactly one line on stderr; never
// exit 1 (an internal error), never a stack trace, never a hang.
import { execFileSync, spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { buildSync } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runCli, type CliRun } from '../../src/cli/testCli'
import { parseSession } from '../../src/shared/session'

const dir = mkdtempSync(join(tmpdir(), 'nnlab-clisweep-'))
const mounts: string[] = []
afterAll(() => {
  for (const mountPoint of mounts) {
    try {
      execFileSync('umount', [mountPoint], { stdio: 'ignore' })
    } catch {
      // already gone
    }
  }
  rmSync(dir, { recursive: true, force: true })
})

const cli = (argv: string[]): Promise<CliRun> => runCli(argv, dir)

const tally = { runs: 0, accepted: 0, refused: 0 }

/** The error contract, checked on every invocation. */
function expectHandled(ran: CliRun, argv: string[]): void {
  const what = JSON.stringify(argv)
  tally.runs++
  expect([0, 2], `${what} → exit ${ran.code}: ${ran.stderr}`).toContain(ran.code)
  if (ran.code === 2) {
    tally.refused++
    // stdout may hold a training log when the refusal comes after training (an --out that
    // cannot be written); the refusal itself is the one stderr line.
    expect(ran.stderr, what).toMatch(/^nn-lab: [^\n]+\n$/)
    expect(ran.stderr, what).not.toMatch(/\n\s+at |internal error|TypeError|RangeError/)
  } else {
    tally.accepted++
    expect(ran.stderr, what).toBe('')
  }
}

/** Values no number option should take, and values some should (the sweep checks both ways). */
const HOSTILE = [
  '',
  ' ',
  '\t',
  'NaN',
  'nan',
  'Infinity',
  '-Infinity',
  'inf',
  '1e309',
  '-1e309',
  '1e-400',
  '-1',
  '-0',
  '1e20',
  '99999999999999999999999999',
  '0x10',
  '0b11',
  '1_000',
  '1,5',
  '1.2.3',
  '½',
  '١٢', // Arabic-Indic digits
  '１２', // full-width digits
  '12abc',
  '💥',
  'a\u0000b',
  '--',
  '"3"'
]

// Each accepted run must stay tiny: few points, few epochs (later options override earlier).
const SMALL = ['--samples', '40', '--epochs', '2', '--layers', '2,4,1']
/** The same for --data runs (--samples does not apply to imported points). */
const SMALL_DATA = ['--epochs', '2', '--layers', '2,4,1']
const NUMBER_OPTIONS = [
  'samples',
  'noise',
  'test-fraction',
  'lr',
  'epochs',
  'batch',
  'seed',
  'log-every'
]
const CHOICE_OPTIONS: Record<string, string[]> = {
  preset: ['', 'SEED-NOTEBOOK', 'seed-notebook ', 'seed_notebook', '💥'],
  dataset: ['', 'Circles', 'circles ', 'csv', 'circles,xor', '../circles', '💥'],
  activation: ['', 'RELU', 'relu,', ',relu', 'relu,,relu', 'sigmoid;relu', 'relu\u0000', '💥'],
  init: ['', 'HE', 'he ', 'zeros', '💥'],
  optimizer: ['', 'SGD', 'adam ', 'adamw', '💥'],
  layers: [
    '',
    ',',
    '2,,1',
    '2,4,1,',
    '2, 4 ,1',
    '2,-4,1',
    '2,4.5,1',
    '2,1e3,1',
    '2,99999999999999999999,1',
    '2;4;1',
    '2,４,1',
    '1,1',
    '2,4,0',
    '💥'
  ]
}

describe('every train option against hostile values', () => {
  beforeAll(() => {
    tally.runs = tally.accepted = tally.refused = 0
  })
  afterAll(() => {
    console.log(
      `CLI sweep (train options): ${tally.runs} invocations, ${tally.refused} refused with one line and exit 2, ${tally.accepted} accepted (exit 0), 0 internal errors`
    )
  })

  for (const option of NUMBER_OPTIONS) {
    it(`--${option}`, async () => {
      for (const value of HOSTILE) {
        for (const argv of [
          ['train', ...SMALL, `--${option}=${value}`],
          ['train', ...SMALL, `--${option}`, value]
        ]) {
          const ran = await cli(argv)
          expectHandled(ran, argv)
          // Not-a-number spellings are refused outright, naming the option.
          if (/^(|\s+|NaN|nan|Infinity|-Infinity|inf|💥|12abc)$/.test(value)) {
            expect(ran.code, JSON.stringify(argv)).toBe(2)
            expect(ran.stderr, JSON.stringify(argv)).toContain(`--${option}`)
          }
        }
      }
    })
  }

  for (const [option, values] of Object.entries(CHOICE_OPTIONS)) {
    it(`--${option}`, async () => {
      for (const value of values) {
        const argv = ['train', ...SMALL, `--${option}=${value}`]
        expectHandled(await cli(argv), argv)
      }
    })
  }

  it('option syntax: missing values, flags with values, unknown and repeated options', async () => {
    for (const argv of [
      ['train', '--lr'],
      ['train', '--json=yes'],
      ['train', '--json=', ...SMALL],
      ['train', '--learning-rate', '1'],
      ['train', '-x'],
      ['train', '---lr', '1'],
      ['train', '--', '--lr', '1'],
      ['train', 'extra'],
      ['train', ...SMALL, '--lr', '0.1', '--lr', '0.2'],
      ['train', '--out'],
      ['train', '--data'],
      ['predict'],
      ['predict', '--json'],
      ['eval'],
      ['eval', 'a.nnlab', 'b.nnlab'],
      ['export'],
      ['export', 'numpy'],
      ['export', '💥', 'a.nnlab'],
      ['export', 'NUMPY', 'a.nnlab'],
      ['💥'],
      [''],
      []
    ]) {
      expectHandled(await cli(argv), argv)
    }
  })
})

describe('files: the wrong kind of path', () => {
  const unicodeFolder = join(dir, 'données 学習 🧠')
  let session = ''

  beforeAll(async () => {
    mkdirSync(unicodeFolder)
    mkdirSync(join(dir, 'a-folder.nnlab'))
    mkdirSync(join(dir, 'a-folder.csv'))
    writeFileSync(join(dir, 'plain-file'), 'not a folder')
    writeFileSync(join(dir, 'empty.nnlab'), '')
    writeFileSync(join(dir, 'empty.csv'), '')
    writeFileSync(join(dir, 'header-only.csv'), 'x1,x2,label\n')
    writeFileSync(join(dir, 'nan.csv'), 'x1,x2,label\nNaN,1,0\n')
    writeFileSync(join(dir, 'overflow.csv'), 'x1,x2,label\n1e400,1,0\n')
    writeFileSync(join(dir, 'binary.nnlab'), Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x9c, 0x80]))
    writeFileSync(
      join(unicodeFolder, 'points ✓.csv'),
      'x1,x2,label\n0.1,0.2,0\n1.5,1.5,1\n-2,0,1\n'
    )
    // A real session at a unicode path, made by the CLI itself.
    session = join('données 学習 🧠', 'modèle ✓.nnlab')
    const made = await cli(['train', ...SMALL, '--out', session])
    expect(made.code).toBe(0)
  })

  it('unicode paths work everywhere', async () => {
    const points = join('données 学習 🧠', 'points ✓.csv')
    for (const argv of [
      ['predict', session, '--data', points, '--json'],
      ['eval', session],
      ['eval', session, '--data', points],
      ['export', 'numpy', session, '--out', join('données 学習 🧠', 'modèle ✓.py')],
      ['train', ...SMALL_DATA, '--data', points, '--out', join('données 学習 🧠', 'again ✓.nnlab')]
    ]) {
      const ran = await cli(argv)
      expect(ran.code, `${JSON.stringify(argv)}: ${ran.stderr}`).toBe(0)
    }
    const reopened = parseSession(
      readFileSync(join(dir, 'données 学習 🧠', 'again ✓.nnlab'), 'utf8')
    )
    expect(reopened.ok).toBe(true)
  })

  it('folders, empty, binary and malformed files are refused in one line', async () => {
    const cases: [string[], RegExp][] = [
      [['eval', 'a-folder.nnlab'], /folder/],
      [['predict', 'a-folder.nnlab', '--data', 'empty.csv'], /folder/],
      [['predict', session, '--data', 'a-folder.csv'], /folder/],
      [['train', ...SMALL_DATA, '--data', 'a-folder.csv'], /folder/],
      [['eval', session, '--data', 'a-folder.csv'], /folder/],
      [['eval', 'empty.nnlab'], /empty/i],
      [['eval', 'binary.nnlab'], /JSON|session/],
      [['train', ...SMALL_DATA, '--data', 'empty.csv'], /no data rows/],
      [['train', ...SMALL_DATA, '--data', 'header-only.csv'], /no data rows/],
      [['train', ...SMALL_DATA, '--data', 'nan.csv'], /only missing values/],
      [['train', ...SMALL_DATA, '--data', 'overflow.csv'], /not a number/],
      [['predict', session, '--data', 'nan.csv'], /only missing values/],
      [['eval', join('plain-file', 'x.nnlab')], /not a folder|no such/],
      [['train', ...SMALL, '--out', 'a-folder.nnlab'], /folder/],
      [['train', ...SMALL, '--out', join('plain-file', 'x.nnlab')], /folder|does not exist/],
      [['export', 'weights', session, '--out', 'a-folder.nnlab'], /folder/],
      [['export', 'numpy', session, '--out', join('plain-file', 'x.py')], /folder|does not exist/]
    ]
    for (const [argv, message] of cases) {
      const ran = await cli(argv)
      expectHandled(ran, argv)
      expect(ran.code, JSON.stringify(argv)).toBe(2)
      expect(ran.stderr, JSON.stringify(argv)).toMatch(message)
    }
    // The folder given as --out is still a folder, untouched.
    expect(() => readFileSync(join(dir, 'a-folder.nnlab'))).toThrow(/EISDIR/)
  })
})

describe('files that never end or never answer', () => {
  let cliBundle = ''
  beforeAll(() => {
    // The real command as one plain script (a bare `node` start; no TypeScript loader).
    cliBundle = join(dir, 'nn-lab.cjs')
    buildSync({
      entryPoints: [join(__dirname, '../../src/cli/index.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      outfile: cliBundle,
      logLevel: 'error'
    })
    execFileSync('mkfifo', [join(dir, 'pipe.nnlab')])
  })

  /** Runs the command; kills it after `ms` and reports a hang, with its peak memory. */
  function runWithin(args: string[], ms: number): Promise<CliRun & { hung: boolean }> {
    return new Promise((resolve) => {
      const proc = spawn(process.execPath, [cliBundle, ...args], { cwd: dir })
      let stdout = ''
      let stderr = ''
      let hung = false
      proc.stdout.on('data', (c: Buffer) => (stdout += c.toString()))
      proc.stderr.on('data', (c: Buffer) => (stderr += c.toString()))
      const timer = setTimeout(() => {
        hung = true
        proc.kill('SIGKILL')
      }, ms)
      proc.on('exit', (code) => {
        clearTimeout(timer)
        resolve({ code: code ?? -1, stdout, stderr, hung })
      })
    })
  }

  for (const [name, args] of [
    ['a FIFO as SESSION', ['eval', 'pipe.nnlab']],
    ['/dev/zero as SESSION (endless)', ['eval', '/dev/zero']],
    ['/dev/zero as --data', ['train', '--epochs', '2', '--data', '/dev/zero']]
  ] as [string, string[]][]) {
    it(`${name}: refused promptly, not read forever`, { timeout: 20_000 }, async () => {
      const ran = await runWithin(args, 5000)
      expect(ran.hung, `${args.join(' ')} was still running after 5 s`).toBe(false)
      expect(ran.code).toBe(2)
      expect(ran.stderr).toMatch(/^nn-lab: [^\n]+\n$/)
    })
  }
})

describe('--out onto a full disk', () => {
  it('says the disk is full (exit 2) and leaves no truncated session', async (ctx) => {
    if (process.getuid?.() !== 0) {
      console.log('CLI --out on a full disk: skipped (needs root to mount a small tmpfs)')
      ctx.skip()
      return
    }
    const disk = join(dir, 'tiny-disk')
    mkdirSync(disk)
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', disk], { stdio: 'ignore' })
    } catch {
      console.log('CLI --out on a full disk: skipped (mount not permitted here)')
      ctx.skip()
      return
    }
    mounts.push(disk)
    const argv = [
      'train',
      '--samples',
      '4000',
      '--epochs',
      '1',
      '--out',
      join('tiny-disk', 'big.nnlab')
    ]
    const ran = await cli(argv)
    let onDisk: string | null = null
    try {
      onDisk = readFileSync(join(disk, 'big.nnlab'), 'utf8')
    } catch {
      onDisk = null
    }
    // Whatever happened, a session file that exists must be whole.
    if (onDisk !== null) {
      expect(
        parseSession(onDisk).ok,
        `exit ${ran.code}, but big.nnlab is ${onDisk.length} bytes and does not load`
      ).toBe(true)
    }
    expect(ran.code).toBe(2)
    expect(ran.stderr).toMatch(/disk is full/)
  })
})
