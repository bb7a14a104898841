// The HTTP side of a Mapboard room: create the map, then join each seat as a participant.
import type { CreateMapResponse, JoinResponse, Role } from '@mapboard/protocol'
import type { Seat } from './Seat.ts'

async function post<T>(url: string, body: unknown, token?: string): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (token !== undefined) headers.authorization = `Bearer ${token}`
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) })
  const text = await response.text()
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T }
}

function linkToken(link: string): string {
  return new URL(link).hash.slice(1)
}

export interface MapboardRoom {
  mapId: string
  seats: Seat[]
}

/**
 * Creates a map and a participant for every role in `roles` (`POST /api/maps`, then `POST /api/maps/<id>/join`
 * with the role's link token). A server without the join endpoint gets the link tokens themselves.
 */
export async function createMapboardRoom(
  baseUrl: string,
  title: string,
  roles: readonly Role[],
): Promise<MapboardRoom> {
  const created = await post<CreateMapResponse>(`${baseUrl}/api/maps`, { title })
  if (created.status !== 201) throw new Error(`POST /api/maps answered ${created.status}`)
  const map = created.body
  const seats: Seat[] = []
  for (const [index, role] of roles.entries()) {
    const name = `${role} ${index}`
    const agency = role === 'professional' || role === 'chair' ? `Agency ${index % 4}` : ''
    const link = linkToken(map.links[role])
    const joined = await post<JoinResponse>(`${baseUrl}/api/maps/${map.id}/join`, { name, agency }, link)
    if (joined.status === 200) {
      seats.push({ role, name, agency, token: joined.body.token, participantId: joined.body.participant.id })
    } else if (joined.status === 404) {
      seats.push({ role, name, agency, token: link, participantId: '' })
    } else {
      throw new Error(`POST /api/maps/${map.id}/join answered ${joined.status}`)
    }
  }
  return { mapId: map.id, seats }
}
