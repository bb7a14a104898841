import type { ServerConfig } from '../config.ts'
import { isLoopbackHost } from './loopback.ts'

/**
 * Whether a websocket upgrade with this `Origin` may go ahead. A browser always sends the page's origin, so a page
 * on another site cannot open a socket in its visitor's name; a client that sends none (Node, the benchmarks) is
 * no browser, and for it the token alone decides.
 *
 * Allowed: no `Origin` at all; `publicOrigin` and `allowedOrigins`. Without a public origin also the server's own
 * origin as the request names it (`Origin`'s host equals `Host`, which is what the vite dev proxy forwards) and
 * pages on loopback.
 */
export function upgradeOriginAllowed(
  originHeader: string | undefined,
  hostHeader: string | undefined,
  config: Pick<ServerConfig, 'publicOrigin' | 'allowedOrigins'>,
): boolean {
  if (originHeader === undefined) return true
  let url: URL
  try {
    url = new URL(originHeader)
  } catch {
    return false
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false
  if (url.origin === config.publicOrigin || config.allowedOrigins.includes(url.origin)) return true
  if (config.publicOrigin !== undefined) return false
  return url.host === hostHeader?.toLowerCase() || isLoopbackHost(url.hostname)
}
