import type Database from 'better-sqlite3'
import type { FamilyVisitRecord, FamilyVisitStore } from '../FamilyVisitStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'

interface VisitRow {
  map_id: string
  participant_id: string
  visited_at: number
}

/** Table `family_visits`; its foreign key refuses a visit to a map that does not exist. */
export class SqliteFamilyVisitStore implements FamilyVisitStore, MapEraser {
  readonly #statements

  constructor(db: Database.Database) {
    this.#statements = {
      add: db.prepare<[string, string, number]>(
        'INSERT OR IGNORE INTO family_visits (map_id, participant_id, visited_at) VALUES (?, ?, ?)',
      ),
      mapExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM maps WHERE id = ?'),
      list: db.prepare<[string], VisitRow>(
        'SELECT * FROM family_visits WHERE map_id = ? ORDER BY visited_at, participant_id',
      ),
      remove: db.prepare<[string]>('DELETE FROM family_visits WHERE map_id = ?'),
    }
  }

  async addFamilyVisit(visit: FamilyVisitRecord): Promise<void> {
    // INSERT OR IGNORE would also ignore the foreign key's refusal; the map is checked first.
    if (this.#statements.mapExists.get(visit.mapId) === undefined) throw new Error(`no map ${visit.mapId}`)
    this.#statements.add.run(visit.mapId, visit.participantId, visit.visitedAt)
  }

  async listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    return this.#statements.list.all(mapId).map((row) => ({
      mapId: row.map_id,
      participantId: row.participant_id,
      visitedAt: row.visited_at,
    }))
  }

  async deleteFamilyVisits(mapId: string): Promise<number> {
    return this.#statements.remove.run(mapId).changes
  }

  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { familyVisits: this.#statements.remove.run(mapId).changes }, kept: {} }
  }
}
