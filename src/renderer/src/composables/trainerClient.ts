// The renderer's one conversation with the trainer. Every store talks through this client, so
// there is one request-id counter (ids never collide between stores), one place that matches a
// reply to its request, and one typed stream of everything the trainer says.
//
// Created once at boot (main.ts) over the trainer port and handed to the stores.
import type { InjectionKey, Ref } from 'vue'
import type { TrainerCommand, TrainerEvent } from '@shared/protocol/trainerMessages'
import type { TrainerPortHandle } from './useTrainerPort'

/** How long a request waits for its reply before it fails, unless it asks otherwise. */
export const TRAINER_TIMEOUT_MS = 15000

/** Commands the trainer answers with one event carrying the same requestId. */
export type TrainerRequest = Extract<TrainerCommand, { requestId: number }>
/** Commands nobody answers (start, pause, view changes…): fire and forget. */
export type TrainerNotice = Exclude<TrainerCommand, { requestId: number }>
export type TrainerRequestType = TrainerRequest['type']
/** A request as the caller writes it: the client adds the id. */
export type TrainerRequestBody<T extends TrainerRequestType = TrainerRequestType> = T extends T
  ? Omit<Extract<TrainerRequest, { type: T }>, 'requestId'>
  : never

type EventOf<T extends TrainerEvent['type']> = Extract<TrainerEvent, { type: T }>

/** The event that answers each request. */
export interface TrainerReplies {
  configure: EventOf<'configured'>
  restore: EventOf<'configured'>
  'get-snapshot': EventOf<'snapshot'>
  predict: EventOf<'predictions'>
  trace: EventOf<'trace'>
  analyze: EventOf<'analysis'>
  'view-epoch': EventOf<'epoch-view'>
  fork: EventOf<'configured'>
  /** A sweep (issue 15): its cells come as 'sweep-cell' events first. */
  sweep: EventOf<'sweep-done'>
}

const REPLY_TYPE: { [T in TrainerRequestType]: TrainerReplies[T]['type'] } = {
  configure: 'configured',
  restore: 'configured',
  'get-snapshot': 'snapshot',
  predict: 'predictions',
  trace: 'trace',
  analyze: 'analysis',
  'view-epoch': 'epoch-view',
  fork: 'configured',
  sweep: 'sweep-done'
}

/** Why a request failed: the trainer refused (its sentence is the message), it never answered,
 *  it was replaced by a new trainer before answering, or there was no trainer to ask. */
export type TrainerFailure = 'refused' | 'timeout' | 'restart' | 'offline' | 'unexpected'

export class TrainerRequestError extends Error {
  constructor(
    readonly reason: TrainerFailure,
    message: string
  ) {
    super(message)
    this.name = 'TrainerRequestError'
  }
}

export const TRAINER_MESSAGES = {
  offline: 'The trainer is not running yet; please try again in a moment.',
  timeout: 'The trainer did not answer in time; please try again.',
  restart: 'The trainer restarted before it answered; please try again.',
  unexpected: 'The trainer sent an unexpected answer.'
} as const

export interface RequestOptions {
  /** Milliseconds to wait for the reply; null waits until it comes or the trainer restarts. */
  timeoutMs?: number | null
}

export interface TrainerClient {
  /** True while a trainer port is bound. */
  readonly connected: Ref<boolean>
  /** Sends a command that has no reply; false when there is no trainer to send to. */
  send(command: TrainerNotice): boolean
  /** Sends a command with a fresh request id. Resolves with its reply; rejects with a
   *  TrainerRequestError on an error reply, a timeout, a trainer restart or no trainer. */
  request<C extends TrainerRequestBody>(
    command: C,
    options?: RequestOptions
  ): Promise<TrainerReplies[C['type']]>
  /** Every event the trainer sends, replies included, in arrival order. A reply's handlers run
   *  before its request's promise settles. */
  onEvent(handler: (event: TrainerEvent) => void): () => void
  /** Called each time a new trainer is bound (first start and after every restart). */
  onPort(handler: () => void): () => void
  dispose(): void
}

/** main.ts provides the one client to the app under this key. */
export const TRAINER_CLIENT_KEY: InjectionKey<TrainerClient> = Symbol('trainer-client')

interface Pending {
  replyType: TrainerEvent['type']
  resolve(event: TrainerEvent): void
  reject(error: TrainerRequestError): void
}

export function createTrainerClient(
  port: TrainerPortHandle,
  defaults: { timeoutMs?: number } = {}
): TrainerClient {
  let nextRequestId = 1
  const pending = new Map<number, Pending>()
  const defaultTimeout = defaults.timeoutMs ?? TRAINER_TIMEOUT_MS

  function settle(event: TrainerEvent): void {
    if (!('requestId' in event) || event.requestId === undefined) return
    const waiting = pending.get(event.requestId)
    if (!waiting) return
    pending.delete(event.requestId)
    if (event.type === 'error') waiting.reject(new TrainerRequestError('refused', event.message))
    else if (event.type === waiting.replyType) waiting.resolve(event)
    else waiting.reject(new TrainerRequestError('unexpected', TRAINER_MESSAGES.unexpected))
  }

  // Registered before any store's handler, so a new trainer's first events find no old requests.
  const offPort = port.onPort(() => {
    // The old trainer is gone with whatever it was asked: nothing will answer those requests.
    const lost = [...pending.values()]
    pending.clear()
    for (const waiting of lost) {
      waiting.reject(new TrainerRequestError('restart', TRAINER_MESSAGES.restart))
    }
  })

  // Stream handlers first, then the promise: a store that watches the stream (say, for every
  // `configured`) has seen the reply before the requester's continuation runs.
  const handlers = new Set<(event: TrainerEvent) => void>()
  const offEvent = port.onEvent((event) => {
    for (const handler of [...handlers]) handler(event)
    settle(event)
  })

  function request<C extends TrainerRequestBody>(
    command: C,
    options: RequestOptions = {}
  ): Promise<TrainerReplies[C['type']]> {
    type Reply = TrainerReplies[C['type']]
    const requestId = nextRequestId++
    const replyType = REPLY_TYPE[command.type]
    return new Promise<Reply>((resolve, reject) => {
      const timeoutMs = options.timeoutMs === undefined ? defaultTimeout : options.timeoutMs
      const timer =
        timeoutMs === null
          ? null
          : setTimeout(() => {
              if (pending.delete(requestId)) {
                reject(new TrainerRequestError('timeout', TRAINER_MESSAGES.timeout))
              }
            }, timeoutMs)
      const done = (): void => {
        if (timer !== null) clearTimeout(timer)
      }
      pending.set(requestId, {
        replyType,
        resolve: (event) => {
          done()
          resolve(event as Reply)
        },
        reject: (error) => {
          done()
          reject(error)
        }
      })
      if (!port.send({ ...command, requestId } as TrainerRequest)) {
        pending.delete(requestId)
        done()
        reject(new TrainerRequestError('offline', TRAINER_MESSAGES.offline))
      }
    })
  }

  return {
    connected: port.connected,
    send: (command) => port.send(command),
    request,
    onEvent(handler) {
      handlers.add(handler)
      return () => handlers.delete(handler)
    },
    onPort: (handler) => port.onPort(handler),
    dispose() {
      offEvent()
      offPort()
      handlers.clear()
      const lost = [...pending.values()]
      pending.clear()
      for (const waiting of lost) {
        waiting.reject(new TrainerRequestError('offline', TRAINER_MESSAGES.offline))
      }
      port.dispose()
    }
  }
}
