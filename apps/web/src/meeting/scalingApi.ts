import type {
  OpenScalingRoundRequest,
  OpenScalingRoundResponse,
  ScalingSubmission,
  ScalingSubmissionRequest,
} from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'

// Blind scaling over `/api/maps/<id>/scaling`: numbers go to the server, never into the shared document, until
// the chair reveals them all at once.

const scalingPath = (mapId: string): string => `/api/maps/${encodeURIComponent(mapId)}/scaling`
const roundPath = (mapId: string, roundId: string): string =>
  `${scalingPath(mapId)}/${encodeURIComponent(roundId)}`

/** The chair opens a round for the map overall or one danger statement. */
export async function openRound(
  mapId: string,
  token: string,
  request: OpenScalingRoundRequest,
): Promise<string> {
  const body = await apiRequest(scalingPath(mapId), { method: 'POST', token, body: request })
  const roundId = (body as Partial<OpenScalingRoundResponse> | undefined)?.roundId
  if (typeof roundId !== 'string') throw new ApiError('The server gave an unexpected answer.', 200, '')
  return roundId
}

/** My number and reason; a later one replaces it until the reveal. */
export async function submitScale(
  mapId: string,
  token: string,
  roundId: string,
  request: ScalingSubmissionRequest,
): Promise<ScalingSubmission> {
  const body = await apiRequest(`${roundPath(mapId, roundId)}/submission`, {
    method: 'PUT',
    token,
    body: request,
  })
  if (!isSubmission(body)) throw new ApiError('The server gave an unexpected answer.', 200, '')
  return body
}

/** What I submitted in this round, or null if nothing yet. */
export async function ownSubmission(
  mapId: string,
  token: string,
  roundId: string,
): Promise<ScalingSubmission | null> {
  try {
    const body = await apiRequest(`${roundPath(mapId, roundId)}/submission`, { token })
    return isSubmission(body) ? body : null
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null
    throw error
  }
}

/** The chair shows everyone's numbers at once. */
export async function revealRound(mapId: string, token: string, roundId: string): Promise<void> {
  await apiRequest(`${roundPath(mapId, roundId)}/reveal`, { method: 'POST', token })
}

function isSubmission(value: unknown): value is ScalingSubmission {
  if (typeof value !== 'object' || value === null) return false
  const { score, reason } = value as Record<string, unknown>
  return typeof score === 'number' && typeof reason === 'string'
}
