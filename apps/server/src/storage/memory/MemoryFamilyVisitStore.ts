import type { FamilyVisitRecord, FamilyVisitStore } from '../FamilyVisitStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Family visits in memory: per map, participant id → the times of their visits. */
export class MemoryFamilyVisitStore implements FamilyVisitStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  async addFamilyVisit(visit: FamilyVisitRecord): Promise<void> {
    this.#db.map(visit.mapId)
    const table = this.#db.tables().familyVisits
    const byParticipant = table.get(visit.mapId) ?? new Map<string, Set<number>>()
    table.set(visit.mapId, byParticipant)
    const times = byParticipant.get(visit.participantId) ?? new Set<number>()
    byParticipant.set(visit.participantId, times)
    times.add(visit.visitedAt)
  }

  async listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    const visits: FamilyVisitRecord[] = []
    for (const [participantId, times] of this.#db.tables().familyVisits.get(mapId) ?? []) {
      for (const visitedAt of times) visits.push({ mapId, participantId, visitedAt })
    }
    return visits.sort(
      (a, b) =>
        a.visitedAt - b.visitedAt ||
        (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0),
    )
  }

  async deleteFamilyVisits(mapId: string): Promise<number> {
    return this.#deleteVisits(mapId)
  }

  eraseMapRows(mapId: string): ErasedRows {
    return { removed: { familyVisits: this.#deleteVisits(mapId) }, kept: {} }
  }

  #deleteVisits(mapId: string): number {
    const table = this.#db.tables().familyVisits
    let count = 0
    for (const times of table.get(mapId)?.values() ?? []) count += times.size
    table.delete(mapId)
    return count
  }
}
