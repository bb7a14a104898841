// Presence (names, cursors, selections) between a room's connections. Each awareness client id belongs to the
// connection that first announced a state under it; a connection sets only its own, and the `user` field of every
// state is what the connection's token says, never what the client wrote. While a closed session lasts, the
// relay holds everyone's presence back from the family's and observers' connections (holdBack, release).
import type * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Connection } from './Connection.ts'
import { frameKindByType } from './FrameBudget.ts'
import type { FrameKind } from './FrameBudget.ts'
import type { RoomLogger } from './SocketLike.ts'
import { MalformedMessageError, encodeAwareness } from './syncMessages.ts'

/** y-websocket sets one awareness client id per provider; a little slack, never an open door. */
const MAX_AWARENESS_IDS_PER_CONNECTION = 1
/** Bytes of one client's awareness state (name, colour, cursor, selection…). */
const MAX_AWARENESS_STATE_LENGTH = 8 * 1024

export interface AwarenessRelayOptions {
  doc: Y.Doc
  mapId: string
  logger: RoomLogger
  /** Who hears a change: every connection of the room. */
  recipients(): Iterable<Connection>
}

export class AwarenessRelay {
  readonly #awareness: awarenessProtocol.Awareness
  readonly #options: AwarenessRelayOptions
  readonly #owners = new Map<number, Connection>()
  /** While presence is held back: from whom, and whose states those connections had been told of. */
  #held: { from: (connection: Connection) => boolean; known: ReadonlySet<number> } | null = null

  constructor(options: AwarenessRelayOptions) {
    this.#options = options
    this.#awareness = new awarenessProtocol.Awareness(options.doc)
    // The server is not a participant.
    this.#awareness.setLocalState(null)
    this.#awareness.on('update', this.#broadcast)
  }

  /** The states everyone present has set, by awareness client id. */
  states(): ReadonlyMap<number, Record<string, unknown>> {
    return this.#awareness.getStates()
  }

  /** A connection has joined: it is told everyone's state, unless presence is held back from it. */
  welcome(connection: Connection): void {
    const present = [...this.#awareness.getStates().keys()]
    if (present.length > 0 && !this.#holdsBackFrom(connection)) connection.send(this.#frameOf(present))
  }

  /** The answer to a query-awareness message: everyone's state, even if that is nobody's (and nobody's if held). */
  answerQuery(connection: Connection): void {
    connection.send(
      this.#frameOf(this.#holdsBackFrom(connection) ? [] : [...this.#awareness.getStates().keys()]),
    )
  }

  /**
   * From now until `release`, connections `from` accepts hear nobody's presence: no change, no arrival, no
   * departure, no answer to a query. What they set themselves still reaches everyone else.
   */
  holdBack(from: (connection: Connection) => boolean): void {
    if (this.#held !== null) return
    this.#held = { from, known: new Set(this.#awareness.getStates().keys()) }
  }

  /**
   * Ends the hold: each connection it held is sent everyone's state as it is now, and the departure of anyone it
   * last heard of who has left meanwhile — nothing of what changed in between.
   */
  release(recipients: Iterable<Connection>): void {
    const held = this.#held
    if (held === null) return
    this.#held = null
    const current = [...this.#awareness.getStates().keys()]
    // A departed client's meta (its last clock) stays in the awareness, so its removal can still be encoded.
    const departed = [...held.known].filter((id) => !this.#awareness.getStates().has(id))
    const ids = [...current, ...departed]
    if (ids.length === 0) return
    const message = this.#frameOf(ids)
    for (const connection of recipients) if (held.from(connection)) connection.send(message)
  }

  /**
   * An awareness frame naming only clients that other connections own is a stock client repeating what it heard:
   * an echo, charged bytes only (FrameBudget.ts). Read without parsing any state; anything unreadable is charged
   * in full and refused when handled.
   */
  readonly frameKind = (connection: Connection, frame: Uint8Array): FrameKind => {
    const kind = frameKindByType(frame)
    if (kind !== 'awareness') return kind
    try {
      const outer = decoding.createDecoder(frame)
      decoding.readVarUint(outer)
      const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer))
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) {
        const owner = this.#owners.get(decoding.readVarUint(decoder))
        if (owner === undefined || owner === connection) return 'awareness'
        decoding.readVarUint(decoder) // clock
        decoding.readVarUint8Array(decoder) // the state's JSON, skipped
      }
      return count === 0 ? 'awareness' : 'echo'
    } catch {
      return 'awareness'
    }
  }

  /** Applies what of `update` is the connection's own to set; throws MalformedMessageError on a bad frame. */
  receive(connection: Connection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update)
    const encoder = encoding.createEncoder()
    const count = decoding.readVarUint(decoder)
    let kept = 0
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      // Someone else's state, echoed back: not this connection's to set, and not worth parsing.
      const owner = this.#owners.get(clientId)
      if (owner !== undefined && owner !== connection) continue
      let state: unknown
      try {
        state = JSON.parse(json)
      } catch {
        throw new MalformedMessageError('awareness state is not JSON')
      }
      if (json.length > MAX_AWARENESS_STATE_LENGTH) {
        this.#options.logger.warn(
          { mapId: this.#options.mapId, connection: connection.id },
          'dropped an oversized awareness state',
        )
        continue
      }
      // y-websocket clients echo everybody's awareness back; only their own entries count.
      if (!this.#mayUse(connection, clientId, state !== null)) continue
      encoding.writeVarUint(encoder, clientId)
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarString(encoder, state === null ? json : JSON.stringify(stampUser(state, connection)))
      kept++
    }
    if (decoding.hasContent(decoder)) throw new MalformedMessageError('trailing bytes in awareness update')
    if (kept === 0) return
    const filtered = encoding.createEncoder()
    encoding.writeVarUint(filtered, kept)
    encoding.writeUint8Array(filtered, encoding.toUint8Array(encoder))
    awarenessProtocol.applyAwarenessUpdate(this.#awareness, encoding.toUint8Array(filtered), connection)
  }

  /** The connection left: its ids are free again, and (unless the room is closing) its states are removed. */
  leave(connection: Connection, removeStates: boolean): void {
    const ids = [...connection.awarenessClientIds]
    for (const id of ids) this.#owners.delete(id)
    if (removeStates) awarenessProtocol.removeAwarenessStates(this.#awareness, ids, 'disconnect')
  }

  destroy(): void {
    this.#awareness.destroy()
  }

  /** A connection owns the first client id it announces with a state, unless another connection owns it. */
  #mayUse(connection: Connection, clientId: number, claiming: boolean): boolean {
    const owner = this.#owners.get(clientId)
    if (owner === connection) return true
    if (owner !== undefined || !claiming || clientId === this.#options.doc.clientID) return false
    if (connection.awarenessClientIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) return false
    this.#owners.set(clientId, connection)
    connection.awarenessClientIds.add(clientId)
    return true
  }

  #frameOf(clientIds: number[]): Uint8Array {
    return encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.#awareness, clientIds))
  }

  readonly #broadcast = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    if (changed.length === 0) return
    const message = this.#frameOf(changed)
    for (const connection of this.#options.recipients()) {
      if (connection !== origin && !this.#holdsBackFrom(connection)) connection.send(message)
    }
  }

  #holdsBackFrom(connection: Connection): boolean {
    return this.#held !== null && this.#held.from(connection)
  }
}

/**
 * The awareness state others see, with `user` replaced by who the connection is according to its token: whatever
 * name, role or agency the client put there is never what anyone else sees. An observer's `cursor` is dropped.
 */
function stampUser(state: unknown, connection: Connection): Record<string, unknown> {
  const { role, participant } = connection.identity
  const fields: Record<string, unknown> =
    typeof state === 'object' && state !== null && !Array.isArray(state) ? { ...state } : {}
  // Observers watch; a pointer of theirs moving over the board would look like someone steering it.
  if (role === 'viewer') delete fields['cursor']
  return { ...fields, user: { id: participant.id, name: participant.name, role, agency: participant.agency } }
}
