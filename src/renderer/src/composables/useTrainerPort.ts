// The renderer's line to the trainer. The host (Electron preload or the browser harness) posts
// `{ type: TRAINER_PORT_MESSAGE }` to the window with a MessagePort in `event.ports[0]` whenever a
// (new) trainer is ready; after a crash and restart a new port arrives and we re-bind to it.
import { ref, toRaw, type Ref } from 'vue'
import { TRAINER_PORT_MESSAGE } from '@shared/protocol/labApi'
import type { TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import { withHistory } from '@shared/protocol/packedHistory'
import { movableBuffers } from '@shared/protocol/movableBuffers'

export type TrainerEventHandler = (event: TrainerEvent) => void

export interface TrainerPortHandle {
  /** True while a port is bound. */
  readonly connected: Ref<boolean>
  /** Sends a plain copy of the command; false when there is no trainer to send to. */
  send(command: TrainerCommand): boolean
  onEvent(handler: TrainerEventHandler): () => void
  /** Called each time a new port is bound (first start and after every restart). */
  onPort(handler: () => void): () => void
  dispose(): void
}

type TypedArray =
  | Float64Array
  | Float32Array
  | Int32Array
  | Uint32Array
  | Uint8Array
  | Int8Array
  | Uint16Array
  | Int16Array
  | Uint8ClampedArray

/** A deep copy made of plain objects, arrays and real typed arrays: structured clone refuses Vue
 *  proxies, and copying also keeps the trainer from seeing later edits to reactive state. */
export function toPlain<T>(value: T): T {
  const raw = (value !== null && typeof value === 'object' ? toRaw(value) : value) as unknown
  if (raw === null || typeof raw !== 'object') return raw as T
  if (ArrayBuffer.isView(raw)) return (raw as TypedArray).slice() as T
  if (Array.isArray(raw)) return raw.map((item) => toPlain(item)) as T
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(raw as Record<string, unknown>)) {
    if (item !== undefined) copy[key] = toPlain(item)
  }
  return copy as T
}

function isTrainerEvent(data: unknown): data is TrainerEvent {
  return (
    data !== null &&
    typeof data === 'object' &&
    typeof (data as { type?: unknown }).type === 'string'
  )
}

/** Listens on `target` for trainer ports. Create it early (before mounting) so the first port,
 *  which the host may post right after boot, is not missed. `movesBuffers`: the port reaches a
 *  Web Worker in this process (the browser build), so a command's arrays (toPlain's own copies)
 *  move instead of being cloned a second time: a 1,000,000-point import's points cost the main
 *  thread ~20 ms less. Electron's port crosses processes, and its commands are copied as before. */
export function useTrainerPort(
  target: Window = window,
  options: { movesBuffers?: boolean } = {}
): TrainerPortHandle {
  const connected = ref(false)
  const eventHandlers = new Set<TrainerEventHandler>()
  const portHandlers = new Set<() => void>()
  let port: MessagePort | null = null

  function onPortMessage(event: MessageEvent): void {
    if (!isTrainerEvent(event.data)) return
    const trainerEvent = withHistory(event.data)
    for (const handler of [...eventHandlers]) handler(trainerEvent)
  }

  function bind(next: MessagePort): void {
    if (port) {
      port.onmessage = null
      port.close()
    }
    port = next
    // Assigning onmessage also starts the port, delivering anything queued (the 'ready' event).
    port.onmessage = onPortMessage
    connected.value = true
    for (const handler of [...portHandlers]) handler()
  }

  function onWindowMessage(event: MessageEvent): void {
    const data = event.data as { type?: unknown } | null
    if (!data || data.type !== TRAINER_PORT_MESSAGE) return
    // Only our own window (preload / web host) may hand us a port.
    if (event.source !== null && event.source !== target) return
    const next = event.ports[0]
    if (next) bind(next)
  }

  target.addEventListener('message', onWindowMessage)

  return {
    connected,
    send(command) {
      if (!port) return false
      const plain = toPlain(command)
      port.postMessage(plain, options.movesBuffers ? movableBuffers(plain) : [])
      return true
    },
    onEvent(handler) {
      eventHandlers.add(handler)
      return () => eventHandlers.delete(handler)
    },
    onPort(handler) {
      portHandlers.add(handler)
      return () => portHandlers.delete(handler)
    },
    dispose() {
      target.removeEventListener('message', onWindowMessage)
      if (port) {
        port.onmessage = null
        port.close()
      }
      port = null
      connected.value = false
    }
  }
}
