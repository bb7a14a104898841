import { CloseCode, closeCodeReason } from '@mapboard/protocol'
import type { ParticipantClaims, Role } from '@mapboard/protocol'
import { KEEPALIVE_MESSAGE } from './syncMessages.ts'
import type { SocketLike } from './SocketLike.ts'

/** Who is on the other end, as the verified token says. Nothing here comes from what the client claims. */
export interface ConnectionIdentity {
  mapId: string
  role: Role
  linkId: string
  /**
   * From a participant token; a bare link token gets `{ id: 'link-<linkId>', name: '', agency: '' }`, so
   * everyone holding that link counts as one anonymous participant.
   */
  participant: ParticipantClaims
}

type FrameHandler = (connection: Connection, frame: Uint8Array) => void

/** Frames a client may send before its room has loaded; more than this is not a real client. */
const MAX_QUEUED_FRAMES = 256

let nextConnectionId = 1

/**
 * One client socket in a room. Frames that arrive before the room has loaded are queued, so the socket's
 * listeners can be attached synchronously at the upgrade and nothing the client sends early is lost.
 */
export class Connection {
  /** Short id for logs (never the token). */
  readonly id: string
  readonly identity: ConnectionIdentity
  /** Yjs client ids whose awareness this connection may set (see Room). */
  readonly awarenessClientIds = new Set<number>()

  readonly #socket: SocketLike
  /** Frames waiting for the room to load, or for the room to resume this connection after a pause. */
  #queue: Uint8Array[] = []
  #handler: FrameHandler | null = null
  #paused = false
  #closed = false
  #closeListeners: Array<(connection: Connection) => void> = []
  /** A pong or a frame arrived since the last ping. */
  #alive = true
  #lastSentAt = Date.now()

  constructor(socket: SocketLike, identity: ConnectionIdentity) {
    this.#socket = socket
    this.identity = identity
    this.id = `c${nextConnectionId++}`
  }

  get role(): Role {
    return this.identity.role
  }

  /** Viewers read only: their document updates are dropped unread. */
  get canWrite(): boolean {
    return this.identity.role !== 'viewer'
  }

  get closed(): boolean {
    return this.#closed
  }

  /** The transport calls this for every binary frame. */
  receive(frame: Uint8Array): void {
    if (this.#closed) return
    this.#alive = true
    if (this.#handler !== null && !this.#paused && this.#queue.length === 0) {
      this.#handler(this, frame)
      return
    }
    if (this.#queue.length >= MAX_QUEUED_FRAMES) {
      this.close(CloseCode.BadMessage)
      return
    }
    this.#queue.push(frame)
  }

  /**
   * Holds this connection's frames (they queue, in order) until `resume`: the room calls it while it waits for
   * something asynchronous that the next frame must not overtake, such as storing a client id claim.
   */
  pause(): void {
    this.#paused = true
  }

  resume(): void {
    this.#paused = false
    this.#drain()
  }

  /** The transport calls this on a pong. */
  receivePong(): void {
    this.#alive = true
  }

  /** The transport calls this once the socket has closed, whoever closed it. */
  socketClosed(): void {
    this.#markClosed()
  }

  /** Starts delivering frames to `handler`, first the ones queued while the room loaded. */
  attach(handler: FrameHandler): void {
    this.#handler = handler
    this.#drain()
  }

  #drain(): void {
    const handler = this.#handler
    if (handler === null) return
    while (!this.#closed && !this.#paused) {
      const frame = this.#queue.shift()
      if (frame === undefined) return
      handler(this, frame)
    }
  }

  onClose(listener: (connection: Connection) => void): void {
    if (this.#closed) listener(this)
    else this.#closeListeners.push(listener)
  }

  send(message: Uint8Array): void {
    if (this.#closed) return
    this.#lastSentAt = Date.now()
    this.#socket.send(message)
  }

  /** Closes with one of our close codes. The connection counts as gone at once: nothing more is sent to it. */
  close(code: CloseCode): void {
    if (this.#closed) return
    this.#markClosed()
    this.#socket.close(code, closeCodeReason(code))
  }

  /**
   * Called every `intervalMs`: drops a socket that has not answered the previous ping, pings the others, and sends
   * an empty message to one we have not written to lately (y-websocket gives up after 30 s without a message, and
   * a ping does not count).
   */
  keepalive(intervalMs: number, now: number = Date.now()): void {
    if (this.#closed) return
    if (!this.#alive) {
      this.#markClosed()
      this.#socket.terminate()
      return
    }
    this.#alive = false
    this.#socket.ping()
    if (now - this.#lastSentAt >= intervalMs) this.send(KEEPALIVE_MESSAGE)
  }

  #markClosed(): void {
    if (this.#closed) return
    this.#closed = true
    this.#queue = []
    const listeners = this.#closeListeners
    this.#closeListeners = []
    for (const listener of listeners) listener(this)
  }
}
