// Remembering the window's size and position between launches, without ever restoring it off
// screen (a monitor that was unplugged, a smaller display).
import { renameSync, rmSync, writeFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { z } from 'zod'

export const DEFAULT_SIZE = { width: 1280, height: 820 }
export const MIN_SIZE = { width: 1024, height: 700 }

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface SavedWindowState {
  bounds: Rect
  maximized: boolean
}

const rectSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive()
})
const savedSchema = z.object({ bounds: rectSchema, maximized: z.boolean() })

function overlapArea(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)
  return width > 0 && height > 0 ? width * height : 0
}

/** The bounds to open with: the saved ones if at least half the window lands on a display
 *  (clamped to the minimum size and to that display), else the default size, centred. */
export function restoreBounds(
  saved: SavedWindowState | null,
  workAreas: Rect[]
): { bounds: Partial<Rect> & { width: number; height: number }; maximized: boolean } {
  if (!saved) return { bounds: { ...DEFAULT_SIZE }, maximized: false }
  const { bounds } = saved
  const best = workAreas
    .map((area) => ({ area, overlap: overlapArea(bounds, area) }))
    .sort((a, b) => b.overlap - a.overlap)[0]
  if (!best || best.overlap < (bounds.width * bounds.height) / 2) {
    return { bounds: { ...DEFAULT_SIZE }, maximized: saved.maximized }
  }
  const width = Math.min(Math.max(bounds.width, MIN_SIZE.width), best.area.width)
  const height = Math.min(Math.max(bounds.height, MIN_SIZE.height), best.area.height)
  const x = Math.min(Math.max(bounds.x, best.area.x), best.area.x + best.area.width - width)
  const y = Math.min(Math.max(bounds.y, best.area.y), best.area.y + best.area.height - height)
  return { bounds: { x, y, width, height }, maximized: saved.maximized }
}

export async function loadWindowState(path: string): Promise<SavedWindowState | null> {
  try {
    const parsed = savedSchema.safeParse(JSON.parse(await readFile(path, 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

/** Saves synchronously, from the window's 'close' event: an async write would still be under
 *  way when the app quits (nothing waits for it), leaving no state or a stray temp file. A few
 *  dozen bytes written and renamed: the old file or the new one, never half of one. */
export function saveWindowStateSync(path: string, state: SavedWindowState): void {
  const temp = `${path}.${process.pid}.tmp`
  try {
    writeFileSync(temp, JSON.stringify(state))
    renameSync(temp, path)
  } catch {
    // Forgetting the window size is harmless; leaving a temp file behind is not.
    rmSync(temp, { force: true })
  }
}
