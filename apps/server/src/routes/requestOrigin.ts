import type { FastifyRequest } from 'fastify'

/** The origin to put into links: the configured public one, else the one the request came to. */
export function requestOrigin(request: FastifyRequest, publicOrigin: string | undefined): string {
  return publicOrigin ?? `${request.protocol}://${request.host}`
}
