import type { FastifyRequest, preValidationAsyncHookHandler } from 'fastify'
import fp from 'fastify-plugin'
import type { Role, TokenClaims } from '@mapboard/protocol'
import { HttpError, sendError } from '../http/errors.ts'
import type { LinkRecord } from '../storage/LinkStore.ts'
import { authorizeLink, bearerToken } from '../tokens/authorizeLink.ts'

/** What a request's token was found to grant, once `requireToken` has checked it. */
export interface RequestAuth {
  claims: TokenClaims
  link: LinkRecord
}

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A `preValidation` hook for routes under `/api/maps/:mapId/`: the `Authorization: Bearer` token (a link or
     * participant token) must open that map — signature, expiry, revocation, all checked again on every request —
     * and, when `roles` is given, carry one of them. Refusals are 401 (TOKEN_*) or 403 (ROLE_FORBIDDEN) JSON.
     */
    requireToken(roles?: readonly Role[]): preValidationAsyncHookHandler
  }
  interface FastifyRequest {
    /** Set by `requireToken` before the handler runs. */
    auth: RequestAuth | null
  }
}

const roleNames: Record<Role, string> = {
  chair: 'the chair',
  professional: 'professionals',
  family: 'family members',
  viewer: 'observers',
}

function mapIdParam(request: FastifyRequest): string | undefined {
  const params = request.params
  if (typeof params !== 'object' || params === null || !('mapId' in params)) return undefined
  return typeof params.mapId === 'string' ? params.mapId : undefined
}

/** The checked token of a request behind `requireToken`; a route without the hook is a bug, not a 401. */
export function requestAuth(request: FastifyRequest): RequestAuth {
  if (request.auth === null) throw new Error('route is missing the requireToken hook')
  return request.auth
}

/**
 * Token checks for the HTTP API. The sync route checks its `?token=` with the same `authorizeLink` before the
 * upgrade, so a link that stops working stops working everywhere at once.
 */
export const authPlugin = fp(
  async (app) => {
    app.decorateRequest('auth', null)
    app.decorate('requireToken', (roles?: readonly Role[]): preValidationAsyncHookHandler => {
      return async (request, reply) => {
        const mapId = mapIdParam(request)
        if (mapId === undefined) throw new Error('requireToken needs a :mapId route parameter')
        const token = bearerToken(request.headers.authorization)
        const result = await authorizeLink(app.store, app.tokens, mapId, token)
        if (!result.ok) {
          request.log.info({ mapId, code: result.code }, 'refused a token')
          return sendError(reply, result.statusCode, result.code, result.message)
        }
        if (roles !== undefined && !roles.includes(result.claims.role)) {
          const allowed = roles.map((role) => roleNames[role]).join(' or ')
          throw new HttpError(403, 'ROLE_FORBIDDEN', `Only ${allowed} can do this`)
        }
        request.auth = { claims: result.claims, link: result.link }
      }
    })
  },
  { name: 'mapboard-auth', fastify: '5.x', dependencies: ['mapboard-storage', 'mapboard-tokens'] },
)
