import type { CreateMapResponse, ErrorResponse } from '@mapboard/protocol'

export class CreateMapError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message)
  }
}

/** `POST /api/maps` on this origin. `adminToken` is needed only when the server sets MAPBOARD_ADMIN_TOKEN. */
export async function createMap(title: string, adminToken?: string): Promise<CreateMapResponse> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (adminToken) headers['authorization'] = `Bearer ${adminToken}`
  let response: Response
  try {
    response = await fetch('/api/maps', { method: 'POST', headers, body: JSON.stringify({ title }) })
  } catch {
    throw new CreateMapError('Could not reach the server. Check your connection and try again.', 0)
  }
  const body: unknown = await response.json().catch(() => null)
  if (!response.ok) {
    const message = isErrorResponse(body) ? body.message : `The server said ${response.status}.`
    throw new CreateMapError(message, response.status)
  }
  if (!isCreateMapResponse(body))
    throw new CreateMapError('The server sent an unexpected answer.', response.status)
  return body
}

function isErrorResponse(value: unknown): value is ErrorResponse {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { message?: unknown }).message === 'string'
  )
}

function isCreateMapResponse(value: unknown): value is CreateMapResponse {
  if (typeof value !== 'object' || value === null) return false
  const { id, links } = value as { id?: unknown; links?: unknown }
  if (typeof id !== 'string' || typeof links !== 'object' || links === null) return false
  const record = links as Record<string, unknown>
  return ['chair', 'professional', 'family', 'viewer'].every((role) => typeof record[role] === 'string')
}
