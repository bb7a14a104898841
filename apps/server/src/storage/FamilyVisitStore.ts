import type { Fence } from './Fence.ts'

/** One opening of a map by a family participant: when the server admitted their connection (rooms/FamilyVisits.ts). */
export interface FamilyVisitRecord {
  mapId: string
  /** From the connection's verified token, never from what the client says. */
  participantId: string
  /** Milliseconds since the epoch, by the server's clock. */
  visitedAt: number
}

/**
 * When the family opened each map, so the record can say whether they saw each item before the conference
 * (decision 0039). The room writes only the visits that can answer that question, so the table stays small.
 */
export interface FamilyVisitStore {
  /**
   * Keeps a visit. The same participant at the same time is kept once. Fails if the map does not exist. `fence`:
   * the authority's of room `visit.mapId`, as in DocumentLog.
   */
  addFamilyVisit(visit: FamilyVisitRecord, fence?: Fence): Promise<void>
  /** A map's visits, oldest first (ties by participant id). */
  listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]>
  /** Removes every visit of a map (erasure); resolves with how many there were. */
  deleteFamilyVisits(mapId: string): Promise<number>
}
