import { roomNameOf } from '@mapboard/protocol'
import type { ClientIdRecord, ClientIdStore } from '../ClientIdStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'
import type { MemoryDatabase } from './MemoryDatabase.ts'

/** Client id owners in memory, per map. */
export class MemoryClientIdStore implements ClientIdStore, MapEraser {
  readonly #db: MemoryDatabase

  constructor(db: MemoryDatabase) {
    this.#db = db
  }

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    this.#db.map(mapId)
    const table = this.#db.tables().clientIds
    const owners = table.get(mapId) ?? new Map<number, string>()
    table.set(mapId, owners)
    const taken: number[] = []
    for (const clientId of clientIds) {
      if (!owners.has(clientId)) owners.set(clientId, ownerId)
      if (owners.get(clientId) !== ownerId) taken.push(clientId)
    }
    return taken
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    this.#db.map(mapId)
    return [...(this.#db.tables().clientIds.get(mapId) ?? [])]
      .sort(([a], [b]) => a - b)
      .map(([clientId, ownerId]) => ({ clientId, ownerId }))
  }

  eraseMapRows(mapId: string): ErasedRows {
    const table = this.#db.tables().clientIds
    let clientIds = 0
    for (const id of [mapId, roomNameOf(mapId, 'professionals')]) {
      clientIds += table.get(id)?.size ?? 0
      table.delete(id)
    }
    return { removed: { clientIds }, kept: {} }
  }
}
