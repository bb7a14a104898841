import { createHash, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import { HttpError } from './errors.ts'

/** Compares digests, so neither the token's content nor its length shows in the timing. */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

/** Whether the request carries `Authorization: Bearer <adminToken>`. */
export function hasAdminToken(request: FastifyRequest, adminToken: string): boolean {
  const header = request.headers.authorization
  const match = header === undefined ? null : /^Bearer +(.+?)\s*$/i.exec(header)
  return match?.[1] !== undefined && sameSecret(match[1], adminToken)
}

/** Refuses, with 401, a request without the admin token; `action` says what needed it ("Creating a map"). */
export function requireAdminToken(request: FastifyRequest, adminToken: string, action: string): void {
  if (!hasAdminToken(request, adminToken)) {
    throw new HttpError(401, 'UNAUTHORIZED', `${action} needs the admin token`)
  }
}
