/** The name (and agency) a person joins with, remembered on this device to fill the join form next time. */
export interface Identity {
  name: string
  agency: string
}

const NAME_KEY = 'mapboard:name'
const AGENCY_KEY = 'mapboard:agency'

export function rememberedIdentity(): Identity {
  const storage = safeLocal()
  return { name: storage?.getItem(NAME_KEY) ?? '', agency: storage?.getItem(AGENCY_KEY) ?? '' }
}

export function rememberIdentity(identity: Identity): void {
  const storage = safeLocal()
  storage?.setItem(NAME_KEY, identity.name)
  if (identity.agency !== '') storage?.setItem(AGENCY_KEY, identity.agency)
}

function safeLocal(): Storage | null {
  try {
    return window.localStorage
  } catch {
    return null
  }
}
