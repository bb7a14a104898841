import { createHmac, timingSafeEqual } from 'node:crypto'
import { isRole } from '@mapboard/protocol'
import type { ParticipantClaims, TokenClaims } from '@mapboard/protocol'

export type TokenProblem = 'malformed' | 'bad-signature' | 'expired'

export type VerifiedToken = { ok: true; claims: TokenClaims } | { ok: false; problem: TokenProblem }

/** Room for a participant token whose name and agency use 4-byte characters throughout. */
const MAX_TOKEN_LENGTH = 2048
/** Longest participant field a token may carry (the join route allows 80 characters; ids are shorter). */
const MAX_CLAIM_LENGTH = 200
const BASE64URL = /^[A-Za-z0-9_-]+$/

/**
 * Signs and checks join-link tokens: `base64url(JSON claims).base64url(HMAC-SHA256(secret, first part))`.
 * A valid signature says the server issued the claims; whether the link is still live is the store's business.
 */
export class TokenSigner {
  readonly #secret: Buffer

  constructor(secret: string | Buffer) {
    this.#secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret
    if (this.#secret.length < 32) throw new Error('the token secret must be at least 32 bytes')
  }

  /**
   * Deterministic: the same claims always give the same token, so a link's URL can be rebuilt from its stored
   * row instead of being kept.
   */
  sign(claims: TokenClaims): string {
    const { mapId, role, linkId, exp, participant } = claims
    const ordered =
      participant === undefined
        ? { mapId, role, linkId, exp }
        : {
            mapId,
            role,
            linkId,
            exp,
            participant: { id: participant.id, name: participant.name, agency: participant.agency },
          }
    const payload = Buffer.from(JSON.stringify(ordered)).toString('base64url')
    return `${payload}.${this.#mac(payload).toString('base64url')}`
  }

  /** `now` is in milliseconds since the epoch. */
  verify(token: string, now: number = Date.now()): VerifiedToken {
    if (token.length > MAX_TOKEN_LENGTH) return { ok: false, problem: 'malformed' }
    const parts = token.split('.')
    const [payload, signature] = parts
    if (parts.length !== 2 || payload === undefined || signature === undefined)
      return { ok: false, problem: 'malformed' }
    if (!BASE64URL.test(payload) || !BASE64URL.test(signature)) return { ok: false, problem: 'malformed' }
    const expected = this.#mac(payload)
    const given = Buffer.from(signature, 'base64url')
    // Length first: timingSafeEqual throws on unequal lengths, and the length of an HMAC is no secret. The
    // spelling is checked too: the last character of 43 carries 2 unused bits, so four spellings decode to the
    // same bytes, and only the one we write is the token (a tampered "copy" must not verify).
    if (
      given.length !== expected.length ||
      !timingSafeEqual(given, expected) ||
      given.toString('base64url') !== signature
    ) {
      return { ok: false, problem: 'bad-signature' }
    }
    const claims = parseClaims(Buffer.from(payload, 'base64url').toString('utf8'))
    if (claims === undefined) return { ok: false, problem: 'malformed' }
    if (claims.exp * 1000 <= now) return { ok: false, problem: 'expired' }
    return { ok: true, claims }
  }

  #mac(payload: string): Buffer {
    return createHmac('sha256', this.#secret).update(payload).digest()
  }
}

function parseClaims(json: string): TokenClaims | undefined {
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch {
    return undefined
  }
  if (typeof value !== 'object' || value === null) return undefined
  const { mapId, role, linkId, exp, participant } = value as Record<string, unknown>
  if (typeof mapId !== 'string' || typeof linkId !== 'string' || !isRole(role)) return undefined
  if (typeof exp !== 'number' || !Number.isInteger(exp)) return undefined
  if (participant === undefined) return { mapId, role, linkId, exp }
  const parsed = parseParticipant(participant)
  return parsed === undefined ? undefined : { mapId, role, linkId, exp, participant: parsed }
}

function parseParticipant(value: unknown): ParticipantClaims | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined
  const { id, name, agency } = value as Record<string, unknown>
  const bounded = (field: unknown): field is string =>
    typeof field === 'string' && field.length <= MAX_CLAIM_LENGTH
  if (!bounded(id) || id === '' || !bounded(name) || !bounded(agency)) return undefined
  return { id, name, agency }
}
