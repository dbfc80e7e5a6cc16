// What the browser host keeps in localStorage: the recent-files list (with each file's last
// text, so Open Recent works without a path) and the crash-recovery copy of the open session.
import type { RecentFile } from '../shared/protocol/labApi'

export const RECENT_KEY = 'nnlab:recent'
export const RECENT_TEXT_PREFIX = 'nnlab:recent-text:'
export const RECOVERY_KEY = 'nnlab:recovery'
export const MAX_RECENT = 8

function isRecentFile(value: unknown): value is RecentFile {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  return (
    typeof entry.path === 'string' &&
    typeof entry.name === 'string' &&
    typeof entry.openedAt === 'string'
  )
}

/** localStorage may be missing, full or disabled: every access degrades to "nothing kept". */
export class WebStorage {
  constructor(private readonly storage: Storage | null) {}

  private read(key: string): string | null {
    try {
      return this.storage?.getItem(key) ?? null
    } catch {
      return null
    }
  }

  /** False when the browser refused (quota, privacy mode). */
  private write(key: string, value: string): boolean {
    if (!this.storage) return false
    try {
      this.storage.setItem(key, value)
      return true
    } catch {
      return false
    }
  }

  private remove(key: string): void {
    try {
      this.storage?.removeItem(key)
    } catch {
      // Nothing to do: the entry simply stays.
    }
  }

  listRecent(): RecentFile[] {
    const raw = this.read(RECENT_KEY)
    if (!raw) return []
    try {
      const parsed: unknown = JSON.parse(raw)
      return Array.isArray(parsed) ? parsed.filter(isRecentFile).slice(0, MAX_RECENT) : []
    } catch {
      return []
    }
  }

  /** Puts the file first in the recent list and remembers its text for Open Recent. */
  addRecent(path: string, name: string, text: string, now: Date): void {
    const previous = this.listRecent().filter((entry) => entry.path !== path)
    const list = [{ path, name, openedAt: now.toISOString() }, ...previous]
    for (const dropped of list.slice(MAX_RECENT)) this.remove(RECENT_TEXT_PREFIX + dropped.path)
    const kept = list.slice(0, MAX_RECENT)
    this.write(RECENT_KEY, JSON.stringify(kept))
    // A text too big for the quota is simply not kept: the entry then asks for the picker.
    if (!this.write(RECENT_TEXT_PREFIX + path, text)) this.remove(RECENT_TEXT_PREFIX + path)
  }

  recentText(path: string): string | null {
    return this.read(RECENT_TEXT_PREFIX + path)
  }

  clearRecent(): void {
    for (const entry of this.listRecent()) this.remove(RECENT_TEXT_PREFIX + entry.path)
    this.remove(RECENT_KEY)
  }

  readRecovery(): string | null {
    return this.read(RECOVERY_KEY)
  }

  writeRecovery(text: string): boolean {
    return this.write(RECOVERY_KEY, text)
  }

  discardRecovery(): void {
    this.remove(RECOVERY_KEY)
  }
}
