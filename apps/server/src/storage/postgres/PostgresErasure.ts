import type pg from 'pg'
import { roomNameOf } from '@mapboard/protocol'
import { addRows } from '../MapErasure.ts'
import type { ErasedRows, ErasureRecord, ErasureRequest, ErasureResult, MapErasure } from '../MapErasure.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'

/**
 * One PostgreSQL store's part in erasing a map: `eraseMapRows` runs on the erasure's transaction `tx` and opens
 * none of its own. `tables` are the tables it removes rows from, which the purge rewrites.
 */
export interface PostgresMapEraser {
  readonly tables: readonly string[]
  eraseMapRows(tx: pg.PoolClient, mapId: string, request: ErasureRequest): Promise<ErasedRows>
}

const removedAny = (rows: ErasedRows): boolean => Object.values(rows.removed).some((count) => count > 0)

/**
 * Erasure on PostgreSQL (decisions 0042, 0045): table `erased_maps`; every store's rows in one transaction, which
 * first locks both of the map's document rows, as an append does, so an erasure and an append take their turns
 * instead of deadlocking; then the purge. DELETE only marks a row dead, and a plain VACUUM leaves its bytes in the
 * page, so the purge is VACUUM FULL of the tables rows were removed from: each is rewritten into new files
 * holding only the live rows, and the old files are removed.
 */
export class PostgresErasure implements MapErasure {
  readonly #db: PostgresDatabase
  readonly #erasers: readonly PostgresMapEraser[]

  constructor(db: PostgresDatabase, erasers: readonly PostgresMapEraser[]) {
    this.#db = db
    this.#erasers = erasers
  }

  async eraseMap(mapId: string, request: ErasureRequest): Promise<ErasureResult | undefined> {
    if (mapId.includes('/')) return undefined
    const touched = new Set<string>()
    const result = await this.#db.transaction(async (tx): Promise<ErasureResult | undefined> => {
      const locked = await tx.query<{ id: string }>(
        'SELECT id FROM maps WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE',
        [[mapId, roomNameOf(mapId, 'professionals')]],
      )
      if (!locked.rows.some((row) => row.id === mapId)) return undefined
      const marked = await tx.query(
        'INSERT INTO erased_maps (map_id, erased_at) VALUES ($1, $2) ON CONFLICT (map_id) DO NOTHING',
        [mapId, request.erasedAt],
      )
      if (marked.rowCount === 0) return undefined
      const rows: ErasedRows = { removed: {}, kept: {} }
      for (const eraser of this.#erasers) {
        const erased = await eraser.eraseMapRows(tx, mapId, request)
        if (removedAny(erased)) for (const table of eraser.tables) touched.add(table)
        addRows(rows, erased)
      }
      return { mapId, erasedAt: request.erasedAt, ...rows }
    })
    if (result !== undefined && touched.size > 0) await this.#purge([...touched])
    return result
  }

  async getErasure(mapId: string): Promise<ErasureRecord | undefined> {
    const [row] = await this.#db.rows<{ map_id: string; erased_at: number }>(
      'SELECT map_id, erased_at FROM erased_maps WHERE map_id = $1',
      [mapId],
    )
    return row === undefined ? undefined : { mapId: row.map_id, erasedAt: row.erased_at }
  }

  /** VACUUM runs outside any transaction; the table names are the stores' own, never a caller's. */
  async #purge(tables: readonly string[]): Promise<void> {
    await this.#db.pool.query(`VACUUM (FULL) ${tables.join(', ')}`)
  }
}
