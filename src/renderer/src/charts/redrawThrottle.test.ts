import { afterEach, describe, expect, it, vi } from 'vitest'
import { LATE_DRAW_MS, RedrawThrottle, taskClock, type ThrottleClock } from './redrawThrottle'

/** A clock the test moves by hand: frames run at 60 Hz, timers when their time comes. */
function manualClock() {
  let now = 0
  let nextId = 1
  const frames = new Map<number, () => void>()
  const timers = new Map<number, { at: number; run: () => void }>()
  const clock: ThrottleClock = {
    now: () => now,
    requestFrame(callback) {
      const id = nextId++
      frames.set(id, callback)
      return id
    },
    cancelFrame: (id) => frames.delete(id),
    setTimeout(callback, ms) {
      const id = nextId++
      timers.set(id, { at: now + ms, run: callback })
      return id as unknown as ReturnType<typeof setTimeout>
    },
    clearTimeout: (id) => timers.delete(id as unknown as number)
  }
  function advance(ms: number): void {
    const end = now + ms
    while (now < end) {
      now = Math.min(end, now + 1000 / 60)
      for (const [id, timer] of [...timers]) {
        if (timer.at <= now) {
          timers.delete(id)
          timer.run()
        }
      }
      const due = [...frames.values()]
      frames.clear()
      for (const frame of due) frame()
    }
  }
  return { clock, advance, now: () => now }
}

describe('RedrawThrottle', () => {
  it('coalesces 30 requests a second into at most 10 draws', () => {
    const { clock, advance } = manualClock()
    let draws = 0
    const throttle = new RedrawThrottle(() => draws++, 100, clock)
    for (let i = 0; i < 30; i++) {
      throttle.request()
      advance(1000 / 30)
    }
    expect(draws).toBeGreaterThanOrEqual(8)
    expect(draws).toBeLessThanOrEqual(10)
  })

  it('draws on the next frame when idle, and the last request is never lost', () => {
    const { clock, advance } = manualClock()
    let draws = 0
    const throttle = new RedrawThrottle(() => draws++, 100, clock)
    throttle.request()
    advance(17)
    expect(draws).toBe(1)
    throttle.request() // inside the interval: waits, then draws
    advance(50)
    expect(draws).toBe(1)
    advance(100)
    expect(draws).toBe(2)
  })

  it('draws in the frame after a request (the frame a progress event makes), not on a timer', () => {
    const { clock, advance, now } = manualClock()
    const requests: number[] = []
    const draws: number[] = []
    const throttle = new RedrawThrottle(() => draws.push(now()), 150, clock)
    // Progress events 30 times a second, at times that fall between frames.
    for (let i = 0; i < 60; i++) {
      requests.push(now())
      throttle.request()
      advance(1000 / 30 + 0.7)
    }
    expect(draws.length).toBeGreaterThanOrEqual(10) // ~2 s at one draw per 150–184 ms
    for (const at of draws) {
      const lastRequest = Math.max(...requests.filter((r) => r <= at))
      expect(at - lastRequest).toBeLessThanOrEqual(1000 / 60 + 1e-9)
    }
    for (let i = 1; i < draws.length; i++)
      expect(draws[i] - draws[i - 1]).toBeGreaterThanOrEqual(150)
    // The last request, with none after it (training paused), is drawn by its timer.
    const last = draws.length
    throttle.request()
    advance(150 + LATE_DRAW_MS + 20)
    expect(draws.length).toBe(last + 1)
  })

  it('does not draw while hidden, and draws once on showing again', () => {
    const { clock, advance } = manualClock()
    let draws = 0
    const throttle = new RedrawThrottle(() => draws++, 100, clock)
    throttle.setVisible(false)
    for (let i = 0; i < 20; i++) {
      throttle.request()
      advance(50)
    }
    expect(draws).toBe(0)
    throttle.setVisible(true)
    advance(20)
    expect(draws).toBe(1)
    // Hiding with a draw pending keeps it owed.
    throttle.request()
    throttle.request()
    advance(20)
    throttle.request()
    throttle.setVisible(false)
    advance(500)
    const before = draws
    throttle.setVisible(true)
    advance(20)
    expect(draws).toBe(before + 1)
  })
})

describe('taskClock', () => {
  afterEach(() => vi.useRealTimers())

  it('draws in a task of its own (a timer, where no animation frame exists), and a cancel stops it', () => {
    vi.useFakeTimers()
    let draws = 0
    const throttle = new RedrawThrottle(() => draws++, 0, taskClock)
    throttle.request()
    throttle.request()
    expect(draws).toBe(0)
    vi.advanceTimersByTime(0)
    expect(draws).toBe(1)
    throttle.request()
    throttle.cancel()
    vi.advanceTimersByTime(10)
    expect(draws).toBe(1)
  })
})
