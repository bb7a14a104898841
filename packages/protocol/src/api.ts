import type { Role } from './Role.ts'

/** `POST /api/maps` body. */
export interface CreateMapRequest {
  title: string
}

/** `POST /api/maps` → 201. Each link is `<origin>/m/<mapId>#<token>`. */
export interface CreateMapResponse {
  id: string
  title: string
  links: Record<Role, string>
}

/** `POST /api/maps/<id>/join` body; the link token rides in `Authorization: Bearer`. */
export interface JoinRequest {
  name: string
  /** Asked of professionals (and the chair); ignored for family and viewers. */
  agency?: string
}

/** Who someone is on a map, as the server knows them. */
export interface Participant {
  id: string
  name: string
  role: Role
  agency: string
}

/** `POST /api/maps/<id>/join` → 200. `token` is the participant token to use for `/sync` and the API. */
export interface JoinResponse {
  token: string
  participant: Participant
  map: { id: string; title: string }
}

/** One invite link, as the chair sees it (`GET /api/maps/<id>/links`). */
export interface LinkInfo {
  id: string
  role: Role
  /** `<origin>/m/<mapId>#<token>`; the same url every time it is listed. */
  url: string
  /** Milliseconds since the epoch. */
  createdAt: number
  expiresAt: number
  revokedAt: number | null
}

/** `POST /api/maps/<id>/links` body. */
export interface CreateLinkRequest {
  role: Role
  /** Defaults to 30 days; at most a year. */
  expiresInHours?: number
}

/**
 * Why the server reverted an edit: sent to its author in a y-protocols auth message (type 2, permission denied)
 * whose reason string is this object as JSON. Stock y-websocket clients just log it.
 */
export interface EditRefusal {
  /** Rule id from map-model's permission rules, e.g. 'LOCK-1'. */
  rule: string
  /** One short sentence for the author, e.g. "Past harm is locked by the chair." */
  message: string
}

/** Every non-2xx JSON answer. `code` is stable; `message` is for people. */
export interface ErrorResponse {
  statusCode: number
  code: string
  error: string
  message: string
}
