import type Database from 'better-sqlite3'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MapClosureRecord, MapLifecycle } from '../MapLifecycle.ts'
import { toClosure } from '../sqlRows.ts'
import type { ClosureRow } from '../sqlRows.ts'

/** Table `map_closures`; its foreign key refuses the closure of a map that does not exist. */
export class SqliteMapLifecycle implements MapLifecycle, MapEraser {
  readonly #statements

  constructor(db: Database.Database) {
    this.#statements = {
      close: db.prepare<[string, number, string]>(
        'INSERT INTO map_closures (map_id, closed_at, closed_by) VALUES (?, ?, ?) ON CONFLICT (map_id) DO NOTHING',
      ),
      // A professionals' document has a row in maps too, but is not a map; an erased map is none any more.
      exists: db.prepare<[string], { found: number }>(
        `SELECT 1 AS found FROM maps WHERE id = ? AND instr(id, '/') = 0
           AND id NOT IN (SELECT map_id FROM erased_maps)`,
      ),
      reopen: db.prepare<[string]>('DELETE FROM map_closures WHERE map_id = ?'),
      get: db.prepare<[string], ClosureRow>('SELECT * FROM map_closures WHERE map_id = ?'),
      listBefore: db.prepare<[number], ClosureRow>(
        'SELECT * FROM map_closures WHERE closed_at <= ? ORDER BY closed_at, map_id',
      ),
    }
  }

  async closeMap(closure: MapClosureRecord): Promise<void> {
    const { mapId, closedAt, closedBy } = closure
    if (this.#statements.exists.get(mapId) === undefined) throw new Error(`no map ${mapId}`)
    this.#statements.close.run(mapId, closedAt, closedBy)
  }

  async reopenMap(mapId: string): Promise<boolean> {
    return this.#statements.reopen.run(mapId).changes > 0
  }

  async getClosure(mapId: string): Promise<MapClosureRecord | undefined> {
    const row = this.#statements.get.get(mapId)
    return row === undefined ? undefined : toClosure(row)
  }

  async listClosedBefore(time: number): Promise<MapClosureRecord[]> {
    return this.#statements.listBefore.all(time).map(toClosure)
  }

  /** The map's closure (in the erasure's transaction). */
  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { closure: this.#statements.reopen.run(mapId).changes }, kept: {} }
  }
}
