import type pg from 'pg'
import { roomNameOf } from '@mapboard/protocol'
import type { ClientIdRecord, ClientIdStore } from '../ClientIdStore.ts'
import type { Fence } from '../Fence.ts'
import type { ErasedRows } from '../MapErasure.ts'
import type { PostgresDatabase } from './PostgresDatabase.ts'
import type { PostgresMapEraser } from './PostgresErasure.ts'
import { checkFence } from './roomFences.ts'

/** Table `client_ids`. */
export class PostgresClientIdStore implements ClientIdStore, PostgresMapEraser {
  readonly tables = ['client_ids']
  readonly #db: PostgresDatabase

  constructor(db: PostgresDatabase) {
    this.#db = db
  }

  async claimClientIds(
    mapId: string,
    ownerId: string,
    clientIds: readonly number[],
    fence?: Fence,
  ): Promise<number[]> {
    return this.#db.transaction(async (tx) => {
      // The map's row before the fence's, as every fenced write locks them (roomFences.ts).
      const found = await tx.query('SELECT 1 FROM maps WHERE id = $1 FOR KEY SHARE', [mapId])
      if (found.rowCount === 0) throw new Error(`no map ${mapId}`)
      await checkFence(tx, mapId, fence)
      if (clientIds.length === 0) return []
      // The primary key makes the first claim of each id win, whichever instance makes it.
      await tx.query(
        `INSERT INTO client_ids (map_id, client_id, owner_id, claimed_at)
         SELECT $1, id, $2, $3 FROM unnest($4::bigint[]) AS id ON CONFLICT (map_id, client_id) DO NOTHING`,
        [mapId, ownerId, Date.now(), clientIds],
      )
      const owners = await tx.query<{ client_id: number; owner_id: string }>(
        'SELECT client_id, owner_id FROM client_ids WHERE map_id = $1 AND client_id = ANY($2::bigint[])',
        [mapId, clientIds],
      )
      const ownerOf = new Map(owners.rows.map((row) => [row.client_id, row.owner_id]))
      return clientIds.filter((clientId) => ownerOf.get(clientId) !== ownerId)
    })
  }

  async listClientIds(mapId: string): Promise<ClientIdRecord[]> {
    const rows = await this.#db.rows<{ client_id: number; owner_id: string }>(
      'SELECT client_id, owner_id FROM client_ids WHERE map_id = $1 ORDER BY client_id',
      [mapId],
    )
    return rows.map((row) => ({ clientId: row.client_id, ownerId: row.owner_id }))
  }

  /** The client ids of both of the map's documents (in the erasure's transaction). */
  async eraseMapRows(tx: pg.PoolClient, mapId: string): Promise<ErasedRows> {
    const deleted = await tx.query('DELETE FROM client_ids WHERE map_id = ANY($1::text[])', [
      [mapId, roomNameOf(mapId, 'professionals')],
    ])
    return { removed: { clientIds: deleted.rowCount ?? 0 }, kept: {} }
  }
}
