import type Database from 'better-sqlite3'
import { roomNameOf } from '@mapboard/protocol'
import { checkRestoration } from '../checkRestoration.ts'
import type { AuditAppend } from '../AuditStore.ts'
import type {
  DocumentLog,
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from '../DocumentLog.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import { bytes } from '../bytes.ts'
import type { SqliteAuditStore } from './SqliteAuditStore.ts'
import { toQuarantined } from '../sqlRows.ts'
import type { QuarantineRow } from '../sqlRows.ts'

/**
 * The document columns of table `maps` (snapshot, snapshot_seq, last_seq), tables `updates` and `quarantine`.
 * Each write is one transaction; `appendToMaps` is one for all the maps it appends to.
 */
export class SqliteDocumentLog implements DocumentLog, MapEraser {
  readonly #statements
  readonly #appendUpdates
  readonly #appendToMaps
  readonly #load
  readonly #compact
  readonly #quarantine

  readonly #createDocument

  constructor(db: Database.Database, audit: SqliteAuditStore) {
    const statements = {
      getSeqs: db.prepare<[string], { last_seq: number; snapshot_seq: number }>(
        'SELECT last_seq, snapshot_seq FROM maps WHERE id = ?',
      ),
      setLastSeq: db.prepare<[number, string]>('UPDATE maps SET last_seq = ? WHERE id = ?'),
      insertUpdate: db.prepare<[string, number, Uint8Array]>(
        'INSERT INTO updates (map_id, seq, data) VALUES (?, ?, ?)',
      ),
      // An erased map's row stays, emptied, while its kept records refer to it; it has no document to load.
      getSnapshot: db.prepare<[string], { snapshot: Buffer | null; last_seq: number }>(
        'SELECT snapshot, last_seq FROM maps WHERE id = ? AND id NOT IN (SELECT map_id FROM erased_maps)',
      ),
      getTail: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM updates WHERE map_id = ? ORDER BY seq',
      ),
      setSnapshot: db.prepare<[Uint8Array, number, string]>(
        'UPDATE maps SET snapshot = ?, snapshot_seq = ? WHERE id = ?',
      ),
      deleteUpdatesThrough: db.prepare<[string, number]>('DELETE FROM updates WHERE map_id = ? AND seq <= ?'),
      insertQuarantined: db.prepare<[string, number, string, Uint8Array, string, number, number]>(
        `INSERT INTO quarantine (map_id, seq, kind, data, reason, restored_at, restored_version)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      // A map's second document is a row of its own in `maps`, under a name no map id can have (it holds a `/`).
      insertDocument: db.prepare<[string, Uint8Array, string]>(
        `INSERT INTO maps (id, title, created_at, snapshot)
         SELECT ?, '', created_at, ? FROM maps WHERE id = ? ON CONFLICT (id) DO NOTHING`,
      ),
      hasRow: db.prepare<[string], { id: string }>('SELECT id FROM maps WHERE id = ?'),
      listQuarantine: db.prepare<[string], QuarantineRow>(
        'SELECT * FROM quarantine WHERE map_id = ? ORDER BY id',
      ),
      deleteUpdates: db.prepare<[string]>('DELETE FROM updates WHERE map_id = ?'),
      deleteQuarantine: db.prepare<[string]>('DELETE FROM quarantine WHERE map_id = ?'),
      deleteDocument: db.prepare<[string]>('DELETE FROM maps WHERE id = ?'),
      emptyDocument: db.prepare<[string]>(
        'UPDATE maps SET snapshot = NULL, snapshot_seq = 0, last_seq = 0 WHERE id = ?',
      ),
    }
    this.#statements = statements

    // A map's updates and its audit entries in one transaction: both are written or neither.
    const appendUpdates = db.transaction(
      (mapId: string, updates: readonly Uint8Array[], entries?: AuditAppend): number => {
        const seqs = statements.getSeqs.get(mapId)
        if (seqs === undefined) throw new Error(`no map ${mapId}`)
        let seq = seqs.last_seq
        for (const update of updates) statements.insertUpdate.run(mapId, ++seq, update)
        statements.setLastSeq.run(seq, mapId)
        if (entries !== undefined) audit.appendInTransaction(entries.mapId, entries.drafts)
        return seq
      },
    )
    this.#appendUpdates = appendUpdates

    this.#createDocument = db.transaction(
      (documentId: string, mapId: string, initialState: Uint8Array): void => {
        if (statements.hasRow.get(mapId) === undefined || mapId.includes('/'))
          throw new Error(`no map ${mapId}`)
        statements.insertDocument.run(documentId, initialState, mapId)
      },
    )

    // Each map under its own savepoint (a nested transaction), so one map's failure leaves the others written.
    this.#appendToMaps = db.transaction((appends: readonly MapAppend[]): MapAppendResult[] =>
      appends.map((append): MapAppendResult => {
        try {
          return { ok: true, lastSeq: appendUpdates(append.mapId, append.updates, append.audit) }
        } catch (error) {
          return { ok: false, error }
        }
      }),
    )

    this.#load = db.transaction((mapId: string): StoredDocument => {
      const row = statements.getSnapshot.get(mapId)
      if (row === undefined) throw new Error(`no map ${mapId}`)
      return {
        snapshot: row.snapshot === null ? null : bytes(row.snapshot),
        updates: statements.getTail.all(mapId).map((update) => bytes(update.data)),
        lastSeq: row.last_seq,
      }
    })

    this.#compact = db.transaction((mapId: string, snapshot: Uint8Array, throughSeq: number): void => {
      const seqs = statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      if (throughSeq > seqs.last_seq)
        throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
      // An older snapshot must never replace a newer one (two compactions racing).
      if (throughSeq < seqs.snapshot_seq) return
      statements.setSnapshot.run(snapshot, throughSeq, mapId)
      statements.deleteUpdatesThrough.run(mapId, throughSeq)
    })

    this.#quarantine = db.transaction((mapId: string, restoration: Restoration): void => {
      const seqs = statements.getSeqs.get(mapId)
      if (seqs === undefined) throw new Error(`no map ${mapId}`)
      const { entries, snapshot, throughSeq, restoredAt } = restoration
      checkRestoration(mapId, restoration, seqs.last_seq, seqs.snapshot_seq)
      for (const entry of entries) {
        statements.insertQuarantined.run(
          mapId,
          entry.seq,
          entry.kind,
          entry.data,
          entry.reason,
          restoredAt,
          throughSeq,
        )
      }
      statements.setSnapshot.run(snapshot, throughSeq, mapId)
      statements.deleteUpdatesThrough.run(mapId, throughSeq)
    })
  }

  async createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    this.#createDocument(documentId, mapId, initialState)
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[], audit?: AuditAppend): Promise<number> {
    return this.#appendUpdates(mapId, updates, audit)
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.#appendUpdates(mapId, [update])
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    return this.#appendToMaps(appends)
  }

  async load(mapId: string): Promise<StoredDocument> {
    return this.#load(mapId)
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    this.#compact(mapId, snapshot, throughSeq)
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    this.#quarantine(mapId, restoration)
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return this.#statements.listQuarantine.all(mapId).map(toQuarantined)
  }

  /**
   * Both of the map's documents: every update, snapshot and quarantined entry. The professionals' document's row
   * goes; the map's own row is emptied of its document and stays for MapCatalog (in the erasure's transaction).
   */
  eraseMapRows(mapId: string): ErasedRows {
    const statements = this.#statements
    const professionals = roomNameOf(mapId, 'professionals')
    let updates = 0
    let quarantine = 0
    for (const id of [mapId, professionals]) {
      updates += statements.deleteUpdates.run(id).changes
      quarantine += statements.deleteQuarantine.run(id).changes
    }
    const documents =
      statements.emptyDocument.run(mapId).changes + statements.deleteDocument.run(professionals).changes
    return { removed: { documents, updates, quarantine }, kept: {} }
  }
}
