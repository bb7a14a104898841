import type { FastifyPluginAsync } from 'fastify'
import { CloseCode, ROLES } from '@mapboard/protocol'
import type { CreateLinkRequest, LinkInfo } from '@mapboard/protocol'
import { auditActorOfClaims } from '../audit/auditActor.ts'
import { HttpError } from '../http/errors.ts'
import { requestAuth } from '../plugins/auth.ts'
import type { AuditStore } from '../storage/AuditStore.ts'
import type { LinkRecord, LinkStore } from '../storage/LinkStore.ts'
import { linkUrl, newLinkId } from '../tokens/inviteLink.ts'
import { requestOrigin } from './requestOrigin.ts'

/** A new link lives 30 days unless the chair says otherwise, and at most a year. */
export const DEFAULT_LINK_HOURS = 30 * 24
export const MAX_LINK_HOURS = 365 * 24

const HOUR_MS = 60 * 60 * 1000

const linkInfoSchema = {
  type: 'object',
  required: ['id', 'role', 'url', 'createdAt', 'expiresAt', 'revokedAt'],
  properties: {
    id: { type: 'string' },
    role: { type: 'string', enum: [...ROLES] },
    url: { type: 'string' },
    createdAt: { type: 'integer' },
    expiresAt: { type: 'integer' },
    revokedAt: { type: ['integer', 'null'] },
  },
} as const

const createLinkSchema = {
  body: {
    type: 'object',
    required: ['role'],
    additionalProperties: false,
    properties: {
      role: { type: 'string', enum: [...ROLES] },
      expiresInHours: { type: 'integer', minimum: 1, maximum: MAX_LINK_HOURS },
    },
  },
  response: { 201: linkInfoSchema },
} as const

/**
 * The chair's invite links: `GET|POST /api/maps/<id>/links`, `DELETE /api/maps/<id>/links/<linkId>`.
 * Revoking a link refuses it from the next request on and closes, with Forbidden (4403), every socket that was
 * opened with it — by the link itself or by a participant token that came from it.
 */
export const linkRoutes: FastifyPluginAsync<{ store: LinkStore & AuditStore }> = async (app, { store }) => {
  const chairOnly = app.requireToken(['chair'])
  const perMap = app.limit('linkCreationPerMap', (request) => request.auth?.claims.mapId)

  const info = (origin: string, link: LinkRecord): LinkInfo => ({
    id: link.id,
    role: link.role,
    url: linkUrl(origin, app.tokens, link),
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
  })

  app.get<{ Params: { mapId: string }; Reply: LinkInfo[] }>(
    '/api/maps/:mapId/links',
    { schema: { response: { 200: { type: 'array', items: linkInfoSchema } } }, preValidation: chairOnly },
    async (request) => {
      const origin = requestOrigin(request, app.config)
      const links = await store.listLinks(request.params.mapId)
      return links.map((link) => info(origin, link))
    },
  )

  app.post<{ Params: { mapId: string }; Body: CreateLinkRequest; Reply: LinkInfo }>(
    '/api/maps/:mapId/links',
    { schema: createLinkSchema, preValidation: chairOnly, preHandler: perMap },
    async (request, reply) => {
      const { mapId } = request.params
      const origin = requestOrigin(request, app.config)
      const createdAt = Date.now()
      const hours = request.body.expiresInHours ?? DEFAULT_LINK_HOURS
      const link: LinkRecord = {
        id: newLinkId(),
        mapId,
        role: request.body.role,
        createdAt,
        expiresAt: createdAt + hours * HOUR_MS,
        revokedAt: null,
      }
      await store.createLink(link)
      await store.appendAudit(mapId, [
        {
          at: createdAt,
          actor: auditActorOfClaims(requestAuth(request).claims),
          action: 'link.created',
          target: link.id,
          section: null,
          summary: `${link.role} link, until ${new Date(link.expiresAt).toISOString()}`,
          audience: 'shared',
        },
      ])
      request.log.info({ mapId, link: link.id, role: link.role }, 'link created')
      return reply.code(201).send(info(origin, link))
    },
  )

  app.delete<{ Params: { mapId: string; linkId: string } }>(
    '/api/maps/:mapId/links/:linkId',
    { preValidation: chairOnly },
    async (request, reply) => {
      const { mapId, linkId } = request.params
      const link = await store.getLink(linkId)
      if (link === undefined || link.mapId !== mapId) {
        throw new HttpError(404, 'LINK_NOT_FOUND', 'This map has no such link')
      }
      if (linkId === requestAuth(request).claims.linkId) {
        throw new HttpError(
          409,
          'OWN_LINK',
          'You cannot withdraw the link you are using; open another chair link first, then withdraw this one from there',
        )
      }
      const revokedAt = Date.now()
      // Withdrawing a withdrawn link changes nothing and is not recorded again.
      if (link.revokedAt === null) {
        await store.revokeLink(linkId, revokedAt)
        await store.appendAudit(mapId, [
          {
            at: revokedAt,
            actor: auditActorOfClaims(requestAuth(request).claims),
            action: 'link.withdrawn',
            target: linkId,
            section: null,
            summary: `${link.role} link withdrawn`,
            audience: 'shared',
          },
        ])
      }
      const closed = app.rooms.closeLink(mapId, linkId, CloseCode.Forbidden)
      request.log.info({ mapId, link: linkId, closed }, 'link revoked')
      return reply.code(204).send()
    },
  )
}
