/**
 * First varint of every websocket frame on `/sync/<mapId>`.
 * 0 and 1 are the y-websocket protocol (y-protocols sync and awareness); a stock
 * `WebsocketProvider` speaks exactly these. Numbers above 1 are Mapboard's own.
 */
export const MessageType = {
  /** y-protocols sync: SyncStep1 | SyncStep2 | Update (subtype varint follows). */
  Sync: 0,
  /** y-protocols awareness update. */
  Awareness: 1,
  /** y-protocols auth message (permission denied + reason). Sent by the server only. */
  Auth: 2,
  /** y-websocket's query-awareness request; the server answers with the room's awareness. */
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]
