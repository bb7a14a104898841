import type Database from 'better-sqlite3'
import { roomNameOf } from '@mapboard/protocol'
import type { ClientIdRecord, ClientIdStore } from '../ClientIdStore.ts'
import type { ErasedRows, MapEraser } from '../MapErasure.ts'

/** Table `client_ids`. */
export class SqliteClientIdStore implements ClientIdStore, MapEraser {
  readonly #statements
  readonly #claimClientIds

  constructor(db: Database.Database) {
    const statements = {
      mapExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM maps WHERE id = ?'),
      claimClientId: db.prepare<[string, number, string, number]>(
        'INSERT OR IGNORE INTO client_ids (map_id, client_id, owner_id, claimed_at) VALUES (?, ?, ?, ?)',
      ),
      getClientIdOwner: db.prepare<[string, number], { owner_id: string }>(
        'SELECT owner_id FROM client_ids WHERE map_id = ? AND client_id = ?',
      ),
      listClientIds: db.prepare<[string], { client_id: number; owner_id: string }>(
        'SELECT client_id, owner_id FROM client_ids WHERE map_id = ? ORDER BY client_id',
      ),
      deleteClientIds: db.prepare<[string]>('DELETE FROM client_ids WHERE map_id = ?'),
    }
    this.#statements = statements
    this.#claimClientIds = db.transaction(
      (mapId: string, ownerId: string, clientIds: readonly number[]): number[] => {
        if (statements.mapExists.get(mapId) === undefined) throw new Error(`no map ${mapId}`)
        const now = Date.now()
        const taken: number[] = []
        for (const clientId of clientIds) {
          statements.claimClientId.run(mapId, clientId, ownerId, now)
          if (statements.getClientIdOwner.get(mapId, clientId)?.owner_id !== ownerId) taken.push(clientId)
        }
        return taken
      },
    )
  }

  async claimClientIds(mapId: string, ownerId: string, clientIds: readonly number[]): Promise<number[]> {
    return this.#claimClientIds(mapId, ownerId, clientIds)
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    return this.#statements.listClientIds
      .all(mapId)
      .map((row) => ({ clientId: row.client_id, ownerId: row.owner_id }))
  }

  /** The client ids of both of the map's documents (in the erasure's transaction). */
  eraseMapRows(mapId: string): ErasedRows {
    const { deleteClientIds } = this.#statements
    const clientIds =
      deleteClientIds.run(mapId).changes + deleteClientIds.run(roomNameOf(mapId, 'professionals')).changes
    return { removed: { clientIds }, kept: {} }
  }
}
