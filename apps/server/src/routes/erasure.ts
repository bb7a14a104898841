import type { FastifyPluginAsync } from 'fastify'
import { CloseCode } from '@mapboard/protocol'
import { requireAdminToken } from '../http/adminToken.ts'
import { HttpError } from '../http/errors.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import type { ErasureResult, MapErasure } from '../storage/MapErasure.ts'
import { RoomUnavailableError } from '../rooms/Room.ts'
import type { RoomRegistry } from '../rooms/RoomRegistry.ts'

interface EraseMapRequest {
  reason: string
  keepRecords: boolean
}

const counts = { type: 'object', additionalProperties: { type: 'integer' } } as const

const eraseSchema = {
  body: {
    type: 'object',
    required: ['reason', 'keepRecords'],
    additionalProperties: false,
    properties: {
      reason: { type: 'string', minLength: 1, maxLength: 1000, pattern: '\\S' },
      keepRecords: { type: 'boolean' },
    },
  },
  response: {
    200: {
      type: 'object',
      required: ['mapId', 'erasedAt', 'removed', 'kept'],
      properties: { mapId: { type: 'string' }, erasedAt: { type: 'integer' }, removed: counts, kept: counts },
    },
  },
} as const

/**
 * Closes both rooms of a map (every socket gets MapErased) on every instance, then erases it in the store (one
 * transaction, then the purge). The store is touched only once every instance that serves maps has shut it, so
 * none writes to it afterwards nor opens it again; if one does not answer in time nothing is erased (503
 * ROOM_UNAVAILABLE) and the map opens again. Shared by the erasure route and the retention sweep. Resolves
 * undefined if there was no such map.
 */
export async function eraseLiveMap(
  rooms: RoomRegistry,
  store: MapErasure,
  mapId: string,
  request: { erasedAt: number; reason: string; keepRecords: boolean },
): Promise<ErasureResult | undefined> {
  try {
    await rooms.shutMap(mapId, CloseCode.MapErased)
    const result = await store.eraseMap(mapId, request)
    if (result === undefined) rooms.reopenShutMap(mapId)
    return result
  } catch (error) {
    rooms.reopenShutMap(mapId)
    if (error instanceof RoomUnavailableError) {
      throw new HttpError(503, 'ROOM_UNAVAILABLE', 'The map is not available just now; please try again')
    }
    throw error
  }
}

/**
 * `DELETE /api/maps/<id>` with `Authorization: Bearer <MAPBOARD_ADMIN_TOKEN>` and `{ reason, keepRecords }` →
 * 200 `{ mapId, erasedAt, removed, kept }` (contract; decision 0042). Without an admin token configured nobody
 * can erase (403): a server open to anyone on loopback is not one where a map should vanish on request. The
 * reason is for the audit's erasure entry; it is neither logged nor kept with the map.
 */
export const erasureRoutes: FastifyPluginAsync<{ store: MapCatalog & MapErasure }> = async (
  app,
  { store },
) => {
  const { adminToken } = app.config
  app.delete<{ Params: { mapId: string }; Body: EraseMapRequest; Reply: ErasureResult }>(
    '/api/maps/:mapId',
    {
      schema: eraseSchema,
      // Before the body is read: without the token, nothing about the request is looked at.
      onRequest: async (request) => {
        if (adminToken === undefined) {
          throw new HttpError(
            403,
            'ERASURE_DISABLED',
            'Erasing a map needs MAPBOARD_ADMIN_TOKEN set on the server',
          )
        }
        requireAdminToken(request, adminToken, 'Erasing a map')
      },
    },
    async (request) => {
      const { mapId } = request.params
      if ((await store.getMap(mapId)) === undefined) {
        throw new HttpError(404, 'MAP_NOT_FOUND', 'There is no such map')
      }
      const { reason, keepRecords } = request.body
      const result = await eraseLiveMap(app.rooms, store, mapId, {
        erasedAt: app.clock(),
        reason,
        keepRecords,
      })
      if (result === undefined) throw new HttpError(404, 'MAP_NOT_FOUND', 'There is no such map')
      request.log.info({ mapId, removed: result.removed, kept: result.kept }, 'map erased')
      return result
    },
  )
}
