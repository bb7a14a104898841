import { randomBytes } from 'node:crypto'
import type { FastifyPluginAsync, FastifyRequest } from 'fastify'
import * as Y from 'yjs'
import { initMap, readMap } from '@mapboard/map-model'
import { ROLES } from '@mapboard/protocol'
import type { CreateMapRequest, CreateMapResponse, Role } from '@mapboard/protocol'
import { requireAdminToken } from '../http/adminToken.ts'
import { addressKey } from '../plugins/limits.ts'
import type { LinkRecord } from '../storage/LinkStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import { linkUrl, newLinkId } from '../tokens/inviteLink.ts'
import { requestOrigin } from './requestOrigin.ts'

/** 128 random bits, URL-safe: map ids are unguessable, though the token is what grants access. */
export function newMapId(): string {
  return randomBytes(16).toString('base64url')
}

function byRole<T>(make: (role: Role) => T): Record<Role, T> {
  return {
    chair: make('chair'),
    professional: make('professional'),
    family: make('family'),
    viewer: make('viewer'),
  }
}

const createMapSchema = {
  body: {
    type: 'object',
    required: ['title'],
    additionalProperties: false,
    properties: { title: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' } },
  },
  response: {
    201: {
      type: 'object',
      required: ['id', 'title', 'links'],
      properties: {
        id: { type: 'string' },
        title: { type: 'string' },
        links: {
          type: 'object',
          required: [...ROLES],
          properties: Object.fromEntries(ROLES.map((role) => [role, { type: 'string' }])),
        },
      },
    },
  },
} as const

export const mapRoutes: FastifyPluginAsync<{ store: MapCatalog }> = async (app, { store }) => {
  const { adminToken, linkTtlMs } = app.config
  const perAddress = app.limit('mapCreationPerIp', addressKey)

  const requireAdmin = async (request: FastifyRequest): Promise<void> => {
    if (adminToken !== undefined) requireAdminToken(request, adminToken, 'Creating a map')
  }

  app.post<{ Body: CreateMapRequest; Reply: CreateMapResponse }>(
    '/api/maps',
    { schema: createMapSchema, onRequest: perAddress, preHandler: requireAdmin },
    async (request, reply) => {
      // Before anything is stored: a request whose links could not be given out makes no map.
      const origin = requestOrigin(request, app.config)
      const id = newMapId()
      const createdAt = Date.now()
      const doc = new Y.Doc()
      initMap(doc, { title: request.body.title, createdAt })
      const title = readMap(doc).title
      const expiresAt = createdAt + linkTtlMs
      const links: LinkRecord[] = ROLES.map((role) => ({
        id: newLinkId(),
        mapId: id,
        role,
        createdAt,
        expiresAt,
        revokedAt: null,
      }))
      await store.createMap({ id, title, createdAt }, Y.encodeStateAsUpdate(doc), links)
      doc.destroy()

      const urls = byRole((role) => {
        const link = links.find((candidate) => candidate.role === role)
        if (link === undefined) throw new Error(`no ${role} link`)
        return linkUrl(origin, app.tokens, link)
      })
      request.log.info({ mapId: id }, 'map created')
      return reply.code(201).send({ id, title, links: urls })
    },
  )
}
