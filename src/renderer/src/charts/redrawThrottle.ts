// Live views get new data up to 30 times a second; most need not redraw that often, and none
// needs to redraw while it cannot be seen (another view is open, or the panel is scrolled away).
// A RedrawThrottle runs `draw` on an animation frame at most once per `minIntervalMs`, coalescing
// requests in between, and holds requests while hidden (one redraw when it shows again).
//
// A request inside the interval waits for the next request after it (the next progress event,
// while training) rather than for a timer of its own: the redraw then lands in the frame that
// event's other changes make anyway, instead of costing the page a frame of its own (issue 14).
// Only when no request follows (training paused) does a timer draw it, LATE_DRAW_MS later.

import { MAX_PROGRESS_PER_SECOND } from '@shared/protocol/trainerMessages'

export interface ThrottleClock {
  now(): number
  requestFrame(callback: () => void): number
  cancelFrame(handle: number): void
  setTimeout(callback: () => void, ms: number): ReturnType<typeof setTimeout>
  clearTimeout(handle: ReturnType<typeof setTimeout>): void
}

const browserClock: ThrottleClock = {
  now: () => performance.now(),
  requestFrame: (callback) => requestAnimationFrame(() => callback()),
  cancelFrame: (handle) => cancelAnimationFrame(handle),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle)
}

/** Draws in a task of its own instead of an animation frame. The page rasterises a canvas's
 *  new drawing in the frame after it: drawn inside a frame's callback, the drawing and its
 *  rasterising are one task (thousands of points: two halves of ~30 ms each, issue 14). */
export const taskClock: ThrottleClock = {
  ...browserClock,
  requestFrame: (callback) => setTimeout(callback, 0) as unknown as number,
  cancelFrame: (handle) => clearTimeout(handle)
}

/** How long past its interval an owed redraw waits for a following request: one progress
 *  interval. */
export const LATE_DRAW_MS = Math.ceil(1000 / MAX_PROGRESS_PER_SECOND)

export class RedrawThrottle {
  private lastDrawAt = -Infinity
  private frame = 0
  private timer: ReturnType<typeof setTimeout> | null = null
  private visible = true
  /** A request came while hidden: draw once on showing. */
  private stale = false

  constructor(
    private readonly draw: () => void,
    private readonly minIntervalMs: number,
    private readonly clock: ThrottleClock = browserClock
  ) {}

  /** Asks for a redraw: on the next frame, or once the interval since the last one has passed. */
  request(): void {
    if (!this.visible) {
      this.stale = true
      return
    }
    if (this.frame) return
    const wait = this.lastDrawAt + this.minIntervalMs - this.clock.now()
    if (wait <= 0) {
      if (this.timer !== null) this.clock.clearTimeout(this.timer)
      this.timer = null
      this.requestFrame()
    } else if (this.timer === null) {
      this.timer = this.clock.setTimeout(() => {
        this.timer = null
        this.requestFrame()
      }, wait + LATE_DRAW_MS)
    }
  }

  /** Redraws on the next frame whatever the interval (resize, hover, theme). */
  requestNow(): void {
    if (!this.visible) {
      this.stale = true
      return
    }
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    if (!this.frame) this.requestFrame()
  }

  setVisible(visible: boolean): void {
    this.visible = visible
    if (!visible) {
      this.cancel()
      return
    }
    if (this.stale) {
      this.stale = false
      this.requestNow()
    }
  }

  cancel(): void {
    if (this.frame) this.clock.cancelFrame(this.frame)
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    // Whatever was pending is still owed when the view shows again.
    if (this.frame || this.timer !== null) this.stale = true
    this.frame = 0
    this.timer = null
  }

  private requestFrame(): void {
    this.frame = this.clock.requestFrame(() => {
      this.frame = 0
      this.lastDrawAt = this.clock.now()
      this.draw()
    })
  }
}

/** Calls `onChange(visible)` as `element` enters or leaves the viewport (display: none counts
 *  as hidden). Returns the disconnect function. Where IntersectionObserver is missing, the element
 *  counts as always visible. */
export function observeVisibility(
  element: Element,
  onChange: (visible: boolean) => void
): () => void {
  if (typeof IntersectionObserver === 'undefined') return () => {}
  const observer = new IntersectionObserver((entries) => {
    const entry = entries[entries.length - 1]
    if (entry) onChange(entry.isIntersecting)
  })
  observer.observe(element)
  return () => observer.disconnect()
}
