import type { Role } from './Role.ts'

/**
 * What a token grants. The server signs these; clients only carry them.
 *
 * A *link token* (in an invite link's fragment) has no `participant`. Joining with it
 * (`POST /api/maps/<id>/join`) returns a *participant token*: the same claims plus who joined. Both open
 * `/sync/<mapId>`; revoking the link (`linkId`) ends both.
 */
export interface TokenClaims {
  /** Map the token opens. */
  mapId: string
  role: Role
  /** Identifies the link, so it can be listed and revoked. */
  linkId: string
  /** Expiry, seconds since the epoch. */
  exp: number
  /** Present on participant tokens only: who joined with the link. */
  participant?: ParticipantClaims
}

/** Identity the server stamps on a connection: note authorship and awareness come from here. */
export interface ParticipantClaims {
  /** Stable id of this person on this map; notes they add carry it as `authorId`. */
  id: string
  /** Display name they typed when joining. */
  name: string
  /** Their agency (professionals); '' for others. */
  agency: string
}
