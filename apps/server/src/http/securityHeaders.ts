import type { IncomingMessage } from 'node:http'
import type { FastifyHelmetOptions } from '@fastify/helmet'

/** A Host header we are willing to echo into a CSP: a host name or IP literal and an optional port. */
const HOST = /^(?:[A-Za-z0-9.-]+|\[[0-9A-Fa-f:.]+\])(?::\d{1,5})?$/

/**
 * The websocket origin of the page's own origin. CSP Level 3 lets 'self' match ws(s) on the same host, but
 * older browsers (Safari before 15.4) do not, so it is named explicitly.
 */
function sameOriginWebSocket(publicOrigin: string | undefined, request: IncomingMessage): string {
  if (publicOrigin !== undefined) {
    const url = new URL(publicOrigin)
    return `${url.protocol === 'https:' ? 'wss:' : 'ws:'}//${url.host}`
  }
  const host = request.headers.host
  return host !== undefined && HOST.test(host) ? `ws://${host}` : "'self'"
}

/**
 * Helmet with a CSP that lets the page load scripts, styles, fonts, images and connections from its own origin
 * only, and no inline script at all. data:/blob: images are local (exported PNGs, QR codes), not other origins.
 */
export function securityHeaders(publicOrigin: string | undefined): FastifyHelmetOptions {
  const https = publicOrigin?.startsWith('https:') === true
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'", (request) => sameOriginWebSocket(publicOrigin, request)],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        // Upgrading would break a server reached over plain http on a local network.
        upgradeInsecureRequests: https ? [] : null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // HSTS only means something over https.
    strictTransportSecurity: https,
  }
}
