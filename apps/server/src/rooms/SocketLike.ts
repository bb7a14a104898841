/**
 * The little the rooms need from a websocket. The fastify route adapts a `ws` socket to it; anything else that
 * can carry binary frames (a test double, another server library) can too.
 */
export interface SocketLike {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
  /** Drops the connection without a close handshake (the peer stopped answering). */
  terminate(): void
  ping(): void
  /** Stops reading from the peer (backpressure): what it sends waits in its own buffers. */
  pause(): void
  resume(): void
}

/** The minimum of a pino logger the rooms use; fastify's logger fits. */
export interface RoomLogger {
  debug(obj: object, msg: string): void
  info(obj: object, msg: string): void
  warn(obj: object, msg: string): void
  error(obj: object, msg: string): void
}
