import { isRole } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'

/**
 * The role a token grants, if its claims are readable (a `<base64url JSON>.<signature>` or JWT-style token).
 * Used only to shape the interface; the server checks the signature and enforces the role.
 */
export function readTokenRole(token: string): Role | null {
  for (const part of token.split('.')) {
    const claims = decodeJsonPart(part)
    if (claims !== null && isRole(claims['role'])) return claims['role']
  }
  return null
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
