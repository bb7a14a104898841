import type Database from 'better-sqlite3'
import type { ErasureEngine } from '../SyncErasure.ts'
import type { ErasureRecord } from '../MapErasure.ts'

/**
 * Erasure over one SQLite connection: table `erased_maps`, one `db.transaction`, and a purge that leaves no removed
 * byte in the files. `secure_delete` zeroes freed content as the erasure deletes it; VACUUM then rebuilds the
 * file without the freed pages; a TRUNCATE checkpoint copies the result into the main file and empties the WAL,
 * which held the old pages too.
 */
export class SqliteErasure implements ErasureEngine {
  readonly #db: Database.Database
  readonly #statements

  constructor(db: Database.Database) {
    this.#db = db
    this.#statements = {
      erasable: db.prepare<[string], { found: number }>(
        `SELECT 1 AS found FROM maps WHERE id = ? AND instr(id, '/') = 0
           AND id NOT IN (SELECT map_id FROM erased_maps)`,
      ),
      markErased: db.prepare<[string, number]>('INSERT INTO erased_maps (map_id, erased_at) VALUES (?, ?)'),
      getErasure: db.prepare<[string], { map_id: string; erased_at: number }>(
        'SELECT map_id, erased_at FROM erased_maps WHERE map_id = ?',
      ),
    }
  }

  transaction<T>(run: () => T): T {
    this.#db.pragma('secure_delete = ON')
    try {
      return this.#db.transaction(run)()
    } finally {
      this.#db.pragma('secure_delete = OFF')
    }
  }

  erasable(mapId: string): boolean {
    return this.#statements.erasable.get(mapId) !== undefined
  }

  markErased(record: ErasureRecord): void {
    this.#statements.markErased.run(record.mapId, record.erasedAt)
  }

  async getErasure(mapId: string): Promise<ErasureRecord | undefined> {
    const row = this.#statements.getErasure.get(mapId)
    return row === undefined ? undefined : { mapId: row.map_id, erasedAt: row.erased_at }
  }

  async purge(): Promise<void> {
    this.#db.exec('VACUUM')
    const [result] = this.#db.pragma('wal_checkpoint(TRUNCATE)') as Array<{ busy: number }>
    if (result !== undefined && result.busy !== 0) throw new Error('the WAL could not be checkpointed')
  }
}
