import type pg from 'pg'
import type { FamilyVisitRecord, FamilyVisitStore } from '../FamilyVisitStore.ts'
import type { Fence } from '../Fence.ts'
import type { ErasedRows } from '../MapErasure.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { checkFence } from './roomFences.ts'

interface VisitRow {
  map_id: string
  participant_id: string
  visited_at: number
}

/** Table `family_visits`; its foreign key refuses a visit to a map that does not exist. */
export class PostgresFamilyVisitStore implements FamilyVisitStore, PostgresMapEraser {
  readonly tables = ['family_visits']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  async addFamilyVisit(visit: FamilyVisitRecord, fence?: Fence): Promise<void> {
    await this.#db.transaction(async (tx) => {
      if (fence !== undefined) {
        // The map's row before the fence's, as every fenced write locks them (roomFences.ts).
        await tx.query('SELECT 1 FROM maps WHERE id = $1 FOR KEY SHARE', [visit.mapId])
        await checkFence(tx, visit.mapId, fence)
      }
      // ON CONFLICT only skips the same visit; the foreign key still refuses an unknown map.
      await tx.query(
        `INSERT INTO family_visits (map_id, participant_id, visited_at) VALUES ($1, $2, $3)
         ON CONFLICT (map_id, participant_id, visited_at) DO NOTHING`,
        [visit.mapId, visit.participantId, visit.visitedAt],
      )
    })
  }

  async listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    const rows = await this.#db.rows<VisitRow>(
      `SELECT map_id, participant_id, visited_at FROM family_visits WHERE map_id = $1
       ORDER BY visited_at, participant_id`,
      [mapId],
    )
    return rows.map((row) => ({
      mapId: row.map_id,
      participantId: row.participant_id,
      visitedAt: row.visited_at,
    }))
  }

  async deleteFamilyVisits(mapId: string): Promise<number> {
    return (await this.#db.pool.query('DELETE FROM family_visits WHERE map_id = $1', [mapId])).rowCount ?? 0
  }

  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const deleted = await tx.query('DELETE FROM family_visits WHERE map_id = $1', [mapId])
    return { removed: { familyVisits: deleted.rowCount ?? 0 }, kept: {} }
  }
}
