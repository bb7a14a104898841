import { CloseCode, closeCodeReason } from '@mapboard/protocol'
import type { DocumentAudience, ParticipantClaims, Role } from '@mapboard/protocol'
import { DEFAULT_INTAKE_LIMITS, FrameBudget, frameKindByType } from './FrameBudget.ts'
import type { Allowance, FrameKind, IntakeLimits } from './FrameBudget.ts'
import { KEEPALIVE_MESSAGE } from './syncMessages.ts'
import type { SocketLike } from './SocketLike.ts'

/** Who is on the other end, as the verified token says. Nothing here comes from what the client claims. */
export interface ConnectionIdentity {
  mapId: string
  /** Which of the map's documents the connection syncs (its room is `roomNameOf(mapId, audience)`). */
  audience: DocumentAudience
  role: Role
  linkId: string
  /**
   * From a participant token; a bare link token gets `{ id: 'link-<linkId>', name: '', agency: '' }`, so
   * everyone holding that link counts as one anonymous participant.
   */
  participant: ParticipantClaims
}

type FrameHandler = (connection: Connection, frame: Uint8Array) => void
/** What a frame costs against the budget (FrameBudget.ts); the room knows which awareness frames are echoes. */
type FrameClassifier = (connection: Connection, frame: Uint8Array) => FrameKind

/** Frames waiting past this many, the socket is no longer read until they are handled (backpressure). */
const PAUSE_AT_FRAMES = 64
/**
 * Frames or bytes waiting past these, the sender is closed with 4429. A paused socket still delivers what ws had
 * already read (a few tens of KiB); a real client never has this much in flight.
 */
const MAX_QUEUED_FRAMES = 4096
const MAX_QUEUED_BYTES = 8 * 1024 * 1024
/** Frames handled in one event-loop turn before yielding to other sockets, and the time that may take. */
const SLICE_FRAMES = 16
const SLICE_MS = 10
/**
 * A sender held back again within this long of the last hold is still the same flood: a person's burst is followed
 * by a pause, a modified client's is followed by the next one.
 */
const RECOVERY_MS = 1000
/** How long a socket that is not being read gets to take our close frame before it is dropped. */
const CLOSE_GRACE_MS = 1000
/** What a connection closed for sending too fast is told (the close code is 4429). */
export const TOO_FAST_REASON = 'sending too fast'

export interface ConnectionOptions {
  /** How fast this connection may send (FrameBudget.ts). Default DEFAULT_INTAKE_LIMITS. */
  limits?: IntakeLimits
}

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
  readonly #limits: IntakeLimits
  readonly #budget: FrameBudget
  /**
   * Frames not handled yet: waiting for the room to load, for the room to resume this connection after a pause,
   * for the connection's turn (SLICE_FRAMES) or for its budget.
   */
  #queue: Uint8Array[] = []
  #queuedBytes = 0
  #handler: FrameHandler | null = null
  #classify: FrameClassifier = (_connection, frame) => frameKindByType(frame)
  /** Held by the room (`pause`). */
  #paused = false
  /** The socket is not being read (`#throttle` or a long queue). */
  #socketPaused = false
  /** A drain is due later: the next slice, or when the budget allows the next frame. */
  #drainTimer: NodeJS.Timeout | undefined
  #drainImmediate: NodeJS.Immediate | undefined
  /**
   * Since when the budget has held this connection's frames back, with never more than RECOVERY_MS between one
   * hold and the next; undefined: not held lately.
   */
  #throttledSince: number | undefined
  #lastThrottledAt = 0
  #closed = false
  #closeListeners: Array<(connection: Connection) => void> = []
  /** A pong or a frame arrived since the last ping. */
  #alive = true
  #lastSentAt = Date.now()

  constructor(socket: SocketLike, identity: ConnectionIdentity, options: ConnectionOptions = {}) {
    this.#socket = socket
    this.identity = identity
    this.#limits = options.limits ?? DEFAULT_INTAKE_LIMITS
    this.#budget = new FrameBudget(this.#limits)
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

  /**
   * The transport calls this for every binary frame. Frames are handled in order, at most SLICE_FRAMES per turn and
   * within the connection's budget; past that they wait, and a long wait stops the socket being read.
   */
  receive(frame: Uint8Array): void {
    if (this.#closed) return
    this.#alive = true
    this.#queue.push(frame)
    this.#queuedBytes += frame.length
    if (this.#queue.length > MAX_QUEUED_FRAMES || this.#queuedBytes > MAX_QUEUED_BYTES) {
      this.close(CloseCode.TooManyRefusals, TOO_FAST_REASON)
      return
    }
    if (this.#queue.length >= PAUSE_AT_FRAMES) this.#pauseSocket()
    this.#drain()
  }

  /** Counts this connection's frames against its participant's allowance too (the room's, for all their connections). */
  shareAllowance(participant: Allowance): void {
    this.#budget.share(participant)
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

  /**
   * Starts delivering frames to `handler`, first the ones queued while the room loaded; `classify` says what each
   * costs against the budget.
   */
  attach(handler: FrameHandler, classify?: FrameClassifier): void {
    this.#handler = handler
    if (classify !== undefined) this.#classify = classify
    this.#drain()
  }

  #drain(): void {
    const handler = this.#handler
    if (handler === null || this.#drainTimer !== undefined || this.#drainImmediate !== undefined) return
    const started = Date.now()
    let handled = 0
    while (!this.#closed && !this.#paused) {
      const frame = this.#queue[0]
      if (frame === undefined) {
        this.#caughtUp()
        return
      }
      const now = Date.now()
      if (handled >= SLICE_FRAMES || now - started >= SLICE_MS) {
        // Other sockets' frames, and the room's writes, get their turn first.
        this.#drainImmediate = setImmediate(() => {
          this.#drainImmediate = undefined
          this.#drain()
        })
        return
      }
      const kind = this.#classify(this, frame)
      const wait = this.#budget.wait(kind, frame.length, now)
      if (wait > 0) {
        this.#throttle(wait, now)
        return
      }
      this.#budget.take(kind, frame.length, now)
      this.#queue.shift()
      this.#queuedBytes -= frame.length
      handled++
      handler(this, frame)
    }
  }

  /**
   * The next frame is over budget: stop reading the socket and come back when it is within. A sender that stays
   * over for maxThrottledMs is not a person typing fast, and is closed.
   */
  #throttle(wait: number, now: number): void {
    if (this.#throttledSince === undefined || now - this.#lastThrottledAt > RECOVERY_MS)
      this.#throttledSince = now
    this.#lastThrottledAt = now
    if (now - this.#throttledSince >= this.#limits.maxThrottledMs) {
      this.close(CloseCode.TooManyRefusals, TOO_FAST_REASON)
      return
    }
    this.#pauseSocket()
    this.#drainTimer = setTimeout(
      () => {
        this.#drainTimer = undefined
        this.#drain()
      },
      Math.min(wait, this.#limits.maxThrottledMs),
    )
  }

  /** Everything received has been handled: read the socket again. */
  #caughtUp(): void {
    if (!this.#socketPaused) return
    this.#socketPaused = false
    this.#socket.resume()
  }

  #pauseSocket(): void {
    if (this.#socketPaused) return
    this.#socketPaused = true
    this.#socket.pause()
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

  /**
   * Closes with one of our close codes (and its usual reason, unless given another). The connection counts as gone
   * at once: nothing more is sent to it.
   */
  close(code: CloseCode, reason: string = closeCodeReason(code)): void {
    if (this.#closed) return
    this.#markClosed()
    this.#socket.close(code, reason)
    // A socket we stopped reading would never read the peer's answering close frame, behind whatever it sent
    // before; the peer has ours (and its code) once it arrives, so the socket is dropped shortly after.
    if (this.#socketPaused) setTimeout(() => this.#socket.terminate(), CLOSE_GRACE_MS).unref()
  }

  /**
   * Called every `intervalMs`: sends an empty message to a socket we have not written to for half a round, so the
   * client hears from us at least every 1.5 rounds (the web client treats longer silence as a lost link; a ping
   * does not count, the browser answers it below the page). On a `ping` round it drops a socket that has not
   * answered the previous ping and pings the others.
   */
  keepalive(intervalMs: number, ping: boolean, now: number = Date.now()): void {
    if (this.#closed) return
    if (ping) {
      if (!this.#alive) {
        this.#markClosed()
        this.#socket.terminate()
        return
      }
      this.#alive = false
      this.#socket.ping()
    }
    if (now - this.#lastSentAt >= intervalMs / 2) this.send(KEEPALIVE_MESSAGE)
  }

  #markClosed(): void {
    if (this.#closed) return
    this.#closed = true
    this.#queue = []
    this.#queuedBytes = 0
    clearTimeout(this.#drainTimer)
    clearImmediate(this.#drainImmediate)
    this.#drainTimer = undefined
    this.#drainImmediate = undefined
    const listeners = this.#closeListeners
    this.#closeListeners = []
    for (const listener of listeners) listener(this)
  }
}
