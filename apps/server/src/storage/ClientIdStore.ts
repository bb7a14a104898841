import type { Fence } from './Fence.ts'

/** Who writes under one Yjs client id of a map's document (see rooms/ClientIdOwners.ts). */
export interface ClientIdRecord {
  clientId: number
  /** A participant id, or ':server' for the server's own writes. */
  ownerId: string
}

/** Which participant owns each Yjs client id of a map's document (rooms/ClientIdOwners.ts, decision 0014). */
export interface ClientIdStore {
  /**
   * Claims Yjs client ids of map `mapId` for `ownerId`: each id not yet claimed becomes theirs, atomically. Resolves
   * with the ids that are someone else's (the rest are now, or already were, `ownerId`'s). `fence`: as in
   * DocumentLog; fenced out, nothing is claimed (FencedOutError).
   */
  claimClientIds(
    mapId: string,
    ownerId: string,
    clientIds: readonly number[],
    fence?: Fence,
  ): Promise<number[]>
  /** Every claimed client id of a map and its owner. */
  listClientIds(mapId: string): Promise<ClientIdRecord[]>
}
