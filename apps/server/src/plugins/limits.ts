import type { FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import rateLimit, { normalizeIP } from '@fastify/rate-limit'
import { HttpError } from '../http/errors.ts'
import type { RequestLimits } from '../http/RequestLimits.ts'

/** A hook that counts a request against one of the HTTP limits. */
export type LimitHook = (request: FastifyRequest, reply: FastifyReply) => Promise<void>

declare module 'fastify' {
  interface FastifyInstance {
    /**
     * A hook (for `onRequest`, `preValidation` or `preHandler`) that counts the request against `limits[name]`
     * under the key `keyOf(request)` gives, and answers `429` `RATE_LIMITED` with `Retry-After` once the key is
     * over the limit. A key of `undefined` lets the request through uncounted.
     */
    limit(name: keyof RequestLimits, keyOf: (request: FastifyRequest) => string | undefined): LimitHook
  }
}

/** What was done too often, for the message people see. */
const TOO_MANY: Record<keyof RequestLimits, string> = {
  mapCreationPerIp: 'Too many maps have been created from this address',
  joinPerLink: 'Too many people have joined with this link',
  joinPerIp: 'Too many joins have come from this address',
  linkCreationPerMap: 'Too many links have been made for this map',
  exportPerParticipant: 'You have exported this map too often',
  exportPerMap: 'This map has been exported too often',
  scalingAnswerPerParticipant: 'You have changed your answers too often',
}

/** The client's address as a limit key; IPv6 addresses count per /64, as one household or office has them. */
export function addressKey(request: FastifyRequest): string {
  return normalizeIP(request.ip, 64)
}

function wait(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`
  return `${Math.ceil(seconds / 60)} minutes`
}

/**
 * The HTTP limits of `config.limits`, counted by `@fastify/rate-limit` in fixed windows: in this process's memory
 * (each limit its own LRU of keys), or, when several instances serve the maps, in Redis for all of them together
 * (cluster/SharedRateCounts.ts). Registered with `global: false`: only the routes that ask are limited.
 */
export const limitsPlugin = fp(
  async (app) => {
    const shared = app.cluster?.rateCounts
    await app.register(rateLimit, {
      global: false,
      ...(shared === undefined ? {} : { store: shared.store() }),
    })
    const { limits } = app.config
    app.decorate(
      'limit',
      (name: keyof RequestLimits, keyOf: (request: FastifyRequest) => string | undefined) => {
        const { max, windowMs } = limits[name]
        const count = app.createRateLimit({
          max,
          timeWindow: windowMs,
          // Named, so that two limits on the same key (an address, say) never share a count in one store.
          keyGenerator: (request) => `${name}:${keyOf(request) ?? ''}`,
        })
        return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
          if (keyOf(request) === undefined) return
          const result = await count(request)
          if (result.isAllowed || !result.isExceeded) return
          const seconds = Math.max(1, result.ttlInSeconds)
          request.log.info({ limit: name }, 'refused a request over its limit')
          reply.header('retry-after', String(seconds))
          throw new HttpError(429, 'RATE_LIMITED', `${TOO_MANY[name]}; please try again in ${wait(seconds)}`)
        }
      },
    )
  },
  { name: 'mapboard-limits', fastify: '5.x', dependencies: ['mapboard-config', 'mapboard-cluster'] },
)
