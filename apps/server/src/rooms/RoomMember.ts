// Everything a room keeps about one of its connections, in one record that goes when the connection leaves.
import type { Connection } from './Connection.ts'
import type { MissingContent } from './pendingContent.ts'
import { RefusalWindow } from './RefusalWindow.ts'

/** A connection's update left content missing; the server has asked it again and waits for it (ResyncPolicy). */
export interface OpenGap {
  /** What the server must have before the dropped part is redundant. */
  missing: MissingContent
  timer: NodeJS.Timeout
}

export class RoomMember {
  readonly connection: Connection
  /** Set while the server waits for the content this member's update built on. */
  gap: OpenGap | null = null
  /** When this member was asked again lately (ResyncPolicy). */
  readonly asks: RefusalWindow
  /** Its refused edits lately: a connection that keeps sending them is closed (Room.#refuse). */
  readonly refusals = new RefusalWindow()
  /** A viewer is told once that what it sends is dropped. */
  viewerTold = false
  /**
   * Whether it has sent updates. Its fresh-join answer then waits for what is being stored, so that the answer
   * reflects everything its own connection sent before asking (frames on a connection are handled in order).
   */
  sentUpdates = false

  constructor(connection: Connection, asks: RefusalWindow) {
    this.connection = connection
    this.asks = asks
  }
}
