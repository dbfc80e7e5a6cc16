// The window title with the platform's unsaved mark, and the close/quit handshake with the
// renderer ("you have unsaved changes" is the renderer's dialog; main only asks and waits).

export interface DocumentState {
  title: string
  dirty: boolean
}

/** macOS shows the unsaved mark in the close button (setDocumentEdited), so the title stays
 *  clean there; Windows and Linux apps mark it with a leading asterisk. */
export function windowTitle(
  state: DocumentState,
  platform: NodeJS.Platform,
  appName: string
): string {
  const name = state.title.trim()
  const base = name ? `${name} — ${appName}` : appName
  return state.dirty && platform !== 'darwin' ? `*${base}` : base
}

export type CloseDecision = 'close' | 'ask'

/** Decides whether a window may close, asking the renderer when there are unsaved changes. */
export class CloseGuard {
  dirty = false
  /** Set by before-quit: a positive answer then quits the app rather than closing a window. */
  quitting = false
  private allowedOnce = false
  private asking = false

  /** Called from the window's 'close' event. 'ask' means: prevent it and ask the renderer. */
  attempt(): CloseDecision {
    if (!this.dirty || this.allowedOnce) return 'close'
    this.asking = true
    return 'ask'
  }

  get waitingForAnswer(): boolean {
    return this.asking
  }

  /** The renderer's answer. Returns what to do next. */
  answer(allow: boolean): 'close' | 'quit' | 'stay' {
    if (!this.asking) return 'stay'
    this.asking = false
    if (!allow) {
      this.quitting = false
      return 'stay'
    }
    this.allowedOnce = true
    return this.quitting ? 'quit' : 'close'
  }
}
