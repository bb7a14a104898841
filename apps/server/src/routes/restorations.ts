import type { FastifyPluginAsync } from 'fastify'
import type { MapRestoration } from '@mapboard/protocol'
import type { DocumentLog, QuarantinedEntry } from '../storage/DocumentLog.ts'

const restorationSchema = {
  type: 'object',
  required: ['restoredAt', 'version', 'setAside', 'versions'],
  properties: {
    restoredAt: { type: 'integer' },
    version: { type: 'integer' },
    setAside: { type: 'integer' },
    versions: { type: 'array', items: { type: 'integer' } },
  },
} as const

/** The quarantine, oldest first, as the restorations that filled it: never the bytes, never the reasons. */
function restorations(entries: readonly QuarantinedEntry[]): MapRestoration[] {
  const byRestoration = new Map<string, MapRestoration>()
  for (const entry of entries) {
    const key = `${entry.restoredAt}:${entry.restoredVersion}`
    let restoration = byRestoration.get(key)
    if (restoration === undefined) {
      restoration = {
        restoredAt: entry.restoredAt,
        version: entry.restoredVersion,
        setAside: 0,
        versions: [],
      }
      byRestoration.set(key, restoration)
    }
    restoration.setAside++
    restoration.versions.push(entry.seq)
  }
  return [...byRestoration.values()]
}

/**
 * `GET /api/maps/<id>/restorations` (chair only) → 200 `MapRestoration[]`, oldest first: each time the map was
 * restored without stored changes that could not be read (decision 0021). The map is loaded first, so a
 * restoration its loading makes is in the answer.
 */
export const restorationRoutes: FastifyPluginAsync<{ store: DocumentLog }> = async (app, { store }) => {
  const chairOnly = app.requireToken(['chair'])

  app.get<{ Params: { mapId: string }; Reply: MapRestoration[] }>(
    '/api/maps/:mapId/restorations',
    {
      schema: { response: { 200: { type: 'array', items: restorationSchema } } },
      preValidation: chairOnly,
    },
    async (request) => {
      const { mapId } = request.params
      // Wherever the room is served; its store is this instance's too.
      await app.roomOperations.settle(mapId)
      return restorations(await store.listQuarantine(mapId))
    },
  )
}
