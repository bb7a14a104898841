import type pg from 'pg'
import type { LinkRecord } from '../LinkStore.ts'
import type { MapCatalog, MapRecord } from '../MapCatalog.ts'
import type { ErasedRows } from '../MapErasure.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import type { PostgresLinkStore } from './PostgresLinkStore.ts'

/**
 * Table `maps` (its title and time; the document columns are PostgresDocumentLog's). A new map's row, its initial
 * snapshot and its first links are written in one transaction.
 */
export class PostgresMapCatalog implements MapCatalog, PostgresMapEraser {
  readonly tables = ['maps']
  readonly #db: PostgresDatabase
  readonly #links: PostgresLinkStore

  constructor(db: PostgresDatabase, links: PostgresLinkStore) {
    this.#db = db
    this.#links = links
  }

  async createMap(
    map: MapRecord,
    initialState: Uint8Array,
    links: readonly LinkRecord[] = [],
  ): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.query('INSERT INTO maps (id, title, created_at, snapshot) VALUES ($1, $2, $3, $4)', [
        map.id,
        map.title,
        map.createdAt,
        initialState,
      ])
      for (const link of links) await this.#links.insertLink(tx, link)
    })
  }

  async getMap(id: string): Promise<MapRecord | undefined> {
    // A map's professionals' document has a row here too (PostgresDocumentLog.createDocument); it is not a map.
    const [row] = await this.#db.rows<{ id: string; title: string; created_at: number }>(
      `SELECT id, title, created_at FROM maps WHERE id = $1 AND strpos(id, '/') = 0
         AND NOT EXISTS (SELECT 1 FROM erased_maps WHERE map_id = $1)`,
      [id],
    )
    return row === undefined ? undefined : { id: row.id, title: row.title, createdAt: row.created_at }
  }

  /** The map's title (in the erasure's transaction); its row stays, emptied, for the records it may keep. */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const result = await tx.query("UPDATE maps SET title = '' WHERE id = $1", [mapId])
    return { removed: { title: result.rowCount ?? 0 }, kept: {} }
  }
}
