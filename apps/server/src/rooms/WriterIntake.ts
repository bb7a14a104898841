// The way in for a participant's document update, in order: a viewer's is dropped; anything that does not fit the
// map document is refused before it touches it (checkUpdate.ts); client ids must be the writer's own, new ones
// stored as theirs first (ClientIdOwners.ts); then the gate applies it and reverts what the rules refuse
// (UpdateGate.ts), and content it built on but the server lacks is taken out (pendingContent.ts). Each update ends
// as one IntakeOutcome, which the room acts on: it closes, tells, or asks again — the intake only decides.
import type * as Y from 'yjs'
import type { EditRefusal } from '@mapboard/protocol'
import { auditActor } from '../audit/auditActor.ts'
import type { DocumentAudit } from '../audit/DocumentAudit.ts'
import { decodeAndCheckUpdate } from './checkUpdate.ts'
import type { DecodedUpdate } from './checkUpdate.ts'
import type { ClientIdOwners } from './ClientIdOwners.ts'
import type { Connection } from './Connection.ts'
import { takePendingContent } from './pendingContent.ts'
import type { MissingContent } from './pendingContent.ts'
import type { UpdateGate } from './UpdateGate.ts'

export type IntakeOutcome =
  /** Sent by a viewer: dropped unread (viewers never write, so no clock has a gap). */
  | { kind: 'viewer' }
  /** Does not fit the map document: nothing of it was applied. */
  | { kind: 'malformed'; reason: string }
  /** Written under client ids that belong to someone else: nothing of it was applied. */
  | { kind: 'client-ids-taken'; clientIds: number[] }
  /** Storing the writer's new client ids failed: nothing of it was applied. */
  | { kind: 'claim-failed'; error: unknown }
  /** The connection or the room closed while new client ids were stored: nothing of it was applied. */
  | { kind: 'abandoned' }
  /**
   * Applied. `refusal` when the rules refused it (it has been reverted); `missing` when part of it built on
   * content the server lacks (that part has been dropped).
   */
  | { kind: 'applied'; refusal: EditRefusal | null; missing: MissingContent | null }

export class WriterIntake {
  readonly #doc: Y.Doc
  readonly #gate: UpdateGate
  readonly #clientIds: ClientIdOwners
  readonly #roomOpen: () => boolean
  readonly #audit: DocumentAudit

  /**
   * `roomOpen` says whether the room still takes changes (not closing, not broken); `audit` records what each
   * applied update did, or that it was refused.
   */
  constructor(
    doc: Y.Doc,
    gate: UpdateGate,
    clientIds: ClientIdOwners,
    roomOpen: () => boolean,
    audit: DocumentAudit,
  ) {
    this.#doc = doc
    this.#gate = gate
    this.#audit = audit
    this.#clientIds = clientIds
    this.#roomOpen = roomOpen
  }

  /**
   * Takes one update from `connection`. The outcome is a promise only while the writer's new client ids are being
   * stored; the caller holds the connection's next frames back meanwhile, so they cannot overtake this one.
   */
  take(connection: Connection, update: Uint8Array): IntakeOutcome | Promise<IntakeOutcome> {
    if (!connection.canWrite) return { kind: 'viewer' }
    const check = decodeAndCheckUpdate(update, this.#doc)
    if (!check.ok) return { kind: 'malformed', reason: check.reason }
    const participantId = connection.identity.participant.id
    const { decoded } = check
    const ids = this.#clientIds.check(this.#doc, decoded, participantId)
    if (ids.kind === 'taken') return { kind: 'client-ids-taken', clientIds: ids.clientIds }
    if (ids.kind === 'own') return this.#apply(connection, update, decoded)
    // New client ids are stored as this participant's before anything is written under them.
    return this.#clientIds.claim(participantId, ids.clientIds).then(
      (taken): IntakeOutcome => {
        if (taken.length > 0) return { kind: 'client-ids-taken', clientIds: taken }
        if (connection.closed || !this.#roomOpen()) return { kind: 'abandoned' }
        return this.#apply(connection, update, decoded)
      },
      (error: unknown): IntakeOutcome => ({ kind: 'claim-failed', error }),
    )
  }

  #apply(connection: Connection, update: Uint8Array, decoded: DecodedUpdate): IntakeOutcome {
    let missing: MissingContent | null
    let refusal: EditRefusal | null
    try {
      const outcome = this.#audit.judge(auditActor(connection.identity), () =>
        this.#gate.apply(update, connection, decoded),
      )
      refusal = outcome.reverted ? { rule: outcome.rule, message: outcome.message } : null
    } finally {
      // Never left in the document, whatever happens next: it would reach others in SyncStep2.
      missing = takePendingContent(this.#doc)
    }
    return { kind: 'applied', refusal, missing }
  }
}
