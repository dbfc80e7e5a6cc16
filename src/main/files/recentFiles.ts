// The Open Recent list, persisted as a small JSON file in the app's data folder. A damaged or
// missing file simply means an empty list: it is a convenience, never a reason to fail.
import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { z } from 'zod'
import type { RecentFile } from '../../shared/protocol/labApi'
import { writeFileSafely } from './atomicWrite'

export const MAX_RECENT = 10

const recentListSchema = z.array(
  z.object({ path: z.string().min(1), name: z.string(), openedAt: z.string() })
)

export class RecentFiles {
  private items: RecentFile[] = []
  private loaded = false

  constructor(
    private readonly storePath: string,
    private readonly limit = MAX_RECENT,
    private readonly clock: () => Date = () => new Date()
  ) {}

  async list(): Promise<RecentFile[]> {
    await this.load()
    return this.items.map((item) => ({ ...item }))
  }

  /** Puts `path` first (once), trimming the list to its limit. */
  async add(path: string): Promise<RecentFile[]> {
    await this.load()
    const entry: RecentFile = { path, name: basename(path), openedAt: this.clock().toISOString() }
    this.items = [entry, ...this.items.filter((item) => item.path !== path)].slice(0, this.limit)
    await this.persist()
    return this.list()
  }

  async remove(path: string): Promise<RecentFile[]> {
    await this.load()
    this.items = this.items.filter((item) => item.path !== path)
    await this.persist()
    return this.list()
  }

  async clear(): Promise<void> {
    this.items = []
    this.loaded = true
    await this.persist()
  }

  private async load(): Promise<void> {
    if (this.loaded) return
    this.loaded = true
    try {
      const parsed = recentListSchema.safeParse(JSON.parse(await readFile(this.storePath, 'utf8')))
      this.items = parsed.success ? parsed.data.slice(0, this.limit) : []
    } catch {
      this.items = []
    }
  }

  private async persist(): Promise<void> {
    try {
      await writeFileSafely(this.storePath, JSON.stringify(this.items, null, 2), { backup: false })
    } catch {
      // The in-memory list still works for this session; losing it on disk costs nothing.
    }
  }
}
