import { describe, expect, it } from 'vitest'
import type { TrainerStatus } from '../../shared/protocol/labApi'
import {
  CRASH_MESSAGE,
  GONE_MATCH_MS,
  HEALTHY_AFTER_MS,
  OOM_MESSAGE,
  REPLACE_TIMEOUT_MS,
  RESTART_DELAYS_MS,
  STARTUP_TIMEOUT_MS,
  TrainerHost,
  WORKER_READY,
  type TrainerProcessLike
} from './trainerHost'

class FakeProcess implements TrainerProcessLike {
  killed = false
  ports: unknown[] = []
  private exitListeners: ((code: number) => void)[] = []
  private messageListeners: ((message: unknown) => void)[] = []
  onExit(listener: (code: number) => void): void {
    this.exitListeners.push(listener)
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListeners.push(listener)
  }
  connect(port: unknown): void {
    this.ports.push(port)
  }
  kill(): void {
    this.killed = true
    this.exit(0)
  }
  exit(code: number): void {
    for (const listener of this.exitListeners) listener(code)
  }
  sayReady(): void {
    for (const listener of this.messageListeners) listener({ type: WORKER_READY })
  }
}

function setup(options: { window?: boolean } = {}) {
  let time = 0
  let channelCount = 0
  const timers = new Map<number, { at: number; callback: () => void }>()
  let nextTimer = 1
  const processes: FakeProcess[] = []
  const statuses: TrainerStatus[] = []
  const rendererPorts: unknown[] = []
  const host = new TrainerHost({
    spawn: () => {
      const child = new FakeProcess()
      processes.push(child)
      return child
    },
    createChannel: () => {
      channelCount++
      return { trainerEnd: `trainer-${channelCount}`, rendererEnd: `renderer-${channelCount}` }
    },
    sendPortToRenderer: (port) => {
      if (options.window === false) return false
      rendererPorts.push(port)
      return true
    },
    sendStatus: (status) => statuses.push(status),
    setTimeout: (callback, ms) => {
      const id = nextTimer++
      timers.set(id, { at: time + ms, callback })
      return id
    },
    clearTimeout: (handle) => timers.delete(handle as number),
    now: () => time
  })
  const advance = (ms: number): void => {
    const until = time + ms
    for (;;) {
      const due = [...timers.entries()]
        .filter(([, t]) => t.at <= until)
        .sort((a, b) => a[1].at - b[1].at)[0]
      if (!due) break
      timers.delete(due[0])
      time = due[1].at
      due[1].callback()
    }
    time = until
  }
  return { host, processes, statuses, rendererPorts, advance, pendingTimers: () => timers.size }
}

describe('TrainerHost', () => {
  it('connects a fresh channel to both ends once the worker is ready', () => {
    const t = setup()
    t.host.start()
    expect(t.statuses).toEqual([{ state: 'starting' }])
    expect(t.rendererPorts).toEqual([])
    t.processes[0].sayReady()
    expect(t.statuses.at(-1)).toEqual({ state: 'ready' })
    expect(t.rendererPorts).toEqual(['renderer-1'])
    expect(t.processes[0].ports).toEqual(['trainer-1'])
    // A page reload asks for a new line to the same process.
    t.host.connectRenderer()
    expect(t.rendererPorts).toEqual(['renderer-1', 'renderer-2'])
    expect(t.processes[0].ports).toEqual(['trainer-1', 'trainer-2'])
    expect(t.processes).toHaveLength(1)
  })

  it('keeps the trainer end when there is no window to take the other', () => {
    const t = setup({ window: false })
    t.host.start()
    t.processes[0].sayReady()
    expect(t.processes[0].ports).toEqual([])
  })

  it('tells the renderer in words when the trainer dies, and restarts it with growing backoff', () => {
    const t = setup()
    t.host.start()
    t.processes[0].sayReady()
    t.processes[0].exit(9)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
    expect(t.host.running).toBe(false)

    const spawnTimes: number[] = []
    let elapsed = 0
    for (let crash = 0; crash < RESTART_DELAYS_MS.length + 1; crash++) {
      // Nothing restarts before the delay is up...
      const before = t.processes.length
      const delay = RESTART_DELAYS_MS[Math.min(crash, RESTART_DELAYS_MS.length - 1)]
      t.advance(delay - 1)
      expect(t.processes.length).toBe(before)
      t.advance(1)
      elapsed += delay
      expect(t.processes.length).toBe(before + 1)
      spawnTimes.push(elapsed)
      expect(t.statuses.at(-1)).toEqual({ state: 'restarting', message: CRASH_MESSAGE })
      const child = t.processes.at(-1)!
      child.sayReady()
      expect(t.statuses.at(-1)).toEqual({ state: 'ready' })
      expect(t.rendererPorts.at(-1)).toBe(`renderer-${t.processes.length}`)
      child.exit(1) // and it crashes again straight away
    }
    expect(spawnTimes).toEqual([250, 1250, 3250, 8250, 18250, 28250])
  })

  it('starts the backoff over after a process was ready and lived a healthy while', () => {
    const t = setup()
    t.host.start()
    t.processes[0].exit(1)
    t.advance(RESTART_DELAYS_MS[0])
    t.processes[1].exit(1)
    t.advance(RESTART_DELAYS_MS[1])
    expect(t.processes).toHaveLength(3)
    // Alive long enough but never ready (stuck while starting): still a crash loop.
    t.advance(HEALTHY_AFTER_MS)
    t.processes[2].exit(1)
    t.advance(RESTART_DELAYS_MS[2] - 1)
    expect(t.processes).toHaveLength(3)
    t.advance(1)
    expect(t.processes).toHaveLength(4)
    // Ready, then killed after a healthy while: the next restart is quick again.
    t.processes[3].sayReady()
    t.advance(HEALTHY_AFTER_MS)
    t.processes[3].exit(1)
    t.advance(RESTART_DELAYS_MS[0])
    expect(t.processes).toHaveLength(5)
  })

  it('kills and restarts a trainer that never becomes ready', () => {
    const t = setup()
    t.host.start()
    t.advance(STARTUP_TIMEOUT_MS - 1)
    expect(t.processes[0].killed).toBe(false)
    t.advance(1)
    expect(t.processes[0].killed).toBe(true)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
    t.advance(RESTART_DELAYS_MS[0])
    expect(t.processes).toHaveLength(2)
    // A ready trainer is never killed by the startup timer.
    t.processes[1].sayReady()
    t.advance(STARTUP_TIMEOUT_MS * 2)
    expect(t.processes[1].killed).toBe(false)
    expect(t.processes).toHaveLength(2)
  })

  it('names running out of memory when Electron reports it, before or after the exit', () => {
    const t = setup()
    t.host.start()
    t.host.noteGone('oom')
    t.processes[0].exit(1)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: OOM_MESSAGE })

    const u = setup()
    u.host.start()
    u.processes[0].sayReady()
    u.processes[0].exit(1)
    expect(u.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
    u.advance(RESTART_DELAYS_MS[0] / 2)
    u.host.noteGone('oom')
    expect(u.statuses.at(-1)).toEqual({ state: 'crashed', message: OOM_MESSAGE })
    u.advance(RESTART_DELAYS_MS[0])
    expect(u.statuses.at(-1)).toEqual({ state: 'restarting', message: OOM_MESSAGE })
  })

  it('never attaches a reason to a later process than the one it was about', () => {
    const t = setup()
    t.host.start()
    t.processes[0].sayReady()
    t.processes[0].exit(1)
    t.advance(RESTART_DELAYS_MS[0])
    t.processes[1].sayReady()
    // #1's reason arrives once #2 is up (still within GONE_MATCH_MS of #1's exit): it is #1's,
    // too late to show, and not kept for #2.
    expect(RESTART_DELAYS_MS[0]).toBeLessThan(GONE_MATCH_MS)
    t.host.noteGone('oom')
    expect(t.statuses.at(-1)).toEqual({ state: 'ready' })
    t.processes[1].exit(1)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
    // A reason for the live process is used once, never carried to the next one.
    t.advance(RESTART_DELAYS_MS[1] + GONE_MATCH_MS)
    t.host.noteGone('oom')
    t.processes[2].exit(1)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: OOM_MESSAGE })
    t.advance(RESTART_DELAYS_MS[2] + GONE_MATCH_MS)
    t.processes[3].sayReady()
    t.processes[3].exit(1)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
  })

  it('a process replaced by restart() takes its reason with it', () => {
    const t = setup()
    t.host.start()
    t.processes[0].sayReady()
    t.host.restart()
    t.host.noteGone('killed') // the old one's reason, after its exit
    expect(t.processes).toHaveLength(2)
    t.processes[1].sayReady()
    t.processes[1].exit(1)
    expect(t.statuses.at(-1)).toEqual({ state: 'crashed', message: CRASH_MESSAGE })
  })

  it('restart() starts the new process only once the old one has exited', () => {
    const t = setup()
    t.host.start()
    t.processes[0].sayReady()
    t.processes[0].kill = function () {
      this.killed = true // a real kill: the exit comes later
    }
    t.host.restart()
    expect(t.processes).toHaveLength(1)
    t.processes[0].exit(0)
    expect(t.processes).toHaveLength(2)
    // One that never exits is given REPLACE_TIMEOUT_MS.
    t.processes[1].sayReady()
    t.processes[1].kill = function () {
      this.killed = true
    }
    t.host.restart()
    t.advance(REPLACE_TIMEOUT_MS - 1)
    expect(t.processes).toHaveLength(2)
    t.advance(1)
    expect(t.processes).toHaveLength(3)
    expect(t.statuses.filter((s) => s.state === 'crashed')).toHaveLength(0)
  })

  it('restarts at once when asked, without a crash message', () => {
    const t = setup()
    t.host.start()
    t.processes[0].sayReady()
    t.host.restart()
    expect(t.processes[0].killed).toBe(true)
    expect(t.processes).toHaveLength(2)
    expect(t.statuses.filter((s) => s.state === 'crashed')).toHaveLength(0)
    t.processes[1].sayReady()
    expect(t.rendererPorts).toEqual(['renderer-1', 'renderer-2'])
  })

  it('kills the process on dispose and never restarts it', () => {
    const t = setup()
    t.host.start()
    t.processes[0].exit(1) // crash: a restart is pending
    t.host.dispose()
    expect(t.pendingTimers()).toBe(0)
    t.advance(60_000)
    expect(t.processes).toHaveLength(1)

    const u = setup()
    u.host.start()
    u.host.dispose()
    expect(u.processes[0].killed).toBe(true)
    expect(u.statuses.filter((s) => s.state === 'crashed')).toHaveLength(0)
    u.host.start()
    expect(u.processes).toHaveLength(1)
  })
})
