import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify'
import { ROLES, mayOpenAudience } from '@mapboard/protocol'
import type { ExportInfo, ParticipantClaims, Role } from '@mapboard/protocol'
import { auditActorOfClaims } from '../audit/auditActor.ts'
import { AudienceRefusedError, ExportRefusedError, exportRecord } from '../export/exportRecord.ts'
import { HttpError } from '../http/errors.ts'
import { requestAuth } from '../plugins/auth.ts'
import type { AuditStore } from '../storage/AuditStore.ts'
import type { DocumentLog } from '../storage/DocumentLog.ts'
import type {
  ExportAudience,
  ExportFormat,
  ExportRecord,
  ExportStore,
  ExportSummary,
} from '../storage/ExportStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import type { FamilyVisitStore } from '../storage/FamilyVisitStore.ts'

interface ExportParams {
  mapId: string
  exportId: string
}

const CONTENT_TYPE: Record<ExportFormat, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  letter: 'application/pdf',
}
const KIND: Record<ExportFormat, string> = { pdf: 'record', png: 'map', letter: 'family-letter' }
const EXTENSION: Record<ExportFormat, string> = { pdf: 'pdf', png: 'png', letter: 'pdf' }

const exportInfoSchema = {
  type: 'object',
  required: [
    'id',
    'format',
    'audience',
    'documentVersion',
    'documentSha256',
    'sha256',
    'byteLength',
    'generatedBy',
    'generatedAt',
  ],
  properties: {
    id: { type: 'string' },
    format: { type: 'string', enum: ['pdf', 'png', 'letter'] },
    audience: { type: 'string', enum: ['shared', 'professionals'] },
    documentVersion: { type: 'integer' },
    documentSha256: { type: 'string' },
    // A professionals' export only: the professionals' document it was made from, beside the shared one above.
    professionalsDocument: {
      type: 'object',
      required: ['documentVersion', 'documentSha256'],
      properties: { documentVersion: { type: 'integer' }, documentSha256: { type: 'string' } },
    },
    sha256: { type: 'string' },
    byteLength: { type: 'integer' },
    generatedBy: {
      type: 'object',
      required: ['id', 'name', 'role', 'agency'],
      properties: {
        id: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string', enum: [...ROLES] },
        agency: { type: 'string' },
      },
    },
    generatedAt: { type: 'integer' },
  },
} as const

function exportInfo(summary: ExportSummary): ExportInfo {
  const { participantId, name, role, agency } = summary.generatedBy
  return {
    id: summary.id,
    format: summary.format,
    audience: summary.audience,
    documentVersion: summary.documentVersion,
    documentSha256: summary.documentSha256,
    // Left out of a shared export's entry altogether, so it reads exactly as it always has.
    ...(summary.professionals === null ? {} : { professionalsDocument: { ...summary.professionals } }),
    sha256: summary.bytesSha256,
    byteLength: summary.byteLength,
    generatedBy: { id: participantId, name, role, agency },
    generatedAt: summary.generatedAt,
  }
}

/** The joined participant behind a request: a record names who generated it, so a bare link cannot. */
function exporter(request: FastifyRequest): { participant: ParticipantClaims; role: Role } {
  const { claims } = requestAuth(request)
  if (claims.participant === undefined) {
    throw new HttpError(403, 'JOIN_REQUIRED', 'Join the map with your name before you export it')
  }
  return { participant: claims.participant, role: claims.role }
}

const AUDIENCE_FORBIDDEN = (): HttpError =>
  new HttpError(403, 'AUDIENCE_FORBIDDEN', 'This part of the map is for professionals only')

function sendExport(reply: FastifyReply, record: ExportRecord): FastifyReply {
  const kind = KIND[record.format]
  const extension = EXTENSION[record.format]
  const filename =
    record.professionals === null
      ? `mapboard-${kind}-${record.mapId}-v${record.documentVersion}-${record.id}.${extension}`
      : `mapboard-professionals-${kind}-${record.mapId}-v${record.documentVersion}-p${record.professionals.documentVersion}-${record.id}.${extension}`
  if (record.professionals !== null) {
    reply
      .header('x-record-audience', 'professionals')
      .header('x-professionals-document-version', String(record.professionals.documentVersion))
      .header('x-professionals-document-sha256', record.professionals.documentSha256)
  }
  return reply
    .header('content-type', CONTENT_TYPE[record.format])
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .header('x-export-id', record.id)
    .header('x-document-version', String(record.documentVersion))
    .header('x-document-sha256', record.documentSha256)
    .send(Buffer.from(record.bytes.buffer, record.bytes.byteOffset, record.bytes.byteLength))
}

/**
 * The record (docs/decisions/0018-record-export.md). Each `GET .../export.pdf|png` generates a new export from
 * the stored document and keeps it unchanged; the chair lists them and downloads any again, byte for byte.
 *
 * - `GET /api/maps/<id>/export.pdf`, `GET /api/maps/<id>/export.png` — chair and professionals; family and
 *   observers while `meta.familyMayExport` is true → 200 bytes (403 EXPORT_FORBIDDEN, 403 JOIN_REQUIRED).
 * - `GET /api/maps/<id>/professionals/export.pdf|png` — chair and professionals only: the professionals' record,
 *   from the shared and the professionals' document (403 AUDIENCE_FORBIDDEN first; decision 0031).
 * - `GET /api/maps/<id>/exports` (chair) → 200 `ExportInfo[]`, oldest first.
 * - `GET /api/maps/<id>/exports/<exportId>` (the chair, or whoever generated it) → 200 the same bytes
 *   (404 EXPORT_NOT_FOUND; a professionals' one to a family or viewer token 403 AUDIENCE_FORBIDDEN).
 * - `GET /api/maps/<id>/letter.pdf` — the family letter, from the shared document only; the same rights, limits
 *   and listing as the shared record (format 'letter'; decision 0038).
 */
export const exportRoutes: FastifyPluginAsync<{
  store: MapCatalog & DocumentLog & ExportStore & FamilyVisitStore & AuditStore
}> = async (app, { store }) => {
  const anyone = app.requireToken()
  const chairOnly = app.requireToken(['chair'])
  // Each export is kept for good and costs real work: per person, and per map for everyone but the chair, so
  // nobody can use up the chair's record.
  const limits = [
    app.limit('exportPerParticipant', (request) => request.auth?.claims.participant?.id),
    app.limit('exportPerMap', (request) =>
      request.auth?.claims.role === 'chair' ? undefined : request.auth?.claims.mapId,
    ),
  ]
  /** Maps with an export being generated now: one at a time per map. */
  const generating = new Set<string>()

  /** Before the rate limits and any other work: a family or viewer token never has the professionals' record. */
  const professionalsOnly = async (request: FastifyRequest): Promise<void> => {
    if (!mayOpenAudience(requestAuth(request).claims.role, 'professionals')) throw AUDIENCE_FORBIDDEN()
  }

  const generate =
    (format: ExportFormat, audience: ExportAudience) =>
    async (request: FastifyRequest<{ Params: { mapId: string } }>, reply: FastifyReply) => {
      const { mapId } = request.params
      const { participant, role } = exporter(request)
      if (generating.has(mapId)) {
        throw new HttpError(
          409,
          'EXPORT_IN_PROGRESS',
          'An export of this map is being made just now; please try again when it is ready',
        )
      }
      generating.add(mapId)
      let record: ExportRecord
      try {
        record = await exportRecord(store, app.roomOperations, {
          mapId,
          format,
          audience,
          by: { participantId: participant.id, name: participant.name, role, agency: participant.agency },
          reportsPolicy: app.config.reportsPolicy,
          ...(app.config.letterCorrectionsText === undefined
            ? {}
            : { letterCorrectionsText: app.config.letterCorrectionsText }),
        })
      } catch (error) {
        if (error instanceof AudienceRefusedError) throw AUDIENCE_FORBIDDEN()
        if (error instanceof ExportRefusedError) {
          throw new HttpError(
            403,
            'EXPORT_FORBIDDEN',
            'The chair has not allowed family members and observers to export this map',
          )
        }
        throw error
      } finally {
        generating.delete(mapId)
      }
      // After the export is kept: the trail never names an export that is not there.
      await store.appendAudit(mapId, [
        {
          at: record.generatedAt,
          actor: auditActorOfClaims(requestAuth(request).claims),
          action: 'export.created',
          target: record.id,
          section: null,
          summary: `${KIND[format]} (${EXTENSION[format]}), document version ${record.documentVersion}`,
          audience,
        },
      ])
      request.log.info(
        {
          mapId,
          export: record.id,
          format,
          audience,
          version: record.documentVersion,
          bytes: record.byteLength,
        },
        'export generated',
      )
      return sendExport(reply, record)
    }

  for (const format of ['pdf', 'png'] as const) {
    app.get<{ Params: { mapId: string } }>(
      `/api/maps/:mapId/export.${format}`,
      { preValidation: anyone, preHandler: limits },
      generate(format, 'shared'),
    )
    app.get<{ Params: { mapId: string } }>(
      `/api/maps/:mapId/professionals/export.${format}`,
      { preValidation: anyone, preHandler: [professionalsOnly, ...limits] },
      generate(format, 'professionals'),
    )
  }

  app.get<{ Params: { mapId: string }; Reply: ExportInfo[] }>(
    '/api/maps/:mapId/exports',
    { schema: { response: { 200: { type: 'array', items: exportInfoSchema } } }, preValidation: chairOnly },
    async (request) => (await store.listExports(request.params.mapId)).map(exportInfo),
  )

  // The family letter (decision 0038): the shared document only, with the record's rights and limits.
  app.get<{ Params: { mapId: string } }>(
    '/api/maps/:mapId/letter.pdf',
    { preValidation: anyone, preHandler: limits },
    generate('letter', 'shared'),
  )

  app.get<{ Params: ExportParams }>(
    '/api/maps/:mapId/exports/:exportId',
    { preValidation: anyone },
    async (request, reply) => {
      const { mapId, exportId } = request.params
      const { claims } = requestAuth(request)
      const record = await store.getExport(mapId, exportId)
      // A professionals' record is refused to a family or viewer token whatever else holds; only someone who
      // already has its id (unguessable, 96 random bits) learns that it exists.
      if (record?.audience === 'professionals' && !mayOpenAudience(claims.role, 'professionals')) {
        throw AUDIENCE_FORBIDDEN()
      }
      const mine = record !== undefined && record.generatedBy.participantId === claims.participant?.id
      if (record === undefined || (claims.role !== 'chair' && !mine)) {
        // Not told apart: someone who may not download an export does not learn that it exists.
        throw new HttpError(404, 'EXPORT_NOT_FOUND', 'This map has no such export')
      }
      return sendExport(reply, record)
    },
  )
}
