import { CloseCode } from '@mapboard/protocol'

/** Close codes after which the map is removed from the device (decision 0025). */
export const REMOVE_ON_CLOSE: ReadonlySet<number> = new Set([
  CloseCode.Unauthorized,
  CloseCode.Forbidden,
  CloseCode.MapNotFound,
])

const key = (mapId: string): string => `mapboard:ended:${mapId}`

/**
 * After a withdrawn or refused link wiped the map from this device, this tab still remembers how it ended (only
 * the close code, in sessionStorage), so a reload says "withdrawn" again instead of "this link is incomplete".
 */
export function rememberEnded(mapId: string, code: number): void {
  try {
    window.sessionStorage.setItem(key(mapId), String(code))
  } catch {
    // not kept: a reload shows the incomplete-link page instead
  }
}

/** How the map ended in this tab, if it did; anything but one of those close codes is ignored. */
export function endedHere(mapId: string): number | null {
  try {
    const code = Number(window.sessionStorage.getItem(key(mapId)))
    return REMOVE_ON_CLOSE.has(code) ? code : null
  } catch {
    return null
  }
}

export function forgetEnded(mapId: string): void {
  try {
    window.sessionStorage.removeItem(key(mapId))
  } catch {
    // nothing kept
  }
}
