import { performance } from 'node:perf_hooks'
import { setTimeout as sleep } from 'node:timers/promises'
import { MapValidationError } from '@mapboard/map-model'
import { HttpError } from '../http/errors.ts'
import type { Room } from './Room.ts'
import { RoomUnavailableError, ServedElsewhereError } from './Room.ts'
import type { RoomRegistry } from './RoomRegistry.ts'
import type { OperationAnswer, RoomPlacement } from './RoomPlacement.ts'
import type { RoomLogger } from './SocketLike.ts'

/** How long a request waits for the room's authority (failover included) before it answers 503. */
export const DEFAULT_FORWARD_TIMEOUT_MS = 10_000
/** Between two tries while a dead authority's lease has not lapsed yet. */
const RETRY_MS = 100

/**
 * Something the server does with a live room for an HTTP request (open a scaling round, write the closure…), under
 * a name every instance knows. Its input and result are JSON: another instance may run it.
 */
export interface RoomOperation<I, O> {
  readonly name: string
  readonly run: (room: Room, input: I) => Promise<O>
}

export interface RoomOperationsOptions {
  registry: RoomRegistry
  /** Several instances (decision 0047): where an operation runs when this one does not serve the room. */
  placement?: RoomPlacement
  logger: RoomLogger
  forwardTimeoutMs?: number
}

const unavailable = (): HttpError =>
  new HttpError(503, 'ROOM_UNAVAILABLE', 'The map is not available just now; please try again')

/**
 * The one place that decides where a room operation runs. Routes check the request (token, role, limits, body),
 * build the operation's input from what they checked, and `call` it: here in the room's turn
 * (`RoomRegistry.withRoom`) when this instance serves the room, or becomes its authority because nobody does;
 * otherwise at the authority, which runs it in its own turn exactly as for a request of its own and sends back the
 * result or the error. Either way the request gets the same answer. Only when the authority cannot be reached
 * within the timeout (it died and its lease has not passed on by then) does the request get 503 ROOM_UNAVAILABLE.
 */
export class RoomOperations {
  readonly #registry: RoomRegistry
  readonly #placement: RoomPlacement | undefined
  readonly #logger: RoomLogger
  readonly #timeoutMs: number
  readonly #defined = new Map<string, RoomOperation<unknown, unknown>>()
  readonly #settle: RoomOperation<null, null>

  constructor(options: RoomOperationsOptions) {
    this.#registry = options.registry
    this.#placement = options.placement
    this.#logger = options.logger
    this.#timeoutMs = options.forwardTimeoutMs ?? DEFAULT_FORWARD_TIMEOUT_MS
    this.#settle = this.define('room.settle', async (room) => {
      await room.settle()
      return null
    })
  }

  /** Names an operation; every instance defines the same ones as it starts (the route plugins do). */
  define<I, O>(name: string, run: (room: Room, input: I) => Promise<O>): RoomOperation<I, O> {
    if (this.#defined.has(name)) throw new Error(`room operation ${name} is defined twice`)
    const operation: RoomOperation<I, O> = { name, run }
    // Inputs come back from JSON; the operation's own type says what it takes.
    this.#defined.set(name, operation as unknown as RoomOperation<unknown, unknown>)
    return operation
  }

  /**
   * Loads the room and waits until it has stored everything it accepted, so the store holds what its clients
   * have seen (an export reads the document from the store afterwards).
   */
  async settle(roomName: string): Promise<void> {
    await this.call(roomName, this.#settle, null)
  }

  /**
   * Runs `operation` with `input` on room `roomName`, wherever it is served. Rejects with the HttpError the
   * request answers with: the operation's own, or 503 ROOM_UNAVAILABLE.
   */
  async call<I, O>(roomName: string, operation: RoomOperation<I, O>, input: I): Promise<O> {
    // Here too the operation gets its input through JSON, so it sees what another instance would give it.
    const encoded = JSON.stringify(input) ?? 'null'
    const run = (room: Room) => operation.run(room, JSON.parse(encoded) as I)
    try {
      const placement = this.#placement
      if (placement === undefined) return await this.#registry.withRoom(roomName, run)
      const deadline = performance.now() + this.#timeoutMs
      for (;;) {
        try {
          return await this.#registry.withRoom(roomName, run)
        } catch (error) {
          if (!(error instanceof ServedElsewhereError)) throw error
        }
        const answer = await placement.runElsewhere(roomName, operation.name, encoded, deadline)
        switch (answer.kind) {
          case 'done':
            return (answer.value === '' ? undefined : JSON.parse(answer.value)) as O
          case 'failed':
            throw new HttpError(answer.status, answer.code, answer.message)
          case 'unreachable':
            throw unavailable()
          case 'elsewhere':
            // Nobody heard it as the authority: a dead one's lease lapses soon, and then this instance claims it.
            if (performance.now() + RETRY_MS >= deadline) throw unavailable()
            await sleep(RETRY_MS)
        }
      }
    } catch (error) {
      if (error instanceof RoomUnavailableError) throw unavailable()
      throw error
    }
  }

  /** On the authority: runs an operation another instance was asked for, in the room's turn here. */
  async runForwarded(roomName: string, name: string, input: string): Promise<OperationAnswer> {
    const operation = this.#defined.get(name)
    if (operation === undefined) {
      this.#logger.error({ mapId: roomName, operation: name }, 'asked for an unknown room operation')
      return internalError()
    }
    try {
      const parsed: unknown = JSON.parse(input)
      const result = await this.#registry.withRoom(roomName, (room) => operation.run(room, parsed))
      return { kind: 'done', value: JSON.stringify(result) ?? '' }
    } catch (error) {
      if (error instanceof ServedElsewhereError) return { kind: 'elsewhere' }
      if (error instanceof HttpError) {
        return { kind: 'failed', status: error.statusCode, code: error.code, message: error.message }
      }
      // As the error handler answers them (http/errors.ts).
      if (error instanceof MapValidationError) {
        return { kind: 'failed', status: 400, code: error.code, message: error.message }
      }
      if (error instanceof RoomUnavailableError) {
        const { statusCode, code, message } = unavailable()
        return { kind: 'failed', status: statusCode, code, message }
      }
      this.#logger.error(
        { mapId: roomName, operation: name, err: error },
        'a forwarded room operation failed',
      )
      return internalError()
    }
  }
}

function internalError(): OperationAnswer {
  return { kind: 'failed', status: 500, code: 'INTERNAL', message: 'Internal server error' }
}
