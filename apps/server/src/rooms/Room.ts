import * as Y from 'yjs'
import { CloseCode, mayOpenAudience, parseRoomName } from '@mapboard/protocol'
import type { AuditActor, DocumentAudience } from '@mapboard/protocol'
import { DocumentAudit } from '../audit/DocumentAudit.ts'
import type { AppendBatcher } from '../storage/AppendBatcher.ts'
import type { ClientIdStore } from '../storage/ClientIdStore.ts'
import type { DocumentLog } from '../storage/DocumentLog.ts'
import type { FamilyVisitStore } from '../storage/FamilyVisitStore.ts'
import { Attendance } from './Attendance.ts'
import { AwarenessRelay } from './AwarenessRelay.ts'
import { ClientIdOwners } from './ClientIdOwners.ts'
import { ClosedSessionWatch } from './ClosedSessionWatch.ts'
import { FamilyVisits } from './FamilyVisits.ts'
import type { Connection } from './Connection.ts'
import { DEFAULT_INTAKE_LIMITS, ParticipantAllowances } from './FrameBudget.ts'
import type { IntakeLimits } from './FrameBudget.ts'
import { replyToIntake } from './IntakeReply.ts'
import type { IntakeReplyContext } from './IntakeReply.ts'
import { JoinerCache } from './JoinerCache.ts'
import { loadStoredDocument } from './loadStoredDocument.ts'
import { NoteReceipts } from './NoteReceipts.ts'
import type { LoadedDocument } from './loadStoredDocument.ts'
import { RESYNC_TIMEOUT_MS, ResyncPolicy } from './ResyncPolicy.ts'
import type { UpdateKind } from './ResyncPolicy.ts'
import { RoomMember } from './RoomMember.ts'
import { SERVER_ORIGIN } from './serverOrigin.ts'
import type { RoomLogger } from './SocketLike.ts'
import { MalformedMessageError, encodeSyncStep1, encodeUpdate, parseClientMessage } from './syncMessages.ts'
import { answerSyncStep1 } from './SyncAnswer.ts'
import type { SyncAnswerContext } from './SyncAnswer.ts'
import { UpdateGate } from './UpdateGate.ts'
import type { RulesFactory } from './UpdateGate.ts'
import { UpdateLog } from './UpdateLog.ts'
import { WriterIntake } from './WriterIntake.ts'

/**
 * What a room keeps in the store: its document (UpdateLog, loadStoredDocument), who owns its client ids, and when
 * the family opened the map (FamilyVisits, the shared document's room only).
 */
export type RoomStore = DocumentLog & ClientIdStore & FamilyVisitStore

export interface RoomOptions {
  /**
   * The room's name, under which the store keeps its document: the map's id for its shared document,
   * `<id>/professionals` for the professionals' one (protocol's `roomNameOf`).
   */
  mapId: string
  /** Which of the map's documents this is; default 'shared'. Only the shared one records attendance. */
  audience?: DocumentAudience
  store: RoomStore
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
   * How long a connection whose update left content missing has to send it (ResyncPolicy). Default
   * RESYNC_TIMEOUT_MS.
   */
  resyncTimeoutMs?: number
  /** How fast a participant's connections together may send (FrameBudget.ts). Default DEFAULT_INTAKE_LIMITS. */
  intakeLimits?: IntakeLimits
  /**
   * The server's clock for the facts it stamps (a note's `receivedAt`, a family visit), ms since the epoch.
   * Default Date.now.
   */
  now?: () => number
}

/** The room is closing or can no longer store changes: the server's own write was not made, or not stored. */
export class RoomUnavailableError extends Error {
  override readonly name: string = 'RoomUnavailableError'
}

/** Another instance is the room's authority (decision 0047): the server's own work on it is that instance's. */
export class ServedElsewhereError extends RoomUnavailableError {
  override readonly name = 'ServedElsewhereError'
}

/**
 * One map's live document and the connections editing it. The room answers the y-websocket protocol by hand: it
 * reads each frame itself and hands it to the part that deals with it — a writer's update to the WriterIntake,
 * presence to the AwarenessRelay — and acts on what they decide. Everything the document applies goes through the
 * UpdateLog, which stores it before the room broadcasts it; a client's SyncStep1 is answered only from stored
 * state (JoinerCache for fresh joiners). So nothing anyone has seen can be lost to a crash.
 *
 * When a family participant is admitted to the shared document, FamilyVisits stores the visit if it can tell the
 * record something (decision 0039).
 *
 * The server's own changes — attendance (Attendance), each note's `receivedAt` (NoteReceipts), and scaling rounds
 * through `writeAsServer` — are transactions with SERVER_ORIGIN: the gate does not judge them; they are stored and broadcast like the rest.
 */
export class Room {
  readonly mapId: string
  readonly audience: DocumentAudience
  /** Called when the last connection has left. */
  onEmpty: (() => void) | undefined
  /** Called when the room can no longer store updates and has closed every connection. */
  onBroken: (() => void) | undefined

  readonly #doc: Y.Doc
  readonly #logger: RoomLogger
  readonly #members = new Map<Connection, RoomMember>()
  readonly #gate: UpdateGate
  readonly #intake: WriterIntake
  readonly #log: UpdateLog
  readonly #resync: ResyncPolicy
  readonly #joiners: JoinerCache
  readonly #presence: AwarenessRelay
  /** Who was in the meeting is the shared document's to record; the professionals' room keeps none. */
  readonly #attendance: Attendance | null
  /** A closed session is the shared document's; while it lasts, the family and observers hear no one's presence. */
  readonly #closedSession: ClosedSessionWatch | null
  readonly #receipts: NoteReceipts
  /** When the family opened the map; the shared document's only (the family never opens the other). */
  readonly #familyVisits: FamilyVisits | null
  /** What each turn changed, for the map's audit trail, stored with the turn's updates. */
  readonly #audit: DocumentAudit
  readonly #replyContext: IntakeReplyContext
  readonly #syncContext: SyncAnswerContext
  /** Each participant's allowance, shared by all of their connections (FrameBudget.ts). */
  readonly #allowances: ParticipantAllowances
  #closing = false

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
    let familyVisits: FamilyVisits | null = null
    try {
      if ((options.audience ?? 'shared') === 'shared') {
        familyVisits = await FamilyVisits.load({
          mapId: options.mapId,
          doc: loaded.doc,
          store: options.store,
          logger: options.logger,
          now: options.now ?? Date.now,
        })
      }
    } catch (error) {
      loaded.doc.destroy()
      throw error
    }
    const room = new Room(options, loaded, clientIds, familyVisits)
    // Before anyone joins: the id the server's reverts are written under is the server's, and stored as such.
    await clientIds.claimServerId(loaded.doc)
    // Only now, under the server's own client id: presence a crash left behind ends as the room loads.
    room.#attendance?.endStale()
    return room
  }

  private constructor(
    options: RoomOptions,
    loaded: LoadedDocument,
    clientIds: ClientIdOwners,
    familyVisits: FamilyVisits | null,
  ) {
    const { mapId, logger } = options
    const doc = loaded.doc
    this.mapId = mapId
    this.audience = options.audience ?? 'shared'
    this.#doc = doc
    this.#logger = logger
    this.#allowances = new ParticipantAllowances(options.intakeLimits ?? DEFAULT_INTAKE_LIMITS)
    this.#log = new UpdateLog({
      mapId,
      auditMapId: parseRoomName(mapId).mapId,
      doc,
      store: options.store,
      appender: options.appender,
      logger,
      compactionThreshold: options.compactionThreshold,
      lastSeq: loaded.lastSeq,
      tailLength: loaded.tailLength,
      onStored: this.#broadcast,
      onFailed: this.#fail,
    })
    this.#presence = new AwarenessRelay({ doc, mapId, logger, recipients: () => this.#members.keys() })
    this.#audit = new DocumentAudit(doc, {
      audience: this.audience,
      now: options.now ?? Date.now,
      record: (drafts) => this.#log.recordAudit(drafts),
    })
    this.#gate = new UpdateGate(doc, options.rules, this.audience)
    this.#intake = new WriterIntake(doc, this.#gate, clientIds, () => this.#open, this.#audit)
    this.#resync = new ResyncPolicy({
      doc,
      mapId,
      logger,
      timeoutMs: options.resyncTimeoutMs ?? RESYNC_TIMEOUT_MS,
    })
    this.#joiners = new JoinerCache(doc)
    this.#receipts = new NoteReceipts(doc, options.now ?? Date.now)
    this.#familyVisits = familyVisits
    this.#replyContext = { mapId, logger, resync: this.#resync }
    this.#syncContext = { mapId, doc, joiners: this.#joiners, log: this.#log, logger }
    this.#attendance =
      this.audience === 'shared'
        ? new Attendance(doc, {
            mapId,
            logger,
            writable: () => !this.#log.failed,
            urgent: () => this.#closing || this.#members.size === 0,
          })
        : null
    this.#closedSession =
      this.audience === 'shared'
        ? new ClosedSessionWatch(doc, {
            onStart: () => this.#presence.holdBack(isFamilyOrViewer),
            onEnd: () => this.#presence.release(this.#members.keys()),
          })
        : null
  }

  get size(): number {
    return this.#members.size
  }

  /** Updates in the store's log since the last snapshot. */
  get tailLength(): number {
    return this.#log.tailLength
  }

  /** Reads the live document; `read` must not change it (the server's own changes go through writeAsServer). */
  read<T>(read: (doc: Y.Doc) => T): T {
    return read(this.#doc)
  }

  /** The presence states of everyone connected, by awareness client id. */
  presence(): ReadonlyMap<number, Record<string, unknown>> {
    return this.#presence.states()
  }

  join(connection: Connection): void {
    if (!this.#open) {
      connection.close(CloseCode.ServerShutdown)
      return
    }
    if (connection.closed) return
    const { identity } = connection
    // The registry routes by audience; this is the last word on who ever receives this document.
    if (identity.audience !== this.audience || !mayOpenAudience(identity.role, this.audience)) {
      this.#logger.warn(
        { mapId: this.mapId, connection: connection.id },
        'refused a connection of another audience',
      )
      connection.close(CloseCode.Forbidden)
      return
    }
    const participantId = identity.participant.id
    if (this.#resync.isBarred(participantId)) {
      connection.close(CloseCode.TooManyRefusals)
      return
    }
    this.#members.set(connection, new RoomMember(connection, this.#resync.askWindow()))
    connection.shareAllowance(this.#allowances.of(participantId))
    this.#attendance?.arrive(connection.identity)
    this.#familyVisits?.arrive(connection.identity)
    connection.onClose(this.#leave)
    // Our SyncStep1 asks a writer for what it has and we lack (edits made while it was offline). A viewer's
    // answer would be dropped, so it is not asked.
    if (connection.canWrite) connection.send(encodeSyncStep1(Y.encodeStateVector(this.#doc)))
    this.#presence.welcome(connection)
    this.#logger.debug(
      { mapId: this.mapId, connection: connection.id, role: connection.role },
      'client joined',
    )
    connection.attach(this.#receive, this.#presence.frameKind)
  }

  /** Resolves once every update applied so far is stored and broadcast, and every family visit is stored. */
  async settle(): Promise<void> {
    await Promise.all([this.#log.settle(), this.#familyVisits?.settle()])
  }

  /**
   * A change of the server's own (a scaling round, say): `write` runs in one transaction with SERVER_ORIGIN, which
   * the rules do not judge. Resolves with what `write` returned once the change is stored (and so broadcast);
   * rejects with RoomUnavailableError if the room is closing or the store failed. `onBehalfOf`: who the audit
   * trail names for it (the chair who opened a round); the server itself when null.
   */
  async writeAsServer<T>(
    write: (doc: Y.Doc, origin: object) => T,
    onBehalfOf: AuditActor | null = null,
  ): Promise<T> {
    if (!this.#open) throw new RoomUnavailableError('the room is closing')
    let result: T | undefined
    this.#audit.onBehalfOf(onBehalfOf, () =>
      this.#doc.transact(() => {
        result = write(this.#doc, SERVER_ORIGIN)
      }, SERVER_ORIGIN),
    )
    await this.settle()
    if (this.#log.failed) throw new RoomUnavailableError('the change could not be stored')
    return result as T
  }

  keepalive(intervalMs: number, ping: boolean, now: number = Date.now()): void {
    for (const connection of this.#members.keys()) connection.keepalive(intervalMs, ping, now)
  }

  /** Closes every connection, stores what is pending, compacts, and frees the document. */
  async close(code: CloseCode = CloseCode.ServerShutdown): Promise<void> {
    if (this.#closing) return
    this.#closing = true
    for (const connection of [...this.#members.keys()]) connection.close(code)
    this.#attendance?.flush()
    await this.settle()
    await this.#log.compactIfNeeded()
    this.#gate.destroy()
    this.#closedSession?.destroy()
    this.#receipts.destroy()
    this.#audit.destroy()
    this.#presence.destroy()
    this.#doc.destroy()
  }

  /** Neither closing nor broken: the room still takes changes. */
  get #open(): boolean {
    return !this.#closing && !this.#log.failed
  }

  readonly #leave = (connection: Connection): void => {
    const member = this.#members.get(connection)
    if (member === undefined) return
    this.#members.delete(connection)
    this.#resync.forget(member)
    this.#presence.leave(connection, !this.#closing)
    // Written before the room can be told it is empty (attendance is written at once when nobody is left):
    // closing or unloading settles it first, so it is stored.
    this.#attendance?.leave(connection.identity)
    this.#logger.debug({ mapId: this.mapId, connection: connection.id }, 'client left')
    if (this.#members.size === 0 && !this.#closing) this.onEmpty?.()
  }

  readonly #receive = (connection: Connection, frame: Uint8Array): void => {
    const member = this.#members.get(connection)
    if (member !== undefined) this.#guard(member, () => this.#handle(member, frame))
  }

  #guard(member: RoomMember, handle: () => void): void {
    try {
      handle()
    } catch (error) {
      this.#closeForError(member, error)
    }
  }

  /** One bad frame costs its sender the connection, never the room or the process. */
  #closeForError(member: RoomMember, error: unknown): void {
    const { connection } = member
    const reason = error instanceof Error ? error.message : String(error)
    this.#logger.warn(
      { mapId: this.mapId, connection: connection.id, reason },
      error instanceof MalformedMessageError
        ? 'closed a connection that sent a malformed message'
        : 'closed a connection whose message failed',
    )
    connection.close(CloseCode.BadMessage)
  }

  #handle(member: RoomMember, frame: Uint8Array): void {
    const message = parseClientMessage(frame)
    switch (message.kind) {
      case 'sync-step-1':
        answerSyncStep1(member, message.stateVector, this.#syncContext)
        return
      case 'sync-step-2':
      case 'update':
        this.#receiveUpdate(member, message.update, message.kind)
        return
      case 'awareness':
        this.#presence.receive(member.connection, message.update)
        return
      case 'query-awareness':
        this.#presence.answerQuery(member.connection)
        return
    }
  }

  #receiveUpdate(member: RoomMember, update: Uint8Array, kind: UpdateKind): void {
    member.sentUpdates = true
    const outcome = this.#intake.take(member.connection, update)
    if (!(outcome instanceof Promise)) {
      this.#receipts.stamp()
      replyToIntake(member, outcome, kind, this.#replyContext)
      return
    }
    // New client ids are being stored; the connection's next frames wait, so they cannot overtake this one.
    const { connection } = member
    connection.pause()
    outcome
      .then(
        (taken) =>
          this.#guard(member, () => {
            this.#receipts.stamp()
            replyToIntake(member, taken, kind, this.#replyContext)
          }),
        (error: unknown) => this.#closeForError(member, error),
      )
      .finally(() => connection.resume())
  }

  /** A batch is stored: joiners from now on get it, and everyone connected gets it now. */
  readonly #broadcast = (update: Uint8Array, origins: ReadonlySet<unknown>): void => {
    this.#joiners.stored(update)
    const message = encodeUpdate(update)
    for (const connection of this.#members.keys()) {
      // An author gets back only what it did not write itself (e.g. the gate's revert of its change).
      if (origins.size > 1 || !origins.has(connection)) connection.send(message)
    }
    // After the update itself: the family's device learns that the session ended before presence comes back.
    this.#closedSession?.check()
  }

  /**
   * The store refused a write: the document now holds changes nobody may see. Everyone reconnects, and the room
   * is reloaded from what is stored; clients resend their unsaved edits when they sync.
   */
  readonly #fail = (): void => {
    for (const connection of [...this.#members.keys()]) connection.close(CloseCode.ServerError)
    this.onBroken?.()
  }
}

/** Who is not in a closed session: the family and observers (decision 0033). */
function isFamilyOrViewer(connection: Connection): boolean {
  return connection.role === 'family' || connection.role === 'viewer'
}
