import type { Role } from './Role.ts'

/** What a join link's token grants. The server signs these; clients only carry them. */
export interface TokenClaims {
  /** Map the token opens. */
  mapId: string
  role: Role
  /** Identifies the link, so it can be listed and revoked. */
  linkId: string
  /** Expiry, seconds since the epoch. */
  exp: number
}
