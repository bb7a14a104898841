import type pg from 'pg'
import { chainDrafts } from '../auditChain.ts'
import { erasureEntry } from '../erasureEntry.ts'
import type { ErasedRows, ErasureRequest } from '../MapErasure.ts'
import type {
  AuditAppend,
  AuditDraft,
  AuditHead,
  AuditRecord,
  AuditStore,
  StoredAudit,
} from '../AuditStore.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { toAuditRecord } from '../sqlRows.ts'
import type { EntryRow } from '../sqlRows.ts'

const ENTRY_COLUMNS = `seq, at, actor_id, actor_name, actor_role, actor_agency, action, target, section, summary,
  audience, hash`

/** A head row is made, at seq 0, by the first transaction that locks it; until entries follow it stands for none. */
const toHead = (row: AuditHead | undefined): AuditHead | null =>
  row === undefined || row.seq === 0 ? null : { seq: row.seq, hash: row.hash }

/**
 * Tables `audit_entries` and `audit_heads`. Each map's chain is extended under a lock on its head row
 * (SELECT … FOR UPDATE), taken in map id order, so two transactions writing the same map's trail — from this
 * instance or another — chain one after the other and never both from the same head. `appendInTransaction` is
 * for PostgresDocumentLog, which runs it inside the transaction that appends the updates the entries are about.
 */
export class PostgresAuditStore implements AuditStore, PostgresMapEraser {
  readonly tables = ['audit_entries', 'audit_heads']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  /**
   * Chains and inserts each append's drafts on `tx`, in order (a map may come more than once). The caller has
   * checked that every map exists.
   */
  async appendInTransaction(tx: pg.PoolClient, appends: readonly AuditAppend[]): Promise<AuditRecord[][]> {
    const mapIds = [
      ...new Set(appends.filter((append) => append.drafts.length > 0).map((a) => a.mapId)),
    ].sort()
    if (mapIds.length === 0) return appends.map(() => [])
    const heads = await this.#lockHeads(tx, mapIds)
    const written = appends.map((append) => {
      if (append.drafts.length === 0) return []
      const entries = chainDrafts(heads.get(append.mapId) ?? null, append.drafts)
      const last = entries[entries.length - 1]
      if (last !== undefined) heads.set(append.mapId, { seq: last.seq, hash: last.hash })
      return entries
    })
    await this.#insert(
      tx,
      appends.flatMap((append, index) =>
        (written[index] ?? []).map((entry) => ({ mapId: append.mapId, entry })),
      ),
    )
    await this.#setHeads(tx, heads)
    return written
  }

  async appendAudit(mapId: string, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return []
    return this.#db.transaction(async (tx) => {
      const found = await tx.query('SELECT 1 FROM maps WHERE id = $1', [mapId])
      if (found.rowCount === 0) throw new Error(`no map ${mapId}`)
      const [entries] = await this.appendInTransaction(tx, [{ mapId, drafts }])
      return entries ?? []
    })
  }

  async readAudit(mapId: string): Promise<StoredAudit> {
    return this.#db.transaction(
      async (tx) => {
        const entries = await tx.query<EntryRow>(
          `SELECT ${ENTRY_COLUMNS} FROM audit_entries WHERE map_id = $1 ORDER BY seq`,
          [mapId],
        )
        const head = await tx.query<AuditHead>('SELECT seq, hash FROM audit_heads WHERE map_id = $1', [mapId])
        return { entries: entries.rows.map(toAuditRecord), head: toHead(head.rows[0]) }
      },
      { readOnly: true },
    )
  }

  async eraseAudit(mapId: string, erasure: AuditDraft): Promise<AuditRecord> {
    return this.#db.transaction(async (tx) => (await this.#erase(tx, mapId, erasure)).entry)
  }

  /** Erasure's part (decision 0042): the map's entries give way to the one erasure entry, a fresh chain. */
  async eraseMapRows(tx: pg.PoolClient, mapId: string, request: ErasureRequest): Promise<ErasedRows> {
    const { removed } = await this.#erase(tx, mapId, erasureEntry(mapId, request))
    return { removed: { auditEntries: removed }, kept: { auditEntries: 1 } }
  }

  async #erase(
    tx: pg.PoolClient,
    mapId: string,
    erasure: AuditDraft,
  ): Promise<{ entry: AuditRecord; removed: number }> {
    const heads = await this.#lockHeads(tx, [mapId])
    const deleted = await tx.query('DELETE FROM audit_entries WHERE map_id = $1', [mapId])
    const [entry] = chainDrafts(null, [erasure])
    if (entry === undefined) throw new Error('no erasure entry')
    await this.#insert(tx, [{ mapId, entry }])
    heads.set(mapId, { seq: entry.seq, hash: entry.hash })
    await this.#setHeads(tx, heads)
    return { entry, removed: deleted.rowCount ?? 0 }
  }

  /** Makes each map's head row if it has none, then locks them all, in id order; resolves with where each is. */
  async #lockHeads(tx: pg.PoolClient, mapIds: readonly string[]): Promise<Map<string, AuditHead | null>> {
    const sorted = [...mapIds].sort()
    await tx.query(
      `INSERT INTO audit_heads (map_id, seq, hash) SELECT id, 0, '' FROM unnest($1::text[]) AS id ORDER BY id
       ON CONFLICT (map_id) DO NOTHING`,
      [sorted],
    )
    const locked = await tx.query<AuditHead & { map_id: string }>(
      'SELECT map_id, seq, hash FROM audit_heads WHERE map_id = ANY($1::text[]) ORDER BY map_id FOR UPDATE',
      [sorted],
    )
    return new Map(locked.rows.map((row) => [row.map_id, toHead(row)]))
  }

  async #insert(
    tx: pg.PoolClient,
    rows: ReadonlyArray<{ mapId: string; entry: AuditRecord }>,
  ): Promise<void> {
    if (rows.length === 0) return
    const column = <T>(pick: (entry: AuditRecord) => T): T[] => rows.map((row) => pick(row.entry))
    await tx.query(
      `INSERT INTO audit_entries (map_id, ${ENTRY_COLUMNS})
       SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::text[], $6::text[], $7::text[],
         $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
      [
        rows.map((row) => row.mapId),
        column((entry) => entry.seq),
        column((entry) => entry.at),
        column((entry) => entry.actor?.participantId ?? null),
        column((entry) => entry.actor?.name ?? null),
        column((entry) => entry.actor?.role ?? null),
        column((entry) => entry.actor?.agency ?? null),
        column((entry) => entry.action),
        column((entry) => entry.target),
        column((entry) => entry.section),
        column((entry) => entry.summary),
        column((entry) => entry.audience),
        column((entry) => entry.hash),
      ],
    )
  }

  async #setHeads(tx: pg.PoolClient, heads: ReadonlyMap<string, AuditHead | null>): Promise<void> {
    const written = [...heads].flatMap(([mapId, head]) => (head === null ? [] : [{ mapId, ...head }]))
    if (written.length === 0) return
    await tx.query(
      `UPDATE audit_heads SET seq = v.seq, hash = v.hash
       FROM unnest($1::text[], $2::bigint[], $3::text[]) AS v(map_id, seq, hash)
       WHERE audit_heads.map_id = v.map_id`,
      [written.map((head) => head.mapId), written.map((head) => head.seq), written.map((head) => head.hash)],
    )
  }
}
