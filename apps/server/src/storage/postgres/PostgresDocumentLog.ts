import type pg from 'pg'
import { roomNameOf } from '@mapboard/protocol'
import type { AuditAppend } from '../AuditStore.ts'
import { bytes } from '../bytes.ts'
import { checkRestoration } from '../checkRestoration.ts'
import type {
  DocumentLog,
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from '../DocumentLog.ts'
import type { Fence } from '../Fence.ts'
import type { ErasedRows } from '../MapErasure.ts'
import type { PostgresAuditStore } from './PostgresAuditStore.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { checkFence, checkFences } from './roomFences.ts'
import { toQuarantined } from '../sqlRows.ts'
import type { QuarantineRow } from '../sqlRows.ts'

const noMap = (mapId: string) => new Error(`no map ${mapId}`)

/**
 * The document columns of table `maps` (snapshot, snapshot_seq, last_seq), tables `updates` and `quarantine`.
 * Each write is one transaction; `appendToMaps` is one for all the maps it appends to, and resolves after its
 * COMMIT. It locks the maps' rows (SELECT … FOR UPDATE, in id order, so two instances appending to the same maps
 * wait for each other instead of deadlocking), numbers each map's updates after its last_seq and writes them all
 * with one statement; the audit entries follow in the same transaction. A write with a fence checks it once the
 * maps' rows are locked and before it writes anything (roomFences.ts).
 */
export class PostgresDocumentLog implements DocumentLog, PostgresMapEraser {
  readonly tables = ['updates', 'quarantine', 'maps']
  readonly #db: PostgresDatabase
  readonly #audit: PostgresAuditStore

  constructor(db: PostgresDatabase, audit: PostgresAuditStore) {
    this.#db = db
    this.#audit = audit
  }

  async createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    if (mapId.includes('/')) throw noMap(mapId)
    await this.#db.transaction(async (tx) => {
      const found = await tx.query('SELECT 1 FROM maps WHERE id = $1 FOR SHARE', [mapId])
      if (found.rowCount === 0) throw noMap(mapId)
      // A map's second document is a row of its own in `maps`, under a name no map id can have (it holds a `/`).
      await tx.query(
        `INSERT INTO maps (id, title, created_at, snapshot)
         SELECT $1, '', created_at, $2 FROM maps WHERE id = $3 ON CONFLICT (id) DO NOTHING`,
        [documentId, initialState, mapId],
      )
    })
  }

  async appendUpdates(
    mapId: string,
    updates: readonly Uint8Array[],
    audit?: AuditAppend,
    fence?: Fence,
  ): Promise<number> {
    const [result] = await this.appendToMaps([
      {
        mapId,
        updates,
        ...(audit === undefined ? {} : { audit }),
        ...(fence === undefined ? {} : { fence }),
      },
    ])
    if (result === undefined) throw new Error(`no append result for map ${mapId}`)
    if (!result.ok) throw result.error
    return result.lastSeq
  }

  appendUpdate(mapId: string, update: Uint8Array, fence?: Fence): Promise<number> {
    return this.appendUpdates(mapId, [update], undefined, fence)
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    if (appends.length === 0) return []
    return this.#db.transaction(async (tx) => {
      const ids = new Set<string>()
      for (const append of appends) {
        ids.add(append.mapId)
        if (append.audit !== undefined) ids.add(append.audit.mapId)
      }
      const locked = await tx.query<{ id: string; last_seq: number }>(
        'SELECT id, last_seq FROM maps WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [[...ids].sort()],
      )
      const lastSeqs = new Map(locked.rows.map((row) => [row.id, row.last_seq]))
      const fencedOut = await checkFences(
        tx,
        appends.flatMap(({ mapId, fence }) => (fence === undefined ? [] : [{ room: mapId, fence }])),
      )
      // A map that is not there, or fenced out, fails its own append and nothing else; every other error fails
      // them all.
      const updateRows = { mapIds: [] as string[], seqs: [] as number[], data: [] as Uint8Array[] }
      const audits: AuditAppend[] = []
      const results = appends.map((append): MapAppendResult => {
        const last = lastSeqs.get(append.mapId)
        if (last === undefined) return { ok: false, error: noMap(append.mapId) }
        const refused = fencedOut.get(append.mapId)
        if (refused !== undefined) return { ok: false, error: refused }
        if (append.audit !== undefined && !lastSeqs.has(append.audit.mapId)) {
          return { ok: false, error: noMap(append.audit.mapId) }
        }
        let seq = last
        for (const update of append.updates) {
          updateRows.mapIds.push(append.mapId)
          updateRows.seqs.push(++seq)
          updateRows.data.push(update)
        }
        lastSeqs.set(append.mapId, seq)
        if (append.audit !== undefined) audits.push(append.audit)
        return { ok: true, lastSeq: seq }
      })
      if (updateRows.mapIds.length > 0) {
        await tx.query(
          'INSERT INTO updates (map_id, seq, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])',
          [updateRows.mapIds, updateRows.seqs, updateRows.data],
        )
        const written = [...new Set(updateRows.mapIds)]
        await tx.query(
          `UPDATE maps SET last_seq = v.last_seq FROM unnest($1::text[], $2::bigint[]) AS v(id, last_seq)
           WHERE maps.id = v.id`,
          [written, written.map((id) => lastSeqs.get(id))],
        )
      }
      if (audits.length > 0) await this.#audit.appendInTransaction(tx, audits)
      return results
    })
  }

  async load(mapId: string): Promise<StoredDocument> {
    // One statement, so the snapshot and the tail are read from the same snapshot of the database.
    const [row] = await this.#db.rows<{ snapshot: Buffer | null; last_seq: number; tail: Buffer[] | null }>(
      `SELECT snapshot, last_seq,
         (SELECT array_agg(data ORDER BY seq) FROM updates WHERE map_id = $1) AS tail
       FROM maps WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM erased_maps WHERE map_id = $1)`,
      [mapId],
    )
    // An erased map's row stays, emptied, while its kept records refer to it; it has no document to load.
    if (row === undefined) throw noMap(mapId)
    return {
      snapshot: row.snapshot === null ? null : bytes(row.snapshot),
      updates: (row.tail ?? []).map(bytes),
      lastSeq: row.last_seq,
    }
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number, fence?: Fence): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const seqs = await this.#lockSeqs(tx, mapId)
      await checkFence(tx, mapId, fence)
      if (throughSeq > seqs.last_seq)
        throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
      // An older snapshot must never replace a newer one (two compactions racing).
      if (throughSeq < seqs.snapshot_seq) return
      await this.#replaceSnapshot(tx, mapId, snapshot, throughSeq)
    })
  }

  async quarantine(mapId: string, restoration: Restoration, fence?: Fence): Promise<void> {
    await this.#db.transaction(async (tx) => {
      const seqs = await this.#lockSeqs(tx, mapId)
      await checkFence(tx, mapId, fence)
      const { entries, snapshot, throughSeq, restoredAt } = restoration
      checkRestoration(mapId, restoration, seqs.last_seq, seqs.snapshot_seq)
      for (const entry of entries) {
        await tx.query(
          `INSERT INTO quarantine (map_id, seq, kind, data, reason, restored_at, restored_version)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [mapId, entry.seq, entry.kind, entry.data, entry.reason, restoredAt, throughSeq],
        )
      }
      await this.#replaceSnapshot(tx, mapId, snapshot, throughSeq)
    })
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    const rows = await this.#db.rows<QuarantineRow>(
      `SELECT map_id, seq, kind, data, reason, restored_at, restored_version FROM quarantine
       WHERE map_id = $1 ORDER BY id`,
      [mapId],
    )
    return rows.map(toQuarantined)
  }

  /**
   * Both of the map's documents: every update, snapshot and quarantined entry. The professionals' document's row
   * goes; the map's own row is emptied of its document and stays for MapCatalog (in the erasure's transaction).
   */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const ids = [mapId, roomNameOf(mapId, 'professionals')]
    const updates = await tx.query('DELETE FROM updates WHERE map_id = ANY($1::text[])', [ids])
    const quarantine = await tx.query('DELETE FROM quarantine WHERE map_id = ANY($1::text[])', [ids])
    const emptied = await tx.query(
      'UPDATE maps SET snapshot = NULL, snapshot_seq = 0, last_seq = 0 WHERE id = $1',
      [mapId],
    )
    const deleted = await tx.query('DELETE FROM maps WHERE id = $1', [ids[1]])
    return {
      removed: {
        documents: (emptied.rowCount ?? 0) + (deleted.rowCount ?? 0),
        updates: updates.rowCount ?? 0,
        quarantine: quarantine.rowCount ?? 0,
      },
      kept: {},
    }
  }

  async #lockSeqs(tx: pg.PoolClient, mapId: string): Promise<{ last_seq: number; snapshot_seq: number }> {
    const [seqs] = (
      await tx.query<{ last_seq: number; snapshot_seq: number }>(
        'SELECT last_seq, snapshot_seq FROM maps WHERE id = $1 FOR UPDATE',
        [mapId],
      )
    ).rows
    if (seqs === undefined) throw noMap(mapId)
    return seqs
  }

  async #replaceSnapshot(tx: pg.PoolClient, mapId: string, snapshot: Uint8Array, throughSeq: number) {
    await tx.query('UPDATE maps SET snapshot = $1, snapshot_seq = $2 WHERE id = $3', [
      snapshot,
      throughSeq,
      mapId,
    ])
    await tx.query('DELETE FROM updates WHERE map_id = $1 AND seq <= $2', [mapId, throughSeq])
  }
}
