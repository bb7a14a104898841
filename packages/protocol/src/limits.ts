/** Largest websocket frame the server accepts (bytes). Larger frames close with MessageTooLarge. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

/**
 * The server's keepalive round. Every connection hears from the server at least every 1.5 rounds (a 3-byte frame
 * goes to sockets idle for half a round), so a client that hears nothing for longer knows the link is gone.
 */
export const KEEPALIVE_INTERVAL_MS = 1_000

/** Sockets are pinged every this many keepalive rounds; one that has not answered by the next ping is dropped. */
export const PING_EVERY_ROUNDS = 5
