import { isRole } from '@mapboard/protocol'
import type { AuditVerification } from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'
import { fileRequest } from '../api/fileRequest.ts'
import type { ActivityEntry } from './activityFilter.ts'

// The chair's audit trail over `GET /api/maps/<id>/audit` (JSON or `?format=csv`) and `/audit/verify` (decision
// 0041). Every call carries the chair's token in the Authorization header, never in the address.

const auditPath = (mapId: string): string => `/api/maps/${encodeURIComponent(mapId)}/audit`

/** The whole trail the chair may see, oldest first. */
export async function fetchActivity(mapId: string, token: string): Promise<ActivityEntry[]> {
  const body = await apiRequest(auditPath(mapId), { token })
  if (!Array.isArray(body) || !body.every(isActivityEntry))
    throw new ApiError('The server gave an unexpected answer.', 200, '')
  return body
}

/** The trail as CSV, narrowed by `query` (activityFilter's `filterQuery`). */
export async function fetchActivityCsv(mapId: string, token: string, query: string): Promise<Blob> {
  const params = new URLSearchParams(query)
  params.set('format', 'csv')
  const { blob } = await fileRequest(`${auditPath(mapId)}?${params.toString()}`, token)
  return blob
}

export async function verifyActivity(mapId: string, token: string): Promise<AuditVerification> {
  const body = await apiRequest(`${auditPath(mapId)}/verify`, { token })
  if (!isVerification(body)) throw new ApiError('The server gave an unexpected answer.', 200, '')
  return body
}

/** What went wrong, for the chair. */
export function activityErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 0) return error.message
    if (error.status === 403) return 'Only the chair can see the activity on this map.'
    if (error.code === 'ROOM_UNAVAILABLE')
      return 'The map is not available just now. Please try again shortly.'
  }
  return 'The activity could not be loaded just now. Please try again.'
}

function isActivityEntry(value: unknown): value is ActivityEntry {
  if (typeof value !== 'object' || value === null) return false
  const entry = value as Record<string, unknown>
  const actor = entry['actor']
  return (
    typeof entry['seq'] === 'number' &&
    typeof entry['at'] === 'number' &&
    typeof entry['action'] === 'string' &&
    typeof entry['target'] === 'string' &&
    (entry['section'] === null || typeof entry['section'] === 'string') &&
    typeof entry['summary'] === 'string' &&
    (entry['audience'] === 'shared' || entry['audience'] === 'professionals') &&
    typeof entry['hash'] === 'string' &&
    (actor === null || isActor(actor))
  )
}

function isActor(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false
  const actor = value as Record<string, unknown>
  return (
    typeof actor['participantId'] === 'string' &&
    typeof actor['name'] === 'string' &&
    isRole(actor['role']) &&
    typeof actor['agency'] === 'string'
  )
}

function isVerification(value: unknown): value is AuditVerification {
  if (typeof value !== 'object' || value === null) return false
  const result = value as Record<string, unknown>
  return (
    typeof result['ok'] === 'boolean' &&
    typeof result['entries'] === 'number' &&
    (result['firstBad'] === undefined || typeof result['firstBad'] === 'number')
  )
}
