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
import { FencedOutError } from '../storage/Fence.ts'
import type { Fence } from '../storage/Fence.ts'
import type { RoomLeases } from './RoomLeases.ts'

/** A room's write was refused: this instance is not, or may no longer be, the room's authority. */
export class NotAuthorityError extends Error {
  override readonly name = 'NotAuthorityError'
}

/**
 * The store as the rooms of a cluster instance see it (decision 0047). Every write to a room's document, its
 * client ids or its family visits goes out only while this instance holds the room's lease and it cannot have
 * lapsed (RoomLeases.fenceOf), and carries the lease's token as its fence: the store commits it only if no newer
 * authority has written the room since, checked in the write's own transaction (storage/postgres/roomFences.ts).
 * So a process paused anywhere between the first check and the commit still writes nothing once the next
 * authority has. A write refused either way gives the lease up, which evicts the room: its clients reconnect
 * to whichever instance holds it now. Reads pass through.
 */
export class FencedRoomStore implements RoomStore {
  readonly #store: RoomStore
  readonly #leases: RoomLeases

  constructor(store: RoomStore, leases: RoomLeases) {
    this.#store = store
    this.#leases = leases
  }

  /** The fence for a write of `room` now, or NotAuthorityError. */
  #fence(room: string): Fence {
    const fence = this.#leases.fenceOf(room)
    if (fence !== undefined) return fence
    this.#leases.surrender(room)
    throw new NotAuthorityError(`this instance does not hold the lease of ${room}`)
  }

  async #fenced<T>(room: string, write: (fence: Fence) => Promise<T>): Promise<T> {
    const fence = this.#fence(room)
    try {
      return await write(fence)
    } catch (error) {
      this.#fencedOut(error)
      throw error
    }
  }

  #fencedOut(error: unknown): void {
    if (error instanceof FencedOutError) this.#leases.surrender(error.room, error.token)
  }

  async createDocument(documentId: string, mapId: string, initialState: Uint8Array): Promise<void> {
    // Idempotent (it makes the document only if missing), so any instance may.
    await this.#store.createDocument(documentId, mapId, initialState)
  }

  async appendUpdates(mapId: string, updates: readonly Uint8Array[], audit?: AuditAppend): Promise<number> {
    return this.#fenced(mapId, (fence) => this.#store.appendUpdates(mapId, updates, audit, fence))
  }

  async appendUpdate(mapId: string, update: Uint8Array): Promise<number> {
    return this.#fenced(mapId, (fence) => this.#store.appendUpdate(mapId, update, fence))
  }

  async appendToMaps(appends: readonly MapAppend[]): Promise<MapAppendResult[]> {
    const fenced = appends.map((append): MapAppend | MapAppendResult => {
      try {
        return { ...append, fence: this.#fence(append.mapId) }
      } catch (error) {
        return { ok: false, error }
      }
    })
    const held = fenced.filter((each): each is MapAppend => 'mapId' in each)
    const written = held.length === 0 ? [] : await this.#store.appendToMaps(held)
    let next = 0
    return fenced.map((each) => {
      if (!('mapId' in each)) return each
      const result = written[next++] ?? { ok: false, error: new Error('no result') }
      if (!result.ok) this.#fencedOut(result.error)
      return result
    })
  }

  async load(mapId: string): Promise<StoredDocument> {
    return this.#store.load(mapId)
  }

  async compact(mapId: string, snapshot: Uint8Array, throughSeq: number): Promise<void> {
    await this.#fenced(mapId, (fence) => this.#store.compact(mapId, snapshot, throughSeq, fence))
  }

  async quarantine(mapId: string, restoration: Restoration): Promise<void> {
    await this.#fenced(mapId, (fence) => this.#store.quarantine(mapId, restoration, fence))
  }

  async listQuarantine(mapId: string): Promise<QuarantinedEntry[]> {
    return this.#store.listQuarantine(mapId)
  }

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    return this.#fenced(mapId, (fence) => this.#store.claimClientIds(mapId, ownerId, clientIds, fence))
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return this.#store.listClientIds(mapId)
  }

  async addFamilyVisit(visit: FamilyVisitRecord): Promise<void> {
    await this.#fenced(visit.mapId, (fence) => this.#store.addFamilyVisit(visit, fence))
  }

  async listFamilyVisits(mapId: string): Promise<FamilyVisitRecord[]> {
    return this.#store.listFamilyVisits(mapId)
  }

  async deleteFamilyVisits(mapId: string): Promise<number> {
    return this.#store.deleteFamilyVisits(mapId)
  }
}
