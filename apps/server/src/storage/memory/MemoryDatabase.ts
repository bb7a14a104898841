import type { StoredAudit } from '../AuditStore.ts'
import type { QuarantinedEntry } from '../DocumentLog.ts'
import type { ExportRecord } from '../ExportStore.ts'
import type { LinkRecord, ParticipantRecord } from '../LinkStore.ts'
import type { MapRecord } from '../MapCatalog.ts'
import type { MapClosureRecord } from '../MapLifecycle.ts'
import type { ScalingSubmissionRecord } from '../ScalingStore.ts'

/** One map, as SQLite's `maps` row holds it: its record (MemoryMapCatalog) and its document (MemoryDocumentLog). */
export interface StoredMap {
  record: MapRecord
  snapshot: Uint8Array | null
  /** Every update with seq <= snapshotSeq is contained in snapshot. */
  snapshotSeq: number
  lastSeq: number
  updates: Array<{ seq: number; data: Uint8Array }>
  /** Set aside when the map was restored, in that order. */
  quarantine: QuarantinedEntry[]
}

/** What the memory stores keep. */
export interface MemoryTables {
  maps: Map<string, StoredMap>
  links: Map<string, LinkRecord>
  /** In insertion order, which breaks ties in join order as SQLite's rowid does. */
  participants: Map<string, ParticipantRecord>
  /** By map id: client id → owner id. */
  clientIds: Map<string, Map<number, string>>
  /** By MemoryScalingStore's key. */
  scalingSubmissions: Map<string, ScalingSubmissionRecord>
  /** By id, in the order they were kept. */
  exports: Map<string, ExportRecord>
  /** By map id: participant id → the times they opened the map. */
  familyVisits: Map<string, Map<string, Set<number>>>
  /** By map id. */
  closures: Map<string, MapClosureRecord>
  /** Erased maps' ids → when they were erased (what answers 410). */
  erased: Map<string, number>
  /** By map id; kept apart from `maps`, as SQLite's audit tables are, so an erased map keeps its entry. */
  audit: Map<string, StoredAudit>
}

/** Values are copied in and out, so callers never share a buffer with a store. */
export const copyBytes = (bytes: Uint8Array): Uint8Array => new Uint8Array(bytes)

/**
 * What the memory stores of one MemoryMapStore share, as the SQLite ones share a database connection. The tables
 * outlive the handle: a reopened store works on the same ones, as a reopened database on the same file.
 */
export class MemoryDatabase {
  readonly #tables: MemoryTables
  #closed = false

  constructor(
    tables: MemoryTables = {
      maps: new Map(),
      links: new Map(),
      participants: new Map(),
      clientIds: new Map(),
      scalingSubmissions: new Map(),
      exports: new Map(),
      familyVisits: new Map(),
      closures: new Map(),
      erased: new Map(),
      audit: new Map(),
    },
  ) {
    this.#tables = tables
  }

  /** The tables, while this handle is open. */
  tables(): MemoryTables {
    if (this.#closed) throw new Error('the store is closed')
    return this.#tables
  }

  /** A map's row; throws, as a foreign key would, if there is none. */
  map(id: string): StoredMap {
    const map = this.tables().maps.get(id)
    if (map === undefined) throw new Error(`no map ${id}`)
    return map
  }

  close(): void {
    this.#closed = true
  }

  /** Closes this handle and opens a new one on the same tables. */
  reopen(): MemoryDatabase {
    this.close()
    return new MemoryDatabase(this.#tables)
  }
}
