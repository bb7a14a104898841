import { chainDrafts } from '../auditChain.ts'
import { erasureEntry } from '../erasureEntry.ts'
import type { ErasedRows, ErasureRequest, MapEraser } from '../MapErasure.ts'
import type { AuditDraft, AuditRecord, AuditStore, StoredAudit } from '../AuditStore.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

const copy = (entry: AuditRecord): AuditRecord => ({
  ...entry,
  actor: entry.actor === null ? null : { ...entry.actor },
})

/** Each map's audit trail, in memory, apart from the map's row (an erased map keeps its entry). */
export class MemoryAuditStore implements AuditStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  /** Chains and keeps `drafts` for a map the caller has checked exists (MemoryDocumentLog's appendToMaps). */
  appendChecked(mapId: string, drafts: readonly AuditDraft[]): AuditRecord[] {
    const audit = this.#db.tables().audit
    const stored = audit.get(mapId) ?? { entries: [], head: null }
    const entries = chainDrafts(stored.head, drafts)
    const last = entries[entries.length - 1]
    if (last === undefined) return []
    audit.set(mapId, {
      entries: [...stored.entries, ...entries],
      head: { seq: last.seq, hash: last.hash },
    })
    return entries.map(copy)
  }

  async appendAudit(mapId: string, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return []
    this.#db.map(mapId)
    return this.appendChecked(mapId, drafts)
  }

  async readAudit(mapId: string): Promise<StoredAudit> {
    const stored = this.#db.tables().audit.get(mapId)
    if (stored === undefined) return { entries: [], head: null }
    return { entries: stored.entries.map(copy), head: stored.head === null ? null : { ...stored.head } }
  }

  async eraseAudit(mapId: string, erasure: AuditDraft): Promise<AuditRecord> {
    const audit = this.#db.tables().audit
    const [entry] = chainDrafts(null, [erasure])
    if (entry === undefined) throw new Error('no erasure entry')
    audit.set(mapId, { entries: [entry], head: { seq: entry.seq, hash: entry.hash } })
    return copy(entry)
  }

  /** Erasure's part (decision 0042): the map's entries give way to the one erasure entry, a fresh chain. */
  eraseMapRows(mapId: string, request: ErasureRequest): ErasedRows {
    const before = this.#db.tables().audit.get(mapId)?.entries.length ?? 0
    const [entry] = chainDrafts(null, [erasureEntry(mapId, request)])
    if (entry === undefined) throw new Error('no erasure entry')
    this.#db.tables().audit.set(mapId, { entries: [entry], head: { seq: entry.seq, hash: entry.hash } })
    return { removed: { auditEntries: before }, kept: { auditEntries: 1 } }
  }
}
