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

/** Every non-2xx JSON answer. `code` is stable; `message` is for people. */
export interface ErrorResponse {
  statusCode: number
  code: string
  error: string
  message: string
}
