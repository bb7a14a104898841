// The room's side of durability. Every update the document applies (a writer's, the gate's reverts, the server's
// own) is collected for one event-loop tick, appended to the store in one transaction — shared with every other
// room's appends of that turn (AppendBatcher) — and only then reported as stored, for the room to broadcast. So
// nothing anyone has seen can be lost to a crash. The log is folded into a snapshot once it is long enough. The
// audit entries of the same turn (DocumentAudit) go into the same transaction as its updates.
import * as Y from 'yjs'
import type { AppendBatcher } from '../storage/AppendBatcher.ts'
import type { AuditAppend, AuditDraft } from '../storage/AuditStore.ts'
import type { DocumentLog } from '../storage/DocumentLog.ts'
import { snapshotLoads } from './loadStoredDocument.ts'
import type { RoomLogger } from './SocketLike.ts'

export interface UpdateLogOptions {
  mapId: string
  /** The map whose audit trail the entries join: for the professionals' document, the map's own id. */
  auditMapId: string
  doc: Y.Doc
  /** The map's stored document: appended to and compacted. */
  store: DocumentLog
  /** Without it the log appends to the store on its own. */
  appender: AppendBatcher | undefined
  logger: RoomLogger
  /** Fold the log into a snapshot once it holds this many updates. */
  compactionThreshold: number
  /** Where the stored log stood when the document was loaded. */
  lastSeq: number
  tailLength: number
  /**
   * A batch is stored: `update` is the batch merged, `origins` the transaction origins of its updates (the
   * connection that wrote each, or the server's origin).
   */
  onStored(update: Uint8Array, origins: ReadonlySet<unknown>): void
  /** The store refused a write: the document now holds changes nobody may see. Nothing more is stored. */
  onFailed(error: unknown): void
}

interface PendingUpdate {
  update: Uint8Array
  origin: unknown
}

export class UpdateLog {
  readonly #options: UpdateLogOptions
  #pending: PendingUpdate[] = []
  #pendingAudit: AuditDraft[] = []
  #flushScheduled = false
  #inFlight = 0
  #writing: Promise<void> = Promise.resolve()
  #lastSeq: number
  #tailLength: number
  #failed = false

  constructor(options: UpdateLogOptions) {
    this.#options = options
    this.#lastSeq = options.lastSeq
    this.#tailLength = options.tailLength
    // Listening starts after loading: what came from the store is not stored again.
    options.doc.on('update', this.#collect)
  }

  /** Updates in the store's log since the last snapshot. */
  get tailLength(): number {
    return this.#tailLength
  }

  /** Whether a store write has failed; from then on nothing is stored. */
  get failed(): boolean {
    return this.#failed
  }

  /** Whether everything applied so far is stored (and reported). */
  get idle(): boolean {
    return this.#pending.length === 0 && this.#pendingAudit.length === 0 && this.#inFlight === 0
  }

  /** Audit entries to store with this turn's updates (or on their own, when the turn changed nothing stored). */
  recordAudit(drafts: readonly AuditDraft[]): void {
    if (this.#failed) return
    this.#pendingAudit.push(...drafts)
    this.#schedule()
  }

  /** Resolves once every update applied so far is stored and reported. */
  async settle(): Promise<void> {
    while (!this.idle) await this.#flush()
  }

  /** Folds what the log holds into a snapshot, unless the log is empty or the store has failed. */
  async compactIfNeeded(): Promise<void> {
    if (!this.#failed && this.#tailLength > 0) await this.#compact()
  }

  readonly #collect = (update: Uint8Array, origin: unknown): void => {
    this.#pending.push({ update, origin })
    this.#schedule()
  }

  #schedule(): void {
    if (this.#flushScheduled) return
    this.#flushScheduled = true
    setImmediate(() => {
      this.#flushScheduled = false
      void this.#flush()
    })
  }

  #flush(): Promise<void> {
    if ((this.#pending.length > 0 || this.#pendingAudit.length > 0) && !this.#failed) {
      const batch = this.#pending
      const drafts = this.#pendingAudit
      this.#pending = []
      this.#pendingAudit = []
      this.#inFlight++
      this.#writing = this.#writing
        .then(() => this.#store(batch, drafts))
        .catch((error: unknown) => {
          // Never let the chain reject: `settle` awaits it, and a rejection nobody handles ends the process.
          this.#options.logger.error(
            { mapId: this.#options.mapId, err: error },
            'failed to broadcast updates',
          )
        })
        .finally(() => {
          this.#inFlight--
        })
    }
    return this.#writing
  }

  async #store(batch: PendingUpdate[], drafts: AuditDraft[]): Promise<void> {
    if (this.#failed) return
    const { mapId, auditMapId, store, appender } = this.#options
    const updates = batch.map((entry) => entry.update)
    const audit: AuditAppend | undefined = drafts.length === 0 ? undefined : { mapId: auditMapId, drafts }
    try {
      this.#lastSeq = await (appender === undefined
        ? store.appendUpdates(mapId, updates, audit)
        : appender.append(mapId, updates, audit))
    } catch (error) {
      this.#fail(error)
      return
    }
    if (updates.length === 0) return
    this.#tailLength += updates.length
    const merged = updates.length === 1 && updates[0] !== undefined ? updates[0] : Y.mergeUpdates(updates)
    this.#options.onStored(merged, new Set(batch.map((entry) => entry.origin)))
    if (this.#tailLength >= this.#options.compactionThreshold) await this.#compact()
  }

  async #compact(): Promise<void> {
    const { mapId, doc, store, logger } = this.#options
    // The document holds at least everything through #lastSeq (and maybe newer updates still pending, which the
    // store keeps again in the tail: applying an update twice changes nothing).
    const throughSeq = this.#lastSeq
    const folded = this.#tailLength
    try {
      const snapshot = Y.encodeStateAsUpdate(doc)
      // A snapshot that would not load must never replace one that does: the log, whose updates can be screened
      // one by one when the map next loads, is kept instead.
      if (!snapshotLoads(snapshot)) {
        logger.error({ mapId, throughSeq }, 'did not compact: the snapshot would not load')
        return
      }
      await store.compact(mapId, snapshot, throughSeq)
      this.#tailLength = Math.max(0, this.#tailLength - folded)
      logger.debug({ mapId, throughSeq }, 'compacted the update log')
    } catch (error) {
      // Not fatal: the log is still complete, just longer.
      logger.error({ mapId, err: error }, 'could not compact the update log')
    }
  }

  #fail(error: unknown): void {
    if (this.#failed) return
    this.#failed = true
    this.#pending = []
    this.#pendingAudit = []
    this.#options.logger.error(
      { mapId: this.#options.mapId, err: error },
      'could not store updates; closing the room',
    )
    this.#options.onFailed(error)
  }
}
