import type { JoinRequest, JoinResponse } from '@mapboard/protocol'
import { mapIdFromLink, tokenFromLink } from './connectClient.ts'

/** What joinAs needs of a server; `startServer()`'s result fits. */
export interface ApiServer {
  /** `http://127.0.0.1:<port>` */
  readonly url: string
}

/**
 * `POST /api/maps/<id>/join` with a join link (`<origin>/m/<mapId>#<token>`) or, to rejoin under a new name, a
 * previous JoinResponse. Resolves with the JoinResponse; throws with the server's answer unless it is 200.
 */
export async function joinAs(
  server: ApiServer,
  link: string | JoinResponse,
  who: JoinRequest,
): Promise<JoinResponse> {
  const [mapId, token] =
    typeof link === 'string' ? [mapIdFromLink(link), tokenFromLink(link)] : [link.map.id, link.token]
  const response = await fetch(`${server.url}/api/maps/${encodeURIComponent(mapId)}/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(who),
  })
  if (response.status !== 200) {
    throw new Error(`POST /api/maps/${mapId}/join answered ${response.status}: ${await response.text()}`)
  }
  return (await response.json()) as JoinResponse
}
