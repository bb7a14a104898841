import { isRole } from '@mapboard/protocol'
import type { JoinRequest, JoinResponse, Participant } from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'
import { readReportsPolicyInfo } from '../board/reportsPolicy.ts'

/**
 * `POST /api/maps/<id>/join`. `token` is the invite link's token on first arrival, or the participant token on a
 * re-join (the server then answers with the same participant). The role in the answer is the one that counts.
 */
export async function joinMap(mapId: string, token: string, request: JoinRequest): Promise<JoinResponse> {
  const body = await apiRequest(`/api/maps/${encodeURIComponent(mapId)}/join`, {
    method: 'POST',
    token,
    body: request,
  })
  if (!isJoinResponse(body)) throw new ApiError('The server sent an unexpected answer.', 200, '')
  return withReportsPolicy(body, body.reportsPolicy)
}

/** The join answer's own fields, with its reports policy only if it reads as one (a garbled one is left out). */
export function withReportsPolicy(joined: JoinResponse, policy: unknown): JoinResponse {
  const { id, name, role, agency } = joined.participant
  const reportsPolicy = readReportsPolicyInfo(policy)
  return {
    token: joined.token,
    participant: { id, name, role, agency },
    map: { id: joined.map.id, title: joined.map.title },
    ...(reportsPolicy === undefined ? {} : { reportsPolicy }),
  }
}

export function isParticipant(value: unknown): value is Participant {
  if (typeof value !== 'object' || value === null) return false
  const { id, name, role, agency } = value as Record<string, unknown>
  return typeof id === 'string' && typeof name === 'string' && isRole(role) && typeof agency === 'string'
}

export function isJoinResponse(value: unknown): value is JoinResponse {
  if (typeof value !== 'object' || value === null) return false
  const { token, participant, map } = value as Record<string, unknown>
  if (typeof token !== 'string' || token === '' || !isParticipant(participant)) return false
  if (typeof map !== 'object' || map === null) return false
  const { id, title } = map as Record<string, unknown>
  return typeof id === 'string' && typeof title === 'string'
}
