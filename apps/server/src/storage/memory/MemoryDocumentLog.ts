import { roomNameOf } from '@mapboard/protocol'
import { checkRestoration } from '../checkRestoration.ts'
import type {
  DocumentLog,
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from '../DocumentLog.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { AuditAppend } from '../AuditStore.ts'
import type { MemoryAuditStore } from './MemoryAuditStore.ts'
import { copyBytes } from './MemoryDatabase.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Each map's snapshot, update log and quarantine, in memory. */
export class MemoryDocumentLog implements DocumentLog, MapEraser {
  readonly #db: MemoryDatabase
  readonly #audit: MemoryAuditStore

  constructor(db: MemoryDatabase, audit: MemoryAuditStore) {
    this.#db = db
    this.#audit = audit
  }

  async createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    const tables = this.#db.tables()
    const map = mapId.includes('/') ? undefined : tables.maps.get(mapId)
    if (map === undefined) throw new Error(`no map ${mapId}`)
    if (tables.maps.has(documentId)) return
    tables.maps.set(documentId, {
      record: { id: documentId, title: '', createdAt: map.record.createdAt },
      snapshot: copyBytes(initialState),
      snapshotSeq: 0,
      lastSeq: 0,
      updates: [],
      quarantine: [],
    })
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[], audit?: AuditAppend): Promise<number> {
    // Both maps checked before anything is written: the updates and their entries, or neither.
    const map = this.#db.map(mapId)
    if (audit !== undefined) this.#db.map(audit.mapId)
    for (const update of updates) map.updates.push({ seq: ++map.lastSeq, data: copyBytes(update) })
    if (audit !== undefined) this.#audit.appendChecked(audit.mapId, audit.drafts)
    return map.lastSeq
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.appendUpdates(mapId, [update])
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    this.#db.tables() // a closed store refuses the whole call, as a failed transaction would
    const results: MapAppendResult[] = []
    for (const { mapId, updates, audit } of appends) {
      try {
        results.push({ ok: true, lastSeq: await this.appendUpdates(mapId, updates, audit) })
      } catch (error) {
        results.push({ ok: false, error })
      }
    }
    return results
  }

  async load(mapId: string): Promise<StoredDocument> {
    const map = this.#db.map(mapId)
    return {
      snapshot: map.snapshot === null ? null : copyBytes(map.snapshot),
      updates: map.updates.map((update) => copyBytes(update.data)),
      lastSeq: map.lastSeq,
    }
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const map = this.#db.map(mapId)
    if (throughSeq > map.lastSeq)
      throw new Error(`cannot compact ${mapId} through ${throughSeq}: not written`)
    // An older snapshot must never replace a newer one (two compactions racing).
    if (throughSeq < map.snapshotSeq) return
    map.snapshot = copyBytes(snapshot)
    map.snapshotSeq = throughSeq
    map.updates = map.updates.filter((update) => update.seq > throughSeq)
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    const map = this.#db.map(mapId)
    const { entries, snapshot, throughSeq, restoredAt } = restoration
    checkRestoration(mapId, restoration, map.lastSeq, map.snapshotSeq)
    for (const entry of entries) {
      map.quarantine.push({
        ...entry,
        data: copyBytes(entry.data),
        mapId,
        restoredAt,
        restoredVersion: throughSeq,
      })
    }
    map.snapshot = copyBytes(snapshot)
    map.snapshotSeq = throughSeq
    map.updates = map.updates.filter((update) => update.seq > throughSeq)
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return (this.#db.tables().maps.get(mapId)?.quarantine ?? []).map((entry) => ({
      ...entry,
      data: copyBytes(entry.data),
    }))
  }

  /** Both documents; the map's own entry is emptied and goes with its title (MemoryMapCatalog). */
  eraseMapRows(mapId: string): ErasedRows {
    const maps = this.#db.tables().maps
    let documents = 0
    let updates = 0
    let quarantine = 0
    for (const id of [mapId, roomNameOf(mapId, 'professionals')]) {
      const map = maps.get(id)
      if (map === undefined) continue
      documents += 1
      updates += map.updates.length
      quarantine += map.quarantine.length
      map.snapshot = null
      map.updates = []
      map.quarantine = []
      if (id !== mapId) maps.delete(id)
    }
    return { removed: { documents, updates, quarantine }, kept: {} }
  }
}
