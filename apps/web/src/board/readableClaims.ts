import { isRole } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'

/**
 * What a token says about itself, if its claims are readable (a `<base64url JSON>.<signature>` or JWT-style
 * token). Hints only, to word the join form and mark "your link" before the server has answered: the role that
 * shapes the board comes from the join response, and the server checks the signature and enforces everything.
 */
export interface ReadableClaims {
  role: Role | null
  linkId: string | null
}

export function readClaims(token: string): ReadableClaims {
  for (const part of token.split('.')) {
    const claims = decodeJsonPart(part)
    if (claims === null) continue
    const role = claims['role']
    const linkId = claims['linkId']
    if (isRole(role) || typeof linkId === 'string') {
      return { role: isRole(role) ? role : null, linkId: typeof linkId === 'string' ? linkId : null }
    }
  }
  return { role: null, linkId: null }
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  try {
    const base64 = part.replace(/-/g, '+').replace(/_/g, '/')
    const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4)
    const text = new TextDecoder().decode(Uint8Array.from(atob(padded), (c) => c.charCodeAt(0)))
    const value: unknown = JSON.parse(text)
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null
  } catch {
    return null
  }
}

/**
 * When a token says it expires, in milliseconds since the epoch (its `exp` claim is in seconds), or null if it
 * does not say. A hint like the others: the server refuses an expired token whatever this says.
 */
export function readExpiry(token: string): number | null {
  for (const part of token.split('.')) {
    const exp = decodeJsonPart(part)?.['exp']
    if (typeof exp === 'number' && Number.isFinite(exp)) return exp * 1000
  }
  return null
}
