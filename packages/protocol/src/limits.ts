/** Largest websocket frame the server accepts (bytes). Larger frames close with MessageTooLarge. */
export const MAX_MESSAGE_BYTES = 2 * 1024 * 1024

/** How often the server pings idle sockets; the y-websocket client gives up after 30 s of silence. */
export const KEEPALIVE_INTERVAL_MS = 10_000
