// Crash recovery: the renderer autosaves the open session every few seconds while it changes; main
// keeps the latest copy in `<userData>/recovery/` until a clean save or an explicit discard. A copy
// found at launch means the last run ended without saving; takeRecovery() hands it out once.
import { rmSync } from 'node:fs'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileSafely } from './atomicWrite'

export const RECOVERY_FILE = 'session.nnlab'

export class RecoveryStore {
  private leftover: string | null = null
  private readonly file: string

  constructor(private readonly folder: string) {
    this.file = join(folder, RECOVERY_FILE)
  }

  /** Call once at launch, before any autosave of this run overwrites the old copy. */
  async loadLeftover(): Promise<void> {
    try {
      const text = await readFile(this.file, 'utf8')
      this.leftover = text.length > 0 ? text : null
    } catch {
      this.leftover = null
    }
  }

  /** The copy left by the previous run, once; null afterwards or when there was none. */
  takeRecovery(): string | null {
    const text = this.leftover
    this.leftover = null
    return text
  }

  async save(text: string): Promise<void> {
    await mkdir(this.folder, { recursive: true })
    await writeFileSafely(this.file, text, { backup: false })
  }

  /** Forget the copy: after a clean save, when the user declines to restore, or on a clean quit. */
  async discard(): Promise<void> {
    this.leftover = null
    await rm(this.file, { force: true })
  }

  /** The same, synchronously: for will-quit, where async work would be cut short. */
  discardSync(): void {
    this.leftover = null
    rmSync(this.file, { force: true })
  }
}
