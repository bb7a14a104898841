// How fast one connection, and one participant over all their connections, may send frames. What a person does
// on the board is far below these limits (docs/protocol.md, "Fair share"); a modified client that floods is slowed
// to them and, if it keeps on, closed (Connection.ts).
import { MessageType } from '@mapboard/protocol'
import { TokenBucket } from './TokenBucket.ts'

export interface IntakeLimits {
  /** Sync frames (SyncStep1, SyncStep2, updates) per second, sustained. */
  documentFramesPerSecond: number
  /** Sync frames at once, after a quiet spell. */
  documentFrameBurst: number
  /** Awareness frames (cursors, the chair's view, presence) per second, sustained. */
  awarenessFramesPerSecond: number
  awarenessFrameBurst: number
  /** Bytes of any frames per second, sustained. */
  bytesPerSecond: number
  /** Bytes at once: enough for a full-size SyncStep2 (MAX_MESSAGE_BYTES) of edits made offline, several times. */
  byteBurst: number
  /** One participant's connections together (several tabs, a phone and a laptop) may use this many times one's. */
  participantFactor: number
  /** A connection held back by the limits for this long without catching up is closed with 4429. */
  maxThrottledMs: number
}

/**
 * Measured on the board (docs/protocol.md): a fast typist or a long drag sends at most a few document frames a
 * second (one per committed edit), presence a few awareness frames a second. The limits are tens of times that.
 */
export const DEFAULT_INTAKE_LIMITS: IntakeLimits = {
  documentFramesPerSecond: 100,
  documentFrameBurst: 300,
  awarenessFramesPerSecond: 60,
  awarenessFrameBurst: 120,
  bytesPerSecond: 2 * 1024 * 1024,
  byteBurst: 8 * 1024 * 1024,
  participantFactor: 2,
  maxThrottledMs: 3_000,
}

/**
 * What a frame costs. `echo` is an awareness frame that only repeats other connections' states — a stock
 * y-websocket client sends every awareness change it hears back to the server — so it costs bytes only: its rate
 * follows how busy the room is, not what its sender does.
 */
export type FrameKind = 'document' | 'awareness' | 'echo'

/** Without a room to tell echoes apart: the message type, the frame's first byte (a varint below 128 for every type there is). */
export function frameKindByType(frame: Uint8Array): FrameKind {
  return frame[0] === MessageType.Awareness ? 'awareness' : 'document'
}

/** The three buckets of one sender: a connection, or a participant over all of their connections. */
export class Allowance {
  readonly #document: TokenBucket
  readonly #awareness: TokenBucket
  readonly #bytes: TokenBucket

  constructor(limits: IntakeLimits, factor = 1, now: number = Date.now()) {
    this.#document = new TokenBucket(
      limits.documentFramesPerSecond * factor,
      limits.documentFrameBurst * factor,
      now,
    )
    this.#awareness = new TokenBucket(
      limits.awarenessFramesPerSecond * factor,
      limits.awarenessFrameBurst * factor,
      now,
    )
    this.#bytes = new TokenBucket(limits.bytesPerSecond * factor, limits.byteBurst * factor, now)
  }

  /** Milliseconds until a frame of `kind` and `bytes` may be handled (0: now). */
  wait(kind: FrameKind, bytes: number, now: number): number {
    const frames = this.#frames(kind)
    return Math.max(frames === undefined ? 0 : frames.wait(1, now), this.#bytes.wait(bytes, now))
  }

  take(kind: FrameKind, bytes: number, now: number): void {
    this.#frames(kind)?.take(1, now)
    this.#bytes.take(bytes, now)
  }

  #frames(kind: FrameKind): TokenBucket | undefined {
    if (kind === 'document') return this.#document
    return kind === 'awareness' ? this.#awareness : undefined
  }
}

/** A connection's allowance and, once it has joined a room, its participant's, shared with their other connections. */
export class FrameBudget {
  readonly #own: Allowance
  #participant: Allowance | undefined

  constructor(limits: IntakeLimits, now: number = Date.now()) {
    this.#own = new Allowance(limits, 1, now)
  }

  /** Counts this connection's frames against `participant` as well from now on. */
  share(participant: Allowance): void {
    this.#participant = participant
  }

  wait(kind: FrameKind, bytes: number, now: number): number {
    const own = this.#own.wait(kind, bytes, now)
    return this.#participant === undefined ? own : Math.max(own, this.#participant.wait(kind, bytes, now))
  }

  take(kind: FrameKind, bytes: number, now: number): void {
    this.#own.take(kind, bytes, now)
    this.#participant?.take(kind, bytes, now)
  }
}

/** Each participant's allowance in one room, shared by all of their connections. */
export class ParticipantAllowances {
  readonly #limits: IntakeLimits
  readonly #byParticipant = new Map<string, Allowance>()

  constructor(limits: IntakeLimits) {
    this.#limits = limits
  }

  of(participantId: string): Allowance {
    let allowance = this.#byParticipant.get(participantId)
    if (allowance === undefined) {
      allowance = new Allowance(this.#limits, this.#limits.participantFactor)
      this.#byParticipant.set(participantId, allowance)
    }
    return allowance
  }
}
