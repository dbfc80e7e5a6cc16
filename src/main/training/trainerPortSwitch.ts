// The trainer outlives renderer pages: a reload (or a new window) gets a new MessagePort while the
// trainer process keeps running. This switch gives the trainer service one stable TrainerPortLike
// and routes it to whichever port was attached last.
import type { TrainerEvent } from '../../shared/protocol/trainerMessages'
import type { TrainerPortLike } from '../../shared/trainer/trainerService'

/** What the utility process sees of Electron's MessagePortMain. */
export interface MainPortLike {
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown
  postMessage(message: unknown): void
  start(): void
  close(): void
}

export interface TrainerPortSwitch {
  readonly port: TrainerPortLike
  /** Make `next` the live port (the previous one is closed) and greet it with 'ready'. */
  attach(next: MainPortLike): void
}

export function createTrainerPortSwitch(): TrainerPortSwitch {
  let current: MainPortLike | null = null
  let handler: (command: unknown) => void = () => {}

  return {
    port: {
      // MessagePortMain serialises every message: epochs cross as flat arrays, not objects.
      packsEpochs: true,
      postMessage(event: TrainerEvent) {
        // Before any renderer is connected there is no one to tell; 'ready' is re-sent on attach.
        current?.postMessage(event)
      },
      onMessage(next) {
        handler = next
      }
    },
    attach(next) {
      const previous = current
      current = next
      previous?.close()
      next.on('message', (event) => {
        if (current === next) handler(event.data)
      })
      next.start()
      next.postMessage({ type: 'ready' } satisfies TrainerEvent)
    }
  }
}
