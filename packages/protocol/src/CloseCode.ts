/**
 * Websocket close codes the server uses. 4400–4499 stop a y-websocket (>= 3.1) client from
 * reconnecting, so they mean "do not retry as you are"; 4500+ invite a reconnect.
 */
export const CloseCode = {
  /** A frame could not be parsed, or broke a protocol rule. The client should not retry as it is. */
  BadMessage: 4400,
  /** No token, or a token that is forged, malformed or expired. */
  Unauthorized: 4401,
  /** The token is valid but no longer allowed (revoked link). */
  Forbidden: 4403,
  /** The map id does not exist. */
  MapNotFound: 4404,
  /** The map has been erased (decision 0042): nothing of it is left to open. */
  MapErased: 4410,
  /** An update was written under a Yjs client id that belongs to someone else. */
  ClientIdTaken: 4409,
  /** A frame was larger than the server accepts. */
  MessageTooLarge: 4413,
  /**
   * The connection kept sending edits the rules refuse, or kept sending faster than its budget allows (reason
   * "sending too fast"), or its participant kept needing resyncs; it stays closed.
   */
  TooManyRefusals: 4429,
  /** The server is shutting down; reconnect shortly. */
  ServerShutdown: 4500,
  /**
   * The connection's update built on content the server does not have, and the connection did not send that
   * content when the server asked again (SyncStep1); reconnect to resync from scratch.
   */
  Resync: 4501,
  /** The server could not open or store the map just now; reconnect later. */
  ServerError: 4502,
} as const
export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode]

const reasons: Record<CloseCode, string> = {
  [CloseCode.BadMessage]: 'malformed message',
  [CloseCode.Unauthorized]: 'unauthorized',
  [CloseCode.Forbidden]: 'forbidden',
  [CloseCode.MapNotFound]: 'map not found',
  [CloseCode.MapErased]: 'map erased',
  [CloseCode.ClientIdTaken]: 'client id belongs to another connection',
  [CloseCode.MessageTooLarge]: 'message too large',
  [CloseCode.TooManyRefusals]: 'too many refused edits',
  [CloseCode.ServerShutdown]: 'server shutting down',
  [CloseCode.Resync]: 'resync required',
  [CloseCode.ServerError]: 'server error',
}

/** The human-readable reason sent with a close code (websocket reasons are capped at 123 bytes). */
export function closeCodeReason(code: CloseCode): string {
  return reasons[code]
}
