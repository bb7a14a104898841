import type { RoomStore } from '../rooms/Room.ts'
import type { AuditAppend } from '../storage/AuditStore.ts'
import type { ClientIdRecord } from '../storage/ClientIdStore.ts'
import type {
  MapAppend,
  MapAppendResult,
  QuarantinedEntry,
  Restoration,
  StoredDocument,
} from '../storage/DocumentLog.ts'
import type { FamilyVisitRecord } from '../storage/FamilyVisitStore.ts'
import type { RoomLeases } from './RoomLeases.ts'

/** A room's write was refused: this instance is not, or may no longer be, the room's authority. */
export class NotAuthorityError extends Error {
  override readonly name = 'NotAuthorityError'
}

/**
 * The store as the rooms of a cluster instance see it: every write to a room's document, its client ids or its
 * family visits goes through only while this instance holds the room's lease and it cannot have lapsed
 * (RoomLeases.holds), checked in the same turn as the store call. A compaction, which drops stored updates, also
 * asks Redis first that the lease is still this instance's. Reads pass through. Decision 0047 says what this
 * fence covers and what a token checked inside the store's transaction would add.
 */
export class FencedRoomStore implements RoomStore {
  readonly #store: RoomStore
  readonly #leases: RoomLeases

  constructor(store: RoomStore, leases: RoomLeases) {
    this.#store = store
    this.#leases = leases
  }

  #check(room: string): void {
    if (!this.#leases.holds(room))
      throw new NotAuthorityError(`this instance does not hold the lease of ${room}`)
  }

  async createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    // Idempotent (it makes the document only if missing), so any instance may.
    await this.#store.createDocument(documentId, mapId, initialState)
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[], audit?: AuditAppend): Promise<number> {
    this.#check(mapId)
    return this.#store.appendUpdates(mapId, updates, audit)
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    this.#check(mapId)
    return this.#store.appendUpdate(mapId, update)
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    const results: Array<MapAppendResult | undefined> = appends.map((append) =>
      this.#leases.holds(append.mapId)
        ? undefined
        : {
            ok: false,
            error: new NotAuthorityError(`this instance does not hold the lease of ${append.mapId}`),
          },
    )
    const held = appends.filter((_append, index) => results[index] === undefined)
    const written = held.length === 0 ? [] : await this.#store.appendToMaps(held)
    let next = 0
    return results.map((result) => result ?? written[next++] ?? { ok: false, error: new Error('no result') })
  }

  async load(mapId: string): Promise<StoredDocument> {
    return this.#store.load(mapId)
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    const holder = await this.#leases.holder(mapId)
    if (holder === null || holder.value !== this.#leases.valueOf(mapId)) {
      throw new NotAuthorityError(`this instance no longer holds the lease of ${mapId}`)
    }
    this.#check(mapId)
    await this.#store.compact(mapId, snapshot, throughSeq)
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    this.#check(mapId)
    await this.#store.quarantine(mapId, restoration)
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return this.#store.listQuarantine(mapId)
  }

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    this.#check(mapId)
    return this.#store.claimClientIds(mapId, ownerId, clientIds)
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return this.#store.listClientIds(mapId)
  }

  async addFamilyVisit(visit: FamilyVisitRecord): Promise<void> {
    this.#check(visit.mapId)
    await this.#store.addFamilyVisit(visit)
  }

  async listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    return this.#store.listFamilyVisits(mapId)
  }

  async deleteFamilyVisits(mapId: string): Promise<number> {
    return this.#store.deleteFamilyVisits(mapId)
  }
}
