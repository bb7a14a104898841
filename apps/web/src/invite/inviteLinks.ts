import { isRole } from '@mapboard/protocol'
import type { CreateLinkRequest, LinkInfo } from '@mapboard/protocol'
import { ApiError, apiRequest } from '../api/apiRequest.ts'

// The chair's link management (`/api/maps/<id>/links`), called with the chair's participant token.

const linksPath = (mapId: string): string => `/api/maps/${encodeURIComponent(mapId)}/links`

export async function listLinks(mapId: string, token: string): Promise<LinkInfo[]> {
  const body = await apiRequest(linksPath(mapId), { token })
  if (!Array.isArray(body) || !body.every(isLinkInfo)) throw unexpected()
  return body
}

export async function createLink(
  mapId: string,
  token: string,
  request: CreateLinkRequest,
): Promise<LinkInfo> {
  const body = await apiRequest(linksPath(mapId), { method: 'POST', token, body: request })
  if (!isLinkInfo(body)) throw unexpected()
  return body
}

/** Withdraws a link: everyone connected with it is disconnected. The server refuses (409) the caller's own. */
export async function revokeLink(mapId: string, token: string, linkId: string): Promise<void> {
  await apiRequest(`${linksPath(mapId)}/${encodeURIComponent(linkId)}`, { method: 'DELETE', token })
}

export type LinkStatus = 'active' | 'expired' | 'withdrawn'

export function linkStatus(link: LinkInfo, now: number = Date.now()): LinkStatus {
  if (link.revokedAt !== null) return 'withdrawn'
  return link.expiresAt <= now ? 'expired' : 'active'
}

export function isLinkInfo(value: unknown): value is LinkInfo {
  if (typeof value !== 'object' || value === null) return false
  const { id, role, url, createdAt, expiresAt, revokedAt } = value as Record<string, unknown>
  return (
    typeof id === 'string' &&
    isRole(role) &&
    typeof url === 'string' &&
    typeof createdAt === 'number' &&
    typeof expiresAt === 'number' &&
    (revokedAt === null || typeof revokedAt === 'number')
  )
}

function unexpected(): ApiError {
  return new ApiError('The server sent an unexpected answer.', 200, '')
}
