import type { FastifyPluginAsync } from 'fastify'
import { roomNameOf } from '@mapboard/protocol'
import type { AuditActor } from '@mapboard/protocol'
import { writeMapClosure } from '@mapboard/map-model'
import type { MapClosure } from '@mapboard/map-model'
import { auditActorOfClaims } from '../audit/auditActor.ts'
import { requestAuth } from '../plugins/auth.ts'
import { HttpError } from '../http/errors.ts'
import type { MapLifecycle } from '../storage/MapLifecycle.ts'

interface ClosingReply {
  closed: boolean
  closedAt: number | null
}

const closingSchema = {
  response: {
    200: {
      type: 'object',
      required: ['closed', 'closedAt'],
      properties: { closed: { type: 'boolean' }, closedAt: { type: ['integer', 'null'] } },
    },
  },
} as const

/**
 * `POST /api/maps/<id>/close` and `/reopen` (chair) → 200 `{ closed, closedAt }`: "Export and close" (decision
 * 0042). The store keeps the closing time (for retention); both documents get `meta.closed`, written by the
 * server, which the permission rules read (READONLY-1): from then on every client's edit is refused, in both.
 * Closing a closed map keeps its first time; reopening an open one changes nothing. Each real change leaves one
 * entry in the audit trail, naming the chair (decision 0041).
 */
export const closingRoutes: FastifyPluginAsync<{ store: MapLifecycle }> = async (app, { store }) => {
  const chairOnly = app.requireToken(['chair'])
  const now = app.clock

  /** In a room's turn, wherever it is served: the closure (or null), as the server, for the chair. */
  const writeClosure = app.roomOperations.define(
    'closure.write',
    async (room, { closure, chair }: { closure: MapClosure | null; chair: AuditActor }): Promise<void> => {
      await room.writeAsServer((doc, origin) => writeMapClosure(doc, closure, origin), chair)
    },
  )

  /**
   * Writes the closure (or null) into both of the map's documents: the shared document's write leaves the
   * `map.closed` or `map.reopened` entry in the trail, stored with it.
   */
  const writeBoth = async (mapId: string, closure: MapClosure | null, chair: AuditActor): Promise<void> => {
    for (const name of [mapId, roomNameOf(mapId, 'professionals')]) {
      await app.roomOperations.call(name, writeClosure, { closure, chair })
    }
  }

  app.post<{ Params: { mapId: string }; Reply: ClosingReply }>(
    '/api/maps/:mapId/close',
    { schema: closingSchema, preValidation: chairOnly },
    async (request) => {
      const { mapId } = request.params
      const { claims } = requestAuth(request)
      const chair = claims.participant
      if (chair === undefined) throw new HttpError(403, 'JOIN_FIRST', 'Join the map before closing it')
      await store.closeMap({ mapId, closedAt: now(), closedBy: chair.id })
      const closure = await store.getClosure(mapId)
      if (closure === undefined) throw new Error(`map ${mapId} did not close`)
      await writeBoth(mapId, { closedAt: closure.closedAt, closedBy: chair.name }, auditActorOfClaims(claims))
      request.log.info({ mapId }, 'map closed')
      return { closed: true, closedAt: closure.closedAt }
    },
  )

  app.post<{ Params: { mapId: string }; Reply: ClosingReply }>(
    '/api/maps/:mapId/reopen',
    { schema: closingSchema, preValidation: chairOnly },
    async (request) => {
      const { mapId } = request.params
      // The documents first: if writing them fails, the map stays closed in the store and is retried.
      await writeBoth(mapId, null, auditActorOfClaims(requestAuth(request).claims))
      await store.reopenMap(mapId)
      request.log.info({ mapId }, 'map reopened')
      return { closed: false, closedAt: null }
    },
  )
}
