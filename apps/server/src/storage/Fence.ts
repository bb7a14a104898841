/**
 * Who may write a room's stored data (decision 0047): the fencing token of the lease under which an instance is
 * the room's authority (cluster/RoomLeases.ts, from Redis's INCR, so each new authority's is larger). A store
 * shared by several instances (`MapStore.fencesWrites`) keeps the largest token each room has written with, and
 * commits a write only if its token is at least that, in the write's own transaction. The room is the one the
 * call names (the map id, or `<id>/professionals`).
 */
export interface Fence {
  readonly token: number
}

/**
 * A write refused by its fence: another authority has written the room with a larger token since. Nothing of the
 * write was stored; this instance must stop serving the room.
 */
export class FencedOutError extends Error {
  override readonly name = 'FencedOutError'
  readonly room: string
  readonly token: number
  /** The token the room was last written with. */
  readonly storedToken: number

  constructor(room: string, token: number, storedToken: number) {
    super(`fenced out of ${room}: its writes are now under token ${storedToken}, this one holds ${token}`)
    this.room = room
    this.token = token
    this.storedToken = storedToken
  }
}
