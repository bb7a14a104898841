import type Database from 'better-sqlite3'
import type { LinkRecord } from '../LinkStore.ts'
import type { MapCatalog, MapRecord } from '../MapCatalog.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { SqliteLinkStore } from './SqliteLinkStore.ts'

interface MapRow {
  id: string
  title: string
  created_at: number
}

/**
 * Table `maps` (its title and time; the document columns are SqliteDocumentLog's). A new map's row, its initial
 * snapshot and its first links are written in one transaction.
 */
export class SqliteMapCatalog implements MapCatalog, MapEraser {
  readonly #statements
  readonly #createMap

  constructor(db: Database.Database, links: SqliteLinkStore) {
    const statements = {
      insertMap: db.prepare<[string, string, number, Uint8Array]>(
        'INSERT INTO maps (id, title, created_at, snapshot) VALUES (?, ?, ?, ?)',
      ),
      // A map's professionals' document has a row here too (SqliteDocumentLog.createDocument); it is not a map.
      getMap: db.prepare<[string], MapRow>(
        `SELECT id, title, created_at FROM maps WHERE id = ? AND instr(id, '/') = 0
           AND id NOT IN (SELECT map_id FROM erased_maps)`,
      ),
      emptyTitle: db.prepare<[string]>("UPDATE maps SET title = '' WHERE id = ?"),
    }
    this.#statements = statements
    this.#createMap = db.transaction(
      (map: MapRecord, initialState: Uint8Array, firstLinks: readonly LinkRecord[]): void => {
        statements.insertMap.run(map.id, map.title, map.createdAt, initialState)
        for (const link of firstLinks) links.insertLink(link)
      },
    )
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    this.#createMap(map, initialState, links)
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    const row = this.#statements.getMap.get(id)
    return row === undefined ? undefined : { id: row.id, title: row.title, createdAt: row.created_at }
  }

  /** The map's title (in the erasure's transaction); its row stays, emptied, for the records it may keep. */
  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { title: this.#statements.emptyTitle.run(mapId).changes }, kept: {} }
  }
}
