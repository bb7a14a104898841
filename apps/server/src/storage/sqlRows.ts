// The rows both SQL engines keep (sqlite/, postgres/: the same tables and columns) and the records they are read
// back as. A row that does not fit its record's closed sets (a role, a format) is refused, not passed on.
import { isRole } from '@mapboard/protocol'
import type { AuditRecord } from './AuditStore.ts'
import { bytes } from './bytes.ts'
import type { QuarantinedEntry } from './DocumentLog.ts'
import type { ExportRecord, ExportSummary } from './ExportStore.ts'
import type { LinkRecord, ParticipantRecord } from './LinkStore.ts'
import type { MapClosureRecord } from './MapLifecycle.ts'
import type { ScalingSubmissionRecord } from './ScalingStore.ts'

export interface LinkRow {
  id: string
  map_id: string
  role: string
  created_at: number
  expires_at: number
  revoked_at: number | null
}
export interface ParticipantRow {
  id: string
  map_id: string
  link_id: string
  role: string
  name: string
  agency: string
  joined_at: number
}

export function toLink(row: LinkRow): LinkRecord {
  if (!isRole(row.role)) throw new Error(`link ${row.id} has an unknown role`)
  return {
    id: row.id,
    mapId: row.map_id,
    role: row.role,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  }
}

export function toParticipant(row: ParticipantRow): ParticipantRecord {
  if (!isRole(row.role)) throw new Error(`participant ${row.id} has an unknown role`)
  return {
    id: row.id,
    mapId: row.map_id,
    linkId: row.link_id,
    role: row.role,
    name: row.name,
    agency: row.agency,
    joinedAt: row.joined_at,
  }
}

export interface ExportRow {
  id: string
  map_id: string
  format: string
  audience: string
  document_version: number
  document_sha256: string
  bytes_sha256: string
  byte_length: number
  generated_by_id: string
  generated_by_name: string
  generated_by_role: string
  generated_by_agency: string
  generated_at: number
  professionals_version: number | null
  professionals_sha256: string | null
}

// Every column of an export but the bytes, and their length (length() counts bytes in both engines), with the professionals' document of a professionals' export.
export const EXPORT_SUMMARY_COLUMNS = `id, map_id, format, audience, exports.document_version, exports.document_sha256,
  bytes_sha256, length(bytes) AS byte_length, generated_by_id, generated_by_name, generated_by_role,
  generated_by_agency, generated_at, p.document_version AS professionals_version,
  p.document_sha256 AS professionals_sha256`
export const EXPORTS = `exports LEFT JOIN export_professionals_documents AS p ON p.export_id = exports.id`

/** An export's `exports` row as insert parameters, in the order of `EXPORT_INSERT_COLUMNS`. */
export const EXPORT_INSERT_COLUMNS = `id, map_id, format, audience, document_version, document_sha256, bytes_sha256,
  bytes, generated_by_id, generated_by_name, generated_by_role, generated_by_agency, generated_at`
export type ExportInsertValues = [
  string,
  string,
  string,
  string,
  number,
  string,
  string,
  Uint8Array,
  string,
  string,
  string,
  string,
  number,
]
export function exportInsertValues(record: ExportRecord): ExportInsertValues {
  const { generatedBy: by } = record
  return [
    record.id,
    record.mapId,
    record.format,
    record.audience,
    record.documentVersion,
    record.documentSha256,
    record.bytesSha256,
    record.bytes,
    by.participantId,
    by.name,
    by.role,
    by.agency,
    record.generatedAt,
  ]
}

export function toExportSummary(row: ExportRow): ExportSummary {
  const role = row.generated_by_role
  if (!isRole(role)) throw new Error(`export ${row.id} has an unknown role`)
  if (row.format !== 'pdf' && row.format !== 'png' && row.format !== 'letter')
    throw new Error(`export ${row.id} has an unknown format`)
  if (row.audience !== 'shared' && row.audience !== 'professionals') {
    throw new Error(`export ${row.id} has an unknown audience`)
  }
  const professionals =
    row.professionals_version === null || row.professionals_sha256 === null
      ? null
      : { documentVersion: row.professionals_version, documentSha256: row.professionals_sha256 }
  // A professionals' export always names the document it was made from; a shared one never does.
  if ((row.audience === 'professionals') !== (professionals !== null)) {
    throw new Error(`export ${row.id} does not match its audience`)
  }
  return {
    id: row.id,
    mapId: row.map_id,
    format: row.format,
    audience: row.audience,
    documentVersion: row.document_version,
    documentSha256: row.document_sha256,
    professionals,
    bytesSha256: row.bytes_sha256,
    byteLength: row.byte_length,
    generatedBy: {
      participantId: row.generated_by_id,
      name: row.generated_by_name,
      role,
      agency: row.generated_by_agency,
    },
    generatedAt: row.generated_at,
  }
}

export interface QuarantineRow {
  map_id: string
  seq: number
  kind: string
  data: Buffer
  reason: string
  restored_at: number
  restored_version: number
}

export function toQuarantined(row: QuarantineRow): QuarantinedEntry {
  if (row.kind !== 'snapshot' && row.kind !== 'update') {
    throw new Error(`quarantined entry ${row.seq} of ${row.map_id} has an unknown kind`)
  }
  return {
    mapId: row.map_id,
    seq: row.seq,
    kind: row.kind,
    data: bytes(row.data),
    reason: row.reason,
    restoredAt: row.restored_at,
    restoredVersion: row.restored_version,
  }
}

export interface SubmissionRow {
  map_id: string
  round_id: string
  participant_id: string
  name: string
  role: string
  agency: string
  score: number
  reason: string
  updated_at: number
}

export function toSubmission(row: SubmissionRow): ScalingSubmissionRecord {
  if (!isRole(row.role) || row.role === 'viewer') {
    throw new Error(`scaling submission of ${row.participant_id} has an unknown role`)
  }
  return {
    mapId: row.map_id,
    roundId: row.round_id,
    participantId: row.participant_id,
    name: row.name,
    role: row.role,
    agency: row.agency,
    score: row.score,
    reason: row.reason,
    updatedAt: row.updated_at,
  }
}

export interface ClosureRow {
  map_id: string
  closed_at: number
  closed_by: string
}

export const toClosure = (row: ClosureRow): MapClosureRecord => ({
  mapId: row.map_id,
  closedAt: row.closed_at,
  closedBy: row.closed_by,
})

export interface EntryRow {
  seq: number
  at: number
  actor_id: string | null
  actor_name: string | null
  actor_role: string | null
  actor_agency: string | null
  action: string
  target: string
  section: string | null
  summary: string
  audience: string
  hash: string
}

export function toAuditRecord(row: EntryRow): AuditRecord {
  return {
    seq: row.seq,
    at: row.at,
    actor:
      row.actor_id === null
        ? null
        : {
            participantId: row.actor_id,
            name: row.actor_name ?? '',
            role: row.actor_role ?? '',
            agency: row.actor_agency ?? '',
          },
    action: row.action,
    target: row.target,
    section: row.section,
    summary: row.summary,
    audience: row.audience,
    hash: row.hash,
  }
}
