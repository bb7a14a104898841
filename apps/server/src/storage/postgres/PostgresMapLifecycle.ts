import type pg from 'pg'
import type { ErasedRows } from '../MapErasure.ts'
import type { MapClosureRecord, MapLifecycle } from '../MapLifecycle.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { toClosure } from '../sqlRows.ts'
import type { ClosureRow } from '../sqlRows.ts'

/** Table `map_closures`. */
export class PostgresMapLifecycle implements MapLifecycle, PostgresMapEraser {
  readonly tables = ['map_closures']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  async closeMap(closure: MapClosureRecord): Promise<void> {
    const { mapId, closedAt, closedBy } = closure
    // A professionals' document has a row in maps too, but is not a map; an erased map is none any more.
    const inserted = await this.#db.rows<{ inserted: boolean }>(
      `WITH map AS (
         SELECT id FROM maps WHERE id = $1 AND strpos(id, '/') = 0
           AND NOT EXISTS (SELECT 1 FROM erased_maps WHERE map_id = $1)
       ), closed AS (
         INSERT INTO map_closures (map_id, closed_at, closed_by) SELECT id, $2, $3 FROM map
         ON CONFLICT (map_id) DO NOTHING
       )
       SELECT true AS inserted FROM map`,
      [mapId, closedAt, closedBy],
    )
    if (inserted.length === 0) throw new Error(`no map ${mapId}`)
  }

  async reopenMap(mapId: string): Promise<boolean> {
    const deleted = await this.#db.pool.query('DELETE FROM map_closures WHERE map_id = $1', [mapId])
    return (deleted.rowCount ?? 0) > 0
  }

  async getClosure(mapId: string): Promise<MapClosureRecord | undefined> {
    const [row] = await this.#db.rows<ClosureRow>(
      'SELECT map_id, closed_at, closed_by FROM map_closures WHERE map_id = $1',
      [mapId],
    )
    return row === undefined ? undefined : toClosure(row)
  }

  async listClosedBefore(time: number): Promise<MapClosureRecord[]> {
    const rows = await this.#db.rows<ClosureRow>(
      'SELECT map_id, closed_at, closed_by FROM map_closures WHERE closed_at <= $1 ORDER BY closed_at, map_id',
      [time],
    )
    return rows.map(toClosure)
  }

  /** The map's closure (in the erasure's transaction). */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const deleted = await tx.query('DELETE FROM map_closures WHERE map_id = $1', [mapId])
    return { removed: { closure: deleted.rowCount ?? 0 }, kept: {} }
  }
}
