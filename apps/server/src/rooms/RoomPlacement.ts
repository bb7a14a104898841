import type { CloseCode } from '@mapboard/protocol'
import type { Connection } from './Connection.ts'

/** How a room operation (RoomOperations.ts) ended where it ran, as it travels back to the instance asked. */
export type OperationAnswer =
  /** The result as JSON ('' for undefined). */
  | { kind: 'done'; value: string }
  /** The error the request answers with, exactly as the instance that ran it would have sent it. */
  | { kind: 'failed'; status: number; code: string; message: string }
  /** That instance does not serve the room (any more), or nobody heard: find its authority again. */
  | { kind: 'elsewhere' }

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
  /**
   * Runs room operation `operation` with its JSON `input` at the instance that serves room `roomName`, answering by
   * `deadline` (performance.now()). 'unreachable': that instance took the request but neither answered by then nor
   * still holds the room (it died, or lost it, meanwhile): whether the operation ran is not known.
   */
  runElsewhere(
    roomName: string,
    operation: string,
    input: string,
    deadline: number,
  ): Promise<OperationAnswer | { kind: 'unreachable' }>
  /**
   * A map is being erased here: every other instance closes its connections with `code`, unloads its rooms
   * (storing what they hold) and opens neither again. Resolves once all have; rejects with RoomUnavailableError
   * when one did not answer in time (the map must then not be erased).
   */
  mapShut(mapId: string, code: CloseCode): Promise<void>
  /** The erasure of a shut map did not happen: every other instance may open it again. */
  mapReopened(mapId: string): void
}
