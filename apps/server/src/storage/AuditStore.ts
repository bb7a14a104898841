import type { AuditAction, AuditActor, AuditAudience } from '@mapboard/protocol'

/**
 * An audit entry before the store numbers and chains it: everything but `seq` and `hash`. The server makes drafts
 * from what it accepted or refused (audit/), never from anything a client claims.
 */
export interface AuditDraft {
  /** The server's clock, ms since the epoch. */
  at: number
  /** Null when the server acted on its own. */
  actor: AuditActor | null
  action: AuditAction
  target: string
  section: string | null
  summary: string
  audience: AuditAudience
}

/**
 * An entry as stored. Read back as plain strings, not checked against the closed sets: a row someone changed by
 * hand must still be read, so that verification can say which one it is.
 */
export interface AuditRecord {
  seq: number
  at: number
  actor: { participantId: string; name: string; role: string; agency: string } | null
  action: string
  target: string
  section: string | null
  summary: string
  audience: string
  hash: string
}

/** The last entry a map's chain reached, kept apart from the entries so that a removed last entry shows. */
export interface AuditHead {
  seq: number
  hash: string
}

/** A map's audit trail as stored: its entries by seq and the head of its chain (null before the first entry). */
export interface StoredAudit {
  entries: AuditRecord[]
  head: AuditHead | null
}

/** Drafts to add to a map's trail in the same transaction as an append (DocumentLog's `MapAppend.audit`). */
export interface AuditAppend {
  /** The map the entries belong to: for the professionals' document, the map's own id. */
  mapId: string
  drafts: readonly AuditDraft[]
}

/**
 * Each map's audit trail: entries numbered 1, 2, … per map, each hashed over the previous entry's hash and its own
 * content (auditChain.ts). Entries written with a document update go through DocumentLog's `appendToMaps`, in its
 * transaction; the rest (links, exports) through `appendAudit`.
 */
export interface AuditStore {
  /** Numbers, chains and stores `drafts` in one transaction; resolves with the stored entries. Fails if no map. */
  appendAudit(mapId: string, drafts: readonly AuditDraft[]): Promise<AuditRecord[]>
  /** The map's entries, oldest first, and the head, read in one transaction. Empty for an unknown map. */
  readAudit(mapId: string): Promise<StoredAudit>
  /**
   * For erasure: replaces every entry of the map with the single entry `erasure`, which starts a new chain (seq 1,
   * hashed over no previous entry), in one transaction; resolves with it. Works whether or not the map's other
   * data is still there, so an erasure can run it last.
   */
  eraseAudit(mapId: string, erasure: AuditDraft): Promise<AuditRecord>
}
