import type Database from 'better-sqlite3'
import { chainDrafts } from '../auditChain.ts'
import { erasureEntry } from '../erasureEntry.ts'
import type { ErasedRows, ErasureRequest, MapEraser } from '../MapErasure.ts'
import type { AuditDraft, AuditHead, AuditRecord, AuditStore, StoredAudit } from '../AuditStore.ts'
import { toAuditRecord } from '../sqlRows.ts'
import type { EntryRow } from '../sqlRows.ts'

type EntryParams = [
  string,
  number,
  number,
  string | null,
  string | null,
  string | null,
  string | null,
  string,
  string,
  string | null,
  string,
  string,
  string,
]

/**
 * Tables `audit_entries` and `audit_heads`. `appendInTransaction` is for SqliteDocumentLog, which runs it inside
 * the transaction that appends the updates the entries are about.
 */
export class SqliteAuditStore implements AuditStore, MapEraser {
  readonly #append
  readonly #appendTransaction
  readonly #read
  readonly #erase

  constructor(db: Database.Database) {
    const statements = {
      hasMap: db.prepare<[string], { id: string }>('SELECT id FROM maps WHERE id = ?'),
      getHead: db.prepare<[string], AuditHead>('SELECT seq, hash FROM audit_heads WHERE map_id = ?'),
      setHead: db.prepare<[string, number, string]>(
        `INSERT INTO audit_heads (map_id, seq, hash) VALUES (?, ?, ?)
         ON CONFLICT (map_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash`,
      ),
      insert: db.prepare<EntryParams>(
        `INSERT INTO audit_entries (map_id, seq, at, actor_id, actor_name, actor_role, actor_agency, action,
           target, section, summary, audience, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      list: db.prepare<[string], EntryRow>('SELECT * FROM audit_entries WHERE map_id = ? ORDER BY seq'),
      deleteEntries: db.prepare<[string]>('DELETE FROM audit_entries WHERE map_id = ?'),
    }

    const write = (mapId: string, entries: readonly AuditRecord[]): void => {
      for (const entry of entries) {
        const { actor } = entry
        statements.insert.run(
          mapId,
          entry.seq,
          entry.at,
          actor?.participantId ?? null,
          actor?.name ?? null,
          actor?.role ?? null,
          actor?.agency ?? null,
          entry.action,
          entry.target,
          entry.section,
          entry.summary,
          entry.audience,
          entry.hash,
        )
      }
      const last = entries[entries.length - 1]
      if (last !== undefined) statements.setHead.run(mapId, last.seq, last.hash)
    }

    this.#append = (mapId: string, drafts: readonly AuditDraft[]): AuditRecord[] => {
      if (drafts.length === 0) return []
      if (statements.hasMap.get(mapId) === undefined) throw new Error(`no map ${mapId}`)
      const entries = chainDrafts(statements.getHead.get(mapId) ?? null, drafts)
      write(mapId, entries)
      return entries
    }
    this.#appendTransaction = db.transaction(this.#append)
    this.#read = db.transaction((mapId: string): StoredAudit => ({
      entries: statements.list.all(mapId).map(toAuditRecord),
      head: statements.getHead.get(mapId) ?? null,
    }))
    this.#erase = db.transaction((mapId: string, erasure: AuditDraft): AuditRecord => {
      statements.deleteEntries.run(mapId)
      const [entry] = chainDrafts(null, [erasure])
      if (entry === undefined) throw new Error('no erasure entry')
      write(mapId, [entry])
      return entry
    })
  }

  /** Chains and inserts `drafts`; the caller runs it inside its own transaction. Throws if there is no map. */
  appendInTransaction(mapId: string, drafts: readonly AuditDraft[]): AuditRecord[] {
    return this.#append(mapId, drafts)
  }

  async appendAudit(mapId: string, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    return this.#appendTransaction(mapId, drafts)
  }

  async readAudit(mapId: string): Promise<StoredAudit> {
    return this.#read(mapId)
  }

  async eraseAudit(mapId: string, erasure: AuditDraft): Promise<AuditRecord> {
    return this.#erase(mapId, erasure)
  }

  /** Erasure's part (decision 0042): the map's entries give way to the one erasure entry, a fresh chain. */
  eraseMapRows(mapId: string, request: ErasureRequest): ErasedRows {
    const before = this.#read(mapId).entries.length
    this.#erase(mapId, erasureEntry(mapId, request))
    return { removed: { auditEntries: before }, kept: { auditEntries: 1 } }
  }
}
