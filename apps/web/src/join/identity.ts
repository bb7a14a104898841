/** The name (and agency) a person joins with, remembered on this device for next time. */
export interface Identity {
  name: string
  agency: string
}

const NAME_KEY = 'mapboard:name'
const AGENCY_KEY = 'mapboard:agency'
const joinedKey = (mapId: string): string => `mapboard:joined:${mapId}`

export function rememberedIdentity(): Identity {
  const storage = safeLocal()
  return { name: storage?.getItem(NAME_KEY) ?? '', agency: storage?.getItem(AGENCY_KEY) ?? '' }
}

export function rememberIdentity(identity: Identity): void {
  const storage = safeLocal()
  storage?.setItem(NAME_KEY, identity.name)
  storage?.setItem(AGENCY_KEY, identity.agency)
}

/** Whether this tab already joined the map (a reload should not ask for the name again). */
export function joinedInThisTab(mapId: string): boolean {
  try {
    return window.sessionStorage.getItem(joinedKey(mapId)) === '1'
  } catch {
    return false
  }
}

export function markJoinedInThisTab(mapId: string): void {
  try {
    window.sessionStorage.setItem(joinedKey(mapId), '1')
  } catch {
    // Private mode without storage: the prompt simply shows again after a reload.
  }
}

function safeLocal(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
