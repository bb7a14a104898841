import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { CloseCode } from '@mapboard/protocol'
import type { EditRefusal } from '@mapboard/protocol'
import { writeAttendance } from '@mapboard/map-model'
import type { AttendanceEntry } from '@mapboard/map-model'
import type { AppendBatcher } from '../storage/AppendBatcher.ts'
import type { MapStore } from '../storage/MapStore.ts'
import { Attendance } from './Attendance.ts'
import { decodeAndCheckUpdate } from './checkUpdate.ts'
import type { DecodedUpdate } from './checkUpdate.ts'
import { ClientIdOwners } from './ClientIdOwners.ts'
import type { Connection } from './Connection.ts'
import { Allowance, DEFAULT_INTAKE_LIMITS, frameKindByType } from './FrameBudget.ts'
import type { FrameKind, IntakeLimits } from './FrameBudget.ts'
import { loadStoredDocument, snapshotLoads } from './loadStoredDocument.ts'
import type { LoadedDocument } from './loadStoredDocument.ts'
import { addMissing, hasContent, takePendingContent } from './pendingContent.ts'
import type { MissingContent } from './pendingContent.ts'
import { RefusalWindow } from './RefusalWindow.ts'
import { SERVER_ORIGIN } from './serverOrigin.ts'
import type { RoomLogger } from './SocketLike.ts'
import {
  MalformedMessageError,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
  parseClientMessage,
} from './syncMessages.ts'
import { UpdateGate } from './UpdateGate.ts'
import type { GateOutcome, RulesFactory } from './UpdateGate.ts'

export interface RoomOptions {
  mapId: string
  store: MapStore
  /**
   * Shares one store transaction per event-loop turn with other rooms (group commit); without it the room appends
   * to the store on its own.
   */
  appender?: AppendBatcher
  logger: RoomLogger
  /** Fold the update log into a snapshot once it holds this many updates. */
  compactionThreshold: number
  /** Permission rules; without them every writer's update is applied as it is. */
  rules?: RulesFactory
  /**
   * How long a connection whose update left content missing has to send it (see `#askAgain`). Default
   * RESYNC_TIMEOUT_MS.
   */
  resyncTimeoutMs?: number
  /** How fast a participant's connections together may send (FrameBudget.ts). Default DEFAULT_INTAKE_LIMITS. */
  intakeLimits?: IntakeLimits
}

/** A fresh joiner's answer: the stored document as of `frame`, and the batches stored since (Room.#joinerAnswer). */
interface JoinerAnswer {
  state: Uint8Array
  frame: Uint8Array
  since: Uint8Array[]
}

/** y-websocket sets one awareness client id per provider; a little slack, never an open door. */
const MAX_AWARENESS_IDS_PER_CONNECTION = 1
/** Bytes of one client's awareness state (name, colour, cursor, selection…). */
const MAX_AWARENESS_STATE_LENGTH = 8 * 1024
/**
 * A participant that needs this many resyncs in one room's lifetime is not a confused client: the last one closes
 * with TooManyRefusals instead of Resync, and so does every connection it opens while the room stays loaded.
 */
const MAX_RESYNCS_PER_PARTICIPANT = 3
/**
 * How long a connection has to send the content its update built on, once asked. A y-websocket client answers our
 * SyncStep1 at once; the allowance is for a large answer on a slow line.
 */
export const RESYNC_TIMEOUT_MS = 30_000
/**
 * Times one connection may be asked again within RESYNC_WINDOW_MS. A client that reconnects with offline edits
 * needs it at most once per connection (its first SyncStep2 brings everything); more is not a reconnect.
 */
const MAX_ASKS_PER_WINDOW = 3
const RESYNC_WINDOW_MS = 60_000
/** How long attendance changes wait to be written together (see #queueAttendance). */
const ATTENDANCE_DELAY_MS = 250
/** Stored batches kept to fold into the joiners' stored state before that state is encoded afresh instead. */
const MAX_BATCHES_AFTER_JOINER_STATE = 64
/** What a viewer is told, once, when it sends an update anyway. */
const VIEWER_REFUSAL: EditRefusal = {
  rule: 'VIEW-1',
  message: 'Viewers can follow the map but not change it.',
}

type UpdateKind = 'sync-step-2' | 'update'

/** The room is closing or can no longer store changes: the server's own write was not made, or not stored. */
export class RoomUnavailableError extends Error {
  override readonly name = 'RoomUnavailableError'
}

interface PendingUpdate {
  update: Uint8Array
  origin: unknown
}

/** A connection's update left content missing; the server has asked it again and waits for it. */
interface OpenGap {
  /** What the server must have before the dropped part is redundant. */
  missing: MissingContent
  timer: NodeJS.Timeout
}

/**
 * One map's live document and the clients editing it. The room answers the y-websocket protocol by hand:
 * it reads each frame itself and applies a client's update only through the UpdateGate, after a structural check.
 *
 * Durability: accepted updates are collected for one event-loop tick, appended to the store in one transaction
 * (shared with every other room's appends of that turn, see AppendBatcher), and only then broadcast — and a client's SyncStep1 is answered only from persisted state — so nothing anyone has
 * seen can be lost to a crash.
 *
 * The server's own changes — attendance, written here as connections come and go, and scaling rounds, through
 * `writeAsServer` — are transactions with SERVER_ORIGIN: the gate does not judge them; they are stored and
 * broadcast like the rest.
 */
export class Room {
  readonly mapId: string
  readonly doc: Y.Doc
  readonly awareness: awarenessProtocol.Awareness
  /** Called when the last connection has left. */
  onEmpty: (() => void) | undefined
  /** Called when the room can no longer store updates and has closed every connection. */
  onBroken: (() => void) | undefined

  readonly #store: MapStore
  readonly #appender: AppendBatcher | undefined
  readonly #logger: RoomLogger
  readonly #compactionThreshold: number
  readonly #gate: UpdateGate
  readonly #connections = new Set<Connection>()
  readonly #awarenessOwners = new Map<number, Connection>()
  readonly #clientIds: ClientIdOwners
  readonly #resyncTimeoutMs: number
  readonly #intakeLimits: IntakeLimits
  /** Each participant's allowance, shared by all of their connections (FrameBudget.ts). */
  readonly #allowances = new Map<string, Allowance>()
  /** Resyncs per participant id: connections closed because the content their updates built on never came. */
  readonly #resyncs = new Map<string, number>()
  /** Connections asked again for content their updates built on, until it arrives. */
  readonly #gaps = new Map<Connection, OpenGap>()
  /** When each connection was asked again lately (MAX_ASKS_PER_WINDOW). */
  readonly #asks = new WeakMap<Connection, RefusalWindow>()
  readonly #refusals = new WeakMap<Connection, RefusalWindow>()
  readonly #viewersTold = new WeakSet<Connection>()
  /**
   * Connections that have sent updates. Their fresh-join answers wait for what is being stored, so that an answer
   * always reflects everything its own connection sent before asking (frames on a connection are handled in order).
   */
  readonly #sentUpdates = new WeakSet<Connection>()
  readonly #attendance: Attendance
  /** Attendance entries waiting to be written, by participant id (the latest of each). */
  readonly #attendanceQueue = new Map<string, AttendanceEntry>()
  #attendanceTimer: NodeJS.Timeout | undefined
  #pending: PendingUpdate[] = []
  #flushScheduled = false
  #inFlight = 0
  #writing: Promise<void> = Promise.resolve()
  #lastSeq: number
  #tailLength: number
  #closing = false
  #broken = false
  /**
   * What answers a fresh joiner (empty state vector) at once: the whole *stored* document (encoded when nothing
   * applied was unstored) and the batches stored since, folded into it at the next fresh join. A joiner answered
   * from it has everything stored and gets every later batch as a broadcast, and never sees anything unstored —
   * so a join storm is answered without waiting for the joiners' own attendance to be written, and the ~15 ms
   * encoding of a 2,000-note map is not repeated per joiner.
   */
  #joinerAnswer: JoinerAnswer | null = null

  static async load(options: RoomOptions): Promise<Room> {
    // A stored update that would not load is set aside here, never applied (decision 0021).
    const loaded = await loadStoredDocument(options.store, options.mapId, options.logger)
    let clientIds: ClientIdOwners
    try {
      clientIds = await ClientIdOwners.load(options.store, options.mapId)
    } catch (error) {
      loaded.doc.destroy()
      throw error
    }
    const room = new Room(options, loaded, clientIds)
    // Before anyone joins: the id the server's reverts are written under is the server's, and stored as such.
    await clientIds.claimServerId(room.doc)
    // Only now, under the server's own client id: presence a crash left behind ends as the room loads.
    for (const entry of room.#attendance.takeStale()) room.#queueAttendance(entry)
    return room
  }

  private constructor(options: RoomOptions, loaded: LoadedDocument, clientIds: ClientIdOwners) {
    this.mapId = options.mapId
    this.#clientIds = clientIds
    this.#store = options.store
    this.#appender = options.appender
    this.#logger = options.logger
    this.#compactionThreshold = options.compactionThreshold
    this.#resyncTimeoutMs = options.resyncTimeoutMs ?? RESYNC_TIMEOUT_MS
    this.#intakeLimits = options.intakeLimits ?? DEFAULT_INTAKE_LIMITS
    this.#lastSeq = loaded.lastSeq
    this.#tailLength = loaded.tailLength

    this.doc = loaded.doc
    // Listeners go on after loading: what came from the store is not stored again.
    this.doc.on('update', this.#onDocUpdate)

    this.awareness = new awarenessProtocol.Awareness(this.doc)
    // The server is not a participant.
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.#onAwarenessUpdate)

    this.#gate = new UpdateGate(this.doc, options.rules)
    this.#attendance = new Attendance(this.doc)
  }

  get size(): number {
    return this.#connections.size
  }

  /** Updates in the store's log since the last snapshot. */
  get tailLength(): number {
    return this.#tailLength
  }

  join(connection: Connection): void {
    if (this.#closing || this.#broken) {
      connection.close(CloseCode.ServerShutdown)
      return
    }
    if (connection.closed) return
    if ((this.#resyncs.get(connection.identity.participant.id) ?? 0) >= MAX_RESYNCS_PER_PARTICIPANT) {
      connection.close(CloseCode.TooManyRefusals)
      return
    }
    this.#connections.add(connection)
    connection.shareAllowance(this.#allowanceOf(connection.identity.participant.id))
    const arrived = this.#attendance.arrive(connection.identity)
    if (arrived !== null) this.#queueAttendance(arrived)
    connection.onClose(this.#leave)
    // Our SyncStep1 asks a writer for what it has and we lack (edits made while it was offline). A viewer's
    // answer would be dropped, so it is not asked.
    if (connection.canWrite) connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
    const present = [...this.awareness.getStates().keys()]
    if (present.length > 0) {
      connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)))
    }
    this.#logger.debug(
      { mapId: this.mapId, connection: connection.id, role: connection.role },
      'client joined',
    )
    connection.attach(this.#receive, this.#frameKind)
  }

  #allowanceOf(participantId: string): Allowance {
    let allowance = this.#allowances.get(participantId)
    if (allowance === undefined) {
      allowance = new Allowance(this.#intakeLimits, this.#intakeLimits.participantFactor)
      this.#allowances.set(participantId, allowance)
    }
    return allowance
  }

  /** Resolves once every update applied so far is stored and broadcast. */
  async settle(): Promise<void> {
    while (this.#pending.length > 0 || this.#inFlight > 0) await this.#flush()
  }

  /**
   * A change of the server's own (a scaling round, say): `write` runs in one transaction with SERVER_ORIGIN, which
   * the rules do not judge. Resolves with what `write` returned once the change is stored (and so broadcast);
   * rejects with RoomUnavailableError if the room is closing or the store failed.
   */
  async writeAsServer<T>(write: (doc: Y.Doc, origin: object) => T): Promise<T> {
    if (this.#closing || this.#broken) throw new RoomUnavailableError('the room is closing')
    let result: T | undefined
    this.doc.transact(() => {
      result = write(this.doc, SERVER_ORIGIN)
    }, SERVER_ORIGIN)
    await this.settle()
    if (this.#broken) throw new RoomUnavailableError('the change could not be stored')
    return result as T
  }

  keepalive(intervalMs: number, now: number = Date.now()): void {
    for (const connection of this.#connections) connection.keepalive(intervalMs, now)
  }

  /** Closes every connection, stores what is pending, compacts, and frees the document. */
  async close(code: CloseCode = CloseCode.ServerShutdown): Promise<void> {
    if (this.#closing) return
    this.#closing = true
    for (const connection of [...this.#connections]) connection.close(code)
    this.#writeAttendance()
    await this.settle()
    if (!this.#broken && this.#tailLength > 0) await this.#compact()
    this.#gate.destroy()
    this.awareness.destroy()
    this.doc.destroy()
  }

  readonly #leave = (connection: Connection): void => {
    if (!this.#connections.delete(connection)) return
    this.#closeGap(connection)
    const ids = [...connection.awarenessClientIds]
    for (const id of ids) this.#awarenessOwners.delete(id)
    if (!this.#closing) awarenessProtocol.removeAwarenessStates(this.awareness, ids, 'disconnect')
    // Written before the room can be told it is empty (the queue is written at once when nobody is left):
    // closing or unloading settles it first, so it is stored.
    const left = this.#attendance.leave(connection.identity)
    if (left !== null) this.#queueAttendance(left)
    this.#logger.debug({ mapId: this.mapId, connection: connection.id }, 'client left')
    if (this.#connections.size === 0 && !this.#closing) this.onEmpty?.()
  }

  /**
   * Attendance changes are written together, ATTENDANCE_DELAY_MS after the first: thirty people joining at once
   * make one write and one broadcast, not thirty. Written at once when the room empties or closes.
   */
  #queueAttendance(entry: AttendanceEntry): void {
    if (this.#broken) return
    this.#attendanceQueue.set(entry.participantId, entry)
    if (this.#closing || this.#connections.size === 0) {
      this.#writeAttendance()
      return
    }
    if (this.#attendanceTimer !== undefined) return
    this.#attendanceTimer = setTimeout(() => this.#writeAttendance(), ATTENDANCE_DELAY_MS)
    this.#attendanceTimer.unref()
  }

  /** Nothing is written into a room that can no longer store it (settle would wait for it forever). */
  #writeAttendance(): void {
    clearTimeout(this.#attendanceTimer)
    this.#attendanceTimer = undefined
    const entries = [...this.#attendanceQueue.values()]
    this.#attendanceQueue.clear()
    if (this.#broken || entries.length === 0) return
    try {
      this.doc.transact(() => {
        for (const entry of entries) writeAttendance(this.doc, entry, SERVER_ORIGIN)
      }, SERVER_ORIGIN)
    } catch (error) {
      // The roster is worth less than the meeting: nobody is kept out because their entry would not write.
      this.#logger.error({ mapId: this.mapId, err: error }, 'could not record attendance')
    }
  }

  readonly #receive = (connection: Connection, frame: Uint8Array): void => {
    this.#guard(connection, () => this.#handle(connection, frame))
  }

  #guard(connection: Connection, handle: () => void): void {
    try {
      handle()
    } catch (error) {
      // One bad frame costs its sender the connection, never the room or the process.
      const malformed = error instanceof MalformedMessageError
      this.#logger.warn(
        {
          mapId: this.mapId,
          connection: connection.id,
          reason: error instanceof Error ? error.message : String(error),
        },
        malformed
          ? 'closed a connection that sent a malformed message'
          : 'closed a connection whose message failed',
      )
      connection.close(CloseCode.BadMessage)
    }
  }

  #handle(connection: Connection, frame: Uint8Array): void {
    const message = parseClientMessage(frame)
    switch (message.kind) {
      case 'sync-step-1':
        this.#answerSyncStep1(connection, message.stateVector)
        return
      case 'sync-step-2':
      case 'update':
        this.#receiveUpdate(connection, message.update, message.kind)
        return
      case 'awareness':
        this.#receiveAwareness(connection, message.update)
        return
      case 'query-awareness': {
        const present = [...this.awareness.getStates().keys()]
        connection.send(encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, present)))
        return
      }
    }
  }

  #answerSyncStep1(connection: Connection, stateVector: Uint8Array): void {
    let fresh: boolean
    try {
      fresh = Y.decodeStateVector(stateVector).size === 0
    } catch {
      throw new MalformedMessageError('unreadable state vector')
    }
    if (fresh && this.#joinerAnswer !== null && !this.#broken && !this.#sentUpdates.has(connection)) {
      this.#sendJoinerAnswer(connection, this.#joinerAnswer)
      return
    }
    const answer = () => {
      if (connection.closed || this.#broken) return
      if (!fresh) connection.send(encodeSyncStep2(Y.encodeStateAsUpdate(this.doc, stateVector)))
      else this.#sendJoinerAnswer(connection, (this.#joinerAnswer ??= this.#encodeJoinerAnswer()))
    }
    // Answer only from stored state: wait for updates applied but not yet written.
    if (this.#pending.length === 0 && this.#inFlight === 0) {
      answer()
      return
    }
    this.settle()
      .then(answer)
      .catch((error: unknown) => {
        this.#logger.error(
          { mapId: this.mapId, connection: connection.id, err: error },
          'failed to answer a sync',
        )
        connection.close(CloseCode.ServerError)
      })
  }

  /** The whole document for joiners; called only when the document holds nothing unstored. */
  #encodeJoinerAnswer(): JoinerAnswer {
    const state = Y.encodeStateAsUpdate(this.doc)
    return { state, frame: encodeSyncStep2(state), since: [] }
  }

  #sendJoinerAnswer(connection: Connection, answer: JoinerAnswer): void {
    if (answer.since.length > 0) {
      answer.state = Y.mergeUpdates([answer.state, ...answer.since])
      answer.frame = encodeSyncStep2(answer.state)
      answer.since = []
    }
    connection.send(answer.frame)
  }

  #receiveUpdate(connection: Connection, update: Uint8Array, kind: UpdateKind): void {
    this.#sentUpdates.add(connection)
    // Viewers never write, so dropping what they send opens no gap in anybody's clock.
    if (!connection.canWrite) {
      this.#logger.debug({ mapId: this.mapId, connection: connection.id }, 'dropped an update from a viewer')
      if (!this.#viewersTold.has(connection)) {
        this.#viewersTold.add(connection)
        connection.send(encodePermissionDenied(JSON.stringify(VIEWER_REFUSAL)))
      }
      return
    }
    const check = decodeAndCheckUpdate(update, this.doc)
    if (!check.ok) {
      this.#logger.warn(
        { mapId: this.mapId, connection: connection.id, reason: check.reason },
        'refused an update that does not fit the map document',
      )
      connection.close(CloseCode.BadMessage)
      return
    }
    const participantId = connection.identity.participant.id
    const { decoded } = check
    const ids = this.#clientIds.check(this.doc, decoded, participantId)
    if (ids.kind === 'taken') {
      this.#refuseClientIds(connection, ids.clientIds)
      return
    }
    if (ids.kind === 'own') {
      this.#applyUpdate(connection, update, decoded, kind)
      return
    }
    // New client ids are stored as this participant's before anything is written under them; the connection's
    // next frames wait meanwhile, so they cannot overtake this one.
    connection.pause()
    this.#clientIds
      .claim(participantId, ids.clientIds)
      .then((taken) => {
        if (taken.length > 0) this.#refuseClientIds(connection, taken)
        else if (!connection.closed && !this.#closing && !this.#broken) {
          this.#guard(connection, () => this.#applyUpdate(connection, update, decoded, kind))
        }
      })
      .catch((error: unknown) => {
        this.#logger.error(
          { mapId: this.mapId, connection: connection.id, err: error },
          'could not claim client ids',
        )
        connection.close(CloseCode.ServerError)
      })
      .finally(() => connection.resume())
  }

  /** Closes, without applying anything, a connection that wrote under someone else's client id. */
  #refuseClientIds(connection: Connection, clientIds: number[]): void {
    this.#logger.warn(
      { mapId: this.mapId, connection: connection.id, clientIds: clientIds.slice(0, 10) },
      'refused an update written under a client id that belongs to someone else',
    )
    connection.close(CloseCode.ClientIdTaken)
  }

  #applyUpdate(connection: Connection, update: Uint8Array, decoded: DecodedUpdate, kind: UpdateKind): void {
    let outcome: GateOutcome
    let missing: MissingContent | null
    try {
      outcome = this.#gate.apply(update, connection, decoded)
    } finally {
      // Never left in the document, whatever happens next: it would reach others in SyncStep2.
      missing = takePendingContent(this.doc)
    }
    if (missing !== null) this.#askAgain(connection, missing, kind)
    else if (kind === 'sync-step-2') this.#checkAnswer(connection)
    if (outcome.reverted && !connection.closed) {
      this.#refuse(connection, { rule: outcome.rule, message: outcome.message })
    }
  }

  /**
   * Tells the author why its change was reverted (the revert itself reaches it with the next broadcast). A
   * connection that keeps sending refused changes is closed: that is no longer someone's honest mistake.
   */
  #refuse(connection: Connection, refusal: EditRefusal): void {
    this.#logger.info(
      { mapId: this.mapId, connection: connection.id, rule: refusal.rule },
      'reverted an update the rules refuse',
    )
    let window = this.#refusals.get(connection)
    if (window === undefined) {
      window = new RefusalWindow()
      this.#refusals.set(connection, window)
    }
    if (window.record()) {
      this.#logger.warn(
        { mapId: this.mapId, connection: connection.id },
        'closed a connection with too many refused edits',
      )
      connection.close(CloseCode.TooManyRefusals)
      return
    }
    connection.send(encodePermissionDenied(JSON.stringify(refusal)))
  }

  /**
   * The update built on content the server does not have; its pending part has been dropped. Typically a client
   * reconnected with offline edits and made a new edit before its SyncStep2 (which carries those edits) arrived.
   * Rather than closing, the server sends the connection its SyncStep1 again: a client answers with a SyncStep2 of
   * everything the server lacks, the dropped part included. The connection's next SyncStep2 must bring what was
   * missing (a y-websocket client's first SyncStep2 after the update already does), within the timeout; a
   * connection that is asked again too often is closed as well.
   */
  #askAgain(connection: Connection, missing: MissingContent, kind: UpdateKind): void {
    const open = this.#gaps.get(connection)
    if (open !== undefined) {
      // Already asked: more edits sent before the answer. The answer brings them too, unless this is it.
      addMissing(open.missing, missing)
      if (kind === 'sync-step-2') this.#resync(connection, 'its SyncStep2 left content missing')
      return
    }
    let asks = this.#asks.get(connection)
    if (asks === undefined) {
      asks = new RefusalWindow(MAX_ASKS_PER_WINDOW, RESYNC_WINDOW_MS)
      this.#asks.set(connection, asks)
    }
    if (asks.record()) {
      this.#resync(connection, 'it kept sending updates that build on content the server does not have')
      return
    }
    const timer = setTimeout(
      () => this.#resync(connection, 'it did not send the content its update built on'),
      this.#resyncTimeoutMs,
    )
    timer.unref()
    this.#gaps.set(connection, { missing, timer })
    this.#logger.info(
      { mapId: this.mapId, connection: connection.id },
      'dropped the pending part of an update and asked its sender again',
    )
    connection.send(encodeSyncStep1(Y.encodeStateVector(this.doc)))
  }

  /** A SyncStep2 arrived and left nothing pending: if the connection was asked again, did it bring everything? */
  #checkAnswer(connection: Connection): void {
    const open = this.#gaps.get(connection)
    if (open === undefined) return
    if (hasContent(this.doc, open.missing)) this.#closeGap(connection)
    else this.#resync(connection, 'its SyncStep2 left content missing')
  }

  #closeGap(connection: Connection): void {
    const open = this.#gaps.get(connection)
    if (open === undefined) return
    clearTimeout(open.timer)
    this.#gaps.delete(connection)
  }

  /**
   * Closes a connection whose updates keep building on content it never sends (a crafted delete of someone's
   * future item, say) with Resync; the participant's third such close is TooManyRefusals, for good.
   */
  #resync(connection: Connection, reason: string): void {
    this.#closeGap(connection)
    if (connection.closed) return
    const participantId = connection.identity.participant.id
    const count = (this.#resyncs.get(participantId) ?? 0) + 1
    this.#resyncs.set(participantId, count)
    const code = count >= MAX_RESYNCS_PER_PARTICIPANT ? CloseCode.TooManyRefusals : CloseCode.Resync
    this.#logger.warn(
      { mapId: this.mapId, connection: connection.id, resyncs: count, reason },
      'closed a connection whose updates build on content the server does not have',
    )
    connection.close(code)
  }

  /**
   * An awareness frame naming only clients that other connections own is a stock client repeating what it heard:
   * an echo, charged bytes only (FrameBudget.ts). Read without parsing any state; anything unreadable is charged in
   * full and refused when handled.
   */
  readonly #frameKind = (connection: Connection, frame: Uint8Array): FrameKind => {
    const kind = frameKindByType(frame)
    if (kind !== 'awareness') return kind
    try {
      const outer = decoding.createDecoder(frame)
      decoding.readVarUint(outer)
      const decoder = decoding.createDecoder(decoding.readVarUint8Array(outer))
      const count = decoding.readVarUint(decoder)
      for (let i = 0; i < count; i++) {
        const owner = this.#awarenessOwners.get(decoding.readVarUint(decoder))
        if (owner === undefined || owner === connection) return 'awareness'
        decoding.readVarUint(decoder) // clock
        decoding.readVarUint8Array(decoder) // the state's JSON, skipped
      }
      return count === 0 ? 'awareness' : 'echo'
    } catch {
      return 'awareness'
    }
  }

  #receiveAwareness(connection: Connection, update: Uint8Array): void {
    const decoder = decoding.createDecoder(update)
    const encoder = encoding.createEncoder()
    const count = decoding.readVarUint(decoder)
    let kept = 0
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder)
      const clock = decoding.readVarUint(decoder)
      const json = decoding.readVarString(decoder)
      // Someone else's state, echoed back: not this connection's to set, and not worth parsing.
      const owner = this.#awarenessOwners.get(clientId)
      if (owner !== undefined && owner !== connection) continue
      let state: unknown
      try {
        state = JSON.parse(json)
      } catch {
        throw new MalformedMessageError('awareness state is not JSON')
      }
      if (json.length > MAX_AWARENESS_STATE_LENGTH) {
        this.#logger.warn(
          { mapId: this.mapId, connection: connection.id },
          'dropped an oversized awareness state',
        )
        continue
      }
      // y-websocket clients echo everybody's awareness back; only their own entries count.
      if (!this.#mayUseAwarenessId(connection, clientId, state !== null)) continue
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
    awarenessProtocol.applyAwarenessUpdate(this.awareness, encoding.toUint8Array(filtered), connection)
  }

  /** A connection owns the first client id it announces with a state, unless another connection owns it. */
  #mayUseAwarenessId(connection: Connection, clientId: number, claiming: boolean): boolean {
    const owner = this.#awarenessOwners.get(clientId)
    if (owner === connection) return true
    if (owner !== undefined || !claiming || clientId === this.doc.clientID) return false
    if (connection.awarenessClientIds.size >= MAX_AWARENESS_IDS_PER_CONNECTION) return false
    this.#awarenessOwners.set(clientId, connection)
    connection.awarenessClientIds.add(clientId)
    return true
  }

  readonly #onAwarenessUpdate = (
    changes: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...changes.added, ...changes.updated, ...changes.removed]
    if (changed.length === 0) return
    const message = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed))
    for (const connection of this.#connections) {
      if (connection !== origin) connection.send(message)
    }
  }

  readonly #onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    this.#pending.push({ update, origin })
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    setImmediate(() => {
      this.#flushScheduled = false
      void this.#flush()
    })
  }

  #flush(): Promise<void> {
    if (this.#pending.length > 0 && !this.#broken) {
      const batch = this.#pending
      this.#pending = []
      this.#inFlight++
      this.#writing = this.#writing
        .then(() => this.#persistAndBroadcast(batch))
        .catch((error: unknown) => {
          // Never let the chain reject: `settle` awaits it, and a rejection nobody handles ends the process.
          this.#logger.error({ mapId: this.mapId, err: error }, 'failed to broadcast updates')
        })
        .finally(() => {
          this.#inFlight--
        })
    }
    return this.#writing
  }

  async #persistAndBroadcast(batch: PendingUpdate[]): Promise<void> {
    if (this.#broken) return
    const updates = batch.map((entry) => entry.update)
    try {
      this.#lastSeq = await (this.#appender === undefined
        ? this.#store.appendUpdates(this.mapId, updates)
        : this.#appender.append(this.mapId, updates))
    } catch (error) {
      this.#fail(error)
      return
    }
    this.#tailLength += updates.length
    const merged = updates.length === 1 && updates[0] !== undefined ? updates[0] : Y.mergeUpdates(updates)
    const message = encodeUpdate(merged)
    // Joiners from now on get this batch folded into the stored state they are answered with; past a few dozen
    // batches the state is encoded afresh at the next join instead.
    const joiners = this.#joinerAnswer
    if (joiners !== null && joiners.since.length < MAX_BATCHES_AFTER_JOINER_STATE) joiners.since.push(merged)
    else this.#joinerAnswer = null
    for (const connection of this.#connections) {
      // An author gets back only what it did not write itself (e.g. the gate's revert of its change).
      if (!batch.every((entry) => entry.origin === connection)) connection.send(message)
    }
    if (this.#tailLength >= this.#compactionThreshold) await this.#compact()
  }

  async #compact(): Promise<void> {
    // The document holds at least everything through #lastSeq (and maybe newer updates still pending, which the
    // store keeps again in the tail: applying an update twice changes nothing).
    const throughSeq = this.#lastSeq
    const folded = this.#tailLength
    try {
      const snapshot = Y.encodeStateAsUpdate(this.doc)
      // A snapshot that would not load must never replace one that does: the log, whose updates can be screened
      // one by one when the map next loads, is kept instead.
      if (!snapshotLoads(snapshot)) {
        this.#logger.error({ mapId: this.mapId, throughSeq }, 'did not compact: the snapshot would not load')
        return
      }
      await this.#store.compact(this.mapId, snapshot, throughSeq)
      this.#tailLength = Math.max(0, this.#tailLength - folded)
      this.#logger.debug({ mapId: this.mapId, throughSeq }, 'compacted the update log')
    } catch (error) {
      // Not fatal: the log is still complete, just longer.
      this.#logger.error({ mapId: this.mapId, err: error }, 'could not compact the update log')
    }
  }

  /**
   * The store refused a write: the document now holds changes nobody may see. Everyone reconnects, and the room
   * is reloaded from what is stored; clients resend their unsaved edits when they sync.
   */
  #fail(error: unknown): void {
    if (this.#broken) return
    this.#broken = true
    this.#pending = []
    this.#logger.error({ mapId: this.mapId, err: error }, 'could not store updates; closing the room')
    for (const connection of [...this.#connections]) connection.close(CloseCode.ServerError)
    this.onBroken?.()
  }
}

/**
 * The awareness state others see, with `user` replaced by who the connection is according to its token: whatever
 * name, role or agency the client put there is never what anyone else sees.
 */
function stampUser(state: unknown, connection: Connection): Record<string, unknown> {
  const { role, participant } = connection.identity
  const fields = typeof state === 'object' && state !== null && !Array.isArray(state) ? state : {}
  return { ...fields, user: { id: participant.id, name: participant.name, role, agency: participant.agency } }
}
