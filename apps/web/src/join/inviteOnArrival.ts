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
