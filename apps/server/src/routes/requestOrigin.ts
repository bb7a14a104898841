import type { FastifyRequest } from 'fastify'
import type { ServerConfig } from '../config.ts'
import { HttpError } from '../http/errors.ts'
import { hostName, isLoopbackHost } from '../http/loopback.ts'

/**
 * The origin to put into links: the configured public one; else the one the request came to, but only when its
 * `Host` is loopback or on `allowedHosts`. Anyone can send any `Host`, and a link built from an attacker's would
 * send the family's token to the attacker's server; so with neither, the request is refused instead.
 */
export function requestOrigin(
  request: FastifyRequest,
  config: Pick<ServerConfig, 'publicOrigin' | 'allowedHosts'>,
): string {
  if (config.publicOrigin !== undefined) return config.publicOrigin
  const host = request.headers.host?.toLowerCase() ?? ''
  const name = hostName(host)
  const known = config.allowedHosts.includes(host) || config.allowedHosts.includes(name)
  if (host === '' || !(known || isLoopbackHost(name)) || !/^[a-z0-9.:[\]-]+$/.test(host)) {
    throw new HttpError(
      421,
      'HOST_NOT_ALLOWED',
      'This server does not know the address to put into links: set MAPBOARD_PUBLIC_ORIGIN, ' +
        'or list this host in MAPBOARD_ALLOWED_HOSTS',
    )
  }
  return `${request.protocol}://${host}`
}
