import type { ExportFormat, ExportInfo } from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'
import { fileRequest } from '../api/fileRequest.ts'
import { dispositionFileName, recordFileName } from './fileNames.ts'

// The record over `/api/maps/<id>/export.pdf|png` and `/exports`: the server makes each export from the stored
// document and keeps it, so the file downloaded is the one the chair can list and fetch again, byte for byte.
// The professionals' record (decision 0031) has routes of its own, `/api/maps/<id>/professionals/export.pdf|png`,
// which the server refuses to a family or viewer token.

/** Which record: the shared one everyone may read, or the professionals' one that adds restricted material. */
export type ExportAudience = ExportInfo['audience']

/** A downloaded export and the facts the server sent with it. */
export interface ExportFile {
  blob: Blob
  fileName: string
  exportId: string | null
  documentVersion: string | null
  audience: ExportAudience
}

const mapPath = (mapId: string): string => `/api/maps/${encodeURIComponent(mapId)}`

const EXPORT_PATH: Record<ExportAudience, string> = { shared: '', professionals: '/professionals' }

/** Generates (and keeps) a new export of the map as it is stored now. */
export async function generateExport(
  mapId: string,
  token: string,
  format: ExportFormat,
  title: string,
  audience: ExportAudience = 'shared',
): Promise<ExportFile> {
  // The family letter has its own route, from the shared document only (decision 0038).
  const path =
    format === 'letter'
      ? `${mapPath(mapId)}/letter.pdf`
      : `${mapPath(mapId)}${EXPORT_PATH[audience]}/export.${format}`
  const { blob, headers } = await fileRequest(path, token)
  return toExportFile(blob, headers, format, title, audience)
}

/** An earlier export, the same bytes as when it was made. */
export async function fetchExport(
  mapId: string,
  token: string,
  info: Pick<ExportInfo, 'id' | 'format' | 'documentVersion' | 'audience'>,
  title: string,
): Promise<ExportFile> {
  const { blob, headers } = await fileRequest(
    `${mapPath(mapId)}/exports/${encodeURIComponent(info.id)}`,
    token,
  )
  return toExportFile(blob, headers, info.format, title, info.audience, String(info.documentVersion))
}

/** The chair's list of kept exports, oldest first. */
export async function listExports(mapId: string, token: string): Promise<ExportInfo[]> {
  const body = await apiRequest(`${mapPath(mapId)}/exports`, { token })
  if (!Array.isArray(body)) throw new ApiError('The server gave an unexpected answer.', 200, '')
  return body.filter(isExportInfo)
}

/** What went wrong, in words for the person who pressed the button. */
export function exportErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'EXPORT_FORBIDDEN')
      return 'The chair has not allowed family members and observers to download the record.'
    if (error.code === 'AUDIENCE_FORBIDDEN')
      return 'The professionals’ record is for the chair and professionals only.'
    if (error.code === 'EXPORT_NOT_FOUND') return 'That earlier download is no longer available.'
    if (error.code === 'ROOM_UNAVAILABLE')
      return 'The map is not available just now. Please try again shortly.'
    if (error.status === 0) return error.message
  }
  return 'The record could not be made just now. Please try again.'
}

function toExportFile(
  blob: Blob,
  headers: Headers,
  format: ExportFormat,
  title: string,
  audience: ExportAudience,
  knownVersion?: string,
): ExportFile {
  const documentVersion = headers.get('x-document-version') ?? knownVersion ?? null
  const serverName = dispositionFileName(headers.get('content-disposition'))
  return {
    blob,
    fileName: recordFileName(serverName, format, title, documentVersion, audience),
    exportId: headers.get('x-export-id'),
    documentVersion,
    audience,
  }
}

function isExportInfo(value: unknown): value is ExportInfo {
  if (typeof value !== 'object' || value === null) return false
  const info = value as Record<string, unknown>
  return (
    typeof info['id'] === 'string' &&
    (info['format'] === 'pdf' || info['format'] === 'png' || info['format'] === 'letter') &&
    (info['audience'] === 'shared' || info['audience'] === 'professionals') &&
    typeof info['documentVersion'] === 'number' &&
    typeof info['documentSha256'] === 'string' &&
    typeof info['generatedAt'] === 'number' &&
    typeof info['generatedBy'] === 'object' &&
    info['generatedBy'] !== null
  )
}
