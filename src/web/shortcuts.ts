// The browser has no application menu, so the File menu's accelerators become keyboard
// shortcuts that send the same MenuCommands the Electron menu sends.
import type { MenuCommand } from '../shared/protocol/labApi'

export interface ShortcutKey {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  shiftKey: boolean
  altKey: boolean
}

/** Ctrl (or Cmd on a Mac) + N/O/S/Shift+S/E → the matching command; anything else → null. */
export function menuCommandForKey(event: ShortcutKey): MenuCommand | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null
  const key = event.key.toLowerCase()
  if (key === 's') return event.shiftKey ? 'save-session-as' : 'save-session'
  if (event.shiftKey) return null
  if (key === 'n') return 'new-session'
  if (key === 'o') return 'open-session'
  if (key === 'e') return 'export-figure-combined'
  return null
}
