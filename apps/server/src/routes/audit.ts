import type { FastifyPluginAsync } from 'fastify'
import { AUDIT_ACTIONS, AUDIT_AUDIENCES } from '@mapboard/protocol'
import type { AuditAudience, AuditVerification } from '@mapboard/protocol'
import { auditCsv } from '../audit/auditCsv.ts'
import { auditView } from '../audit/auditView.ts'
import type { AuditFilter } from '../audit/auditView.ts'
import { verifyAudit } from '../storage/auditChain.ts'
import type { AuditRecord, AuditStore } from '../storage/AuditStore.ts'

interface AuditQuery {
  person?: string
  section?: string
  from?: string
  to?: string
  action?: string
  format?: 'json' | 'csv'
  audience?: AuditAudience
}

/** Query values arrive as text; times are whole milliseconds. */
const TIME = { type: 'string', pattern: '^[0-9]{1,15}$' } as const

const auditQuerySchema = {
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      person: { type: 'string', minLength: 1, maxLength: 200 },
      section: { type: 'string', minLength: 1, maxLength: 64 },
      from: TIME,
      to: TIME,
      action: { type: 'string', enum: [...AUDIT_ACTIONS] },
      format: { type: 'string', enum: ['json', 'csv'] },
      audience: { type: 'string', enum: [...AUDIT_AUDIENCES] },
    },
  },
} as const

const verifySchema = {
  response: {
    200: {
      type: 'object',
      required: ['ok', 'entries'],
      properties: { ok: { type: 'boolean' }, entries: { type: 'integer' }, firstBad: { type: 'integer' } },
    },
  },
} as const

function filterOf(query: AuditQuery): AuditFilter {
  return {
    // The chair sees both audiences; `audience=shared` shows what the shared view holds.
    audience: query.audience ?? 'professionals',
    ...(query.person === undefined ? {} : { person: query.person }),
    ...(query.section === undefined ? {} : { section: query.section }),
    ...(query.from === undefined ? {} : { from: Number(query.from) }),
    ...(query.to === undefined ? {} : { to: Number(query.to) }),
    ...(query.action === undefined ? {} : { action: query.action }),
  }
}

/**
 * The map's audit trail (decision 0041), the chair's only; any other role gets 403 ROLE_FORBIDDEN.
 *
 * - `GET /api/maps/<id>/audit` → the entries, oldest first, as JSON (`?format=csv` for CSV), filtered by
 *   `person`, `section`, `from`, `to` (ms), `action`, and `audience` (`shared`: the shared view only).
 * - `GET /api/maps/<id>/audit/verify` → `{ ok, entries, firstBad? }`: every entry as written, in order, none gone.
 */
export const auditRoutes: FastifyPluginAsync<{ store: AuditStore }> = async (app, { store }) => {
  const chairOnly = app.requireToken(['chair'])

  app.get<{ Params: { mapId: string }; Querystring: AuditQuery; Reply: AuditRecord[] | string }>(
    '/api/maps/:mapId/audit',
    { schema: auditQuerySchema, preValidation: chairOnly },
    async (request, reply) => {
      const { mapId } = request.params
      const { entries } = await store.readAudit(mapId)
      const shown = auditView(entries, filterOf(request.query))
      if (request.query.format !== 'csv') return shown
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="audit-${mapId}.csv"`)
        .header('cache-control', 'no-store')
        .send(auditCsv(shown))
    },
  )

  app.get<{ Params: { mapId: string }; Reply: AuditVerification }>(
    '/api/maps/:mapId/audit/verify',
    { schema: verifySchema, preValidation: chairOnly },
    async (request) => verifyAudit(await store.readAudit(request.params.mapId)),
  )
}
