import type { TokenClaims } from '@mapboard/protocol'
import type { MapStore } from '../storage/MapStore.ts'
import type { TokenSigner } from './TokenSigner.ts'

export type LinkAuthorization =
  { ok: true; claims: TokenClaims } | { ok: false; statusCode: 401 | 404; code: string; message: string }

const unauthorized = (code: string, message: string): LinkAuthorization => ({
  ok: false,
  statusCode: 401,
  code,
  message,
})

/**
 * Decides whether `token` opens map `mapId`. The signature is checked before the map is looked up, so a caller
 * without a valid token learns nothing about which map ids exist.
 */
export async function authorizeLink(
  store: MapStore,
  signer: TokenSigner,
  mapId: string,
  token: string | undefined,
  now: number = Date.now(),
): Promise<LinkAuthorization> {
  if (token === undefined || token === '') return unauthorized('TOKEN_MISSING', 'A token is required')
  const verified = signer.verify(token, now)
  if (!verified.ok) {
    return verified.problem === 'expired'
      ? unauthorized('TOKEN_EXPIRED', 'This link has expired')
      : unauthorized('TOKEN_INVALID', 'The token is not valid')
  }
  const { claims } = verified
  if ((await store.getMap(mapId)) === undefined) {
    return { ok: false, statusCode: 404, code: 'MAP_NOT_FOUND', message: 'There is no such map' }
  }
  if (claims.mapId !== mapId) return unauthorized('TOKEN_WRONG_MAP', 'The token is for another map')
  const link = await store.getLink(claims.linkId)
  if (link === undefined || link.mapId !== mapId || link.role !== claims.role) {
    return unauthorized('TOKEN_INVALID', 'The token is not valid')
  }
  if (link.revokedAt !== null) return unauthorized('TOKEN_REVOKED', 'This link has been withdrawn')
  if (link.expiresAt <= now) return unauthorized('TOKEN_EXPIRED', 'This link has expired')
  return { ok: true, claims }
}
