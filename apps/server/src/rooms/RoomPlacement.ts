import type { CloseCode } from '@mapboard/protocol'
import type { Connection } from './Connection.ts'

/**
 * Where a room is served when several instances share the maps (decision 0047; `cluster/` implements it). One
 * instance at a time is a room's authority: only it loads the room, runs its gate and writes its document. Without
 * a placement the registry serves every room itself, as a single server does.
 */
export interface RoomPlacement {
  /**
   * Before the registry loads room `roomName` here: resolves true once this instance is its authority (it already
   * was, or it has just become it), false when another instance is.
   */
  claim(roomName: string): Promise<boolean>
  /**
   * Hands a connection whose room another instance serves to that instance; from then on the placement owns the
   * connection's frames and closes it when that instance stops serving the room.
   */
  forward(connection: Connection, roomName: string): Promise<void>
  /** The registry has unloaded room `roomName` and stored what it held: another instance may take it. */
  released(roomName: string): void
  /** A link was revoked here: its connections on every other instance close with `code` too. */
  linkClosed(mapId: string, linkId: string, code: CloseCode): void
}
