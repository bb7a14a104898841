import type { TokenClaims } from '@mapboard/protocol'
import type { LinkRecord, LinkStore } from '../storage/LinkStore.ts'
import type { MapCatalog } from '../storage/MapCatalog.ts'
import type { TokenSigner } from './TokenSigner.ts'

/** Why a token was refused; stable, sent as the `code` of a 401 (or `MAP_NOT_FOUND` with a 404). */
export type TokenRefusalCode =
  'TOKEN_MISSING' | 'TOKEN_INVALID' | 'TOKEN_EXPIRED' | 'TOKEN_REVOKED' | 'TOKEN_WRONG_MAP'

export type LinkAuthorization =
  | { ok: true; claims: TokenClaims; link: LinkRecord }
  | { ok: false; statusCode: 401; code: TokenRefusalCode; message: string }
  | { ok: false; statusCode: 404; code: 'MAP_NOT_FOUND'; message: string }

const unauthorized = (code: TokenRefusalCode, message: string): LinkAuthorization => ({
  ok: false,
  statusCode: 401,
  code,
  message,
})

/**
 * Decides whether `token` (a link token or a participant token) opens map `mapId`. The signature is checked
 * before the map is looked up, so a caller without a valid token learns nothing about which map ids exist.
 * Every request and every upgrade goes through here: revoking a link in the store takes effect at once.
 */
export async function authorizeLink(
  store: MapCatalog & LinkStore,
  signer: TokenSigner,
  mapId: string,
  token: string | undefined,
  now: number = Date.now(),
): Promise<LinkAuthorization> {
  if (token === undefined || token === '') {
    return unauthorized('TOKEN_MISSING', 'This needs the token from a Mapboard link')
  }
  const verified = signer.verify(token, now)
  if (!verified.ok) {
    return verified.problem === 'expired'
      ? unauthorized('TOKEN_EXPIRED', 'This link has expired; ask the chair for a new one')
      : unauthorized('TOKEN_INVALID', 'This link is not valid; check that it was copied whole')
  }
  const { claims } = verified
  if ((await store.getMap(mapId)) === undefined) {
    return { ok: false, statusCode: 404, code: 'MAP_NOT_FOUND', message: 'There is no such map' }
  }
  if (claims.mapId !== mapId) return unauthorized('TOKEN_WRONG_MAP', 'This link is for another map')
  const link = await store.getLink(claims.linkId)
  if (link === undefined || link.mapId !== mapId || link.role !== claims.role) {
    return unauthorized('TOKEN_INVALID', 'This link is not valid; check that it was copied whole')
  }
  if (link.revokedAt !== null) {
    return unauthorized('TOKEN_REVOKED', 'The chair has withdrawn this link; ask them for a new one')
  }
  if (link.expiresAt <= now) {
    return unauthorized('TOKEN_EXPIRED', 'This link has expired; ask the chair for a new one')
  }
  if (claims.participant !== undefined) {
    // Signed by us, so not forged; but a participant the store does not know (removed, or from a restored
    // backup) gets no access.
    const participant = await store.getParticipant(claims.participant.id)
    if (participant === undefined || participant.mapId !== mapId || participant.linkId !== link.id) {
      return unauthorized('TOKEN_INVALID', 'This link is not valid; open the original link again')
    }
  }
  return { ok: true, claims, link }
}

/**
 * The token of an `Authorization: Bearer <token>` header, or undefined when there is none (another scheme
 * counts as none: it cannot be one of our tokens).
 */
export function bearerToken(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  const match = /^Bearer +(\S+)\s*$/i.exec(header)
  return match?.[1]
}
