import { execFileSync } from 'node:child_process'
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  utimesSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  backupPath,
  removeOrphanedTemporaries,
  STALE_TEMPORARY_MS,
  writeFileSafely
} from './atomicWrite'
import { FileError } from './fileErrors'
import { readTextLimited } from './readLimited'
import { RecentFiles } from './recentFiles'
import { RecoveryStore } from './recoveryStore'

let dir: string
const cleanups: (() => void)[] = []

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nnlab-files-'))
})

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
  rmSync(dir, { recursive: true, force: true })
})

/** Makes `folder` refuse new files, even for root (who ignores permission bits): chattr +i. */
function makeReadOnly(folder: string): boolean {
  if (process.getuid?.() !== 0) {
    chmodSync(folder, 0o555)
    cleanups.push(() => chmodSync(folder, 0o755))
    return true
  }
  try {
    execFileSync('chattr', ['+i', folder], { stdio: 'ignore' })
    cleanups.push(() => execFileSync('chattr', ['-i', folder], { stdio: 'ignore' }))
    return true
  } catch {
    return false
  }
}

describe('writeFileSafely', () => {
  it('writes a new file without a backup', async () => {
    const file = join(dir, 'a.nnlab')
    await writeFileSafely(file, 'first')
    expect(readFileSync(file, 'utf8')).toBe('first')
    expect(existsSync(backupPath(file))).toBe(false)
  })

  it('keeps the replaced version as .bak and leaves no temporary files', async () => {
    const file = join(dir, 'a.nnlab')
    await writeFileSafely(file, 'first')
    await writeFileSafely(file, 'second')
    await writeFileSafely(file, 'third')
    expect(readFileSync(file, 'utf8')).toBe('third')
    expect(readFileSync(backupPath(file), 'utf8')).toBe('second')
    expect(readdirSync(dir).sort()).toEqual(['a.nnlab', 'a.nnlab.bak'])
  })

  it('removes temporary files left by a writer that was killed, not those of live ones', async () => {
    const file = join(dir, 'a.nnlab')
    // A pid far above any real one stands for a process that died mid-save.
    const orphan = '.a.nnlab.999999999.0123abcd.tmp'
    const orphanBackup = '.a.nnlab.bak.999999999.89abcdef.tmp'
    const live = `.a.nnlab.${process.ppid}.fedcba98.tmp`
    const unrelated = '.b.nnlab.999999999.0123abcd.tmp'
    for (const name of [orphan, orphanBackup, live, unrelated]) writeFileSync(join(dir, name), 'x')
    await writeFileSafely(file, 'saved')
    expect(readdirSync(dir).sort()).toEqual([live, unrelated, 'a.nnlab'].sort())
  })

  it('removes a temporary file older than a minute even when its pid is alive (pids are reused)', async () => {
    const file = join(dir, 'a.nnlab')
    const old = `.a.nnlab.${process.ppid}.00000001.tmp`
    const fresh = `.a.nnlab.${process.ppid}.00000002.tmp`
    const ownFresh = `.a.nnlab.${process.pid}.00000003.tmp`
    const notOurs = `.a.nnlab.${process.ppid}.tmp`
    for (const name of [old, fresh, ownFresh, notOurs]) writeFileSync(join(dir, name), 'x')
    const twoMinutesAgo = new Date(Date.now() - 2 * STALE_TEMPORARY_MS)
    for (const name of [old, notOurs]) utimesSync(join(dir, name), twoMinutesAgo, twoMinutesAgo)
    // As at launch: no save, just the clean-up beside a recent file.
    await removeOrphanedTemporaries(file)
    expect(readdirSync(dir).sort()).toEqual([fresh, notOurs, ownFresh].sort())
    await removeOrphanedTemporaries(join(dir, 'missing-folder', 'x.nnlab')) // never throws
  })

  it('writes bytes exactly', async () => {
    const file = join(dir, 'figure.png')
    const bytes = new Uint8Array([137, 80, 78, 71, 0, 255, 13, 10])
    await writeFileSafely(file, bytes.subarray(2, 6))
    expect([...readFileSync(file)]).toEqual([78, 71, 0, 255])
  })

  it('fails in a read-only folder with one sentence and leaves the old file intact', async (ctx) => {
    const folder = join(dir, 'locked')
    mkdirSync(folder)
    const file = join(folder, 'model.nnlab')
    writeFileSync(file, 'precious')
    if (!makeReadOnly(folder)) ctx.skip('cannot make a folder read-only here (no chattr as root)')
    const error = await writeFileSafely(file, 'new contents').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(FileError)
    const message = (error as FileError).message
    expect(message).toMatch(/permission|read-only/)
    expect(message).toContain('model.nnlab')
    expect(message).toContain('previous version is unchanged')
    expect(message).not.toContain('\n')
    expect(readFileSync(file, 'utf8')).toBe('precious')
  })

  it('reports a missing folder', async () => {
    const error = await writeFileSafely(join(dir, 'gone', 'x.nnlab'), 'x').catch((e: unknown) => e)
    expect((error as FileError).message).toMatch(/folder for “x.nnlab” no longer exists/)
  })
})

describe('readTextLimited', () => {
  it('reads UTF-8 text', async () => {
    const file = join(dir, 'data.csv')
    writeFileSync(file, 'x1,x2,label\n0.5,−1,1\n')
    expect(await readTextLimited(file)).toBe('x1,x2,label\n0.5,−1,1\n')
  })

  it('refuses a file over the limit with its size in the message', async () => {
    const file = join(dir, 'big.csv')
    writeFileSync(file, Buffer.alloc(3 * 1024 * 1024, 65))
    await expect(readTextLimited(file, 2 * 1024 * 1024)).rejects.toThrow(
      '“big.csv” is 3 MB; NN Lab opens files up to 2 MB.'
    )
  })

  it('names a missing file and a folder', async () => {
    await expect(readTextLimited(join(dir, 'nope.nnlab'))).rejects.toThrow(
      /“nope.nnlab” no longer exists/
    )
    await expect(readTextLimited(dir)).rejects.toThrow(/is a folder/)
  })
})

describe('RecentFiles', () => {
  it('keeps the most recent first, once each, up to the limit, across instances', async () => {
    const store = join(dir, 'recent.json')
    let tick = 0
    const recent = new RecentFiles(store, 3, () => new Date(Date.UTC(2026, 0, 1, 0, 0, tick++)))
    await recent.add('/a/one.nnlab')
    await recent.add('/a/two.nnlab')
    await recent.add('/a/one.nnlab')
    await recent.add('/a/three.nnlab')
    await recent.add('/a/four.nnlab')
    const list = await recent.list()
    expect(list.map((f) => f.name)).toEqual(['four.nnlab', 'three.nnlab', 'one.nnlab'])
    expect(list[0]).toEqual({
      path: '/a/four.nnlab',
      name: 'four.nnlab',
      openedAt: '2026-01-01T00:00:04.000Z'
    })
    const reloaded = new RecentFiles(store, 3)
    expect(await reloaded.list()).toEqual(list)
    await reloaded.remove('/a/three.nnlab')
    expect((await new RecentFiles(store).list()).map((f) => f.name)).toEqual([
      'four.nnlab',
      'one.nnlab'
    ])
  })

  it('clears, and treats a damaged store as empty', async () => {
    const store = join(dir, 'recent.json')
    const recent = new RecentFiles(store)
    await recent.add('/x.nnlab')
    await recent.clear()
    expect(await new RecentFiles(store).list()).toEqual([])
    writeFileSync(store, '{"not": "a list"')
    expect(await new RecentFiles(store).list()).toEqual([])
    writeFileSync(store, JSON.stringify([{ path: 42 }]))
    expect(await new RecentFiles(store).list()).toEqual([])
  })
})

describe('RecoveryStore', () => {
  it('hands a leftover copy out once, and keeps new autosaves until discarded', async () => {
    const folder = join(dir, 'recovery')
    const first = new RecoveryStore(folder)
    await first.loadLeftover()
    expect(first.takeRecovery()).toBeNull()
    await first.save('{"autosaved": 1}')
    await first.save('{"autosaved": 2}')

    // Next launch after a crash: the copy is offered exactly once.
    const second = new RecoveryStore(folder)
    await second.loadLeftover()
    expect(second.takeRecovery()).toBe('{"autosaved": 2}')
    expect(second.takeRecovery()).toBeNull()

    // A clean save discards it: the launch after that offers nothing.
    await second.discard()
    const third = new RecoveryStore(folder)
    await third.loadLeftover()
    expect(third.takeRecovery()).toBeNull()
    expect(readdirSync(folder)).toEqual([])
  })

  it('reports a failed autosave as a FileError', async (ctx) => {
    const folder = join(dir, 'recovery')
    mkdirSync(folder)
    if (!makeReadOnly(folder)) ctx.skip('cannot make a folder read-only here (no chattr as root)')
    await expect(new RecoveryStore(folder).save('x')).rejects.toBeInstanceOf(FileError)
  })
})
