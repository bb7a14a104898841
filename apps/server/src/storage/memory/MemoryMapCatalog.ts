import type { LinkRecord } from '../LinkStore.ts'
import type { MapCatalog, MapRecord } from '../MapCatalog.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import { copyBytes } from './MemoryDatabase.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'
import type { MemoryLinkStore } from './MemoryLinkStore.ts'

/** Maps in memory. A new map, its initial snapshot and its first links are written all or nothing. */
export class MemoryMapCatalog implements MapCatalog, MapEraser {
  readonly #db: MemoryDatabase
  readonly #links: MemoryLinkStore

  constructor(db: MemoryDatabase, links: MemoryLinkStore) {
    this.#db = db
    this.#links = links
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    const tables = this.#db.tables()
    if (tables.maps.has(map.id) || tables.erased.has(map.id)) throw new Error(`map ${map.id} exists`)
    // All or nothing: check every link before writing anything.
    const ids = new Set<string>()
    for (const link of links) {
      this.#links.checkNewLink(link, map.id)
      if (ids.has(link.id)) throw new Error(`link ${link.id} given twice`)
      ids.add(link.id)
    }
    tables.maps.set(map.id, {
      record: { ...map },
      snapshot: copyBytes(initialState),
      snapshotSeq: 0,
      lastSeq: 0,
      updates: [],
      quarantine: [],
    })
    for (const link of links) this.#links.insertLink(link)
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    // A map's professionals' document is kept beside it (MemoryDocumentLog.createDocument); it is not a map.
    const map = id.includes('/') ? undefined : this.#db.tables().maps.get(id)
    return map === undefined ? undefined : { ...map.record }
  }

  /** The map's entry, title and all (MemoryErasure keeps what answers 410). */
  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { title: this.#db.tables().maps.delete(mapId) ? 1 : 0 }, kept: {} }
  }
}
