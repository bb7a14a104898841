import { ROLES } from '@mapboard/protocol'
import type { Role } from '@mapboard/protocol'

export type InviteLinks = Record<Role, string>

const linksKey = (mapId: string): string => `mapboard:links:${mapId}`

/**
 * The invite links are returned once, to the chair who created the map. They are kept for the chair's tab
 * only (sessionStorage), so the Invite panel can show them again during the meeting.
 */
export function saveInviteLinks(mapId: string, links: InviteLinks): void {
  try {
    window.sessionStorage.setItem(linksKey(mapId), JSON.stringify(links))
  } catch {
    // Without storage the links are still shown once on the board.
  }
}

export function loadInviteLinks(mapId: string): InviteLinks | null {
  try {
    const raw = window.sessionStorage.getItem(linksKey(mapId))
    if (raw === null) return null
    const parsed: unknown = JSON.parse(raw)
    if (typeof parsed !== 'object' || parsed === null) return null
    const record = parsed as Record<string, unknown>
    const links: Partial<InviteLinks> = {}
    for (const role of ROLES) {
      const link = record[role]
      if (typeof link !== 'string') return null
      links[role] = link
    }
    return links as InviteLinks
  } catch {
    return null
  }
}

const arrivalKey = (mapId: string): string => `mapboard:invite-on-arrival:${mapId}`

/** The chair lands on the board with the Invite panel open, once, right after creating the map. */
export function markInviteOnArrival(mapId: string): void {
  try {
    window.sessionStorage.setItem(arrivalKey(mapId), '1')
  } catch {
    // The chair can still open the panel from the board.
  }
}

export function inviteOnArrival(mapId: string): boolean {
  try {
    return window.sessionStorage.getItem(arrivalKey(mapId)) === '1'
  } catch {
    return false
  }
}

export function clearInviteOnArrival(mapId: string): void {
  try {
    window.sessionStorage.removeItem(arrivalKey(mapId))
  } catch {
    // nothing to clear
  }
}
