import type { JoinResponse } from '@mapboard/protocol'
import { readClaims, readExpiry } from '../board/readableClaims.ts'
import { isJoinResponse, withReportsPolicy } from './joinMap.ts'

/**
 * The join this device remembers for a map (decision 0025): the server's answer, with the participant token.
 *
 * Kept in localStorage per map, so a reload, a new tab or a reopened browser comes back as the same participant:
 * the server binds the Yjs client ids a participant writes under to that participant (decision 0014), and only
 * the same participant may send the changes this device kept while offline. The invite link's token is not kept
 * (the participant token carries its link id), and neither token is ever put in an address. "Remove this map from
 * this device", a refused or withdrawn link, or the token's expiry forget it.
 */
export type RememberedJoin = JoinResponse

const key = (mapId: string): string => `mapboard:joined:${mapId}`

/** Far more than a real join answer takes; a longer value did not come from this app. */
const MAX_STORED_LENGTH = 16_000

/** The remembered join in `raw` for `mapId`, or null if it is missing, garbled, for another map or expired. */
export function parseRememberedJoin(raw: string | null, mapId: string, now: number): RememberedJoin | null {
  if (raw === null || raw.length > MAX_STORED_LENGTH) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const { version, joined } = parsed as Record<string, unknown>
  if (version !== 1 || !isJoinResponse(joined) || joined.map.id !== mapId) return null
  const claims = readClaims(joined.token)
  // A token that says it is for another role, or for no link, is not the answer this app stored.
  if (claims.linkId === null || (claims.role !== null && claims.role !== joined.participant.role)) return null
  const expiry = readExpiry(joined.token)
  if (expiry !== null && expiry <= now) return null
  return withReportsPolicy(joined, joined.reportsPolicy)
}

/** Whether an invite link's token is the link this join came through (a different link means a new join). */
export function isSameLink(linkToken: string, remembered: RememberedJoin): boolean {
  const link = readClaims(linkToken).linkId
  return link !== null && link === readClaims(remembered.token).linkId
}

export function loadRememberedJoin(mapId: string): RememberedJoin | null {
  const storage = safeLocal()
  if (storage === null) return null
  const raw = storage.getItem(key(mapId))
  const remembered = parseRememberedJoin(raw, mapId, Date.now())
  // Unusable: not worth keeping on a shared computer either.
  if (remembered === null && raw !== null) storage.removeItem(key(mapId))
  return remembered
}

export function rememberJoin(mapId: string, joined: JoinResponse): void {
  try {
    safeLocal()?.setItem(key(mapId), JSON.stringify({ version: 1, joined }))
  } catch {
    // Storage full or refused: this tab works; a new one asks for the name again.
  }
}

export function forgetRememberedJoin(mapId: string): void {
  try {
    safeLocal()?.removeItem(key(mapId))
  } catch {
    // nothing to forget
  }
}

function safeLocal(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
