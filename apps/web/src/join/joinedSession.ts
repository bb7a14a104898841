import type { JoinResponse } from '@mapboard/protocol'
import { isJoinResponse } from './joinMap.ts'

/** What this tab keeps after joining a map: the join answer and the link it came from. */
export interface JoinedSession {
  /** The invite link's token this tab joined with; a different link in the address means a new join. */
  linkToken: string
  joined: JoinResponse
}

const key = (mapId: string): string => `mapboard:participant:${mapId}`

/**
 * Kept per tab (sessionStorage), so a reload reconnects as the same participant (and so still owns its notes)
 * without asking for the name again, while another tab or device joins as someone new.
 */
export function loadJoinedSession(mapId: string): JoinedSession | null {
  try {
    const raw = window.sessionStorage.getItem(key(mapId))
    if (raw === null) return null
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return null
    const { linkToken, joined } = parsed as Record<string, unknown>
    if (typeof linkToken !== 'string' || !isJoinResponse(joined) || joined.map.id !== mapId) return null
    return { linkToken, joined }
  } catch {
    return null
  }
}

export function saveJoinedSession(mapId: string, session: JoinedSession): void {
  try {
    window.sessionStorage.setItem(key(mapId), JSON.stringify(session))
  } catch {
    // Private mode without storage: a reload asks for the name again.
  }
}

export function forgetJoinedSession(mapId: string): void {
  try {
    window.sessionStorage.removeItem(key(mapId))
  } catch {
    // nothing to forget
  }
}
